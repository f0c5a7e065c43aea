"""Suar's own settings plus one bench-only URL: the bare Django view bench/pages.py compares with.

The production server (`suar serve`) reads DJANGO_SETTINGS_MODULE from the environment, so the
bench starts it with this module: same middleware, same database, same gunicorn, one more URL.
"""

from suar.settings import *  # noqa: F403

ROOT_URLCONF = "pages_bare_urls"
