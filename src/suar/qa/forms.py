"""Forms for asking, answering and scheduling Q&A sessions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import ROLE_PERMISSIONS, Perm
from suar.community.models import Group
from suar.qa.models import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH

LOCAL_DATETIME = "%Y-%m-%dT%H:%M"


class AskForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A moderator reads every question before it is shown."),
    )
    anonymous = forms.BooleanField(
        label=_("Ask anonymously"),
        required=False,
        help_text=_("Others, the expert included, see “Anonymous” instead of your name."),
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _roles_with(perm: Perm) -> list[str]:
    return [str(role) for role, perms in ROLE_PERMISSIONS.items() if perm in perms]


class SessionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    group = forms.ModelChoiceField(
        queryset=Group.objects.none(),
        required=False,
        label=_("Group"),
        help_text=_("Leave empty for a session open to everyone."),
    )
    title = forms.CharField(label=_("Title"), max_length=160)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=4000, widget=forms.Textarea
    )
    expert = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Expert"))
    starts_at = forms.DateTimeField(
        label=_("Starts at (WIB)"),
        input_formats=[LOCAL_DATETIME],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_DATETIME),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at (WIB)"),
        input_formats=[LOCAL_DATETIME],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_DATETIME),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        managed = Membership.objects.filter(
            user=user, role__in=_roles_with(Perm.MANAGE_GROUPS)
        ).values("organisation_id")
        organisations = Organisation.objects.filter(pk__in=managed)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["group"].queryset = Group.objects.filter(  # type: ignore[attr-defined]
            organisation__in=organisations
        )
        self.fields["expert"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True,
            memberships__organisation__in=organisations,
            memberships__role__in=_roles_with(Perm.ANSWER_QA),
        ).distinct()
