"""Suar: a bilingual platform for recovery communities that spread hope on social media."""

__version__ = "0.1.0"
