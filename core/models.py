"""The search thesaurus: the words people use for the same thing, which every search expands
to (core/thesaurus.py reads it; core/fulltext.py and core/search_backend.py apply it)."""

import re

from django.core.exceptions import ValidationError
from django.db import models

MAX_TERMS = 12
MAX_TERM_CHARS = 60
# A term: letters or digits, and between them spaces, hyphens, "&", "/", "+", "." or an
# apostrophe ("A&E", "e-learning", "111", "Covid-19", "children's"); a plural "s" or a
# possessive is matched without listing it.
TERM = re.compile(r"[^\W_]+(?:(?:\s*[&/+]\s*|[\s.\-]+|['’])[^\W_]+)*")


def split_terms(text):
    """The terms of an entry as typed in the admin: one per line or separated by commas."""
    return [" ".join(term.split()) for term in re.split(r"[,\n]", text or "") if term.strip()]


class ThesaurusEntry(models.Model):
    """Words or phrases that mean the same thing to the people who search here: abbreviations,
    lay terms, other names. A search for any of them also looks for the others; a one-way entry
    only from its first term ("blood cancer" also finds leukaemia, a search for leukaemia does
    not bring every blood cancer)."""

    terms = models.TextField(
        help_text=(
            "The words or phrases, separated by commas or one per line, e.g. “A&E, ED, "
            "emergency department”. Abbreviations of up to three capital letters (ED, DN, "
            "BAR) match only when typed in capitals; plurals and “’s” need no entry."
        ),
    )
    one_way = models.BooleanField(
        default=False,
        help_text="Only a search for the first term also looks for the others.",
    )
    source = models.CharField(
        max_length=255,
        help_text="Where this usage comes from (NHS Data Dictionary, NHS.UK, a network, …).",
    )
    changed_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = "thesaurus entry"
        verbose_name_plural = "thesaurus"

    def __str__(self):
        arrow = " → " if self.one_way else " = "
        first, *rest = self.term_list() or [""]
        return first + arrow + ", ".join(rest)

    def term_list(self):
        return split_terms(self.terms)

    def clean(self):
        terms = self.term_list()
        errors = []
        if len(terms) < 2:
            errors.append("Give at least two terms, separated by commas or one per line.")
        if len(terms) > MAX_TERMS:
            errors.append(f"Give at most {MAX_TERMS} terms: split the entry in two.")
        for term in terms:
            if len(term) > MAX_TERM_CHARS:
                errors.append(f"“{term[:20]}…” is longer than {MAX_TERM_CHARS} characters.")
            elif not TERM.fullmatch(term):
                errors.append(
                    f"“{term}” is not a term search can match: use letters and digits, "
                    "with spaces, hyphens or “&” between them."
                )
        lowered = [term.casefold() for term in terms]
        if len(set(lowered)) < len(lowered):
            errors.append("A term is given twice.")
        if errors:
            raise ValidationError({"terms": errors})
        self.terms = ", ".join(terms)


class SearchIndexBacklog(models.Model):
    """An object Elasticsearch missed: adding or removing it failed (the server was down), so
    the index is behind until `core.search_catch_up` adds it again (or removes it, if it is
    gone). One row per object, however often it failed."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    noted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_backlog_entry_per_object"
            )
        ]

    def __str__(self):
        return f"{self.content_type} {self.object_id}"
