"""Sections that apps above lessons add to lesson pages, the way network.sections works for
network and profile pages: a Wagtail hook named LESSON_PAGE returns a Section or None."""

LESSON_PAGE = "lesson_page_sections"
