"""allauth's forms in the site's words (ACCOUNT_FORMS): sentence case, UK English, messages
that say what to enter, and labels without placeholders, as NHS.UK forms have."""

from allauth.account import forms

EMAIL = ("Email address", "Enter your email address")
PASSWORD = ("Password", "Enter your password")


class SiteWording:
    wording = {}  # field name: (label, message when it is left empty)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            label, required = self.wording.get(name, (field.label, None))
            field.label = label
            if required:
                field.error_messages["required"] = required
        for name in ["password", "oldpassword"]:
            if name in self.fields:
                # allauth puts "Forgot your password?" here, between the label and the box;
                # the templates show "Forgotten your password?" after the password instead.
                self.fields[name].help_text = ""


class LoginForm(SiteWording, forms.LoginForm):
    wording = {
        "login": EMAIL,
        "password": PASSWORD,
        "remember": ("Keep me signed in on this device", None),
    }


class ReauthenticateForm(SiteWording, forms.ReauthenticateForm):
    wording = {"password": PASSWORD}


class SignupForm(SiteWording, forms.SignupForm):
    wording = {
        "email": EMAIL,
        "password1": ("Password", "Enter a password"),
        "password2": ("Confirm password", "Enter the password again"),
    }


class AddEmailForm(SiteWording, forms.AddEmailForm):
    wording = {"email": EMAIL}


class ResetPasswordForm(SiteWording, forms.ResetPasswordForm):
    wording = {"email": EMAIL}


NEW_PASSWORD = {
    "password1": ("New password", "Enter a new password"),
    "password2": ("Confirm new password", "Enter the new password again"),
}


class ResetPasswordKeyForm(SiteWording, forms.ResetPasswordKeyForm):
    wording = NEW_PASSWORD


class ChangePasswordForm(SiteWording, forms.ChangePasswordForm):
    wording = {"oldpassword": ("Current password", "Enter your current password"), **NEW_PASSWORD}


class SetPasswordForm(SiteWording, forms.SetPasswordForm):
    wording = {
        "password1": ("Password", "Enter a password"),
        "password2": ("Confirm password", "Enter the password again"),
    }
