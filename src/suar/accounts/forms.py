"""Forms for signing up and changing one's own settings; errors come in the person's language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import User


class SignUpForm(UserCreationForm[User]):
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_(
            "Only used to reset your password. Without an e-mail a forgotten password "
            "cannot be recovered."
        ),
    )
    display_name = forms.CharField(
        label=_("Display name (optional)"),
        required=False,
        max_length=60,
        help_text=_("The name other members see. A pseudonym is fine."),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "email")

    def clean_email(self) -> str:
        email: str = self.cleaned_data.get("email", "").strip()
        if email and User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("This e-mail is already used by another account."))
        return email


class ProfileForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ("display_name", "email", "language")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False

    def clean_email(self) -> str:
        email: str = self.cleaned_data.get("email", "").strip()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if email and taken.exists():
            raise forms.ValidationError(_("This e-mail is already used by another account."))
        return email
