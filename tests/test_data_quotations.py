"""Every quotation inside the content data is verbatim on the source lines it cites.

A data record (event, term, organization and its memberships, place, corridor, country)
carries ``source: {doc, lines}``. A ``«…»`` in its title, description, definition or note is
compared, with the same rules as the chapters' quotations (``tests/quotations.py``), with the
lines cited right after it (``«…» (003:424)``) or, when no citation follows, with the record's
own source lines. Names that the course writes in «» but that are not quotations are listed,
each with why, in ``tests/fixtures/data_names.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import pytest
import yaml

from ca_course import data
from ca_course import models as m
from tests.quotations import ROOT, Quotation, cited_text, mismatch, normalise, parse_refs

FIELDS = ("title", "description", "definition", "note")
QUOTE = re.compile(r"«((?:[^«»]|«[^«»]*»)+)»(\s*\(((?:\d{3}:\d+(?:\s*[–-]\s*\d+)?[;,\s]*)+)\))?")


@cache
def _names() -> frozenset[str]:
    raw = yaml.safe_load((ROOT / "tests" / "fixtures" / "data_names.yaml").read_text("utf-8"))
    return frozenset(item["name"] for item in raw["names"])


def _records() -> Iterator[tuple[str, m.Record]]:
    for kind, records in (("events", data.events()), ("glossary", data.glossary()),
                          ("orgs", data.organizations()), ("places", data.places()),
                          ("corridors", data.corridors()), ("countries", data.countries())):
        for record in records:
            yield f"{kind}:{record.id}", record
            for member in getattr(record, "members", ()):
                yield f"{kind}:{record.id}:{member.country}", member


def quotations_in(label: str, record: m.Record) -> Iterator[Quotation]:
    """Yield the quotations of one record, each with the lines it is compared with."""
    source = getattr(record, "source", None)
    for field in FIELDS:
        text = getattr(record, field, None)
        if not isinstance(text, str):
            continue
        for match in QUOTE.finditer(text):
            body, cited = match.group(1), match.group(3)
            if cited:
                yield Quotation(f"{label}.{field}", body, parse_refs(cited))
            elif body not in _names() and source is not None:
                yield Quotation(f"{label}.{field}", body, ((source.doc, *source.lines),))


def data_quotations() -> list[Quotation]:
    """Return every quotation inside the content data."""
    return [q for label, record in _records() for q in quotations_in(label, record)]


def test_the_data_quotes_its_sources() -> None:
    quotes = data_quotations()
    assert len(quotes) >= 90
    assert sum(1 for q in quotes if q.chapter.startswith("orgs:")) >= 20


@pytest.mark.parametrize("kind", ["events", "glossary", "orgs", "places", "corridors",
                                  "countries"])
def test_data_quotations_are_verbatim(kind: str) -> None:
    problems = [f"{q.chapter} {q.where} «{q.text[:60]}»: {why}"
                for q in data_quotations() if q.chapter.startswith(kind + ":")
                if (why := mismatch(q))]
    assert not problems, "\n".join(problems)


def test_every_listed_name_is_used_in_the_data() -> None:
    texts = " ".join(str(getattr(record, field, "") or "")
                     for _, record in _records() for field in FIELDS)
    unused = [name for name in _names() if f"«{name}»" not in texts]
    assert not unused, unused


def test_a_changed_word_or_a_wrong_citation_in_a_note_is_caught() -> None:
    def event(note: str) -> m.Event:
        return m.Event(id="ev-test", date="2002", title="Сынақ",
                       source={"doc": "003", "lines": [422, 422]}, note=note)

    good = event("«…қағаз жүзінде қалған болатын» (003:424) деген баға.")
    [quote] = quotations_in("events:ev-test", good)
    assert quote.where == "003:424" and mismatch(quote) is None
    changed = event("«қағаз жүзінде қалды» (003:424) деген баға.")
    assert mismatch(next(quotations_in("events:ev-test", changed)))
    wrong_line = event("«…қағаз жүзінде қалған болатын» (003:425) деген баға.")
    assert mismatch(next(quotations_in("events:ev-test", wrong_line)))
    uncited = event("Дереккөз «қағаз жүзінде қалған болатын» дейді.")
    [own] = quotations_in("events:ev-test", uncited)
    assert own.where == "003:422" and mismatch(own)


def cut_short(quote: Quotation) -> str | None:
    """Say whether a quotation stops inside a «…» span of its source without marking the gap.

    A title or phrase that the source itself puts in «» is quoted whole or with its gap marked:
    «Орталық Азия халықаралық көлік дәліздері жүйесінде» is cut short where 003:318 reads
    «Орталық Азия халықаралық көлік дәліздері жүйесінде: стратегиялық перспективалар …».
    """
    body = quote.text.strip()
    if len(body.split()) < 3 or (body.startswith("…") and body.endswith("…")):
        return None  # a word or two quoted for its spelling is not a cut title
    mine = normalise(body)
    for span in re.findall(r"«([^«»]+)»", cited_text(quote.refs)):
        theirs = normalise(span)
        if mine == theirs or not mine or mine not in theirs:
            continue
        if (theirs.startswith(mine) and not body.endswith("…")) or (
                theirs.endswith(mine) and not body.startswith("…")):
            return f"cut short: the source quotes «{span.strip()}»"
    return None


def test_data_quotations_are_not_cut_short() -> None:
    problems = [f"{q.chapter} {q.where} «{q.text[:60]}»: {why}"
                for q in data_quotations() if (why := cut_short(q))]
    assert not problems, "\n".join(problems)


def test_a_cut_short_title_is_caught() -> None:
    ref = (("003", 318, 318),)
    short = Quotation("t", "Орталық Азия халықаралық көлік дәліздері жүйесінде", ref)
    assert cut_short(short)
    assert cut_short(Quotation("t", short.text + " …", ref)) is None
    whole = short.text + ": стратегиялық перспективалар және орындалмаған мүмкіндіктер"
    assert cut_short(Quotation("t", whole, ref)) is None
    assert cut_short(Quotation("t", "Орталық Азия", ref)) is None
