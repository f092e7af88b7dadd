"""Local Sphinx extension: Kazakh site search (``html_search_language`` ``kk``).

Sphinx has no Kazakh search language and falls back to English (no stemmer, English
stopwords), so «Ферғанада» never finds «Ферғана». This registers :class:`SearchKazakh`:
the splitter, stemmer and stopwords of :mod:`ca_course.search`, used in Python to build
``searchindex.js`` and, through the generated ``stemmer.js``, in the browser to read the query
(Sphinx writes the JavaScript into ``_static/language_data.js``, which only the search page
loads).

It also sets ``html_search_scorer`` to ``ca_course/search/scorer.js``: a page whose own
title holds the searched word (the lecture about it) comes before pages that only mention it.

In the Latin-script edition (``CA_COURSE_SCRIPT=latn``) the pages are transliterated after
the build, but Sphinx indexes the Cyrillic text: there every stem is indexed under its
Latin letters (:func:`ca_course.latin.latin_letters`), the page titles the results show are
written in Latin, and the browser's stemmer reads a query typed in either script (Latin
letters back to their Cyrillic row, the Cyrillic stemmer, the stem in Latin letters), so
«Ferğanada» and «Ферғанада» both find «Ferğana».

Sphinx writes ``searchindex.js`` as ASCII JSON, six bytes («\\u049b») for each Kazakh
letter; after the build it is rewritten as UTF-8 JSON with the same content (the page that
loads it is UTF-8), about half the size.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search import SearchLanguage

from ca_course.latin import is_latin_edition, latin_letters, table, to_latin
from ca_course.search import kazakh as kk


def latin_query_js() -> str:
    """Return the script, appended to the stemmer in the Latin edition, that lets a query in
    either script find the Latin index: Kazakh capitals (I → ı, İ → i) before Sphinx lowers
    the query, Latin letters back to Cyrillic, the Cyrillic stem, then
    :func:`ca_course.latin.latin_letters`."""
    t = table()
    to_cyrillic = {lat: cyr for lat, cyr in t.to_cyrillic.items()}
    return (
        "\n/* Latin-script edition: queries in either script (book/_ext/ca_search.py). */\n"
        "(function () {\n"
        f"  var TO_CYRILLIC = {json.dumps(to_cyrillic, ensure_ascii=False)};\n"
        f"  var TO_LATIN = {json.dumps(t.to_latin, ensure_ascii=False)};\n"
        "  var map = function (text, letters) { var out = '';\n"
        "    for (var i = 0; i < text.length; i++) {\n"
        "      var c = text[i]; out += Object.prototype.hasOwnProperty.call(letters, c) ?"
        " letters[c] : c; }\n"
        "    return out; };\n"
        "  var cyrillicSplit = splitQuery;\n"
        "  splitQuery = function (query) { return cyrillicSplit(query.replace(/\\u0130/g, 'i')"
        ".replace(/I/g, '\\u0131').replace(/i\\u0307/g, 'i')); };\n"
        "  var CyrillicStemmer = Stemmer;\n"
        "  Stemmer = function () { var base = new CyrillicStemmer();\n"
        "    this.stemWord = function (word) {\n"
        "      var lower = word.replace(/\\u0307/g, '').toLowerCase();\n"
        "      return map(base.stemWord(map(lower, TO_CYRILLIC)), TO_LATIN); }; };\n"
        "})();\n")


class SearchKazakh(SearchLanguage):
    """Kazakh: letter-and-digit words, case/possessive/plural endings stripped."""

    lang = "kk"
    language_name = "Kazakh"
    stopwords: ClassVar[set[str]] = set(kk.stopwords())
    js_stemmer_code = kk.render_js()
    if is_latin_edition():
        stopwords |= {latin_letters(word) for word in stopwords}
        js_stemmer_code += latin_query_js()
    # stemmer.js defines splitQuery too; Sphinx only needs a non-empty splitter here.
    js_splitter_code = "/* splitQuery: see the Kazakh stemmer above */"

    def split(self, input: str) -> list[str]:
        return kk.split(input)

    def stem(self, word: str) -> str:
        return latin_letters(kk.stem(word)) if is_latin_edition() else kk.stem(word)

    def word_filter(self, word: str) -> bool:
        """Index a word unless it is a stopword, one letter, or digits (the query skips those)."""
        return len(word) > 1 and not word.isdigit() and word not in self.stopwords


INDEX_CALL = "Search.setIndex("
SCORER = Path(kk.__file__).with_name("scorer.js")


def use_course_scorer(app: Sphinx, config: Config) -> None:
    """Rank pages about the searched word first (unless the book sets its own scorer)."""
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def write_index_as_utf8(app: Sphinx, exception: Exception | None) -> None:
    """Rewrite ``searchindex.js`` with UTF-8 letters instead of ``\\uXXXX`` escapes."""
    if exception is not None or app.builder.format != "html":
        return
    index = Path(app.outdir) / "searchindex.js"
    if not index.exists():
        return
    text = index.read_text(encoding="utf-8")
    if not (text.startswith(INDEX_CALL) and text.endswith(")")):
        return
    data = json.loads(text[len(INDEX_CALL):-1])
    if is_latin_edition():
        data["titles"] = [to_latin(title) for title in data["titles"]]
        for key in ("alltitles", "indexentries"):
            if isinstance(data.get(key), dict):
                data[key] = {to_latin(name): value for name, value in data[key].items()}
    compact = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    index.write_text(f"{INDEX_CALL}{compact})", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the Kazakh search language and the UTF-8 index."""
    app.add_search_language(SearchKazakh)
    app.connect("config-inited", use_course_scorer)
    app.connect("build-finished", write_index_as_utf8)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
