"""What the described API reads and answers, as django-ninja schemas: the OpenAPI document at
/api/openapi.json is built from them (shared/contracts/README.md, contract 3).

Query parameters are declared as text, so that django-ninja never refuses one itself (its 422):
each operation reads them with the parser the site's own pages use, which answers 400 with the
errors by parameter."""

from ninja import Field, Schema


class Errors(Schema):
    errors: dict[str, list[str]] = Field(
        description="The problems, each under the parameter it is about."
    )


class TooMany(Schema):
    message: str
    retry_after: int = Field(description="Seconds to wait before asking again.")


class SearchParams(Schema):
    q: str = Field("", description="Words to look for.")
    dimension: list[str] = Field([], description="Maturity outcome codes (qiof-2).")
    level: list[str] = Field([], description="Levels, whole numbers from 0 to 4.")
    theme: list[str] = Field([], description="Theme names.")
    kind: list[str] = Field([], description="lesson, case_study, before_action_review, …")
    organisation_type: list[str] = Field([], description="Organisation type codes.")
    region: list[str] = Field([], description="Region codes.")
    network: list[str] = Field([], description="Network slugs.")
    impact_type: list[str] = Field([], description="Kinds of impact (codes).")
    beneficiary: list[str] = Field([], description="Who benefited (codes).")
    sort: str = Field("relevance", description="relevance, date or applied.")
    page: str = Field("1", description="Pages of 20, from 1.")


class Maturity(Schema):
    dimension: str
    level: int


class FoundLesson(Schema):
    slug: str
    title: str
    url: str
    kind: str
    summary: str
    organisation_type: str
    maturity: list[Maturity]
    themes: list[str]
    applied: int = Field(description="How many times the lesson was applied.")
    learned: bool = Field(description="Whether a result was reported where it was applied.")


class SearchResult(Schema):
    count: int
    results: list[FoundLesson]
    facets: dict[str, dict[str, int]] = Field(
        description="For dimension, level, theme, organisation_type and kind: each value's "
        "count over the whole match."
    )
    notice: str | None = Field(None, description="How the words were read, when shortened.")


class SimilarParams(Schema):
    organisation_type: str = Field("", description="An organisation type code.")
    setting: str = Field("", description="The care or service setting, in words.")
    region: str = Field("", description="A region code.")
    scale: str = Field("", description="team, department, organisation, system or national.")
    team_size: str = Field("", description="People in the team, 1 to 500.")
    years_experience: str = Field("", description="The team's years of experience added up.")
    training: str = Field("", description="Improvement or KM training, in words.")
    dimension: str = Field("", description="A maturity outcome code (needed with level).")
    level: str = Field("", description="The current level on that outcome, 0 to 4.")
    q: str = Field("", description="Words to look for.")
    limit: str = Field("10", description="How many lessons, 1 to 50.")


class SimilarLesson(Schema):
    slug: str
    title: str
    url: str
    score: float = Field(ge=0, le=1)
    why: list[str] = Field(description="Plain-language reasons, one per matching criterion.")


class SimilarResult(Schema):
    results: list[SimilarLesson]


class LessonDocument(Schema):
    """One lesson as a lessons/v1 document (lessons/exchange/schema/lessons-v1.schema.json):
    the lesson and its network, as import_lessons reads them."""

    format: str = Field(description="Always lessons/v1.")
    networks: list[dict]
    lessons: list[dict]
