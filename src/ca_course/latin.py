"""Kazakh in the Latin alphabet of 2021: the Latin-script edition of the book.

The alphabet is the one of 31 letters that the Government of Kazakhstan presented on
28 January 2021 (the version that the transition planned for 2023–2031 refers to; its table
is the one Wikipedia gives in «Kazakh alphabets», section «Latin script», 2021). The table is
data, ``content/latin.yaml``, read here only:

======  ========  ======  ========  ======  ========  ======  ========
Latin   Cyrillic  Latin   Cyrillic  Latin   Cyrillic  Latin   Cyrillic
======  ========  ======  ========  ======  ========  ======  ========
A a     А а       İ i     И и, Й й  P p     П п       Ū ū     Ұ ұ
Ä ä     Ә ә       J j     Ж ж       Q q     Қ қ       Ü ü     Ү ү
B b     Б б       K k     К к       R r     Р р       V v     В в
D d     Д д       L l     Л л       S s     С с, Ц ц  Y y     Ы ы
E e     Е е, Э э  M m     М м       Ş ş     Ш ш, Ч ч  Z z     З з
F f     Ф ф       N n     Н н       T t     Т т
G g     Г г       Ñ ñ     Ң ң       U u     У у
Ğ ğ     Ғ ғ       O o     О о
H h     Х х, Һ һ  Ö ö     Ө ө
I ı     І і
======  ========  ======  ========  ======  ========  ======  ========

Cyrillic letters with no letter of their own (used in loanwords) are written as follows; the
2021 presentation leaves them out of the alphabet and no orthography fixing them has been
adopted, so this is the convention of this book, stated here and in the student guide:
й → i, һ → h, э → e, ц → s, ч → ş, щ → şş, ё → io, ю → iu, я → ia; ъ and ь are dropped.

Round trips:

* :func:`to_cyrillic` reads each of the 31 letters back to the Cyrillic letter of its row
  (H → Х, İ → И), so ``to_latin(to_cyrillic(s)) == s`` for every text in the 31 letters;
* ``to_cyrillic(to_latin(s)) == s`` holds for Kazakh text that uses none of the letters above
  without a letter of their own (nor Һ), i.e. whose letters are the right-hand letters of the
  table; for the others the way back is not defined (``щ`` and ``шш``, ``и`` and ``й`` meet).

Capitals follow the alphabet: і → ı → I and и → i → İ (not Python's ``str.upper``).

What is left alone: text that is not Kazakh. A run of text (a text node of a page) is Russian
when it has no Kazakh-specific letter (ә ғ қ ң ө ұ ү һ і) and shows a Russian sign: ё, щ, ъ,
a Russian function word (и, в, на, для …) or a Russian ending (-ость, -ный, -ская …; a Kazakh
run without any Kazakh letter but with such a word stays Cyrillic too). Elements marked with
another ``lang`` (the glossary's Russian column is ``lang="ru"``, Cyrillic quoted on purpose
``lang="kk-Cyrl"``), elements marked ``translate="no"``, code and preformatted text are never
touched.
English and other Latin text has no Cyrillic letters, so it is unchanged.

>>> to_latin("Қазақстан Республикасы")
'Qazaqstan Respublikasy'
>>> to_latin("ҰҚШҰ мен ШЫҰ")
'ŪQŞŪ men ŞYŪ'
>>> to_latin("Безопасность в Центральной Азии")   # Russian: left alone
'Безопасность в Центральной Азии'
>>> to_cyrillic("Qazaqstan Respublikasy")
'Қазақстан Республикасы'
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from html import escape, unescape

from ca_course.data import content_root, load_yaml

__all__ = ["ENV_VAR", "LATIN", "Table", "is_latin_edition", "is_russian", "latin_letters",
           "table", "to_cyrillic", "to_latin", "transliterate", "transliterate_html",
           "transliterate_script"]

#: The build switch: ``CA_COURSE_SCRIPT=latn`` builds the Latin-script edition.
ENV_VAR = "CA_COURSE_SCRIPT"
LATIN = "latn"

CYRILLIC_WORD = re.compile(r"[\w\u0400-\u04FF]*[\u0400-\u04FF][\w\u0400-\u04FF]*")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _upper(letter: str) -> str:
    return "İ" if letter == "i" else letter.upper()


def _lower(letter: str) -> str:
    return {"I": "ı", "İ": "i"}.get(letter, letter.lower())


@dataclass(frozen=True)
class Table:
    """The alphabet (Latin letter, Cyrillic letter) in order and both directions of lookup."""

    alphabet: tuple[tuple[str, str], ...]
    to_latin: dict[str, str]
    to_cyrillic: dict[str, str]
    russian_words: frozenset[str]
    russian_endings: tuple[str, ...]
    kazakh_letters: frozenset[str]
    russian_letters: frozenset[str]


@cache
def table() -> Table:
    """Return the transliteration table of ``content/latin.yaml``."""
    raw = load_yaml(content_root() / "latin.yaml")
    alphabet = tuple((str(latin), str(cyrillic)) for latin, cyrillic in raw["alphabet"])
    forward = {cyrillic: latin for latin, cyrillic in alphabet}
    forward.update({str(k): str(v or "") for k, v in raw["shared"].items()})
    backward = {latin: cyrillic for latin, cyrillic in alphabet}
    return Table(alphabet=alphabet, to_latin=forward, to_cyrillic=backward,
                 russian_words=frozenset(str(w) for w in raw["russian_words"]),
                 russian_endings=tuple(str(e) for e in raw["russian_endings"]),
                 kazakh_letters=frozenset(str(raw["kazakh_letters"])),
                 russian_letters=frozenset(str(raw["russian_letters"])))


def _convert_word(word: str, mapping: dict[str, str], lower: object, upper: object) -> str:
    out: list[str] = []
    all_caps = len([c for c in word if c.isalpha()]) > 1 and word.isupper()
    for ch in word:
        low = lower(ch)  # type: ignore[operator]
        converted = mapping.get(low)
        if converted is None:
            out.append(ch)
        elif ch != low and converted:
            out.append("".join(upper(c) for c in converted) if all_caps  # type: ignore[operator]
                       else upper(converted[0]) + converted[1:])  # type: ignore[operator]
        else:
            out.append(converted)
    return "".join(out)


def is_russian(text: str) -> bool:
    """Tell whether a run of Cyrillic text is Russian rather than Kazakh (module docstring).

    >>> is_russian("Безопасность в Центральной Азии"), is_russian("Орталық Азия")
    (True, False)
    >>> is_russian("Ресей мен Қытай"), is_russian("Глоссарий"), is_russian("Г.И. Чуфрин")
    (False, False, False)
    """
    t = table()
    lower = text.lower()
    if any(ch in t.kazakh_letters for ch in lower):
        return False
    if any(ch in t.russian_letters for ch in lower):
        return True
    # Function words count in small letters only: «Г.И. Чуфрин» has an initial, not «и».
    words = CYRILLIC_WORD.findall(text)
    return any(word in t.russian_words
               or (len(word) >= 5 and word.lower().endswith(t.russian_endings))
               for word in words)


def to_latin(text: str) -> str:
    """Write Kazakh Cyrillic ``text`` in the Latin alphabet; Russian text is returned as is."""
    if not CYRILLIC.search(text) or is_russian(text):
        return text
    mapping = table().to_latin
    return CYRILLIC_WORD.sub(lambda m: _convert_word(m.group(0), mapping, str.lower, _upper),
                             text)


def latin_letters(text: str) -> str:
    """Write every (lower-case) letter of ``text`` by its Latin row, sparing no word.

    Unlike :func:`to_latin` it converts Russian words too: it makes comparison keys (short
    answers in either script) and search stems, not text for a reader.

    >>> latin_letters("ферғана"), latin_letters("азия")
    ('ferğana', 'aziia')
    """
    mapping = table().to_latin
    return "".join(mapping.get(ch, ch) for ch in text)


def to_cyrillic(text: str) -> str:
    """Write Latin-alphabet Kazakh ``text`` in Cyrillic (each letter back to its table row)."""
    mapping = table().to_cyrillic
    return re.sub(r"\w+", lambda m: _convert_word(m.group(0), mapping, _lower, str.upper), text)


def is_latin_edition() -> bool:
    """Return whether this process builds the Latin-script edition (``CA_COURSE_SCRIPT``)."""
    return os.environ.get(ENV_VAR, "").strip().lower() == LATIN


def transliterate(text: str) -> str:
    """Return ``text`` in Latin letters when building the Latin edition, else unchanged."""
    return to_latin(text) if is_latin_edition() else text


#: Elements whose content is code or preformatted output: never transliterated.
SKIPPED = frozenset({"pre", "code", "kbd", "samp", "style", "textarea", "math"})
#: Attributes whose values are read by people.
READ_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "placeholder", "content", "srcdoc",
                             "data-bs-title",
                             "data-tooltip", "label", "value"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|<(/?)([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
                   re.S)
ATTRIBUTE = re.compile(r"""([\w:-]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)')""")


def _attributes(attrs: str) -> str:
    def fix(m: re.Match[str]) -> str:
        name, eq = m.group(1), m.group(2)
        quote = '"' if m.group(3) is not None else "'"
        value = m.group(3) if m.group(3) is not None else m.group(4)
        if name.lower() not in READ_ATTRIBUTES or not CYRILLIC.search(value):
            return m.group(0)
        if name.lower() == "srcdoc":
            new = escape(transliterate_html(unescape(value)), quote=True)
        else:
            new = to_latin(value)
        return f"{name}{eq}{quote}{new}{quote}"

    return ATTRIBUTE.sub(fix, attrs)


def transliterate_script(script: str) -> str:
    """Write the Kazakh strings of a JavaScript file in Latin letters.

    Cyrillic written as ``\\uXXXX`` escapes (JSON dumped by Python) is read as letters first.

    >>> transliterate_script('var m = {"ok": "\\u0414\\u04b1\\u0440\\u044b\\u0441"};')
    'var m = {"ok": "Dūrys"};'
    """
    letters = re.sub(r"\\u(04[0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), script)
    return CYRILLIC_WORD.sub(lambda m: to_latin(m.group(0)), letters)


def transliterate_html(html: str) -> str:
    """Write the Kazakh text of an HTML document or fragment in Latin letters.

    Text, read attributes (title, alt, aria-label …, a map's ``srcdoc``) and script strings
    are transliterated; code, preformatted text, elements whose ``lang`` is not Kazakh and
    elements marked ``translate="no"`` are not; each text run is left alone when it is Russian
    (:func:`is_russian`).

    >>> transliterate_html('<p title="Карта">Ақтау <code>print("Ақтау")</code></p>')
    '<p title="Karta">Aqtau <code>print("Ақтау")</code></p>'
    >>> transliterate_html('<td>қауіпсіздік</td><td><span lang="ru">безопасность</span></td>')
    '<td>qauıpsızdık</td><td><span lang="ru">безопасность</span></td>'
    """
    out: list[str] = []
    stack: list[tuple[str, bool]] = []   # (element, skipped) for open elements
    position = 0

    def skipping() -> bool:
        return bool(stack) and stack[-1][1]

    def text(chunk: str) -> str:
        if skipping() or not CYRILLIC.search(chunk):
            return chunk
        if stack and stack[-1][0] == "script":
            return transliterate_script(chunk)
        return to_latin(chunk)

    for m in TOKEN.finditer(html):
        if m.start() < position:           # inside a script or style already copied
            continue
        out.append(text(html[position:m.start()]))
        position = m.end()
        closing, name, attrs = m.group(1), (m.group(2) or "").lower(), m.group(3) or ""
        if not name:                       # comment or doctype
            out.append(m.group(0))
            continue
        if closing:
            while stack:
                top, _ = stack.pop()
                if top == name:
                    break
            out.append(m.group(0))
            continue
        lang = re.search(r"""\blang\s*=\s*["']([^"']*)""", attrs)
        skip = skipping() or name in SKIPPED or bool(
            lang and lang.group(1).lower() not in ("kk", "kk-latn")) or bool(
            re.search(r"""\btranslate\s*=\s*["']no""", attrs))
        out.append(m.group(0) if skip else f"<{m.group(2)}{_attributes(attrs)}>")
        if name not in VOID and not attrs.rstrip().endswith("/"):
            stack.append((name, skip))
        if name in ("script", "style"):         # raw text up to the closing tag
            end = html.find(f"</{name}", position)
            end = len(html) if end < 0 else end
            out.append(text(html[position:end]))
            position = end
    out.append(text(html[position:]))
    return "".join(out)
