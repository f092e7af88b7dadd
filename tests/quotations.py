"""Find the quotations a chapter attributes to a source, and compare them with its lines.

Two forms count as an attributed quotation:

- a block quote (``> «…»`` lines) followed by a line ``— 000:3–4`` (several
  references may follow, separated by ``;`` or ``,``);
- an inline quotation ``«…»`` followed directly by a reference in parentheses,
  ``«…» (000:69)`` or ``«…» (000:69–70)``.

A quotation matches when every fragment between ellipses (``…`` marks a gap) occurs,
in order, in the cited lines after both are normalised: the defects that
``shared/seeds/README.md`` lists (wrong-alphabet letters, words run together, PDF
hyphenation, ``..`` glue, citation markers) and case, punctuation and spacing are
ignored, and nothing else is. ``tests/fixtures/quote_fixes.yaml`` lists the source's
misspelt names that a chapter may correct inside a quotation; text in square brackets inside
a quotation is an editorial insertion (``еме[с]тігін``) and is not compared.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
REF = re.compile(r"(\d{3}):(\d+)(?:\s*[–-]\s*(\d+))?")
BLOCK = re.compile(r"((?:^>[^\n]*\n?)+)\n?^[—–-]\s*((?:\d{3}:\d+(?:\s*[–-]\s*\d+)?[;,\s]*)+)",
                   re.M)
INLINE = re.compile(r"«((?:[^«»]|«[^«»]*»)+)»\s*\(((?:\d{3}:\d+(?:\s*[–-]\s*\d+)?[;,\s]*)+)\)")
# Letters that the raw sources confuse (wrong alphabet or keyboard) fold together.
_FOLD = str.maketrans({
    "ə": "а", "ә": "а", "қ": "к", "ң": "н", "ғ": "г", "ү": "у", "ұ": "у", "ө": "о",
    "і": "и", "һ": "х", "ё": "е", "й": "и",
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к",
    "i": "и", "h": "х", "m": "м", "t": "т", "b": "в",
})


@dataclass(frozen=True)
class Quotation:
    """One attributed quotation in a chapter."""

    chapter: str
    text: str
    refs: tuple[tuple[str, int, int], ...]

    @property
    def where(self) -> str:
        """Return the citation as written, such as ``000:3–4``."""
        return "; ".join(f"{d}:{a}" + (f"–{b}" if b != a else "") for d, a, b in self.refs)


@cache
def source_lines(doc: str) -> list[str]:
    """Return the physical lines of source document ``doc`` (``000``–``004``)."""
    [path] = SOURCES.glob(f"{doc}_*.txt")
    return path.read_text(encoding="utf-8").splitlines()


@cache
def _fixes() -> tuple[tuple[str, str], ...]:
    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "quote_fixes.yaml").read_text("utf-8"))
    return tuple((item["source"], item["chapter"]) for item in data["fixes"])


def normalise(text: str) -> str:
    """Fold a text to the letters and digits that a faithful quotation must keep."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\[[^\]]*\]", "", text)  # citation markers of the lost reference lists
    text = text.lower().translate(_FOLD)
    return "".join(ch for ch in text if ch.isalnum())


def cited_text(refs: tuple[tuple[str, int, int], ...]) -> str:
    """Return the cited lines, joined, with the allowed name corrections applied."""
    parts = []
    for doc, first, last in refs:
        parts.extend(source_lines(doc)[first - 1:last])
    text = "\n".join(parts)
    for wrong, right in _fixes():
        text = text.replace(wrong, right)
    return text


def parse_refs(text: str) -> tuple[tuple[str, int, int], ...]:
    """Return ``(doc, first, last)`` for every ``000:3–4`` reference in ``text``."""
    return tuple((d, int(a), int(b or a)) for d, a, b in REF.findall(text))


def _clean_markup(text: str) -> str:
    text = re.sub(r"\{term\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text)
    text = re.sub(r"[*_]{1,2}", "", text)
    return text


def quotations(chapter: str, markdown: str) -> list[Quotation]:
    """Return every attributed quotation of a chapter's markdown."""
    found: list[Quotation] = []
    for match in BLOCK.finditer(markdown):
        body = "\n".join(line.lstrip(">").strip() for line in match.group(1).splitlines())
        found.append(Quotation(chapter, _clean_markup(body), parse_refs(match.group(2))))
    for match in INLINE.finditer(markdown):
        found.append(Quotation(chapter, _clean_markup(match.group(1)), parse_refs(match.group(2))))
    return found


def mismatch(quote: Quotation) -> str | None:
    """Return why ``quote`` is not verbatim in its cited lines, or None when it is."""
    for doc, first, last in quote.refs:
        if first < 1 or last < first or last > len(source_lines(doc)):
            return f"{doc}:{first}–{last} is not a line range of document {doc}"
    source = normalise(cited_text(quote.refs))
    body = quote.text.strip().strip("«»").strip()
    fragments = [normalise(part) for part in re.split(r"…|\.\.\.", body)]
    position = 0
    for fragment in fragments:
        if not fragment:
            continue
        found = source.find(fragment, position)
        if found < 0:
            return _closest(fragment, source)
        position = found + len(fragment)
    return None


def _closest(fragment: str, source: str) -> str:
    """Say where the fragment stops matching, for a readable failure."""
    best = 0
    for start in range(len(source)):
        length = 0
        while (length < len(fragment) and start + length < len(source)
               and source[start + length] == fragment[length]):
            length += 1
        best = max(best, length)
    return (f"not verbatim in the cited lines: matches up to «…{fragment[max(0, best - 20):best]}» "
            f"then the quotation has «{fragment[best:best + 30]}…»")
