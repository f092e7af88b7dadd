"""The numbers kept in ``content/indicators.yaml`` are the sources' own and load as a frame."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from ca_course import data

ROOT = Path(__file__).resolve().parents[1]


def _line(doc: str, number: int) -> str:
    (path,) = sorted((ROOT / "sources").glob(f"{doc}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


def _number(written: str) -> float:
    """Read the leading number of a written form such as «263,3 млн.» or «51,3 жас»."""
    match = re.match(r"\d+(?:,\d+)?", written)
    assert match, f"{written!r} does not start with a number"
    return float(match.group().replace(",", "."))


def test_every_written_form_stands_on_its_cited_lines() -> None:
    bad = []
    for item in data.indicators():
        first, last = item.source.lines
        lines = [_line(item.source.doc, n) for n in range(first, last + 1)]
        if not any(item.written in line for line in lines):
            bad.append(f"{item.id}: {item.written!r} not on {item.source.label()}")
    assert not bad, "\n".join(bad)


def test_value_is_the_written_number_in_its_unit() -> None:
    scale = {"млн.": 1, "млрд.": 1000, "млдр.": 1000, "жас": 1}
    bad = []
    for item in data.indicators():
        word = item.written.split()[-1]
        if word not in scale or abs(_number(item.written) * scale[word] - item.value) > 1e-9:
            bad.append(f"{item.id}: {item.written!r} but value {item.value} {item.unit}")
    assert not bad, "\n".join(bad)


def test_ids_are_unique_and_countries_known() -> None:
    ids = Counter(item.id for item in data.indicators())
    assert [i for i, n in ids.items() if n > 1] == []
    known = {c.id for c in data.countries()}
    assert {c for item in data.indicators() for c in item.countries} <= known


def test_frame_has_one_row_per_number_and_plain_dtypes() -> None:
    frame = data.indicators_frame()
    assert len(frame) == len(data.indicators())
    assert list(frame.columns) == ["id", "topic", "countries", "year", "period", "kind", "value",
                                   "unit", "label", "written", "source"]
    assert frame["year"].dtype == "int64" and frame["value"].dtype == "float64"
    trade = frame.query("topic == 'kz-uz-trade' and kind == 'actual' and period == 'year'")
    assert trade["year"].tolist() == [2002, 2006, 2016]
    ages = frame.query("topic == 'minister-age'").groupby(["countries", "kind"]).size()
    assert ages.to_dict() == {("KAZ", "average"): 1, ("KAZ", "person"): 3,
                              ("UZB", "average"): 1, ("UZB", "person"): 3}


def _markdown(notebook: str) -> str:
    cells = json.loads((ROOT / "book" / notebook).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _money(mln: float) -> str:
    """Write a sum in millions of dollars the way the lectures do («263,3 млн», «1,2 млрд»)."""
    number, unit = (mln / 1000, "млрд") if mln >= 1000 else (mln, "млн")
    return f"{number:g}".replace(".", ",") + f" {unit} доллар"


def test_l15_trade_table_shows_the_data_on_its_lines() -> None:
    rows = [line for line in _markdown("l15_geoeconomics.ipynb").split("\n")
            if line.startswith("| 20")]
    bad = []
    for item in data.indicators():
        if item.topic != "kz-uz-trade":
            continue
        hits = [r for r in rows if r.startswith(f"| {item.year} жыл") and _money(item.value) in r
                and item.source.label() in r]
        if len(hits) != 1:
            bad.append(f"{item.id}: no table row with {item.year}, {_money(item.value)}, "
                       f"{item.source.label()}")
    assert not bad, "\n".join(bad)


def test_l18_ministers_table_shows_the_data() -> None:
    table = [line for line in _markdown("l18_consolidation_model.ipynb").split("\n")
             if line.startswith("| ")]
    text = "\n".join(table)
    bad = []
    for item in data.indicators():
        if item.topic != "minister-age":
            continue
        age = f"{item.value:g}".replace(".", ",")
        shown = f"{item.label} ({age})" if item.kind == "person" else f"| {age} "
        if shown not in text:
            bad.append(f"{item.id}: {shown!r} not in the l18 table")
    assert not bad, "\n".join(bad)
