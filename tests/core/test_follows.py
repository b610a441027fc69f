"""The registry of what members may follow (core/follows.py): an app's AppConfig.ready() may run
twice, so registering the same thing again changes nothing; a second kind under a name or model
already taken is refused."""

import dataclasses

from django.core.exceptions import ImproperlyConfigured

import pytest

from core import follows
from lessons.models import LessonPage


def test_registering_the_same_kind_item_kind_or_news_again_changes_nothing():
    theme, lessons = follows.kind("theme"), follows.item_kind(LessonPage)
    news = follows.news_in("theme")
    with follows.registered(theme, lessons, *news):
        assert follows.kinds().count(theme) == 1
        assert follows.item_kind(LessonPage) is lessons
        assert follows.news_in("theme") == news


def test_another_kind_under_a_name_or_model_already_taken_is_refused():
    theme = follows.kind("theme")
    for other in [
        dataclasses.replace(theme, plural="topics"),
        dataclasses.replace(theme, name="topic"),
    ]:
        with pytest.raises(ImproperlyConfigured), follows.registered(other):
            pass
    assert follows.kind("theme") is theme and follows.kind("topic") is None
