"""Co-authors: the lesson's champion adds fellow members who wrote it with them
(/lessons/share/<id>/co-authors/). A fellow member is a member of a network the champion
belongs to, and of the lesson's own network when the lesson is members-only (so every author
may read it). Co-authors then edit and submit the draft like its champion, and never review
it (lessons/models/authors.py is the rule everything asks)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from core.vocabulary import Visibility
from lessons.models import CoAuthor
from lessons.sharing.views import champions_only
from network.models import Membership


def fellow_members(champion, lesson):
    """Whom the champion may add: active members of their networks (and of the lesson's
    network, for a members-only lesson), not already its authors."""
    people = get_user_model().objects.filter(
        is_active=True,
        memberships__network__in=Membership.objects.filter(user=champion).values("network"),
    )
    if lesson.visibility == Visibility.MEMBERS and lesson.network_id:
        people = people.filter(
            pk__in=Membership.objects.filter(network=lesson.network_id).values("user")
        )
    return people.exclude(pk__in=lesson.authors().values("pk")).distinct()


class CoAuthorForm(forms.Form):
    email = forms.EmailField(
        label="Email address of the co-author",
        help_text="A member of one of your networks who wrote this lesson with you.",
        max_length=254,
        error_messages={
            "required": "Enter the email address of the co-author",
            "invalid": (
                "Enter the co-author's email address in the right format, like name@example.nhs.uk"
            ),
        },
    )

    def __init__(self, *args, champion, lesson, **kwargs):
        super().__init__(*args, **kwargs)
        self.champion, self.lesson = champion, lesson

    def clean_email(self):
        email = self.cleaned_data["email"]
        person = fellow_members(self.champion, self.lesson).filter(email__iexact=email).first()
        if person is None:
            # The same words whether or not someone has that address: nobody learns who is here.
            where = (
                f"of {self.lesson.network.title}"
                if self.lesson.visibility == Visibility.MEMBERS and self.lesson.network_id
                else "of your networks"
            )
            raise forms.ValidationError(
                f"Enter the email address of a member {where} who is not already an author"
            )
        self.person = person
        return email


@champions_only
@require_http_methods(["GET", "POST"])
def co_authors(request, lesson):
    if lesson.owner_id != request.user.pk:
        raise Http404("Only the lesson's champion adds co-authors")
    form = CoAuthorForm(None, champion=request.user, lesson=lesson)
    if request.method == "POST" and "remove" in request.POST:
        removed = CoAuthor.objects.filter(lesson=lesson, user=request.POST["remove"] or 0)
        if request.POST["remove"].isdigit() and removed.delete()[0]:
            messages.success(request, "The co-author was removed.")
        return redirect("lessons:share_co_authors", lesson.pk)
    if request.method == "POST":
        form = CoAuthorForm(request.POST, champion=request.user, lesson=lesson)
        if form.is_valid():
            try:
                with transaction.atomic():
                    CoAuthor.objects.create(lesson=lesson, user=form.person)
            except IntegrityError:
                pass  # added meanwhile, by another tab
            messages.success(request, f"{form.person.email} is now a co-author.")
            return redirect("lessons:share_co_authors", lesson.pk)
    return TemplateResponse(
        request,
        "lessons/share/co_authors.html",
        {"lesson": lesson, "form": form, "co_authors": list(lesson.co_authors())},
        status=400 if form.errors else 200,
    )
