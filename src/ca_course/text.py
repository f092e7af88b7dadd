"""Normalize Kazakh text and match short answers.

The look-alike tables live in ``content/letters.yaml``; the same tables are sent to
the static quiz JavaScript, which implements the same three steps.

Matching a typed answer against an accepted one:

1. NFC, lower case, drop quotes and final punctuation, treat hyphens and dashes as
   spaces, drop all spaces;
2. inside a word that has Cyrillic letters, read Latin look-alikes as Cyrillic
   (``a``→``а``, ``ə``→``ә``, ``i``→``і`` …);
3. if the typed answer has no Kazakh-specific letter at all (a Russian keyboard),
   compare both sides with Kazakh letters folded to Russian ones (``қ``→``к`` …);
4. either script: compare both sides written in the 2021 Latin alphabet
   (:mod:`ca_course.latin`), so ``Qazaqstan`` matches ``Қазақстан`` and the reverse.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ca_course.data import content_root, load_yaml
from ca_course.latin import latin_letters
from ca_course.latin import table as latin_table

__all__ = ["Letters", "kazakh_sort_key", "letters", "match_short_answer", "normalize",
           "parse_number"]

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Letters:
    """The matching tables from ``content/letters.yaml``."""

    latin_lookalikes: dict[str, str]
    kazakh_to_russian: dict[str, str]
    separators: str
    strip_chars: str
    alphabet: str
    #: Cyrillic letter -> its spelling in the 2021 Latin alphabet (``content/latin.yaml``).
    to_latin: dict[str, str]

    def as_json(self) -> dict[str, object]:
        """Return the tables in the shape the quiz JavaScript reads."""
        return {"latin": self.latin_lookalikes, "fold": self.kazakh_to_russian,
                "separators": self.separators, "strip": self.strip_chars,
                "latn": self.to_latin}


@cache
def letters() -> Letters:
    """Return the matching tables."""
    raw = load_yaml(content_root() / "letters.yaml")
    return Letters(latin_lookalikes=dict(raw["latin_lookalikes"]),
                   kazakh_to_russian=dict(raw["kazakh_to_russian"]),
                   separators=str(raw["separators"]), strip_chars=str(raw["strip_chars"]),
                   alphabet=str(raw["alphabet"]), to_latin=dict(latin_table().to_latin))


def normalize(text: str) -> str:
    """Return the comparison key of ``text`` (steps 1 and 2 of the module docstring).

    Examples
    --------
    >>> normalize("  «Майлы-Суу» ")
    'майлысуу'
    >>> normalize("\\u0041стана") == normalize("Астана")   # Latin A typed first
    True
    >>> normalize("Astana")   # an all-Latin word is left Latin
    'astana'
    """
    table = letters()
    text = unicodedata.normalize("NFC", text).lower()
    text = "".join(" " if ch in table.separators else ch for ch in text
                   if ch not in table.strip_chars)

    def fix_word(match: re.Match[str]) -> str:
        word = match.group(0)
        if not CYRILLIC.search(word):
            return word
        return "".join(table.latin_lookalikes.get(ch, ch) for ch in word)

    text = WORD.sub(fix_word, text)
    return "".join(text.split())


def _fold(text: str) -> str:
    fold = letters().kazakh_to_russian
    return "".join(fold.get(ch, ch) for ch in text)


def match_short_answer(accepted: str | Iterable[str], typed: str) -> bool:
    """Return whether ``typed`` matches one of the ``accepted`` answers.

    Examples
    --------
    >>> match_short_answer("Қазақстан", "казакстан")   # Russian keyboard
    True
    >>> match_short_answer("Қазақстан", "Қазакстан")   # has Kazakh letters: strict
    False
    >>> match_short_answer(["Сарез көлі", "Сарез"], "сарез")
    True
    >>> match_short_answer("Астана", "Алматы")
    False
    >>> match_short_answer("Қазақстан", "Qazaqstan")   # either script (step 4)
    True
    """
    variants = [accepted] if isinstance(accepted, str) else list(accepted)
    key = normalize(typed)
    if not key:
        return False
    keys = [normalize(v) for v in variants]
    if key in keys:
        return True
    if not any(ch in letters().kazakh_to_russian for ch in key) and (
            _fold(key) in {_fold(k) for k in keys}):
        return True
    return latin_letters(key) in {latin_letters(k) for k in keys}


NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_number(typed: str | float | int) -> float | None:
    """Read a number typed the Kazakh way (``3 252``, ``0,5``); ``None`` if it is not one.

    Examples
    --------
    >>> parse_number("3 252")
    3252.0
    >>> parse_number("0,5")
    0.5
    >>> parse_number("бес") is None
    True
    """
    if isinstance(typed, bool):
        return None
    if isinstance(typed, int | float):
        return float(typed)
    cleaned = "".join(typed.split()).replace("\u00a0", "").replace(",", ".").rstrip("%")
    return float(cleaned) if NUMBER.match(cleaned) else None


def kazakh_sort_key(text: str) -> tuple[int, ...]:
    """Return a key that sorts words in Kazakh alphabetical order.

    Examples
    --------
    >>> sorted(["ұлттық", "әскери", "анклав", "үдеріс", "іргелі"], key=kazakh_sort_key)
    ['анклав', 'әскери', 'ұлттық', 'үдеріс', 'іргелі']
    """
    order = {ch: i for i, ch in enumerate(letters().alphabet)}
    letters_only = unicodedata.normalize("NFC", text).lower().strip(letters().strip_chars + " ")
    return tuple(order.get(ch, len(order) + ord(ch)) for ch in letters_only)
