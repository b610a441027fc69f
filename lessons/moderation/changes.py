"""What changed in a lesson since its last submission, in words: each field, team member, why,
action, evidence item, outcome and level that differs, never a dump of fields.

`since_last_submission(lesson)` finds the revision to compare with: the one sent for the
previous review (a resubmission after changes were asked for, or after the champion withdrew
it), else the published one (an edit of a live lesson); none for a first submission.
`changes_between(before, after)` compares two versions of a lesson (from revisions).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, TaskState

from lessons.vocabulary import FactorType
from maturity.models import Dimension

# The lesson's own fields a reviewer reads, in the order of its page.
FIELDS = (
    ("title", "Title"),
    ("kind", "Kind of lesson"),
    ("summary", "Summary"),
    ("intended", "What was intended"),
    ("what_happened", "What happened"),
    ("outcome", "Outcome"),
    ("organisation_type", "Type of organisation"),
    ("setting", "Setting"),
    ("region", "Region"),
    ("scale", "Scale"),
    ("date", "When it happened"),
    ("network", "Network"),
    ("visibility", "Who can read it"),
)
TEAM_FIELDS = (
    ("role", "role"),
    ("years_experience", "years of experience"),
    ("specialisms", "specialisms"),
    ("training", "training"),
)


@dataclass(frozen=True)
class Change:
    """One thing that changed: where (“Barrier “Pharmacy delays”, why 2”), and what it was
    and is (either empty when it was added or removed)."""

    where: str
    before: str = ""
    after: str = ""

    @property
    def verb(self):
        if not self.before:
            return "added"
        if not self.after:
            return "removed"
        return "changed"


@dataclass(frozen=True)
class Comparison:
    """What changed, and since when in words (“since it was last sent for review”); a
    resubmission compares with the previous submission, an edit of a live lesson with what
    is published."""

    since: str
    changes: list
    resubmission: bool


def since_last_submission(lesson, task_state):
    """The changes of the revision in review (`task_state.revision`) since the lesson was last
    sent for review, or else since it was published; None for a first submission."""
    earlier = (
        TaskState.objects.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id=str(lesson.pk),
            started_at__lt=task_state.started_at,
        )
        .exclude(pk=task_state.pk)
        .select_related("revision")
        .order_by("-started_at", "-pk")
        .first()
    )
    if earlier is not None:
        before, since = earlier.revision, "since it was last sent for review"
    elif lesson.live_revision_id:
        before, since = lesson.live_revision, "since it was published"
        earlier = None
    else:
        return None
    after = task_state.revision.as_object()
    return Comparison(since, changes_between(before.as_object(), after), earlier is not None)


def changes_between(before, after):
    """[Change] from one version of a lesson to another."""
    return [
        *_field_changes(before, after),
        *_team_changes(before, after),
        *_factor_changes(before, after),
        *_stream_changes("Recommendation", before.recommendations, after.recommendations),
        *_evidence_changes(before, after),
        *_maturity_changes(before, after),
        *_theme_changes(before, after),
    ]


def _shown(lesson, name):
    if name == "network":
        return lesson.network.title if lesson.network_id and lesson.network else ""
    if name == "date":
        return lesson.date.strftime("%-d %B %Y") if lesson.date else ""
    display = getattr(lesson, f"get_{name}_display", None)
    value = display() if display and getattr(lesson, name) else getattr(lesson, name)
    return "" if value is None else str(value)


def _field_changes(before, after):
    for name, label in FIELDS:
        was, now = _shown(before, name), _shown(after, name)
        if was != now:
            yield Change(label, was, now)


def _keyed(items):
    """Items by their id where they have one, else by their place."""
    return {(item.pk or f"new-{n}"): (n, item) for n, item in enumerate(items, 1)}


def _team_changes(before, after):
    was, now = _keyed(before.team_members.all()), _keyed(after.team_members.all())
    for key, (n, member) in now.items():
        if key not in was:
            yield Change(f"Team member {n}", after=_member_words(member))
            continue
        old = was[key][1]
        for name, words in TEAM_FIELDS:
            a, b = getattr(old, name), getattr(member, name)
            if (a or "") != (b or ""):
                yield Change(
                    f"Team member {n} ({member.role or old.role}): {words}",
                    "" if a is None else str(a),
                    "" if b is None else str(b),
                )
    for key, (n, member) in was.items():
        if key not in now:
            yield Change(f"Team member {n}", before=_member_words(member))


def _member_words(member):
    years = member.years_experience
    return member.role + (f", {years} years of experience" if years is not None else "")


def _blocks(stream):
    return {block.id: block.value for block in stream}


def _factor_name(value):
    return f"{FactorType(value['type']).label} “{value['statement']}”"


def _factor_changes(before, after):
    was, now = _blocks(before.factors), _blocks(after.factors)
    for block_id, value in now.items():
        if block_id not in was:
            yield Change(FactorType(value["type"]).label, after=value["statement"])
            continue
        old, name = was[block_id], _factor_name(value)
        if old["type"] != value["type"] or old["statement"] != value["statement"]:
            yield Change(name, _factor_name(old), name)
        yield from _list_changes(f"{name}, why", list(old["whys"]), list(value["whys"]))
        if (old.get("root_cause") or "") != (value.get("root_cause") or ""):
            yield Change(f"{name}, root cause", old.get("root_cause") or "", value["root_cause"])
        yield from _list_changes(
            f"{name}, action", list(old.get("actions") or []), list(value.get("actions") or [])
        )
    for block_id, value in was.items():
        if block_id not in now:
            yield Change(FactorType(value["type"]).label, before=value["statement"])


def _list_changes(where, was, now):
    for n in range(max(len(was), len(now))):
        a = str(was[n]) if n < len(was) else ""
        b = str(now[n]) if n < len(now) else ""
        if a != b:
            yield Change(f"{where} {n + 1}", a, b)


def _stream_changes(label, before, after):
    was, now = _blocks(before), _blocks(after)
    for n, (block_id, value) in enumerate(now.items(), 1):
        if str(was.get(block_id, "")) != str(value):
            yield Change(f"{label} {n}", str(was.get(block_id, "")), str(value))
    for block_id, value in was.items():
        if block_id not in now:
            yield Change(label, before=str(value))


def _link_words(value):
    return f"{value['title']} ({value['url']})"


def _evidence_changes(before, after):
    was, now = _blocks(before.evidence), _blocks(after.evidence)
    for block_id, value in now.items():
        old = was.get(block_id)
        if old is None:
            yield Change("Evidence", after=_link_words(value))
        elif _link_words(old) != _link_words(value):
            yield Change("Evidence", _link_words(old), _link_words(value))
    for block_id, value in was.items():
        if block_id not in now:
            yield Change("Evidence", before=_link_words(value))


def _maturity_changes(before, after):
    was = {link.dimension_id: link.level for link in before.maturity_links.all()}
    now = {link.dimension_id: link.level for link in after.maturity_links.all()}
    labels = {d.pk: d.label for d in Dimension.objects.filter(pk__in=[*was, *now])}
    for dimension_id in [*now, *(d for d in was if d not in now)]:
        a, b = was.get(dimension_id), now.get(dimension_id)
        if a != b:
            yield Change(
                f"Maturity outcome {labels.get(dimension_id, '')}",
                "" if a is None else f"level {a}",
                "" if b is None else f"level {b}",
            )


def _theme_changes(before, after):
    was = {tag.name for tag in before.themes.all()}
    now = {tag.name for tag in after.themes.all()}
    for name in sorted(now - was):
        yield Change("Theme", after=name)
    for name in sorted(was - now):
        yield Change("Theme", before=name)
