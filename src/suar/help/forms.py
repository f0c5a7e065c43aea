"""The form organisations use to curate an entry of the help directory."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from suar.help.models import HelpService
from suar.help.services import FIELDS


class HttpsURLField(forms.URLField):
    """A web address typed without a scheme ("healing119.id") means https."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)  # type: ignore[arg-type]


class HelpServiceForm(forms.ModelForm[HelpService]):
    class Meta:
        model = HelpService
        fields = list(FIELDS)
        field_classes = {"url": HttpsURLField, "source_url": HttpsURLField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "verified_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"languages": _("Codes separated by commas, e.g. id, en, jv.")}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *HelpService.Kind.choices]
    )
    city = forms.CharField(label=_("City or province"), required=False, max_length=80)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), ("id", "Bahasa Indonesia"), ("en", "English"),
                 ("jv", "Basa Jawa"), ("su", "Basa Sunda")],
    )  # fmt: skip
    cost = forms.ChoiceField(
        label=_("Cost"), required=False, choices=[("", _("Any cost")), *HelpService.Cost.choices]
    )
    bpjs = forms.BooleanField(label=_("Accepts BPJS"), required=False)
    online = forms.BooleanField(label=_("By phone or online"), required=False)
