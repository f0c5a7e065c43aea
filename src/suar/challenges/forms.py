"""Forms for creating a challenge and checking in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import ROLE_PERMISSIONS, Perm
from suar.challenges.models import NOTE_MAX_LENGTH
from suar.community.models import Group


class CheckInForm(forms.Form):
    note = forms.CharField(
        label=_("A short note for yourself (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX_LENGTH}),
        help_text=_("Only you can see this note."),
    )


class ChallengeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    group = forms.ModelChoiceField(
        queryset=Group.objects.none(),
        required=False,
        label=_("Group"),
        help_text=_("Leave empty for a challenge open to everyone."),
    )
    title = forms.CharField(label=_("Title"), max_length=80, help_text=_("e.g. 30 days smoke-free"))
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea
    )
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    length_days = forms.IntegerField(label=_("Length in days"), min_value=1, max_value=366)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = [str(r) for r, perms in ROLE_PERMISSIONS.items() if Perm.MANAGE_GROUPS in perms]
        managed = Membership.objects.filter(user=user, role__in=roles).values("organisation_id")
        organisations = Organisation.objects.filter(pk__in=managed)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["group"].queryset = Group.objects.filter(  # type: ignore[attr-defined]
            organisation__in=organisations
        )
