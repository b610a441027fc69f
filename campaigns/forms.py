"""The pledge form: who signs, and three consents, each asked on its own."""

from django import forms

from core.text import one_line
from core.vocabulary import Region


class SignatureForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=200, validators=[one_line()])
    organisation = forms.CharField(
        label="Your organisation", max_length=200, validators=[one_line()]
    )
    role = forms.CharField(label="Your role", max_length=200, validators=[one_line()])
    region = forms.ChoiceField(
        label="Your region", choices=[("", "Choose a region"), *Region.choices]
    )
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="We email you a link to confirm your signature: it counts once confirmed.",
    )
    listed_publicly = forms.BooleanField(
        label="List my name, role and organisation on this page as a supporter", required=False
    )
    contact_by_lead = forms.BooleanField(
        label="My region's lead may contact me about the campaign", required=False
    )
    wants_updates = forms.BooleanField(label="Email me the campaign's updates", required=False)
    # A honeypot: hidden from people (the `hidden` wrapper), filled in by many bots.
    website = forms.CharField(label="Leave this empty", required=False)

    @property
    def caught_a_bot(self):
        return bool(self.data.get("website"))

    def signature_details(self):
        data = dict(self.cleaned_data)
        data.pop("website", None)
        return data
