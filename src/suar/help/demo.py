"""Demo content of the help directory. The public crisis lines are real (from the safety
guidelines; the migration adds them to every install, this keeps the demo whole if an
operator removed them); every other entry is an invented example and says so on its page."""

from __future__ import annotations

from typing import Any

from suar.accounts.models import Organisation, User
from suar.community.models import Group
from suar.help.models import HelpService

REAL_LINES: list[dict[str, Any]] = [
    {"name": "SEJIWA", "kind": "hotline", "phone": "119 ext. 8", "cost": "free", "online": True,
     "show_in_crisis": True, "priority": 20, "languages": "id",
     "description": "Telekonseling kesehatan jiwa sejak April 2020 (layanan 119, ekstensi 8)."},
    {"name": "Healing119.id (Kementerian Kesehatan)", "kind": "hotline", "phone": "119",
     "url": "https://healing119.id", "cost": "free", "online": True, "show_in_crisis": True,
     "priority": 10, "languages": "id",
     "description": "Dukungan psikologis gratis dan anonim dari Kementerian Kesehatan."},
]  # fmt: skip

EXAMPLES: list[dict[str, Any]] = [
    {"name": "Contoh: Biro Psikologi Harapan", "kind": "psychologist", "city": "Yogyakarta",
     "province": "DI Yogyakarta", "languages": "id,jv,en", "cost": "paid",
     "cost_note": "Rp150.000-250.000 per sesi", "bpjs": "no", "phone": "0274-000-000",
     "description": "Konseling individu dan pasangan. Entri contoh untuk demo."},
    {"name": "Contoh: Puskesmas Sehat Jiwa", "kind": "clinic", "city": "Bandung",
     "province": "Jawa Barat", "languages": "id,su", "cost": "low", "bpjs": "yes",
     "cost_note": "Gratis dengan BPJS", "description": "Layanan kesehatan jiwa tingkat pertama "
     "dan rujukan ke psikiater. Entri contoh untuk demo."},
    {"name": "Example: Dr. Maya, Psychiatrist", "kind": "psychiatrist", "city": "Jakarta Selatan",
     "province": "DKI Jakarta", "languages": "id,en", "cost": "paid", "bpjs": "yes",
     "online": True, "description": "Adult psychiatry, online consultations. Example entry."},
    {"name": "Contoh: Rumah Pemulihan Sahabat", "kind": "rehab", "city": "Bogor",
     "province": "Jawa Barat", "languages": "id", "cost": "low", "bpjs": "unknown",
     "cost_note": "Biaya sesuai kemampuan", "description": "Rehabilitasi rawat jalan dan inap "
     "untuk gangguan penggunaan zat; terdaftar sebagai IPWL. Entri contoh untuk demo."},
    {"name": "Contoh: Konselor Sebaya Online", "kind": "counsellor", "languages": "id",
     "cost": "free", "online": True, "description": "Konseling sebaya lewat chat, "
     "Senin-Jumat 19.00-22.00. Entri contoh untuk demo."},
]  # fmt: skip


def load(*, organisation: Organisation, people: dict[str, User], groups: dict[str, Group]) -> None:
    """Idempotent: running it twice changes nothing."""
    for line in REAL_LINES:
        HelpService.objects.get_or_create(
            name=line["name"], organisation=None, defaults={**line, "country": "ID"}
        )
    for example in EXAMPLES:
        HelpService.objects.get_or_create(
            name=example["name"],
            organisation=organisation,
            defaults={**example, "is_example": True, "country": "ID"},
        )
