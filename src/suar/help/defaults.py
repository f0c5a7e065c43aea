"""The national crisis lines a person is shown when an install has none in its directory
(deleted, or not migrated yet): a person in crisis never meets an empty list.

Source: /work/shared/docs/safety-guidelines.md, "Help resources in Indonesia" (the migration
0002_crisis_lines stores the same lines as editable data).
"""

from __future__ import annotations

from suar.help.models import HelpService

_LINES = [
    ("Healing119.id (Kementerian Kesehatan)", "119", "https://healing119.id", "ID",
     "Dukungan psikologis gratis dan anonim dari Kementerian Kesehatan."),
    ("SEJIWA", "119 ext. 8", "", "ID",
     "Telekonseling kesehatan jiwa sejak April 2020 (layanan 119, ekstensi 8)."),
    ("Find A Helpline", "", "https://findahelpline.com", "",
     "Layanan bantuan gratis, rahasia dan dijawab manusia di lebih dari 130 negara."),
]  # fmt: skip


def crisis_lines() -> list[HelpService]:
    """Unsaved entries, for showing only."""
    return [
        HelpService(
            kind=HelpService.Kind.HOTLINE,
            name=name,
            phone=phone,
            url=url,
            country=country,
            description=description,
            cost=HelpService.Cost.FREE,
            show_in_crisis=True,
            online=True,
        )
        for name, phone, url, country, description in _LINES
    ]
