"""Read lecture notebooks as a student reads them: prose, structure, numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"

REQUIRED_SECTIONS = (
    "Оқу мақсаттары",
    "Негізгі ұғымдар",
    "Өзін-өзі тексеру",
    "Жаттығулар",
    "Қорытынды",
    "Қайталау сұрақтары",
    "Дереккөздер",
)
EDITORIAL_TITLE = "Редакциялық ескертпе"
SINCE_TITLE = "Содан бері не өзгерді"
"""The one note per lecture on later events (its knowledge date: «2026 жылғы жағдай бойынша»)."""

UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІ"
CYR = "а-яёәғқңөұүһі" + UPPER
MIXED_WORD = re.compile(rf"\b(?=\w*[{CYR}])(?=\w*[A-Za-zəƏ])\w+\b")
GLUE = re.compile(r"(?<![.…])\.\.(?![.…])")
BROKEN_INITIAL = re.compile(rf"(?:^|\s)[{UPPER}A-Z]\.[ \t]*\n[ \t]*[{CYR}]", re.M)
PDF_HYPHEN = re.compile(rf"[{CYR}]-[ \t]+[{CYR}]")
LONG_WORD = re.compile(rf"[{CYR}]{{26,}}")
# Misspellings of the raw sources that a clean chapter must not keep.
KNOWN_DEFECTS = ("Казакстан", "Кыргыстан", "Қырғыстан", "жəне", "ə", "Ə", "Баткент",
                 "Герцоговина", "Исфарин ", "корғаныс", "тұрақтылыктың", "ҰҚТШҰ", "ҰҚҰШ")


@dataclass(frozen=True)
class Cell:
    """One notebook cell with its index."""

    index: int
    kind: str
    source: str
    tags: tuple[str, ...]


def cells(path: Path) -> list[Cell]:
    """Return the cells of a notebook."""
    nb = nbformat.read(path, as_version=4)
    return [Cell(i, c.cell_type, c.source, tuple(c.metadata.get("tags", ())))
            for i, c in enumerate(nb.cells)]


def markdown(path: Path) -> str:
    """Return all markdown cells of a notebook joined by blank lines."""
    return "\n\n".join(c.source for c in cells(path) if c.kind == "markdown")


def strip_editorial(text: str) -> str:
    """Remove editorial-note admonitions (their numbers are corrections)."""
    titles = f"(?:{EDITORIAL_TITLE}|{SINCE_TITLE})"
    pattern = re.compile(r"(```+|:::+)\{admonition\} " + titles + r".*?\n\1", re.S)
    return pattern.sub("", text)


def prose(text: str) -> str:
    """Remove markup that is not prose: code, roles, labels, directive options, links."""
    text = re.sub(r"```.*?```", lambda m: _keep_directive_body(m.group(0)), text, flags=re.S)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"^\(.*?\)=\s*$", "", text, flags=re.M)
    text = re.sub(r"^:[a-z-]+:.*$", "", text, flags=re.M)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return text


def _keep_directive_body(block: str) -> str:
    lines = block.splitlines()
    if not lines or "{" not in lines[0]:
        return ""  # a plain code block
    return "\n".join(line for line in lines[1:-1] if not line.startswith(":"))


@cache
def source_lines(doc: str) -> list[str]:
    """Return the lines of a source document (1-based access via index - 1)."""
    path = next(SOURCES.glob(f"{doc}_*.txt"))
    return path.read_text(encoding="utf-8").splitlines()


def numbers_in(text: str) -> set[str]:
    """Return the numbers written in ``text``, digit groups joined (``3 252`` → ``3252``)."""
    text = text.replace("\u00a0", " ")
    text = re.sub(r"\b\d{3}:\d+(?:[–-]\d+)?", "", text)  # doc:line references
    text = re.sub(r"\bl\d{2}(?:-[a-z]+\d*)?\b", "", text)  # ids such as l01-ex1
    found = set()
    for match in re.finditer(r"\d+(?:[ \u202f]\d{3})*(?:[.,]\d+)?", text):
        token = re.sub(r"[ \u202f]", "", match.group(0))
        found.add(token)
    return found


def cited_numbers(refs: list[tuple[str, int, int]]) -> set[str]:
    """Return every number written in the cited source lines."""
    found: set[str] = set()
    for doc, first, last in refs:
        lines = source_lines(doc)[first - 1:last]
        found |= numbers_in("\n".join(lines))
    # A decimal number also counts through its integer form, and vice versa.
    extra = {n.replace(",", ".") for n in found} | {n.replace(".", ",") for n in found}
    return found | extra
