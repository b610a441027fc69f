from wagtail import hooks

from lessons.models import LessonPage
from network.sections import NETWORK_PAGE, PROFILE_PAGE, Section

NETWORK_PAGE_LESSONS = 6


@hooks.register(NETWORK_PAGE)
def network_lessons(request, network):
    lessons = LessonPage.with_reading_relations(
        LessonPage.objects.readable_by(request.user)
        .filter(network=network)
        .order_by("-date", "title")
    )[:NETWORK_PAGE_LESSONS]
    return Section(
        "lessons/sections/network_lessons.html", {"lessons": lessons, "network": network}
    )


@hooks.register(PROFILE_PAGE)
def profile_lessons(request, profile):
    lessons = LessonPage.with_reading_relations(
        LessonPage.objects.readable_by(request.user)
        .filter(owner=profile.user_id)
        .order_by("-date", "title")
    )
    return Section("lessons/sections/profile_lessons.html", {"lessons": lessons})
