"""What a step's Back link keeps (lessons/sharing/views.py).

A step's Back link is a button of the step's form (NHS.UK: a back link takes the champion to
the previous page without losing what they gave). What was typed is saved, as "Save and
continue" would; what cannot be saved yet (it has a problem) is kept in the session and shown
again, as typed and with its errors, when the step is next opened.
"""

from django.contrib import messages
from django.http import QueryDict

KEPT = "lessons.sharing.kept"


def going_back(request):
    return request.method == "POST" and request.POST.get("then") == "back"


def keep(request, key, title):
    kept = request.session.get(KEPT, {})
    kept[key] = {
        name: request.POST.getlist(name)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", "then")
    }
    request.session[KEPT] = kept
    messages.info(
        request,
        f"What you typed on “{title}” is kept but not saved yet: it has a problem to fix. "
        "You will find it there as you left it.",
    )


def kept(request, key):
    """The form data kept for this step when its Back link was pressed (once), or None."""
    if request.method == "POST" or key not in request.session.get(KEPT, {}):
        return None
    kept = request.session[KEPT]
    data = QueryDict(mutable=True)
    for name, values in kept.pop(key).items():
        data.setlist(name, values)
    request.session[KEPT] = kept
    return data
