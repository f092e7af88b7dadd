"""Drop the theme's CSS rules that cannot match anything on the built site.

pydata-sphinx-theme ships Bootstrap's whole stylesheet (303 KB with the theme's own rules),
and every page loads it; most of its utility classes are used nowhere in this book.
:func:`prune_css` removes a selector when it needs a class that no page of the site
carries and no script of the site can add, and a rule when all its selectors are gone.
It is conservative:

* a class counts as used when it is in any page's ``class`` attribute, or its name (or a
  prefix of it ending in ``-``, for classes a script composes such as ``bs-tooltip-`` +
  placement) is a word of a script that a page runs, inline or from a file;
* classes inside functional pseudo-classes (``:not(.x)``, ``:is(…)``, ``:has(…)``) and
  attribute selectors are ignored, so a selector is never dropped because of them;
* at-rules other than ``@media``, ``@supports``, ``@layer`` and ``@container`` (fonts,
  keyframes, …) are kept whole; the rules inside those four are pruned the same way.

``book/_ext/ca_sphinx.py`` runs it on the theme's stylesheets after every HTML build.

>>> used = used_names(['<a class="btn">'], ["el.classList.add('show')"])
>>> prune_css(".btn{color:red}.mt-3{margin:1rem}.btn.show,.col-9{x:y}", used)
'.btn{color:red}.btn.show{x:y}'
>>> prune_css("@media (min-width:1px){.mt-3{a:b}.btn{c:d}}a:not(.zz){e:f}", used)
'@media (min-width:1px){.btn{c:d}}a:not(.zz){e:f}'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tinycss2

__all__ = ["UsedNames", "prune_css", "prune_site_css", "used_names"]

CLASS_ATTRIBUTE = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")
INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
#: At-rules whose blocks hold ordinary rules to prune.
GROUPING = frozenset({"media", "supports", "layer", "container"})


@dataclass(frozen=True)
class UsedNames:
    """The class names a site's pages carry and the words of every script they run."""

    classes: frozenset[str]
    script_words: frozenset[str]

    def may_use(self, name: str) -> bool:
        """Tell whether an element of the site may ever carry the class ``name``."""
        if name in self.classes or name in self.script_words:
            return True
        parts = name.split("-")
        return any("-".join(parts[:i]) + "-" in self.script_words for i in range(1, len(parts)))


SCRIPT_WORD = re.compile(r"[\w-]+")
SCRIPT_SRC = re.compile(r"""<script\b[^>]*\ssrc\s*=\s*["']([^"'?#]+)""", re.I)


def used_names(pages: Iterable[str], scripts: Iterable[str]) -> UsedNames:
    """Collect the class names of ``pages`` (HTML) and the words of their scripts.

    ``scripts`` are the texts of the script files the pages load; the pages' inline
    scripts are added here.
    """
    classes: set[str] = set()
    words: set[str] = set()
    for text in scripts:
        words.update(SCRIPT_WORD.findall(text))
    for page in pages:
        for m in CLASS_ATTRIBUTE.finditer(page):
            classes.update((m.group(1) or m.group(2) or "").split())
        for script in INLINE_SCRIPT.findall(page):
            words.update(SCRIPT_WORD.findall(script))
    return UsedNames(frozenset(classes), frozenset(words))


def _strip_nested(selector: str) -> str:
    """Remove attribute selectors and the arguments of functional pseudo-classes."""
    selector = re.sub(r"\[[^\]]*\]", "", selector)
    out, depth = [], 0
    for ch in selector:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list on its top-level commas."""
    parts, depth, current = [], 0, []
    for ch in prelude:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _selector_may_match(selector: str, used: UsedNames) -> bool:
    return all(used.may_use(name) for name in CLASS_IN_SELECTOR.findall(_strip_nested(selector)))


def _prune_rules(rules: list[object], used: UsedNames) -> str:
    out = []
    for rule in rules:
        kind = getattr(rule, "type", "")
        if kind == "qualified-rule":
            prelude = tinycss2.serialize(rule.prelude).strip()  # type: ignore[attr-defined]
            kept = [s.strip() for s in _split_selectors(prelude)
                    if _selector_may_match(s, used)]
            if kept:
                body = tinycss2.serialize(rule.content)  # type: ignore[attr-defined]
                out.append(f"{','.join(kept)}{{{body}}}")
        elif kind == "at-rule" and rule.lower_at_keyword in GROUPING \
                and rule.content is not None:  # type: ignore[attr-defined]
            inner = _prune_rules(tinycss2.parse_rule_list(
                rule.content, skip_comments=True, skip_whitespace=True), used)  # type: ignore
            if inner:
                prelude = tinycss2.serialize(rule.prelude)  # type: ignore[attr-defined]
                out.append(f"@{rule.at_keyword}{prelude}{{{inner}}}")  # type: ignore
        elif kind == "at-rule" or (kind == "comment"
                                   and rule.value.startswith("!")):  # type: ignore[attr-defined]
            out.append(rule.serialize())  # type: ignore[attr-defined]
    return "".join(out)


def prune_css(css: str, used: UsedNames) -> str:
    """Return ``css`` without the selectors and rules that no element of the site can match.

    Comments are dropped, except the ``/*! … */`` ones that carry a licence.
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True)
    return _prune_rules(rules, used)


def prune_site_css(site: Path, stylesheets: Iterable[str],
                   extra_scripts: Iterable[str] = ()) -> dict[str, tuple[int, int]]:
    """Prune the given stylesheets (paths from ``site``) by the site's pages and scripts.

    The scripts are those the pages load (``<script src>``, resolved in the site), their
    inline scripts and ``extra_scripts`` (texts of scripts linked into the pages later);
    map frames (``srcdoc``) do not load these stylesheets.
    Returns ``{path: (bytes before, bytes after)}`` for each stylesheet that exists.
    """
    pages: list[str] = []
    loaded: set[Path] = set()
    for page in site.rglob("*.html"):
        if "_sources" in page.parts:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        pages.append(text)
        for src in SCRIPT_SRC.findall(text):
            if "://" not in src and not src.startswith("//"):
                loaded.add((page.parent / src).resolve())
    scripts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(loaded)
               if p.is_file()] + list(extra_scripts)
    used = used_names(pages, scripts)
    sizes = {}
    for rel in stylesheets:
        path = site / rel
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        lighter = prune_css(text, used)
        sizes[rel] = (len(text.encode()), len(lighter.encode()))
        if lighter != text:
            path.write_text(lighter, encoding="utf-8")
    return sizes
