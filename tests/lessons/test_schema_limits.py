"""The lessons/v1 schema held against the models, blocks and vocabularies that store what it
describes: every enum, length, range and pattern in one table, so that neither side can change
alone (issue 7, item 3). A place added to the schema without a row here fails too."""

import re

from django.core.exceptions import ValidationError

import pytest
from taggit.models import Tag

from core.blocks import LINK_SCHEMES, LinkBlock
from core.text import MaxLineLengthValidator
from core.vocabulary import (
    LEVELS,
    MAX_TEAM_YEARS,
    MAX_YEARS_EXPERIENCE,
    SLUG_MAX_LENGTH,
    SLUG_PATTERN,
    validate_slug,
)
from lessons.blocks import FactorBlock, RecommendationBlock
from lessons.exchange.format import FORMAT, SCHEMA
from lessons.models import Application, LessonMaturityLink, LessonPage, LessonRelation, TeamMember
from lessons.vocabulary import MAX_WHYS, Status
from maturity.models import Dimension
from network.models import NetworkPage

# The dimension codes the contract names (shared/contracts/README.md, section 1).
DOCUMENTED_DIMENSION_CODES = {
    *(f"qiof-{n}" for n in range(1, 7)),
    "kmsa-leadership",
    "kmsa-behaviours",
    "kmsa-capabilities",
    "kmsa-opportunities",
    "nmm-purpose",
    "nmm-leadership",
    "nmm-knowledge-sharing",
    "nmm-learning",
    "nmm-impact",
}


def resolve(node):
    while "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node


def places(node=SCHEMA, path=""):
    """(path, schema) for every value the schema describes, e.g. lessons[].context.region."""
    node = resolve(node)
    if "properties" in node:
        for name, child in node["properties"].items():
            yield from places(child, f"{path}.{name}" if path else name)
    elif node.get("type") == "array":
        yield from places(node["items"], f"{path}[]")
    else:
        yield path, node


PLACES = dict(places())


def vocabulary(model, name):
    return model._meta.get_field(name).vocabulary.values


def model_choices(model, name):
    return [value for value, _ in model._meta.get_field(name).choices]


def block_choices(block):
    return [value for value, _ in block.field.choices if value]


def factor_block(name):
    return FactorBlock().child_blocks[name]


def max_length(model, name):
    return model._meta.get_field(name).max_length


def line_limit(model, name):
    (validator,) = [
        v for v in model._meta.get_field(name).validators if isinstance(v, MaxLineLengthValidator)
    ]
    return validator.limit_value


def max_value(model, name):
    return max(
        v.limit_value
        for v in model._meta.get_field(name).validators
        if getattr(v, "code", None) == "max_value"
    )


ENUMS = {
    "networks[].visibility": lambda: model_choices(NetworkPage, "visibility"),
    "lessons[].kind": lambda: model_choices(LessonPage, "kind"),
    "lessons[].status": lambda: Status.values,
    "lessons[].visibility": lambda: model_choices(LessonPage, "visibility"),
    "lessons[].context.organisation_type": lambda: model_choices(LessonPage, "organisation_type"),
    "lessons[].context.region": lambda: model_choices(LessonPage, "region"),
    "lessons[].context.scale": lambda: model_choices(LessonPage, "scale"),
    "lessons[].factors[].type": lambda: block_choices(factor_block("type")),
    "lessons[].related[].relation": lambda: model_choices(LessonRelation, "relation"),
    "lessons[].applications[].organisation_type": lambda: model_choices(
        Application, "organisation_type"
    ),
    "lessons[].applications[].region": lambda: model_choices(Application, "region"),
    "lessons[].applications[].scale": lambda: model_choices(Application, "scale"),
    "lessons[].applications[].result": lambda: model_choices(Application, "result"),
    "lessons[].impact.beneficiaries[]": lambda: vocabulary(LessonPage, "impact_beneficiaries"),
    "lessons[].impact.impact_types[]": lambda: vocabulary(LessonPage, "impact_types"),
}

# Every string: the longest the place that stores it takes (None: no limit).
STRINGS = {
    "networks[].slug": lambda: SLUG_MAX_LENGTH,
    "networks[].title": lambda: max_length(NetworkPage, "title"),
    "networks[].purpose": lambda: max_length(NetworkPage, "purpose"),
    "lessons[].slug": lambda: SLUG_MAX_LENGTH,
    "lessons[].title": lambda: max_length(LessonPage, "title"),
    "lessons[].summary": lambda: max_length(LessonPage, "summary"),
    "lessons[].date": lambda: None,  # a date
    "lessons[].network": lambda: SLUG_MAX_LENGTH,
    "lessons[].themes[]": lambda: max_length(Tag, "name"),
    "lessons[].context.setting": lambda: max_length(LessonPage, "setting"),
    "lessons[].context.team[].role": lambda: max_length(TeamMember, "role"),
    "lessons[].context.team[].specialisms[]": lambda: line_limit(TeamMember, "specialisms"),
    "lessons[].context.team[].training[]": lambda: line_limit(TeamMember, "training"),
    "lessons[].intended": lambda: max_length(LessonPage, "intended"),
    "lessons[].what_happened": lambda: max_length(LessonPage, "what_happened"),
    "lessons[].outcome": lambda: max_length(LessonPage, "outcome"),
    "lessons[].factors[].statement": lambda: factor_block("statement").field.max_length,
    "lessons[].factors[].whys[]": lambda: factor_block("whys").child_block.field.max_length,
    "lessons[].factors[].root_cause": lambda: factor_block("root_cause").field.max_length,
    "lessons[].factors[].actions[]": lambda: factor_block("actions").child_block.field.max_length,
    "lessons[].recommendations[]": lambda: RecommendationBlock().field.max_length,
    "lessons[].evidence[].title": lambda: LinkBlock().child_blocks["title"].field.max_length,
    "lessons[].evidence[].url": lambda: LinkBlock().child_blocks["url"].field.max_length,
    "lessons[].related[].slug": lambda: SLUG_MAX_LENGTH,
    "lessons[].applications[].setting": lambda: max_length(Application, "setting"),
    "lessons[].applications[].applied_on": lambda: None,  # a date
    "lessons[].applications[].what_we_did": lambda: max_length(Application, "what_we_did"),
    "lessons[].applications[].result_note": lambda: max_length(Application, "result_note"),
    "lessons[].applications[].result_on": lambda: None,  # a date
    "lessons[].impact.outcome": lambda: max_length(LessonPage, "impact_outcome"),
    "lessons[].impact.vignette": lambda: max_length(LessonPage, "impact_vignette"),
    "lessons[].impact.quote.text": lambda: max_length(LessonPage, "impact_quote"),
    "lessons[].impact.quote.speaker": lambda: max_length(LessonPage, "impact_quote_speaker"),
    "lessons[].impact.corroboration[].title": lambda: (
        LinkBlock().child_blocks["title"].field.max_length
    ),
    "lessons[].impact.corroboration[].url": lambda: (
        LinkBlock().child_blocks["url"].field.max_length
    ),
}

# Integers: (lowest, highest) the model accepts.
INTEGERS = {
    "lessons[].context.team[].years_experience": lambda: (
        0,
        max_value(TeamMember, "years_experience"),
    ),
    "lessons[].maturity[].level": lambda: (
        min(model_choices(LessonMaturityLink, "level")),
        max(model_choices(LessonMaturityLink, "level")),
    ),
    "lessons[].applications[].team_years": lambda: (0, max_value(Application, "team_years")),
    "lessons[].impact.decisions_informed": lambda: (
        0,
        max_value(LessonPage, "impact_decisions_informed"),
    ),
}

# Figures that may have decimals: (lowest, highest) the model accepts, and the highest fits
# the column.
NUMBERS = {
    "lessons[].impact.hours_saved": "impact_hours_saved",
    "lessons[].impact.money_saved_gbp": "impact_money_saved_gbp",
}

# Checked against the site's dimensions (a code must exist), not by length.
DIMENSION = "lessons[].maturity[].dimension"


def test_every_place_in_the_schema_is_held_against_the_models():
    held = {"format", DIMENSION, *ENUMS, *STRINGS, *INTEGERS, *NUMBERS}
    assert set(PLACES) == held


def test_the_format_is_the_one_the_exporter_writes():
    assert PLACES["format"] == {"const": FORMAT}


@pytest.mark.parametrize("place", ENUMS)
def test_each_enum_is_the_models_choices(place):
    assert PLACES[place]["enum"] == ENUMS[place]()


@pytest.mark.parametrize("place", STRINGS)
def test_each_string_is_as_long_as_where_it_is_stored(place):
    assert PLACES[place].get("maxLength") == STRINGS[place]()


def test_no_string_may_hold_more_characters_than_a_line_of_the_model_takes():
    # The shared definitions the table above relies on, stated once.
    assert resolve({"$ref": "#/$defs/line"})["maxLength"] == max_length(TeamMember, "role")
    assert resolve({"$ref": "#/$defs/theme"})["maxLength"] == max_length(Tag, "name")


@pytest.mark.parametrize("place", INTEGERS)
def test_each_integer_range_is_the_models(place):
    schema = PLACES[place]
    assert schema["type"] == "integer"
    assert (schema["minimum"], schema["maximum"]) == INTEGERS[place]()


@pytest.mark.parametrize("place", NUMBERS)
def test_each_figure_range_is_the_models_and_fits_its_column(place):
    schema, field = PLACES[place], LessonPage._meta.get_field(NUMBERS[place])
    assert schema["type"] == "number"
    assert (schema["minimum"], schema["maximum"]) == (0, max_value(LessonPage, NUMBERS[place]))
    assert schema["maximum"] < 10 ** (field.max_digits - field.decimal_places)


def test_years_levels_and_team_years_are_the_shared_vocabulary():
    assert INTEGERS["lessons[].context.team[].years_experience"]() == (0, MAX_YEARS_EXPERIENCE)
    assert INTEGERS["lessons[].maturity[].level"]() == (min(LEVELS), max(LEVELS))
    assert INTEGERS["lessons[].applications[].team_years"]() == (0, MAX_TEAM_YEARS)


def test_whys_are_as_many_as_the_editor_takes():
    factor = resolve(SCHEMA["$defs"]["factor"])["properties"]["whys"]
    whys = factor_block("whys")
    assert factor["minItems"] == whys.meta.min_num
    assert factor["maxItems"] == whys.meta.max_num == MAX_WHYS


def test_slugs_and_dimension_codes_follow_one_pattern():
    assert SCHEMA["$defs"]["slug"]["pattern"] == SLUG_PATTERN
    assert SCHEMA["$defs"]["slug"]["maxLength"] == SLUG_MAX_LENGTH
    assert PLACES[DIMENSION]["pattern"] == SLUG_PATTERN
    assert validate_slug in Dimension._meta.get_field("code").validators


@pytest.mark.django_db
def test_the_shipped_dimension_codes_are_the_documented_ones():
    codes = set(Dimension.objects.values_list("code", flat=True))
    assert codes == DOCUMENTED_DIMENSION_CODES
    assert all(re.fullmatch(PLACES[DIMENSION]["pattern"], code) for code in codes)


SCHEMES = ["http", "https", "HTTPS", "ftp", "mailto", "file", "javascript", "data", "sftp"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_editor_keeps_only_links_the_schema_accepts(scheme):
    url = f"{scheme}://example.org/report"
    pattern = PLACES["lessons[].evidence[].url"]["pattern"]
    try:
        saved = LinkBlock().clean({"title": "Report", "url": url})["url"]
    except ValidationError:
        saved = None
    accepted = scheme.lower() in LINK_SCHEMES
    assert (saved is not None) == accepted
    assert bool(re.search(pattern, url.lower())) == accepted
    if saved:
        assert re.search(pattern, saved)


def test_the_schema_accepts_exactly_the_link_schemes():
    pattern = PLACES["lessons[].evidence[].url"]["pattern"]
    assert [s for s in SCHEMES if re.search(pattern, f"{s}://x.org")] == LINK_SCHEMES
