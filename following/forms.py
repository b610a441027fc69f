from django import forms

from following.models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}
        labels = {"frequency": "How often should we email you about what you follow?"}
        error_messages = {
            "frequency": {
                "required": "Select how often we should email you",
                "invalid_choice": "Select how often we should email you, from the choices given",
            }
        }
        help_texts = {
            "frequency": "A digest lists what is new since the last one, and is not sent when "
            "nothing is new."
        }
