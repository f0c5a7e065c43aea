"""The form for creating a poll; ballots are parsed in the view (the options vary)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import ROLE_PERMISSIONS, Perm
from suar.community.models import Group
from suar.polls.models import Poll

LOCAL_DATETIME = "%Y-%m-%dT%H:%M"


class PollForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    group = forms.ModelChoiceField(
        queryset=Group.objects.none(),
        required=False,
        label=_("Group"),
        help_text=_("Leave empty for a poll open to everyone."),
    )
    question = forms.CharField(label=_("Question"), max_length=200)
    kind = forms.ChoiceField(label=_("Answers"), choices=Poll.Kind.choices)
    options = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One option per line, 2 to 10 options."),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at (WIB)"),
        input_formats=[LOCAL_DATETIME],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_DATETIME),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = [str(r) for r, perms in ROLE_PERMISSIONS.items() if Perm.MANAGE_GROUPS in perms]
        managed = Membership.objects.filter(user=user, role__in=roles).values("organisation_id")
        organisations = Organisation.objects.filter(pk__in=managed)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["group"].queryset = Group.objects.filter(  # type: ignore[attr-defined]
            organisation__in=organisations
        )

    def option_lines(self) -> list[str]:
        return self.cleaned_data["options"].splitlines()
