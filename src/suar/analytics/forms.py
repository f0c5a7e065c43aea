"""Forms of the analytics pages; the public sign-up form asks for the least."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from suar.analytics.clicks import SOURCES
from suar.analytics.imports import PLATFORMS
from suar.analytics.models import Programme, SignUp
from suar.campaigns.models import Campaign


class RangeForm(forms.Form):
    # ISO format whatever the language: a type=date field shows nothing otherwise.
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class SignUpForm(forms.Form):
    name = forms.CharField(
        label=_("Name or nickname"),
        max_length=80,
        help_text=_("Any name you like to be called; it does not have to be your real name."),
    )
    contact_method = forms.ChoiceField(
        label=_("How should we reach you?"), choices=SignUp.ContactMethod.choices
    )
    contact = forms.CharField(
        label=_("Your number, address or handle"),
        max_length=200,
        help_text=_("Only the organisers of this programme see it, and only to contact you."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the organisers contact me about this programme."),
        error_messages={"required": _("Tick this box so the organisers may contact you.")},
    )
    via = forms.CharField(required=False, widget=forms.HiddenInput, max_length=16)
    s = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)
    p = forms.CharField(required=False, widget=forms.HiddenInput, max_length=12)
    c = forms.CharField(required=False, widget=forms.HiddenInput, max_length=60)
    token = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def clean_s(self) -> str:
        value = self.cleaned_data.get("s", "").strip().lower()
        return value if value in SOURCES else ""


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "kind",
            "title",
            "slug",
            "description",
            "starts_at",
            "location",
            "capacity",
            "campaign",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"slug": _("Part of the sign-up address; letters, numbers and dashes.")}

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["campaign"].queryset = Campaign.objects.filter(organisation=organisation)  # type: ignore[attr-defined]


class LinkForm(forms.Form):
    target = forms.ChoiceField(label=_("Link to"))
    label = forms.CharField(label=_("Label"), max_length=160, required=False)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, targets: list[tuple[str, str]], organisation: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets  # type: ignore[attr-defined]
        self.fields["campaign"].queryset = Campaign.objects.filter(organisation=organisation)  # type: ignore[attr-defined]


class SiteLinkForm(forms.Form):
    url = forms.URLField(label=_("Page on our website"), max_length=400, assume_scheme="https")
    source = forms.ChoiceField(
        label=_("Where you will post it (utm_source)"),
        choices=[
            (s, s)
            for s in (
                "instagram",
                "facebook",
                "x",
                "mastodon",
                "bluesky",
                "tiktok",
                "whatsapp",
                "email",
            )
        ],
    )
    campaign_name = forms.CharField(
        label=_("Campaign name (utm_campaign)"), max_length=80, required=False
    )
    content = forms.CharField(label=_("Which post (utm_content)"), max_length=80, required=False)
    label = forms.CharField(label=_("Label"), max_length=160, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV export file"))
    platform = forms.ChoiceField(
        label=_("Platform"),
        required=False,
        choices=[("", _("Recognise it from the columns"))]
        + [(p, p.title() if p != "x" else "X") for p in PLATFORMS],
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What is it for?"), max_length=80)
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        choices=[
            (30, _("30 days")),
            (90, _("90 days")),
            (365, _("1 year")),
            (0, _("until revoked")),
        ],
        initial=365,
    )


class WebsiteForm(forms.Form):
    website = forms.URLField(label=_("Our website"), required=False, assume_scheme="https")
