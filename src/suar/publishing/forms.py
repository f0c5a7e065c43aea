"""Forms of the connect page: which organisation, and what each platform needs to start."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation


class OrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if len(organisations) == 1:
            field.initial = organisations[0].pk


class MastodonForm(OrganisationForm):
    instance = forms.CharField(
        label=_("Mastodon server"),
        max_length=200,
        help_text=_("For example mastodon.social"),
    )


class BlueskySignInForm(OrganisationForm):
    """atproto OAuth: the person signs in on their own server's page; Suar never sees a
    password. A server alone (no handle) works too, for who does not remember the handle."""

    handle = forms.CharField(
        label=_("Bluesky handle"),
        max_length=253,
        required=False,
        help_text=_("For example name.bsky.social"),
    )
    server = forms.CharField(
        label=_("Your own server (leave empty for Bluesky)"), max_length=200, required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("handle", "").strip() and not cleaned.get("server", "").strip():
            raise forms.ValidationError(
                _("Enter your Bluesky handle, for example name.bsky.social.")
            )
        return cleaned


class BlueskyForm(OrganisationForm):
    """An app password, the alternative (a PDS without OAuth, or a person's preference)."""

    identifier = forms.CharField(label=_("Bluesky handle"), max_length=200)
    app_password = forms.CharField(
        label=_("App password"),
        max_length=100,
        widget=forms.PasswordInput,
        help_text=_(
            "Create one in Bluesky: Settings → Privacy and security → App passwords. "
            "Suar keeps only the session, not the password."
        ),
    )
    service = forms.CharField(
        label=_("Server (leave empty for bsky.social)"), max_length=200, required=False
    )


class ExportForm(OrganisationForm):
    name = forms.CharField(
        label=_("Name of the export"),
        max_length=200,
        help_text=_("For example: our Instagram, posted by hand"),
    )
