"""Forms of the Studio pages; the services do the real validation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation
from suar.campaigns.models import Campaign
from suar.publishing.limits import PLATFORM_LIMITS
from suar.publishing.models import ConnectedAccount
from suar.studio.campaign_link import joinable_campaigns
from suar.studio.models import MAX_ALT_TEXT, MAX_TEXT, PostKind


class PostForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation"), empty_label=None
    )
    kind = forms.ChoiceField(choices=PostKind.choices, label=_("Kind"))
    title = forms.CharField(
        max_length=120, label=_("Working title"), help_text=_("Only your team sees this.")
    )
    text = forms.CharField(
        max_length=MAX_TEXT, label=_("Text"), widget=forms.Textarea(attrs={"rows": 10})
    )
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(),
        required=False,
        label=_("Campaign"),
        empty_label=_("No campaign"),
        help_text=_("Its hashtags are suggested, and the post counts for it."),
    )

    def __init__(
        self,
        *args: Any,
        organisations: list[Organisation],
        campaign: Campaign | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if len(organisations) == 1:
            field.widget = forms.HiddenInput()
        choices = [c.pk for org in organisations for c in joinable_campaigns(org, keep=campaign)]
        campaign_field = self.fields["campaign"]
        assert isinstance(campaign_field, forms.ModelChoiceField)
        campaign_field.queryset = Campaign.objects.filter(pk__in=choices).order_by("starts_at")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        campaign, organisation = data.get("campaign"), data.get("organisation")
        if campaign and organisation and campaign.organisation_id != organisation.pk:
            self.add_error("campaign", _("Choose a campaign of this organisation."))
        return data


class MediaForm(forms.Form):
    image = forms.ImageField(label=_("Image"), help_text=_("JPEG, PNG or WebP, up to 8 MB."))
    alt_text = forms.CharField(
        max_length=MAX_ALT_TEXT,
        label=_("Alt text"),
        help_text=_("Describe the image for people who cannot see it. Required."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


PLATFORM_CHOICES = [(key, limits.name) for key, limits in PLATFORM_LIMITS.items()]


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    accounts = forms.ModelMultipleChoiceField(
        queryset=ConnectedAccount.objects.none(),
        label=_("Accounts"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one account to publish to.")},
    )

    def __init__(self, *args: Any, accounts: list[ConnectedAccount], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["accounts"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = ConnectedAccount.objects.filter(pk__in=[a.pk for a in accounts])

    def clean_publish_at(self) -> dt.datetime:
        # The zone is applied by the view (the organisation's); keep what was typed.
        value: dt.datetime = self.cleaned_data["publish_at"]
        return value.replace(tzinfo=None) if value.tzinfo else value


class CommentForm(forms.Form):
    body = forms.CharField(
        max_length=2000, label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ShortLinkForm(forms.Form):
    target = forms.ChoiceField(label=_("Link to"))
    label = forms.CharField(max_length=160, required=False, label=_("Label"))

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets  # type: ignore[attr-defined]
