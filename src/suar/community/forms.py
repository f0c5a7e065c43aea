"""Forms of the community pages; the services do the checking, forms only parse."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import ROLE_PERMISSIONS, Perm
from suar.community.controls.models import ControlSettings
from suar.community.models import Group, Story

MARKUP_HELP = _("**bold**, *italic*, [link](https://…), lists with - at the start of a line.")


def new_token() -> str:
    return uuid.uuid4().hex


class StoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    body = forms.CharField(
        label=_("Your story"), widget=forms.Textarea(attrs={"rows": 10}), help_text=MARKUP_HELP
    )
    content_warning = forms.CharField(
        label=_("Content warning (optional)"),
        max_length=120,
        required=False,
        help_text=_("Readers see only this until they choose to open the story."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"), choices=Story.Visibility.choices, initial=Story.Visibility.GROUP
    )
    anonymous = forms.BooleanField(
        label=_("Post under my pseudonym in this group"),
        required=False,
        help_text=_("Other members never see who you are."),
    )
    image = forms.FileField(label=_("Image (optional)"), required=False)
    image_alt = forms.CharField(
        label=_("Describe the image (alt text)"),
        max_length=300,
        required=False,
        help_text=_("Required with an image, for people who use a screen reader."),
    )
    personal_data_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 4}), help_text=MARKUP_HELP
    )
    content_warning = forms.CharField(
        label=_("Content warning (optional)"), max_length=120, required=False
    )
    anonymous = forms.BooleanField(label=_("Reply under my pseudonym"), required=False)
    personal_data_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("A short message to the group's organisers (optional)"),
        max_length=300,
        required=False,
    )


class ControlsForm(forms.Form):
    content_warnings = forms.ChoiceField(
        label=_("Content warnings"), choices=ControlSettings.WarningPreference.choices
    )
    daily_limit_minutes = forms.IntegerField(
        label=_("Daily time limit (minutes)"),
        required=False,
        min_value=5,
        max_value=1440,
        help_text=_(
            "Leave empty for no limit. Suar shows a gentle reminder, it never locks you out."
        ),
    )
    muted_words = forms.CharField(
        label=_("Muted words and topics"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line: words, topics or a pseudonym. Stories that contain them are "
            "folded away with a note."
        ),
    )
    notify_replies = forms.BooleanField(label=_("Replies to my stories"), required=False)
    notify_reactions = forms.BooleanField(label=_("Reactions to my stories"), required=False)
    notify_group_requests = forms.BooleanField(
        label=_("Join requests in groups I moderate"), required=False
    )


class UnmaskForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to know who wrote this?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type HAPUS to confirm"),
        max_length=10,
    )

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"]
        if value.strip().upper() not in ("HAPUS", "DELETE"):
            raise forms.ValidationError(_("Type HAPUS to confirm."))
        return value


def managed_organisations(user: User) -> Any:
    roles = [str(r) for r, perms in ROLE_PERMISSIONS.items() if Perm.MANAGE_GROUPS in perms]
    managed = Membership.objects.filter(user=user, role__in=roles).values("organisation_id")
    return Organisation.objects.filter(pk__in=managed)


class GroupForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    rules = forms.CharField(
        label=_("Group rules"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
        help_text=_("Shown before someone joins. One rule per line."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can find and read the group"),
        choices=Group.Visibility.choices,
        help_text=_("A private group is hidden from outsiders; people join by request or link."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = managed_organisations(user)  # type: ignore[attr-defined]


class GroupEditForm(forms.Form):
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    rules = forms.CharField(
        label=_("Group rules"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
    )
    visibility = forms.ChoiceField(
        label=_("Who can find and read the group"), choices=Group.Visibility.choices
    )
    moderators = forms.ModelMultipleChoiceField(
        label=_("Group moderators"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They approve join requests and share invitation links."),
    )

    def __init__(self, *args: Any, group: Group, manager: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if manager:
            members = group.members.order_by("display_name", "username")[:500]
            self.fields["moderators"].queryset = User.objects.filter(  # type: ignore[attr-defined]
                pk__in=[m.pk for m in members]
            )
            self.fields["moderators"].label_from_instance = lambda person: person.public_name  # type: ignore[attr-defined]
        else:
            del self.fields["visibility"], self.fields["moderators"]
