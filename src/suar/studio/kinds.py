"""Post kinds from the seed, each with a starting structure and writing guidance (id/en)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from suar.studio.models import PostKind


@dataclass(frozen=True)
class KindTemplate:
    kind: str
    body_id: str
    body_en: str
    guidance_id: str
    guidance_en: str

    def body(self, language: str | None = None) -> str:
        return self.body_en if (language or get_language() or "id")[:2] == "en" else self.body_id

    def guidance(self, language: str | None = None) -> str:
        lang = (language or get_language() or "id")[:2]
        return self.guidance_en if lang == "en" else self.guidance_id


# Stories and resources always go to a second person (docs/safety-guidelines.md: stories touch
# on lived experience, resources must carry verified contact details).
SENSITIVE_KINDS = frozenset({PostKind.STORY, PostKind.RESOURCE})

TEMPLATES: dict[str, KindTemplate] = {
    PostKind.STORY: KindTemplate(
        PostKind.STORY,
        "Dulu aku ...\n\nYang membantuku pulih: ...\n\nHari ini aku ...\n\n#CeritaPulih",
        "I used to ...\n\nWhat helped me recover: ...\n\nToday I ...\n\n#RecoveryStory",
        "Ceritakan harapan dan pemulihan, bukan detail cara atau zat. Minta izin pemilik cerita "
        "dan jangan sebut nama, usia atau alamat.",
        "Tell hope and recovery, not details of methods or substances. Ask the person whose "
        "story it is, and leave out names, ages and addresses.",
    ),
    PostKind.TIP: KindTemplate(
        PostKind.TIP,
        "Tips hari ini: ...\n\nKenapa ini membantu: ...\n\nCoba juga: ...",
        "Today's tip: ...\n\nWhy it helps: ...\n\nAlso try: ...",
        "Satu tips, kalimat pendek, bahasa sehari-hari.",
        "One tip, short sentences, everyday words.",
    ),
    PostKind.QUOTE: KindTemplate(
        PostKind.QUOTE,
        "\u201c...\u201d\n— (nama atau sumber)\n\nApa artinya buatmu?",
        "\u201c...\u201d\n— (name or source)\n\nWhat does it mean to you?",
        "Sebutkan sumber kutipan. Kutipan yang memberi harapan, bukan yang menyalahkan.",
        "Name the source. Choose words that give hope, not blame.",
    ),
    PostKind.RESOURCE: KindTemplate(
        PostKind.RESOURCE,
        "Butuh teman bicara? Kamu nggak sendirian.\n\n"
        "• Healing119.id — dukungan psikologis gratis\n• Telepon 119 ext 8 (SEJIWA)\n\n...",
        "Need someone to talk to? You are not alone.\n\n"
        "• Healing119.id — free psychological support (Indonesia)\n"
        "• Call 119 ext 8 (SEJIWA)\n• findahelpline.com elsewhere\n\n...",
        "Periksa lagi nomor dan jam layanan sebelum terbit; jangan cantumkan 500-454 (sudah "
        "ditutup).",
        "Check numbers and opening hours again before publishing; never list 500-454 (closed).",
    ),
    PostKind.ANNOUNCEMENT: KindTemplate(
        PostKind.ANNOUNCEMENT,
        "Sesi tanya jawab bersama ...\n\n📅 Tanggal: ...\n🕖 Jam: ... WIB\n📍 Di mana: ...\n\n"
        "Kirim pertanyaanmu lebih dulu: ...",
        "Live Q&A with ...\n\n📅 Date: ...\n🕖 Time: ... (WIB)\n📍 Where: ...\n\n"
        "Send your questions in advance: ...",
        "Tulis zona waktu (WIB/WITA/WIT) dan tautan pendek Suar ke sesi.",
        "State the time zone (WIB/WITA/WIT) and add a Suar short link to the session.",
    ),
    PostKind.CHALLENGE: KindTemplate(
        PostKind.CHALLENGE,
        "Tantangan 7 hari: ...\n\nCaranya: ...\n\nIkut dan cek-in tiap hari di: ...",
        "7-day challenge: ...\n\nHow: ...\n\nJoin and check in every day at: ...",
        "Tantangan yang aman dan mudah diikuti siapa saja; tanpa tekanan kalau terlewat.",
        "A safe challenge anyone can join; no pressure when someone misses a day.",
    ),
    PostKind.POLL: KindTemplate(
        PostKind.POLL,
        "Pertanyaan: ...?\n\nA) ...\nB) ...\nC) ...\n\nJawab di komentar ya!",
        "Question: ...?\n\nA) ...\nB) ...\nC) ...\n\nAnswer in the comments!",
        "Pertanyaan ringan yang mengundang orang bercerita, bukan yang menghakimi.",
        "A light question that invites people to share, not one that judges.",
    ),
}
