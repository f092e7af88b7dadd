"""Every quotation a chapter attributes to a source is verbatim on its cited lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lecture_text import ROOT, markdown
from tests.quotations import Quotation, mismatch, normalise, quotations

CHAPTERS = sorted((ROOT / "book").glob("*.ipynb")) + sorted((ROOT / "book").glob("*.md"))


def _markdown(path: Path) -> str:
    return markdown(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")


def all_quotations() -> list[Quotation]:
    """Return every attributed quotation in the book."""
    return [q for path in CHAPTERS for q in quotations(path.stem, _markdown(path))]


def test_the_book_quotes_its_sources() -> None:
    assert len(all_quotations()) >= 60


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_quotations_are_verbatim(path: Path) -> None:
    problems = [f"{q.where} «{q.text[:60]}…»: {why}"
                for q in quotations(path.stem, _markdown(path)) if (why := mismatch(q))]
    assert not problems, "\n".join(problems)


def test_normalise_ignores_only_the_catalogued_defects() -> None:
    assert normalise("қауіп- сіздік") == normalise("қауіпсіздік")
    assert normalise("жəне") == normalise("және")
    assert normalise("елдерініңсаясиқұрылымы") == normalise("елдерінің саяси құрылымы")
    assert normalise("[17, 137-б.] Арал") == normalise("Арал")
    assert normalise("Арал теңізі") != normalise("Арал көлі")


def test_a_changed_word_or_a_wrong_line_is_caught() -> None:
    md = ("> «Соңғы жылдары халықаралық қауіпсіздік жүйесі терең дағдарысқа ұшырап отыр.»"
          "\n\n— 001:36\n")
    [quote] = quotations("t", md)
    assert mismatch(quote) is None
    assert mismatch(quotations("t", md.replace("терең", "ауыр"))[0])
    assert mismatch(quotations("t", md.replace("001:36", "001:37"))[0])
    gap = "«Соңғы жылдары … терең дағдарысқа ұшырап отыр» (001:36)"
    assert mismatch(quotations("t", gap)[0]) is None
    unmarked_gap = "«Соңғы жылдары терең дағдарысқа ұшырап отыр» (001:36)"
    assert mismatch(quotations("t", unmarked_gap)[0])
