"""Forms of the moderation pages: report, decide, appeal, answer an appeal, record contact."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from suar.moderation.models import CrisisAlert, Decision, Report


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"), choices=Decision.Action.choices)
    reason = forms.CharField(
        label=_("Reason (the person will see it)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    content_warning = forms.CharField(
        label=_("Content warning to show"), required=False, max_length=120
    )
    hours = forms.IntegerField(
        label=_("Mute for (hours)"), required=False, min_value=1, max_value=720
    )
    days = forms.IntegerField(
        label=_("Suspend for (days; empty: until lifted)"),
        required=False,
        min_value=1,
        max_value=365,
    )
    label = forms.ChoiceField(
        label=_("What was it really? (teaches the safety check)"),
        choices=[("auto", _("As the decision suggests")), *Decision.Label.choices],
        required=False,
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should the decision change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AppealDecisionForm(forms.Form):
    overturn = forms.TypedChoiceField(
        label=_("Outcome"),
        choices=[("0", _("Keep the decision")), ("1", _("Reverse the decision"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label=_("Answer to the person"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ContactForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How did you reach out?"), choices=CrisisAlert.Channel.choices
    )
    message = forms.CharField(
        label=_("Private message to the person (for “Private message in Suar”)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    note = forms.CharField(
        label=_("Note for the moderators (never shown to the person)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DutyForm(forms.Form):
    hours = forms.IntegerField(label=_("Hours on duty"), min_value=0, max_value=24, initial=8)
