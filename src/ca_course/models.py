"""Define the schema of every content record as pydantic models.

Conventions stated once, here:

* coordinates are WGS84 degrees in ``(lat, lon)`` order;
* dates are ISO 8601, possibly partial (``"1998"``, ``"1998-06"``, ``"1998-06-26"``);
* tolerances are absolute;
* every record carries ``source: {doc, lines: [first, last]}`` with 1-based physical
  line numbers of the file in ``sources/``;
* an editorial correction goes into ``note`` and is shown as such, never applied silently.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

DocId = Literal["000", "001", "002", "003", "004"]
ISO_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")
LECTURE_ID = re.compile(r"^l\d{2}$")


class Record(BaseModel):
    """Base class: unknown keys are errors, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class SourceRef(Record):
    """Point at a range of lines in one source document."""

    doc: DocId
    lines: tuple[int, int]

    @field_validator("lines", mode="before")
    @classmethod
    def _single_line(cls, value: object) -> object:
        if isinstance(value, int):
            return (value, value)
        return value

    @model_validator(mode="after")
    def _ordered(self) -> SourceRef:
        first, last = self.lines
        if first < 1 or last < first:
            raise ValueError(f"lines must be 1 <= first <= last, got {list(self.lines)}")
        return self

    def label(self) -> str:
        """Return a short human label such as ``000:41–44``."""
        first, last = self.lines
        return f"{self.doc}:{first}" if first == last else f"{self.doc}:{first}–{last}"


class Names(Record):
    """Name of a thing in Kazakh, with optional Russian and English forms."""

    kk: str
    ru: str | None = None
    en: str | None = None


# --------------------------------------------------------------------------- geography

PlaceKind = Literal[
    "capital", "city", "region", "lake", "sea", "river", "island", "test-site",
    "enclave", "military-base", "dam", "field", "corridor-node", "border-crossing",
    "historic-city", "space-site", "country",
]
Theme = Literal["ecology", "conflict", "military", "economy", "diplomacy", "silk-road"]


class Country(Record):
    """A state shown on the maps, with its current Kazakh name and capital."""

    id: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code")
    name: Names
    capital: str
    central_asia: bool = False
    note: str | None = None
    source: SourceRef | None = None


class Place(Record):
    """A place a map can show."""

    id: str = Field(pattern=r"^place-[a-z0-9-]+$")
    name: str = Field(description="base Kazakh name shown on the map")
    text_form: str | None = Field(None, description="the form as written at the source line")
    kind: PlaceKind
    country: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    themes: tuple[Theme, ...] = ()
    description: str
    source: SourceRef
    note: str | None = None


class Corridor(Record):
    """A transport corridor or line drawn through places, in order."""

    id: str = Field(pattern=r"^corridor-[a-z0-9-]+$")
    name: str
    places: tuple[str, ...] = Field(min_length=2)
    description: str
    source: SourceRef
    note: str | None = None


class Membership(Record):
    """One state's membership of an organization, as the source states it."""

    country: str = Field(pattern=r"^[A-Z]{3}$")
    joined: int | None = None
    left: int | None = None
    role: Literal["member", "observer", "partner"] = "member"
    source: SourceRef
    note: str | None = None

    @model_validator(mode="after")
    def _years(self) -> Membership:
        if self.joined and self.left and self.left < self.joined:
            raise ValueError(f"{self.country}: left ({self.left}) before joined ({self.joined})")
        return self


class Organization(Record):
    """An international or regional organization named in the sources."""

    id: str = Field(pattern=r"^org-[a-z0-9-]+$")
    abbr: str | None = None
    name: Names
    founded: int | None = None
    description: str
    members: tuple[Membership, ...] = ()
    source: SourceRef
    note: str | None = None


class Event(Record):
    """A dated event, as the source dates it."""

    id: str = Field(pattern=r"^ev-[a-z0-9-]+$")
    date: str = Field(description="ISO date, possibly partial; the source's date")
    title: str
    places: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    lectures: tuple[str, ...] = ()
    source: SourceRef
    note: str | None = None

    @field_validator("date")
    @classmethod
    def _iso(cls, value: str) -> str:
        if not ISO_DATE.match(value):
            raise ValueError(f"date must look like 1998, 1998-06 or 1998-06-26, got {value!r}")
        return value

    @property
    def year(self) -> int:
        """Return the year of the event."""
        return int(self.date[:4])


class Indicator(Record):
    """A number the sources give only in their prose (trade turnover, ministers' ages).

    ``written`` is the number as the cited line writes it, so a test can find it there;
    ``value`` is the same number in ``unit`` (a source's «2 млдр.» is 2000 in ``mln USD``).
    """

    id: str = Field(pattern=r"^ind-[a-z0-9-]+$")
    topic: str = Field(pattern=r"^[a-z0-9-]+$")
    countries: tuple[str, ...] = Field(min_length=1)
    year: int
    period: Literal["year", "jan-apr"] = "year"
    kind: Literal["actual", "target", "average", "person"]
    value: float
    unit: str
    written: str
    label: str | None = None
    source: SourceRef


class Term(Record):
    """A glossary term in three languages."""

    id: str = Field(pattern=r"^term-[a-z0-9-]+$")
    kk: str
    ru: str
    en: str
    definition: str
    lectures: tuple[str, ...] = ()
    source: SourceRef
    note: str | None = None


class LeftOut(Record):
    """A point of a lecture's cited lines that the lecture leaves out, and why."""

    doc: str = Field(pattern=r"^\d{3}$")
    lines: tuple[int, int]
    why: str = Field(description="what is left out and why, in Kazakh")


class Lecture(Record):
    """One lecture of the course and the source lines it draws on."""

    id: str = Field(pattern=r"^l\d{2}$")
    file: str = Field(description="notebook path relative to the repository root")
    title: str
    part: str
    sources: tuple[SourceRef, ...] = Field(min_length=1)
    leaves_out: tuple[LeftOut, ...] = Field(
        (), description="substantive points of the cited lines the lecture does not teach")


class SourceSection(Record):
    """A section of a source document and the lecture that teaches it."""

    title: str
    lines: tuple[int, int]
    lectures: tuple[str, ...] = Field(min_length=1)


class SourceDocument(Record):
    """One of the five source documents."""

    id: DocId
    file: str
    title: str
    kind: str
    written: str
    description: str
    sections: tuple[SourceSection, ...] = ()


# --------------------------------------------------------------------------- quizzes


class Option(Record):
    """A choice in a single- or multiple-choice question."""

    id: str = Field(pattern=r"^[a-z]$")
    text: str


class QuestionBase(Record):
    """Fields every question has."""

    id: str = Field(pattern=r"^l\d{2}-q\d{2}$")
    prompt: str
    explanation: str
    source: SourceRef


class SingleChoice(QuestionBase):
    """Exactly one option is right."""

    type: Literal["single"]
    options: tuple[Option, ...] = Field(min_length=2)
    answer: str

    @model_validator(mode="after")
    def _answer_known(self) -> SingleChoice:
        _check_options(self.options, [self.answer])
        return self


class MultipleChoice(QuestionBase):
    """Every right option must be ticked, and no other."""

    type: Literal["multiple"]
    options: tuple[Option, ...] = Field(min_length=2)
    answers: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _answers_known(self) -> MultipleChoice:
        _check_options(self.options, list(self.answers))
        return self


class TrueFalse(QuestionBase):
    """A statement that is true or false."""

    type: Literal["truefalse"]
    answer: bool


class Numeric(QuestionBase):
    """A number, right within an absolute tolerance."""

    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(0.0, ge=0)
    unit: str | None = None


class ShortText(QuestionBase):
    """A short text answer; the first accepted form is the canonical one."""

    type: Literal["text"]
    answers: tuple[str, ...] = Field(min_length=1)


class Pair(Record):
    """A left item and the right item it belongs with."""

    left: str
    right: str


class Matching(QuestionBase):
    """Match each left item with its right item."""

    type: Literal["matching"]
    pairs: tuple[Pair, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _distinct(self) -> Matching:
        rights = [p.right for p in self.pairs]
        lefts = [p.left for p in self.pairs]
        if len(set(rights)) != len(rights) or len(set(lefts)) != len(lefts):
            raise ValueError("matching pairs must have distinct left and right items")
        return self


class Ordering(QuestionBase):
    """Put the items in order; ``items`` is the right order."""

    type: Literal["ordering"]
    items: tuple[str, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _distinct(self) -> Ordering:
        if len(set(self.items)) != len(self.items):
            raise ValueError("ordering items must be distinct")
        return self


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Numeric | ShortText | Matching | Ordering,
    Field(discriminator="type"),
]
QuestionType = Literal["single", "multiple", "truefalse", "numeric", "text", "matching", "ordering"]


class QuizBank(Record):
    """All self-check questions of one lecture."""

    lecture: str = Field(pattern=r"^l\d{2}$")
    title: str
    questions: tuple[Question, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids(self) -> QuizBank:
        seen: set[str] = set()
        for q in self.questions:
            if not q.id.startswith(self.lecture + "-"):
                raise ValueError(f"{q.id}: question id must start with {self.lecture}-")
            if q.id in seen:
                raise ValueError(f"{q.id}: duplicate question id")
            seen.add(q.id)
        return self


class SpellingGroup(Record):
    """Standard spellings of one name; a short answer accepting one accepts them all."""

    forms: tuple[str, ...] = Field(min_length=2)
    why: str = Field(min_length=1, description="where the forms come from")

    @model_validator(mode="after")
    def _distinct(self) -> SpellingGroup:
        if len(set(self.forms)) != len(self.forms) or not all(self.forms):
            raise ValueError(f"forms must be distinct and non-empty, got {list(self.forms)}")
        return self


class Spellings(Record):
    """The shared groups of spelling variants (``content/spellings.yaml``)."""

    groups: tuple[SpellingGroup, ...] = Field(min_length=1)


def _check_options(options: tuple[Option, ...], answers: list[str]) -> None:
    ids = [o.id for o in options]
    if len(set(ids)) != len(ids):
        raise ValueError(f"option ids must be unique, got {ids}")
    for answer in answers:
        if answer not in ids:
            raise ValueError(
                f"answer {answer!r} is not one of the options ({', '.join(ids)}); "
                f"fix `answer` or add option {answer!r}"
            )


# --------------------------------------------------------------------------- exercises

AnswerKind = Literal["dataframe", "series", "number", "integer", "text", "list", "bool"]


class TypeCheck(Record):
    """The answer has the expected kind."""

    check: Literal["type"]
    expected: AnswerKind


class ColumnsCheck(Record):
    """A DataFrame answer has exactly these columns (any order)."""

    check: Literal["columns"]
    columns: tuple[str, ...] = Field(min_length=1)


class LengthCheck(Record):
    """The answer has this many rows or items."""

    check: Literal["length"]
    length: int = Field(ge=0)


class RangeCheck(Record):
    """A number lies in ``[min, max]``."""

    check: Literal["range"]
    min: float
    max: float


class ContainsCheck(Record):
    """A list, Series or column contains these values."""

    check: Literal["contains"]
    values: tuple[str | int | float, ...] = Field(min_length=1)
    column: str | None = None


class SortedCheck(Record):
    """A DataFrame is sorted by a column."""

    check: Literal["sorted"]
    column: str
    ascending: bool = True


class MatchesSolution(Record):
    """The answer equals the instructor's solution (hidden checks only)."""

    check: Literal["solution"]
    tolerance: float = Field(0.0, ge=0)
    ignore_order: bool = False


PublicCheck = Annotated[
    TypeCheck | ColumnsCheck | LengthCheck | RangeCheck | ContainsCheck | SortedCheck,
    Field(discriminator="check"),
]
HiddenCheck = Annotated[
    TypeCheck | ColumnsCheck | LengthCheck | RangeCheck | ContainsCheck | SortedCheck
    | MatchesSolution,
    Field(discriminator="check"),
]


class Exercise(Record):
    """A student exercise: what the student sees and the checks they may run."""

    id: str = Field(pattern=r"^l\d{2}-ex\d+$")
    title: str
    prompt: str
    points: int = Field(ge=1)
    variable: str = Field(pattern=r"^[a-z_][a-z0-9_]*$", description="answer variable name")
    starter: str = Field("", description="code placed in the answer cell before the answer")
    checks: tuple[PublicCheck, ...] = Field(min_length=1)
    source: SourceRef


class ExerciseSet(Record):
    """All exercises of one lecture (student side)."""

    lecture: str = Field(pattern=r"^l\d{2}$")
    exercises: tuple[Exercise, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids(self) -> ExerciseSet:
        seen: set[str] = set()
        for ex in self.exercises:
            if not ex.id.startswith(self.lecture + "-"):
                raise ValueError(f"{ex.id}: exercise id must start with {self.lecture}-")
            if ex.id in seen:
                raise ValueError(f"{ex.id}: duplicate exercise id")
            seen.add(ex.id)
        return self


class WrongAnswer(Record):
    """A typical wrong answer to an exercise, kept to prove the checks reject it."""

    code: str = Field(description="Python code that assigns the answer variable wrongly")
    why: str = Field(description="the mistake it makes, for the instructor")


class ExerciseKey(Record):
    """The instructor's solution and hidden checks for one exercise.

    ``alternatives`` are further correct solutions written with other pandas idioms,
    and ``wrong`` typical mistakes; ``tests/test_exercise_keys.py`` proves every
    correct solution passes every check and every wrong one fails a hidden check.
    """

    id: str = Field(pattern=r"^l\d{2}-ex\d+$")
    solution: str = Field(description="Python code that assigns the answer variable")
    alternatives: tuple[str, ...] = Field((), description="other correct solutions")
    wrong: tuple[WrongAnswer, ...] = Field((), description="typical wrong answers")
    checks: tuple[HiddenCheck, ...] = Field(min_length=1)


class KeySet(Record):
    """Instructor-only keys of one lecture."""

    lecture: str = Field(pattern=r"^l\d{2}$")
    keys: tuple[ExerciseKey, ...] = Field(min_length=1)
