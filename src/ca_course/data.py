"""Load the package's content files into validated models and DataFrames.

Every loader reads YAML with line marks, validates each record with its pydantic
model and raises :class:`ContentError` listing *all* problems, each with file, line
and record id. Results are cached: content is read once per process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from pydantic import BaseModel, TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from ca_course import models as m

__all__ = [
    "ContentError",
    "Problem",
    "content_root",
    "corridors",
    "countries",
    "documents",
    "events",
    "events_frame",
    "exercise_set",
    "exercise_set_from",
    "exercise_sets",
    "glossary",
    "glossary_frame",
    "indicators",
    "indicators_frame",
    "lectures",
    "load_document",
    "load_yaml",
    "organizations",
    "places",
    "places_frame",
    "quiz_bank",
    "quiz_banks",
    "spelling_variants",
    "spellings",
    "spellings_from",
    "validate_content",
    "validate_folder",
    "with_spelling_variants",
]

T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One problem in a content file: where it is, which record, what is wrong."""

    path: str
    line: int | None
    item_id: str | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        who = f" {self.item_id}" if self.item_id else ""
        return f"{where}{who}: {self.message}"


class ContentError(ValueError):
    """Raised when content files are invalid; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def content_root() -> Traversable:
    """Return the folder of the package's content files."""
    return resources.files("ca_course") / "content"


def _display_path(path: Traversable | Path) -> str:
    text = str(path)
    marker = "ca_course/"
    return text[text.index(marker) + len(marker):] if marker in text else text


def load_yaml(path: Traversable | Path | str) -> Any:
    """Read one YAML file, keeping line marks; raise ContentError if it is not YAML.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.yaml"
    >>> _ = bad.write_text("a: [1, 2\\n", encoding="utf-8")
    >>> try:
    ...     load_yaml(bad)
    ... except ContentError as err:
    ...     print(err.problems[0].line, "YAML" in err.problems[0].message)
    2 True
    """
    path = Path(path) if isinstance(path, str) else path
    shown = _display_path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError as err:
        raise ContentError([Problem(shown, None, None, "file is missing; create it")]) from err
    except UnicodeDecodeError as err:
        raise ContentError([Problem(shown, None, None, f"not UTF-8 ({err.reason}); "
                                    "save the file as UTF-8")]) from err
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        raise ContentError([Problem(shown, line, None,
                                    f"bad YAML: {err.problem}; fix the syntax")]) from err


def _line_of(node: Any, key: str | int | None = None) -> int | None:
    """Return the 1-based line of ``node`` (or of its ``key``) in the YAML file."""
    try:
        if key is not None and isinstance(node, CommentedMap) and key in node:
            return node.lc.key(key)[0] + 1
        if key is not None and isinstance(node, CommentedSeq):
            return node.lc.item(key)[0] + 1
        return node.lc.line + 1
    except (AttributeError, KeyError, IndexError, TypeError):
        return None


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _error_line(raw: Any, loc: tuple[int | str, ...], base: int | None) -> int | None:
    node, line = raw, base
    for part in loc:
        in_map = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
        if in_map or in_list:
            line = _line_of(node, part) or line
            node = node[part]
        else:
            break
    return line


def _validate(model: Any, raw: Any, shown: str, line: int | None,
              item_id: str | None) -> tuple[Any, list[Problem]]:
    try:
        return TypeAdapter(model).validate_python(_plain(raw)), []
    except ValidationError as err:
        problems = []
        for e in err.errors():
            loc = tuple(p for p in e["loc"] if p not in {"single", "multiple", "truefalse",
                        "numeric", "text", "matching", "ordering"})
            where = ".".join(str(p) for p in loc)
            msg = e["msg"].removeprefix("Value error, ")
            text = f"{where}: {msg}" if where else msg
            problems.append(Problem(shown, _error_line(raw, loc, line), item_id, text))
        return None, problems


def _records(path: Traversable, model: type[T], key: str | None = None) -> list[T]:
    """Load a YAML list of records (or the list under ``key``) and validate each."""
    shown = _display_path(path)
    raw = load_yaml(path)
    items = raw.get(key) if key and isinstance(raw, dict) else raw
    if not isinstance(items, list):
        raise ContentError([Problem(shown, 1, None, "expected a list of records")])
    out: list[T] = []
    problems: list[Problem] = []
    seen: dict[str, int | None] = {}
    for index, item in enumerate(items):
        line = _line_of(items, index)
        item_id = item.get("id") if isinstance(item, dict) else None
        if item_id in seen:
            problems.append(Problem(shown, line, item_id,
                                    f"duplicate id (first at line {seen[item_id]}); "
                                    "give each record its own id"))
            continue
        seen[item_id] = line
        record, errs = _validate(model, item, shown, line, item_id)
        problems += errs
        if record is not None:
            out.append(record)
    if problems:
        raise ContentError(problems)
    return out


def load_document(path: Traversable | Path, model: Any, list_key: str) -> Any:
    """Load a YAML mapping validated as one model (quiz banks, exercise sets, keys).

    Duplicate ids in the list under ``list_key`` and every validation error are
    reported together, each with its line and item id.
    """
    shown = _display_path(path)
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise ContentError([Problem(shown, 1, None, "expected a mapping at the top level")])
    problems: list[Problem] = []
    items = raw.get(list_key)
    if isinstance(items, list):
        seen: dict[Any, int | None] = {}
        for index, item in enumerate(items):
            item_id = item.get("id") if isinstance(item, dict) else None
            line = _line_of(items, index)
            if item_id in seen:
                problems.append(Problem(shown, line, item_id,
                                        f"duplicate id (first at line {seen[item_id]}); "
                                        "give each item its own id"))
            seen[item_id] = line
    if problems:
        raise ContentError(problems)
    record, problems = _validate(model, raw, shown, 1, None)
    if problems:
        # Name the item a problem belongs to, when the error path enters a list item;
        # drop the list-length complaint that pydantic adds when an item fails.
        named = [_attach_item_id(p, raw, list_key) for p in problems]
        if any(p.item_id for p in named):
            named = [p for p in named if "should have at least" not in p.message]
        raise ContentError(named)
    return record


def _attach_item_id(problem: Problem, raw: dict, list_key: str) -> Problem:
    text = problem.message
    prefix = f"{list_key}."
    if not text.startswith(prefix):
        return problem
    index_text = text[len(prefix):].split(".", 1)[0].split(":", 1)[0]
    if not index_text.isdigit():
        return problem
    items = raw.get(list_key) or []
    index = int(index_text)
    item_id = items[index].get("id") if index < len(items) and isinstance(
        items[index], dict) else None
    rest = text[len(prefix) + len(index_text):].lstrip(".").removeprefix(": ")
    line = problem.line
    # A model-level rule about one field (``answer 'b' is not …``) points at that field.
    field = rest.split(" ", 1)[0]
    item = items[index] if index < len(items) else None
    if isinstance(item, dict) and field in item:
        line = _line_of(item, field) or line
    return Problem(problem.path, line, item_id, rest)


# --------------------------------------------------------------------------- loaders


@cache
def countries() -> tuple[m.Country, ...]:
    """Return the states shown on the maps."""
    return tuple(_records(content_root() / "countries.yaml", m.Country))


@cache
def places() -> tuple[m.Place, ...]:
    """Return every mappable place named in the sources."""
    return tuple(_records(content_root() / "places.yaml", m.Place))


@cache
def corridors() -> tuple[m.Corridor, ...]:
    """Return the transport corridors described in the sources."""
    return tuple(_records(content_root() / "corridors.yaml", m.Corridor))


@cache
def organizations() -> tuple[m.Organization, ...]:
    """Return the organizations and their memberships."""
    return tuple(_records(content_root() / "orgs.yaml", m.Organization))


@cache
def events() -> tuple[m.Event, ...]:
    """Return every dated event, sorted by date."""
    return tuple(sorted(_records(content_root() / "events.yaml", m.Event),
                        key=lambda e: e.date))


@cache
def glossary() -> tuple[m.Term, ...]:
    """Return the glossary terms in Kazakh alphabetical order of the source file."""
    return tuple(_records(content_root() / "glossary.yaml", m.Term))


@cache
def indicators() -> tuple[m.Indicator, ...]:
    """Return the numbers the sources give only in their prose, in file order."""
    return tuple(_records(content_root() / "indicators.yaml", m.Indicator))


@cache
def lectures() -> tuple[m.Lecture, ...]:
    """Return the lectures in course order."""
    return tuple(_records(content_root() / "lectures.yaml", m.Lecture))


@cache
def documents() -> tuple[m.SourceDocument, ...]:
    """Return the five source documents and their sections."""
    return tuple(_records(content_root() / "documents.yaml", m.SourceDocument))


@cache
def spellings() -> m.Spellings:
    """Return the shared groups of standard spelling variants of short answers."""
    return spellings_from(content_root() / "spellings.yaml")


def spellings_from(path: Traversable | Path | str) -> m.Spellings:
    """Load and validate a spelling-groups file.

    A form may belong to one group only (compared as the scorer compares answers),
    so that expanding an answer never chains from one group into another.
    """
    path = Path(path) if isinstance(path, str) else path
    shown = _display_path(path)
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise ContentError([Problem(shown, 1, None, "expected a mapping with `groups`")])
    record, problems = _validate(m.Spellings, raw, shown, 1, None)
    if record is not None:
        problems += _spelling_overlaps(record, raw, shown)
    if problems:
        raise ContentError(problems)
    return record


def _spelling_overlaps(record: m.Spellings, raw: dict, shown: str) -> list[Problem]:
    from ca_course.text import normalize  # text reads its tables through this module

    owner: dict[str, int] = {}
    problems = []
    items = raw.get("groups") or []
    for index, group in enumerate(record.groups):
        for form in group.forms:
            key = normalize(form)
            first = owner.setdefault(key, index)
            if first != index:
                problems.append(Problem(
                    shown, _line_of(items, index), form,
                    f"form is also in group {first + 1} (line {_line_of(items, first)}); "
                    "a form belongs to one group only: merge the groups"))
    return problems


def spelling_variants(answers: Sequence[str]) -> tuple[str, ...]:
    """Return ``answers`` followed by the other forms of every group one of them is in.

    The accepted answers keep their order (the first stays canonical); forms already
    accepted are not repeated.

    Examples
    --------
    >>> group = spellings().groups[0].forms
    >>> expanded = spelling_variants([group[1]])
    >>> expanded[0] == group[1] and set(group) <= set(expanded)
    True
    >>> spelling_variants(["Astana"])
    ('Astana',)
    """
    from ca_course.text import normalize

    keys = {normalize(a) for a in answers}
    out = list(answers)
    for group in spellings().groups:
        if keys & {normalize(f) for f in group.forms}:
            out += [f for f in group.forms if f not in out]
    return tuple(out)


def with_spelling_variants(question: Any) -> Any:
    """Return ``question`` with its accepted short answers expanded by the spelling groups.

    Every other question type is returned unchanged. Quiz banks are expanded here, at
    load time, so the Python scorer, the page's JavaScript scorer and the LMS exports
    all accept the same spellings.
    """
    if not isinstance(question, m.ShortText):
        return question
    expanded = spelling_variants(question.answers)
    if expanded == question.answers:
        return question
    return question.model_copy(update={"answers": expanded})


def _lecture_files(folder: str) -> Iterator[Traversable]:
    root = content_root() / folder
    yield from sorted((p for p in root.iterdir() if p.name.endswith(".yaml")),
                      key=lambda p: p.name)


def _lecture_document(path: Traversable | Path | str, model: Any, list_key: str) -> Any:
    """Load one per-lecture file and check that its ``lecture`` matches its name."""
    path = Path(path) if isinstance(path, str) else path
    record = load_document(path, model, list_key)
    expected = Path(str(path)).stem
    if record.lecture != expected:
        raise ContentError([Problem(_display_path(path), 1, None,
                                    f"lecture is {record.lecture!r} but the file is named "
                                    f"{expected}.yaml; make them agree")])
    return record


def quiz_bank_from(path: Traversable | Path | str) -> m.QuizBank:
    """Load and validate one question bank file; short answers get their spelling variants."""
    bank = _lecture_document(path, m.QuizBank, "questions")
    return bank.model_copy(update={"questions": tuple(
        with_spelling_variants(q) for q in bank.questions)})


def exercise_set_from(path: Traversable | Path | str) -> m.ExerciseSet:
    """Load and validate one lecture's exercise file."""
    return _lecture_document(path, m.ExerciseSet, "exercises")


#: The folders of per-lecture files and the loader of one file of each.
PER_LECTURE: dict[str, Callable[[Traversable | Path | str], Any]] = {
    "quizzes": quiz_bank_from,
    "exercises": exercise_set_from,
}


def _lecture_path(folder: str, lecture: str) -> Traversable:
    path = content_root() / folder / f"{lecture}.yaml"
    if not path.is_file():
        known = sorted(p.name.removesuffix(".yaml") for p in _lecture_files(folder))
        raise KeyError(f"no {folder} file for {lecture!r}; known: {', '.join(known)}")
    return path


@cache
def quiz_banks() -> dict[str, m.QuizBank]:
    """Return every lecture's question bank, keyed by lecture id."""
    return {b.lecture: b for b in map(quiz_bank_from, _lecture_files("quizzes"))}


@cache
def quiz_bank(lecture: str) -> m.QuizBank:
    """Return one lecture's question bank (reading only that lecture's file)."""
    return quiz_bank_from(_lecture_path("quizzes", lecture))


@cache
def exercise_sets() -> dict[str, m.ExerciseSet]:
    """Return every lecture's exercises (student side), keyed by lecture id."""
    return {s.lecture: s for s in map(exercise_set_from, _lecture_files("exercises"))}


@cache
def exercise_set(lecture: str) -> m.ExerciseSet:
    """Return one lecture's exercises (reading only that lecture's file)."""
    return exercise_set_from(_lecture_path("exercises", lecture))


def exercise(exercise_id: str) -> m.Exercise:
    """Return one exercise by id, such as ``l01-ex1``."""
    lecture = exercise_id.split("-", 1)[0]
    try:
        exercises = exercise_set(lecture).exercises
    except KeyError:
        raise KeyError(exercise_id) from None
    for ex in exercises:
        if ex.id == exercise_id:
            return ex
    raise KeyError(exercise_id)


# --------------------------------------------------------------------------- frames


def places_frame() -> pd.DataFrame:
    """Return the places as a DataFrame, one row per place.

    Examples
    --------
    >>> df = places_frame()
    >>> {"id", "name", "kind", "country", "lat", "lon", "source"} <= set(df.columns)
    True
    """
    rows = [{"id": p.id, "name": p.name, "kind": p.kind, "country": p.country,
             "lat": p.lat, "lon": p.lon, "themes": ", ".join(p.themes),
             "description": p.description, "source": p.source.label()} for p in places()]
    return pd.DataFrame(rows)


def events_frame() -> pd.DataFrame:
    """Return the events as a DataFrame with a ``year`` column, sorted by date."""
    rows = [{"id": e.id, "date": e.date, "year": e.year, "title": e.title,
             "lectures": ", ".join(e.lectures), "source": e.source.label(),
             "note": e.note or ""} for e in events()]
    return pd.DataFrame(rows)


def glossary_frame() -> pd.DataFrame:
    """Return the glossary as a DataFrame."""
    rows = [{"id": t.id, "kk": t.kk, "ru": t.ru, "en": t.en, "definition": t.definition,
             "lectures": ", ".join(t.lectures), "source": t.source.label()}
            for t in glossary()]
    return pd.DataFrame(rows)


def memberships_frame() -> pd.DataFrame:
    """Return one row per (organization, state) membership."""
    rows = [{"org": o.id, "abbr": o.abbr or o.name.kk, "country": ms.country,
             "joined": ms.joined, "left": ms.left, "role": ms.role,
             "source": ms.source.label()}
            for o in organizations() for ms in o.members]
    frame = pd.DataFrame(rows)
    for col in ("joined", "left"):
        frame[col] = frame[col].astype("Int64")
    return frame


def indicators_frame() -> pd.DataFrame:
    """Return the numbers of ``content/indicators.yaml``, one row per number.

    ``countries`` joins the states with ", " (``"KAZ, UZB"`` for their mutual trade);
    ``period`` is ``"year"`` for a whole year and ``"jan-apr"`` for its first four months;
    ``kind`` tells an actual figure from a ``target``, an ``average`` or one ``person``'s.

    Examples
    --------
    >>> df = indicators_frame()
    >>> trade = df.query("topic == 'kz-uz-trade' and kind == 'actual' and period == 'year'")
    >>> trade[["year", "value"]].values.tolist()
    [[2002.0, 263.3], [2006.0, 500.0], [2016.0, 2000.0]]
    """
    rows = [{"id": i.id, "topic": i.topic, "countries": ", ".join(i.countries),
             "year": i.year, "period": i.period, "kind": i.kind, "value": i.value,
             "unit": i.unit, "label": i.label or "", "written": i.written,
             "source": i.source.label()} for i in indicators()]
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- validation

#: Content files read whole, each by its loader.
LOADERS: tuple[Callable[[], object], ...] = (
    countries, places, corridors, organizations, events, glossary, lectures, documents,
    spellings, indicators,
)


def validate_folder(folder: str, paths: Sequence[Path] | None = None
                    ) -> tuple[list[Problem], int]:
    """Validate per-lecture files (``quizzes`` or ``exercises``); return problems and count.

    ``paths`` names the files to check; the package's own files when ``None``.
    """
    load = PER_LECTURE[folder]
    files = list(paths) if paths is not None else list(_lecture_files(folder))
    problems: list[Problem] = []
    for path in files:
        try:
            load(path)
        except ContentError as err:
            problems += err.problems
    return problems, len(files)


def validate_content() -> list[Problem]:
    """Load every content file and return all problems found (empty when valid)."""
    problems: list[Problem] = []
    for loader in LOADERS:
        try:
            loader()
        except ContentError as err:
            problems += err.problems
    for folder in PER_LECTURE:
        problems += validate_folder(folder)[0]
    problems += _cross_references()
    return list(dict.fromkeys(problems))  # a broken spellings file is reported once


def content_file_count() -> int:
    """Return how many content files :func:`validate_content` reads."""
    return len(LOADERS) + sum(len(list(_lecture_files(f))) for f in PER_LECTURE)


def _cross_references() -> list[Problem]:
    """Check ids that point at other records (once every file loads on its own)."""
    try:
        return _references()
    except ContentError:
        return []  # the file's own problems are already reported


def _references() -> list[Problem]:
    problems: list[Problem] = []
    country_ids = {c.id for c in countries()}
    place_ids = {p.id for p in places()}
    org_ids = {o.id for o in organizations()}
    lecture_ids = {lec.id for lec in lectures()}
    for p in places():
        if p.country and p.country not in country_ids:
            problems.append(Problem("content/places.yaml", None, p.id,
                                    f"unknown country {p.country}; add it to countries.yaml"))
    for o in organizations():
        for ms in o.members:
            if ms.country not in country_ids:
                problems.append(Problem("content/orgs.yaml", None, o.id,
                                        f"unknown member {ms.country}; add it to "
                                        "countries.yaml"))
    for e in events():
        for ref in e.places:
            if ref not in place_ids:
                problems.append(Problem("content/events.yaml", None, e.id,
                                        f"unknown place {ref}"))
        for ref in e.orgs:
            if ref not in org_ids:
                problems.append(Problem("content/events.yaml", None, e.id, f"unknown org {ref}"))
    for t in glossary():
        for ref in t.lectures:
            if ref not in lecture_ids:
                problems.append(Problem("content/glossary.yaml", None, t.id,
                                        f"unknown lecture {ref}"))
    for i in indicators():
        for ref in i.countries:
            if ref not in country_ids:
                problems.append(Problem("content/indicators.yaml", None, i.id,
                                        f"unknown country {ref}"))
    for c in corridors():
        for ref in c.places:
            if ref not in place_ids:
                problems.append(Problem("content/corridors.yaml", None, c.id,
                                        f"unknown place {ref}"))
    return problems
