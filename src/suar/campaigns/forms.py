"""Forms organisers use to set up campaigns, sponsors and caps."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation
from suar.accounts.permissions import AnyUser, has_perm
from suar.accounts.roles import Perm
from suar.campaigns.models import Action, Campaign, Platform, Pledge, validate_time_zone


class CampaignForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    name = forms.CharField(label=_("Name"), max_length=160)
    slug = forms.SlugField(label=_("Address (slug)"), max_length=60)
    hashtags = forms.CharField(
        label=_("Hashtags"), help_text=_("Separated by spaces or commas, without #")
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    actions = forms.MultipleChoiceField(
        label=_("Actions that count"),
        choices=Action.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Action.POST_WITH_HASHTAG.value],
        help_text=_("On every platform not listed below."),
    )
    platform_rules = forms.CharField(
        label=_("Rules per platform"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    burst_limit = forms.IntegerField(
        label=_("Interactions per account per minute that count"),
        min_value=1,
        initial=10,
        required=False,
    )
    duplicate_text_accounts = forms.IntegerField(
        label=_("Accounts that may post the same text before it is filtered"),
        min_value=2,
        initial=50,
        required=False,
    )
    starts_at = forms.DateTimeField(label=_("Starts at"), help_text=_("In the time zone below"))
    ends_at = forms.DateTimeField(label=_("Ends at"))
    time_zone = forms.CharField(label=_("Time zone"), initial="Asia/Jakarta")
    is_public = forms.BooleanField(label=_("Public page"), required=False)

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = (
            [
                m.organisation.pk
                for m in user.memberships.select_related("organisation")
                if has_perm(user, Perm.MANAGE_CAMPAIGNS, m.organisation)
            ]
            if user.is_authenticated
            else []
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=orgs)  # type: ignore[attr-defined]
        # Built here, not at import, so it is in the language of the request.
        self.fields["platform_rules"].help_text = gettext(
            "One platform a line, e.g. “mastodon: post_with_hashtag, repost”. "
            "Platforms: %(platforms)s. Actions: %(actions)s."
        ) % {
            "platforms": ", ".join(p.value for p in Platform),
            "actions": ", ".join(a.value for a in Action),
        }

    def clean_time_zone(self) -> str:
        value: str = self.cleaned_data["time_zone"]
        validate_time_zone(value)
        return value

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if Campaign.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("This address is taken; choose another."))
        return slug

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        import zoneinfo

        zone = data.get("time_zone")
        if zone:
            tz = zoneinfo.ZoneInfo(zone)
            for name in ("starts_at", "ends_at"):
                if data.get(name):
                    # The organiser typed local times of the campaign's own zone.
                    data[name] = data[name].replace(tzinfo=None).replace(tzinfo=tz)
        tags = str(data.get("hashtags", "")).replace(",", " ").split()
        data["hashtags"] = [t.lstrip("#").lower() for t in tags]
        if not data["hashtags"]:
            self.add_error("hashtags", _("Give at least one hashtag."))
        # Left empty: the defaults the model states (and the public page explains).
        defaults = {"burst_limit": 10, "duplicate_text_accounts": 50}  # as in the model
        for name, default in defaults.items():
            if data.get(name) is None:
                data[name] = default
        rules: dict[str, list[str]] = {"*": list(data.pop("actions", []))}
        rules.update(self._platform_rules(str(data.pop("platform_rules", "") or "")))
        data["rules"] = rules
        return data

    def _platform_rules(self, text: str) -> dict[str, list[str]]:
        platforms = {p.value for p in Platform}
        actions = {a.value for a in Action}
        rules: dict[str, list[str]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            platform, _sep, listed = line.partition(":")
            platform = platform.strip().lower()
            chosen = [a.strip().lower() for a in listed.replace(";", ",").split(",") if a.strip()]
            unknown = [a for a in chosen if a not in actions]
            if platform not in platforms or unknown or not _sep:
                self.add_error(
                    "platform_rules",
                    _("Line %(n)s: write a platform, a colon and its actions (%(line)s).")
                    % {"n": number, "line": line.strip()[:60]},
                )
                continue
            rules[platform] = chosen
        return rules


class SponsorForm(forms.Form):
    name = forms.CharField(label=_("Sponsor"), max_length=160)
    rate = forms.DecimalField(
        label=_("Amount per interaction"), min_value=Decimal(0), max_digits=14, decimal_places=4
    )
    currency = forms.CharField(label=_("Currency"), initial="IDR", max_length=3)
    cap = forms.DecimalField(
        label=_("Cap"), required=False, min_value=Decimal(0), max_digits=18, decimal_places=2
    )
    matches_from = forms.DateTimeField(label=_("Matching from"), required=False)
    matches_until = forms.DateTimeField(label=_("Matching until"), required=False)

    def clean_currency(self) -> str:
        value = str(self.cleaned_data["currency"]).strip().upper()
        if len(value) != 3 or not value.isascii() or not value.isalpha():
            raise forms.ValidationError(_("Use a three-letter currency code such as IDR or USD."))
        return value


class CapForm(forms.Form):
    pledge = forms.ModelChoiceField(queryset=Pledge.objects.none(), label=_("Pledge"))
    amount = forms.DecimalField(
        label=_("New cap"), required=False, min_value=Decimal(0), max_digits=18, decimal_places=2
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pledge"].queryset = Pledge.objects.filter(  # type: ignore[attr-defined]
            sponsor__campaign=campaign
        ).select_related("sponsor")


__all__ = ["CampaignForm", "CapForm", "Platform", "SponsorForm"]
