from django import forms
from django.contrib.auth import get_user_model


class AddMemberForm(forms.Form):
    email = forms.EmailField(
        label="Email address of the person to add",
        help_text="They must already have an account on this site.",
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(
                "Nobody has an account with that email address. Ask them to sign up first."
            )
        if self.network.memberships.filter(user=user).exists():
            raise forms.ValidationError(f"{user} is already a member of this network.")
        self.user = user
        return email
