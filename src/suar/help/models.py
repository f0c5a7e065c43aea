"""The professional help directory: hotlines, therapists, counsellors, psychiatrists, rehab."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation

LANGUAGE_NAMES = {
    "id": _("Indonesian"),
    "en": _("English"),
    "jv": _("Javanese"),
    "su": _("Sundanese"),
    "ban": _("Balinese"),
    "zh": _("Chinese"),
}


class HelpService(models.Model):
    """One place a person can turn to. Without an organisation it is install-wide (curated by
    the people running Suar); with one, that organisation curates it. Hotlines marked
    `show_in_crisis` are what a person in crisis sees at once."""

    class Kind(models.TextChoices):
        HOTLINE = "hotline", _("Hotline")
        PSYCHOLOGIST = "psychologist", _("Psychologist or therapist")
        COUNSELLOR = "counsellor", _("Counsellor")
        PSYCHIATRIST = "psychiatrist", _("Psychiatrist")
        REHAB = "rehab", _("Rehabilitation centre")
        CLINIC = "clinic", _("Clinic or community health centre")
        SUPPORT_GROUP = "support_group", _("Support group")

    class Cost(models.TextChoices):
        FREE = "free", _("Free")
        LOW = "low", _("Low cost or sliding scale")
        PAID = "paid", _("Paid")

    class Bpjs(models.TextChoices):
        YES = "yes", _("BPJS accepted")
        NO = "no", _("BPJS not accepted")
        UNKNOWN = "unknown", _("BPJS: not known")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="help_services",
        verbose_name=_("curated by"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("what they offer"), max_length=2000, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    province = models.CharField(_("province"), max_length=80, blank=True)
    country = models.CharField(_("country"), max_length=2, default="ID", blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online = models.BooleanField(_("by phone or online"), default=False)
    # Comma-separated language codes (id, en, jv, ...): a short list, filtered with icontains.
    languages = models.CharField(_("languages"), max_length=60, default="id")
    cost = models.CharField(_("cost"), max_length=8, choices=Cost.choices, default=Cost.PAID)
    cost_note = models.CharField(_("about the cost"), max_length=200, blank=True)
    bpjs = models.CharField(
        _("national health insurance (BPJS)"),
        max_length=8,
        choices=Bpjs.choices,
        default=Bpjs.UNKNOWN,
    )
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("web address"), blank=True)
    hours = models.CharField(_("hours"), max_length=120, blank=True)
    show_in_crisis = models.BooleanField(
        _("show to someone in crisis"),
        default=False,
        help_text=_("Only free, verified services that answer quickly."),
    )
    priority = models.PositiveSmallIntegerField(_("order"), default=100)
    # Demo entries that are not real services say so on every page they appear.
    is_example = models.BooleanField(_("example entry"), default=False)
    source_url = models.URLField(_("source"), blank=True)
    verified_on = models.DateField(_("last verified"), null=True, blank=True)
    active = models.BooleanField(_("shown"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("help service")
        verbose_name_plural = _("help directory")
        ordering = ["priority", "name"]
        indexes = [models.Index(fields=["active", "kind", "priority"])]

    def __str__(self) -> str:
        return self.name

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def language_labels(self) -> list[str]:
        return [str(LANGUAGE_NAMES.get(code, code)) for code in self.language_list]

    @property
    def tel(self) -> str:
        """The number to dial, for a tel: link (extensions and spaces removed)."""
        first = self.phone.split(" ext")[0].split(",")[0]
        return "".join(ch for ch in first if ch.isdigit() or ch == "+")
