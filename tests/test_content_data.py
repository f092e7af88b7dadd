"""Check the hand-made content files against the schema, each other and the source texts.

Line numbers are 1-based physical lines of the files in ``sources/`` (what ``sed -n 'Np'``
prints). Every failure message names the record id so the offending entry is easy to find.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from ca_course import data
from ca_course import models as m

ROOT = Path(__file__).resolve().parents[1]
CONTENT_FILES = ("countries", "places", "corridors", "orgs", "events", "glossary", "lectures",
                 "documents")
# (lat_min, lat_max, lon_min, lon_max) around the five Central Asian states.
CA_BOX = (35.0, 56.0, 46.0, 88.0)
# Kinds a place outside Central Asia may have: summit cities, capitals, regions, whole states.
OUTSIDE_KINDS = {"capital", "city", "region", "country", "sea", "river", "lake"}
# Keys whose string values are Kazakh (or Russian) text shown to readers.
TEXT_KEYS = {"kk", "ru", "name", "capital", "title", "part", "description", "definition",
             "note", "abbr", "kind", "written"}
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN = re.compile(r"[A-Za-z\u0259\u018F]")
LETTER_RUN = re.compile(r"[^\W\d_]+")


# --------------------------------------------------------------------------- helpers


def source_lines(doc: str) -> list[str]:
    """Return the physical lines of source document ``doc`` (no line terminators)."""
    return _source_lines(doc)


@cache
def _source_lines(doc: str) -> list[str]:
    files = sorted((ROOT / "sources").glob(f"{doc}_*.txt"))
    assert len(files) == 1, f"expected one sources/{doc}_*.txt, found {files}"
    text = files[0].read_text(encoding="utf-8")
    lines = text.split("\n")
    return lines[:-1] if text.endswith("\n") else lines


def occurs_on_lines(ref: m.SourceRef, text: str) -> bool:
    """Return True if ``text`` occurs verbatim on one of the lines ``ref`` cites."""
    lines = source_lines(ref.doc)
    first, last = ref.lines
    return any(text in lines[n - 1] for n in range(first, min(last, len(lines)) + 1))


def mixed_script_words(text: str) -> list[str]:
    """Return the words of ``text`` that mix Latin (or ə) and Cyrillic letters."""
    return [w for w in LETTER_RUN.findall(text) if CYRILLIC.search(w) and LATIN.search(w)]


def coverage_problems(ranges: list[tuple[int, int]], lines: list[str]) -> list[str]:
    """Describe overlaps between ``ranges`` and non-blank lines that no range covers."""
    owner: dict[int, int] = {}
    problems = []
    for index, (first, last) in enumerate(ranges):
        for n in range(first, last + 1):
            if n in owner:
                problems.append(f"line {n} is in sections {owner[n] + 1} and {index + 1}")
            owner[n] = index
    for n, line in enumerate(lines, start=1):
        if line.strip() and n not in owner:
            problems.append(f"non-blank line {n} is in no section")
    return problems


def all_refs() -> Iterator[tuple[str, m.SourceRef]]:
    """Yield (owner label, source reference) for every record that cites a source."""
    for c in data.countries():
        if c.source:
            yield f"countries {c.id}", c.source
    for p in data.places():
        yield f"places {p.id}", p.source
    for c in data.corridors():
        yield f"corridors {c.id}", c.source
    for o in data.organizations():
        yield f"orgs {o.id}", o.source
        for ms in o.members:
            yield f"orgs {o.id} member {ms.country}", ms.source
    for e in data.events():
        yield f"events {e.id}", e.source
    for t in data.glossary():
        yield f"glossary {t.id}", t.source
    for lec in data.lectures():
        for ref in lec.sources:
            yield f"lectures {lec.id}", ref


def text_values(value: object, key: str = "") -> Iterator[tuple[str, str]]:
    """Yield (key, string) pairs of reader-facing text inside a dumped record."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k not in {"en", "text_form", "id", "file"}:
                yield from text_values(v, k)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from text_values(item, key)
    elif isinstance(value, str) and key in TEXT_KEYS:
        yield key, value


def all_records() -> Iterator[tuple[str, m.Record]]:
    """Yield (file label, record) for every record of every content file."""
    loaders = {"countries": data.countries, "places": data.places, "corridors": data.corridors,
               "orgs": data.organizations, "events": data.events, "glossary": data.glossary,
               "lectures": data.lectures, "documents": data.documents}
    for name, loader in loaders.items():
        for record in loader():
            yield name, record


# --------------------------------------------------------------------------- the helpers work


def test_mixed_script_words_flags_a_latin_letter_in_a_kazakh_word() -> None:
    assert mixed_script_words("Қaзақстан") == ["Қaзақстан"]  # Latin "a"
    assert mixed_script_words("жəне") == ["жəне"]  # Latin schwa, as in 002


def test_mixed_script_words_accepts_separate_latin_words() -> None:
    assert mixed_script_words("Silk Visa енгізу, COVID-19 пандемиясы, SREB-тің") == []


def test_coverage_problems_reports_gaps_and_overlaps() -> None:
    lines = ["a", "", "b", "c"]
    assert coverage_problems([(1, 2), (3, 4)], lines) == []
    assert coverage_problems([(1, 1), (4, 4)], lines) == ["non-blank line 3 is in no section"]
    assert coverage_problems([(1, 3), (3, 4)], lines) == ["line 3 is in sections 1 and 2"]


def test_occurs_on_lines_needs_the_exact_form_on_a_cited_line() -> None:
    ref = m.SourceRef(doc="000", lines=(79, 79))
    assert occurs_on_lines(ref, "Исфарин ауданындағы")
    assert not occurs_on_lines(ref, "Исфара ауданындағы")
    assert not occurs_on_lines(m.SourceRef(doc="000", lines=(80, 80)), "Исфарин")


# --------------------------------------------------------------------------- the content


def test_all_content_validates() -> None:
    problems = data.validate_content()
    assert problems == [], "content problems:\n" + "\n".join(str(p) for p in problems)


@pytest.mark.parametrize("name", CONTENT_FILES)
def test_ids_are_unique_within_each_file(name: str) -> None:
    raw = data.load_yaml(data.content_root() / f"{name}.yaml")
    counts = Counter(item.get("id") for item in raw)
    duplicates = sorted(str(i) for i, n in counts.items() if n > 1)
    assert not duplicates, f"{name}.yaml: duplicate ids {duplicates}"


def test_documents_point_at_the_source_files() -> None:
    docs = {d.id: d for d in data.documents()}
    assert sorted(docs) == ["000", "001", "002", "003", "004"]
    for d in docs.values():
        assert (ROOT / d.file).is_file(), f"documents {d.id}: file {d.file} does not exist"
        assert Path(d.file).name.startswith(f"{d.id}_"), f"documents {d.id}: file {d.file}"


def test_every_source_range_lies_inside_its_document() -> None:
    bad = [f"{who}: {ref.label()} but {ref.doc} has {len(source_lines(ref.doc))} lines"
           for who, ref in all_refs() if ref.lines[1] > len(source_lines(ref.doc))]
    assert not bad, "source ranges past the end of the document:\n" + "\n".join(bad)


def test_every_text_form_occurs_on_a_cited_line() -> None:
    bad = [f"{p.id}: {p.text_form!r} not on {p.source.label()}" for p in data.places()
           if p.text_form is None or not occurs_on_lines(p.source, p.text_form)]
    assert not bad, "text_form must be copied verbatim from the cited line:\n" + "\n".join(bad)


def test_places_in_central_asia_lie_in_the_region() -> None:
    ca = {c.id for c in data.countries() if c.central_asia}
    lat0, lat1, lon0, lon1 = CA_BOX
    bad = [f"{p.id}: ({p.lat}, {p.lon}) in {p.country}" for p in data.places()
           if p.country in ca and not (lat0 <= p.lat <= lat1 and lon0 <= p.lon <= lon1)]
    assert not bad, f"places of Central Asian states outside {CA_BOX}:\n" + "\n".join(bad)


def test_places_outside_the_region_have_an_allowed_kind() -> None:
    ca = {c.id for c in data.countries() if c.central_asia}
    lat0, lat1, lon0, lon1 = CA_BOX

    def outside(p: m.Place) -> bool:
        if p.country is not None:
            return p.country not in ca
        return not (lat0 <= p.lat <= lat1 and lon0 <= p.lon <= lon1)

    bad = [f"{p.id}: kind {p.kind} in {p.country}" for p in data.places()
           if outside(p) and p.kind not in OUTSIDE_KINDS]
    assert not bad, f"outside Central Asia only {sorted(OUTSIDE_KINDS)}:\n" + "\n".join(bad)


def test_the_five_central_asian_states_and_their_capitals() -> None:
    ca = {c.id: c.capital for c in data.countries() if c.central_asia}
    assert ca == {"KAZ": "Астана", "UZB": "Ташкент", "KGZ": "Бішкек", "TJK": "Душанбе",
                  "TKM": "Ашхабад"}
    capitals = {p.name for p in data.places() if p.kind == "capital"}
    missing = sorted(set(ca.values()) - capitals)
    assert not missing, f"places.yaml has no capital place for {missing}"


def test_every_membership_has_a_source_and_a_known_country() -> None:
    countries = {c.id for c in data.countries()}
    bad = []
    for o in data.organizations():
        for ms in o.members:
            if ms.source is None:
                bad.append(f"{o.id} {ms.country}: no source")
            if ms.country not in countries:
                bad.append(f"{o.id}: unknown country {ms.country}")
    assert not bad, "\n".join(bad)


def test_every_country_referenced_exists() -> None:
    countries = {c.id for c in data.countries()}
    bad = [f"places {p.id}: {p.country}" for p in data.places()
           if p.country is not None and p.country not in countries]
    assert not bad, "unknown countries (add them to countries.yaml):\n" + "\n".join(bad)


@pytest.mark.parametrize("doc", ["000", "001", "002", "003", "004"])
def test_sections_cover_every_non_blank_line_once(doc: str) -> None:
    document = next(d for d in data.documents() if d.id == doc)
    ranges = [tuple(s.lines) for s in document.sections]
    lines = source_lines(doc)
    past_end = [r for r in ranges if r[0] > r[1] or r[1] > len(lines)]
    assert not past_end, f"documents {doc}: bad section ranges {past_end} ({len(lines)} lines)"
    problems = coverage_problems(ranges, lines)
    assert not problems, f"documents {doc}:\n" + "\n".join(problems)


def test_every_named_lecture_exists() -> None:
    lectures = {lec.id for lec in data.lectures()}
    named = [(f"documents {d.id} «{s.title}»", s.lectures)
             for d in data.documents() for s in d.sections]
    named += [(f"events {e.id}", e.lectures) for e in data.events()]
    named += [(f"glossary {t.id}", t.lectures) for t in data.glossary()]
    bad = [f"{who}: {lec}" for who, ids in named for lec in ids if lec not in lectures]
    assert not bad, "unknown lecture ids:\n" + "\n".join(bad)


def test_lectures_are_l01_to_l18_with_their_notebooks() -> None:
    lectures = data.lectures()
    assert [lec.id for lec in lectures] == [f"l{n:02d}" for n in range(1, 19)]
    bad = [lec.id for lec in lectures
           if not re.fullmatch(rf"book/{lec.id}_[a-z0-9_]+\.ipynb", lec.file)]
    assert not bad, f"lecture files must be book/<id>_<slug>.ipynb: {bad}"


def test_kazakh_text_is_clean_cyrillic() -> None:
    bad = []
    for name, record in all_records():
        who = f"{name} {getattr(record, 'id', '')}"
        for key, text in text_values(record.model_dump()):
            if "\u0259" in text or "\u018f" in text:
                bad.append(f"{who} {key}: Latin ə/Ə in {text[:60]!r}")
            if words := mixed_script_words(text):
                bad.append(f"{who} {key}: mixed-script words {words}")
            if not unicodedata.is_normalized("NFC", text):
                bad.append(f"{who} {key}: not NFC")
    assert not bad, "\n".join(bad)


def test_content_files_are_utf8_with_lf_endings() -> None:
    bad = []
    for name in CONTENT_FILES:
        raw = (data.content_root() / f"{name}.yaml").read_bytes()
        if b"\r" in raw:
            bad.append(f"{name}.yaml has CR line endings")
        if b"\t" in raw:
            bad.append(f"{name}.yaml contains a tab")
        raw.decode("utf-8")
    assert not bad, "\n".join(bad)
