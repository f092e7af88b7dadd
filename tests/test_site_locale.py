"""The built site speaks Kazakh: lang="kk", no English theme leftovers, Kazakh JS strings.

The English strings below are the msgids translated in ``book/_ext/locales/kk/LC_MESSAGES``
(Sphinx, pydata-sphinx-theme, sphinx-book-theme, sphinx-exercise, sphinx-togglebutton,
sphinx-copybutton, myst-nb prompts). They are matched as whole strings only: a visible text
node or a ``title``/``aria-label``/... attribute that *is* "Contents" is a leftover, a Kazakh
sentence that quotes an English word is not. Code (``pre``, ``code``) and scripts are skipped.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

LEFTOVER_STRINGS = frozenset(
    {
        # Sphinx
        "Search",
        "Index",
        "General Index",
        "Link to this heading",
        "Link to this table",
        "Link to this image",
        "Link to this code",
        "Link to this definition",
        "Link to this term",
        "Link to this equation",
        "Search Results",
        "Searching",
        "Preparing search...",
        "Hide Search Matches",
        "Attention",
        "Caution",
        "Danger",
        "Error",
        "Hint",
        "Important",
        "Note",
        "See also",
        "Tip",
        "Warning",
        # pydata-sphinx-theme
        "Please activate JavaScript to enable the search functionality.",
        "Skip to main content",
        "Back to top",
        "On this page",
        "previous page",
        "previous",
        "Previous",
        "next page",
        "next",
        "Next",
        "Color mode",
        "Light",
        "Dark",
        "System Settings",
        "Site navigation",
        "Section Navigation",
        "Version warning",
        "Announcement",
        "Breadcrumb",
        "Home",
        # sphinx-book-theme and jupyter-book
        "Contents",
        "By",
        "Search...",
        "Search this book...",
        "Download this page",
        "Download source file",
        "Download notebook file",
        "Print to PDF",
        "Fullscreen mode",
        "Toggle primary sidebar",
        "Toggle secondary sidebar",
        "Main",
        "Page",
        # sphinx-exercise
        "Exercise",
        "Solution",
        "Solution to",
        # sphinx-togglebutton and myst-nb hidden cells
        "Click to show",
        "Click to hide",
        "Toggle hidden content",
        "Show code cell source",
        "Hide code cell source",
        "Show code cell output",
        "Hide code cell output",
        "Show code cell outputs",
        "Hide code cell outputs",
        "Show code cell content",
        "Hide code cell content",
        # sphinx-copybutton
        "Copy",
        "Copy to clipboard",
        "Copied!",
        "Failed to copy",
    }
)

#: Leftovers that carry a value after the English words; each must match the whole string.
LEFTOVER_PATTERNS = (
    re.compile(r"By\s+\S.{0,80}"),  # "By <author>"
    re.compile(r"(©\s*)?Copyright\b.*"),  # "© Copyright 2026."
    re.compile(r"Last updated on\b.*"),
    re.compile(r"Exercise\s+[\d.]+.*"),  # "Exercise 1", "Exercise 2.1 (title)"
    re.compile(r"Solution to\b.*"),
    re.compile(r"(Fig\.|Table|Listing|Section)\s+[\d.]+"),
    re.compile(r"(Show|Hide) code cell \w+"),
    re.compile(r"Logo of\b.*"),
)

CHECKED_ATTRIBUTES = frozenset(
    {"title", "aria-label", "placeholder", "data-tooltip", "data-bs-title", "alt"}
)
SKIPPED_ELEMENTS = frozenset({"script", "style", "pre", "code", "template", "textarea"})
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
#: Letters of the 2021 Kazakh Latin alphabet that English does not have (ca_course.latin).
LATIN_KAZAKH = re.compile("[äğıİñöqşūü]", re.IGNORECASE)

#: Messages that Sphinx's search JavaScript takes from _static/translations.js.
JS_MESSAGES = (
    "Search Results",
    "Search finished, found ${resultCount} page(s) matching the search query.",
    "Your search did not match any documents. Please make sure that all words are spelled "
    "correctly and that you've selected enough categories.",
    "Searching",
    "Preparing search...",
    "Hide Search Matches",
)
COPYBUTTON_KEYS = ("copy", "copy_to_clipboard", "copy_success", "copy_failure")


class PageText(HTMLParser):
    """Collect what a reader sees or hears from one page: text, labelled attributes, lang."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.texts: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self.script_sources: list[str] = []
        self._skipping = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "script":
            self._in_script = True
            if "src" in values:
                self.script_sources.append(values["src"])
        for name, value in values.items():
            if name in CHECKED_ATTRIBUTES:
                self.attributes.append((tag, name, " ".join(value.split())))
        if tag in SKIPPED_ELEMENTS:
            self._skipping += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in SKIPPED_ELEMENTS:
            self._skipping -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if tag in SKIPPED_ELEMENTS and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        if self._skipping:
            return
        text = " ".join(data.split())
        if text:
            self.texts.append(text)


def html_pages(site: Path) -> list[Path]:
    """Return every HTML page of the site (theme template fragments in _static excluded)."""
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)
    assert pages, f"no HTML pages under {site}"
    return pages


def parse(page: Path) -> PageText:
    """Parse one page."""
    parser = PageText()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def is_leftover(text: str) -> bool:
    """Tell whether a whole text or attribute value is an untranslated theme string."""
    return text in LEFTOVER_STRINGS or any(p.fullmatch(text) for p in LEFTOVER_PATTERNS)


def test_is_leftover_matches_whole_strings_only() -> None:
    assert is_leftover("Contents")
    assert is_leftover("By Курс авторлары")
    assert is_leftover("© Copyright 2026.")
    assert is_leftover("Exercise 2.1")
    assert not is_leftover("Мазмұны")
    assert not is_leftover("Авторы: Курс авторлары")
    assert not is_leftover("Contents of the 1992 treaty")  # page content, not theme chrome
    assert not is_leftover("© 2026. Авторлық құқық қорғалған.")


def test_every_page_declares_kazakh(site_dir: Path) -> None:
    langs = {page.relative_to(site_dir): parse(page).lang for page in html_pages(site_dir)}
    # The Latin-script edition (latn/, book/_ext/ca_latin.py) says which script it is in.
    wrong = [f"{name}: <html lang={lang!r}>" for name, lang in langs.items()
             if lang != ("kk-Latn" if name.parts[0] == "latn" else "kk")]
    assert not wrong, 'pages without <html lang="kk"> (latn/: "kk-Latn"):\n' + "\n".join(wrong)


def test_no_english_theme_strings_in_pages(site_dir: Path) -> None:
    leftovers: list[str] = []
    for page in html_pages(site_dir):
        name = page.relative_to(site_dir)
        parsed = parse(page)
        leftovers += [f"{name}: text {text!r}" for text in parsed.texts if is_leftover(text)]
        leftovers += [
            f"{name}: <{tag} {attribute}={value!r}>"
            for tag, attribute, value in parsed.attributes
            if is_leftover(value)
        ]
    assert not leftovers, "English interface strings left in the built site:\n" + "\n".join(
        leftovers
    )


def test_toggle_hints_are_kazakh(site_dir: Path) -> None:
    hint = re.compile(r"let (toggleHintShow|toggleHintHide) = '([^']*)';")
    problems = []
    for page in html_pages(site_dir):
        for script in parse(page).scripts:
            for name, value in hint.findall(script):
                # Kazakh in the Latin-script edition (latn/) has its own letters instead.
                kazakh = LATIN_KAZAKH if page.relative_to(site_dir).parts[0] == "latn" else CYRILLIC
                if not kazakh.search(value):
                    problems.append(f"{page.relative_to(site_dir)}: {name} = {value!r}")
    assert not problems, "English toggle hints:\n" + "\n".join(problems)


def load_translations_js(site: Path) -> dict:
    """Return the catalog that _static/translations.js hands to Documentation.addTranslations."""
    path = site / "_static" / "translations.js"
    assert path.is_file(), f"{path} is missing: Sphinx found no sphinx.js for language kk"
    text = path.read_text(encoding="utf-8").strip()
    prefix, suffix = "Documentation.addTranslations(", ");"
    assert text.startswith(prefix) and text.endswith(suffix), f"{path}: unexpected format"
    return json.loads(text[len(prefix) : -len(suffix)])


def test_search_javascript_is_translated(site_dir: Path) -> None:
    catalog = load_translations_js(site_dir)
    assert catalog["locale"] == "kk", f"_static/translations.js: locale {catalog['locale']!r}"
    messages = catalog["messages"]
    problems = [
        f"_static/translations.js: {msgid!r} -> {messages.get(msgid)!r}"
        for msgid in JS_MESSAGES
        if not CYRILLIC.search(messages.get(msgid) or "")
    ]
    assert not problems, "search messages not in Kazakh:\n" + "\n".join(problems)
    count = messages[JS_MESSAGES[1]]
    assert "${resultCount}" in count, f"_static/translations.js lost ${{resultCount}}: {count!r}"


def test_pages_with_search_load_translations(site_dir: Path) -> None:
    missing = []
    for page in html_pages(site_dir):
        sources = parse(page).script_sources
        if any("searchtools.js" in src for src in sources) and not any(
            "_static/translations.js" in src for src in sources
        ):
            missing.append(str(page.relative_to(site_dir)))
    assert not missing, "pages with search but no translations.js:\n" + "\n".join(missing)


def test_copy_and_toggle_scripts_are_translated(site_dir: Path) -> None:
    static = site_dir / "_static"
    copybutton = (static / "copybutton.js").read_text(encoding="utf-8")
    entry = re.search(r"'kk'\s*:\s*(\{[^}]*\})", copybutton)
    assert entry, "_static/copybutton.js has no 'kk' messages: copy buttons say 'Copy'"
    messages = json.loads(entry.group(1))
    english = [key for key in COPYBUTTON_KEYS if not CYRILLIC.search(messages.get(key, ""))]
    assert not english, f"_static/copybutton.js: 'kk' messages not in Kazakh: {english}"

    togglebutton = (static / "togglebutton.js").read_text(encoding="utf-8")
    assert 'aria-label="Toggle hidden content"' not in togglebutton, (
        "_static/togglebutton.js: aria-label 'Toggle hidden content' is still English"
    )
