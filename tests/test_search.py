"""The Kazakh search stemmer: pairs that must and must not fall together, stopwords, the
data file's licence header, and the JavaScript twin giving the same stems in Chromium."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ca_course.search import kazakh
from ca_course.search.kazakh import load, render_js, split, stem

from browser_support import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]

#: Inflected form → the word it must fall together with.
SAME = [
    ("Сарездің", "Сарез"),
    ("Ферғанада", "Ферғана"),
    ("Ферғанадағы", "Ферғана"),
    ("анклавтарға", "анклав"),
    ("анклавтары", "анклавтар"),
    ("дәліздерімен", "дәліз"),
    ("Байқоңырға", "Байқоңыр"),
    ("елдерінде", "ел"),
    ("еліміздің", "ел"),
    ("мемлекеттердің", "мемлекет"),
    ("қаласына", "қала"),
    ("шекаралары", "шекара"),
    ("шекарасындағы", "шекара"),
    ("қауіпсіздігі", "қауіпсіздік"),
    ("ынтымақтастығын", "ынтымақтастық"),
    ("ауданы", "аудан"),
    ("аудандарында", "аудан"),
    ("Алматыдағы", "Алматы"),
    ("Түрікменстанның", "Түрікменстан"),
    ("Қырғызстанға", "Қырғызстан"),
    ("түрікмендер", "түрікмен"),
    ("Қытайдың", "Қытай"),
    ("Ресейге", "Ресей"),
    ("Өзбекстанмен", "Өзбекстан"),
    ("Аралдың", "Арал"),
    ("ұйымдары", "ұйым"),
    ("басқалары", "басқа"),
    ("оқиғалардың", "оқиға"),
    ("желіге", "желі"),
    ("су", "СУ"),
]

#: Different words that must stay apart although one looks like the other with an ending.
APART = [
    ("түрікмен", "түрік"),
    ("Түрікменстан", "түрікмен"),
    ("аудан", "ау"),
    ("қала", "қал"),
    ("Алматы", "алма"),
    ("экологиялық", "экология"),
    ("қауіпсіздік", "қауіпсіз"),
    ("тәуелсіздік", "тәуелсіз"),
    ("Ауғанстан", "Ауған"),
    ("Арал", "ара"),
    ("шекара", "шек"),
    ("Ферғана", "Ферғ"),
    ("білім", "біл"),
    ("құрылым", "құрыл"),
    ("басқа", "бас"),
    ("екі", "ек"),
    ("желі", "жел"),
    ("оқиға", "оқимыз"),
    ("үшін", "үш"),
    ("онда", "он"),
    ("кейін", "кей"),
    ("Қазақстан", "қазақ"),
]


@pytest.mark.parametrize(("inflected", "base"), SAME)
def test_inflected_forms_fall_together(inflected: str, base: str) -> None:
    assert stem(inflected) == stem(base), (inflected, stem(inflected), base, stem(base))


@pytest.mark.parametrize(("one", "other"), APART)
def test_different_words_stay_apart(one: str, other: str) -> None:
    assert stem(one) != stem(other), (one, other, stem(one))


def test_stems_are_lower_case_and_never_longer() -> None:
    for word, _base in SAME:
        assert stem(word) == stem(word).lower()
        assert len(stem(word)) <= len(word)


def test_stopwords_are_skipped_and_inflected_pronouns_stay_searchable() -> None:
    words = kazakh.stopwords()
    assert {"және", "мен", "үшін", "туралы", "бірақ", "олар"} <= words
    assert not any(re.search(r"[a-z]", word) for word in words), "Latin letter in a stopword"
    # A stopword is not stemmed: «үшін» (for) must not index «үш» (three).
    assert stem("үшін") == "үшін" and stem("Онда") == "онда"
    # «Оларменен» would stem to the stopword «олар»: it keeps its own form instead.
    assert stem("Оларменен") == "оларменен"
    assert stem("анклавтар") not in words


def test_search_language_filters_stopwords_digits_and_single_letters() -> None:
    spec = importlib.util.spec_from_file_location("ca_search", ROOT / "book/_ext/ca_search.py")
    assert spec is not None and spec.loader is not None
    extension = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extension)
    language = extension.SearchKazakh({})
    assert language.lang == "kk"
    assert language.split("Сарез көлі (1911)") == ["Сарез", "көлі", "1911"]
    assert [w for w in ("және", "1911", "ж", "анклав") if language.word_filter(w)] == ["анклав"]
    assert "var Stemmer" in language.js_stemmer_code
    assert "KK_STEMMER_DATA = {" in language.js_stemmer_code, "the data was not filled in"


def test_suffix_data_names_its_lexicon_and_licence() -> None:
    header = (ROOT / "src/ca_course/search/kk_suffixes.yaml").read_text(encoding="utf-8")[:900]
    assert "hunspell-kk" in header and "GPL-2+ or LGPL-2.1+ or MPL-1.1+" in header
    data = load()
    endings = {suffix for layer in data.layers for suffix, _after in layer}
    assert {"дың", "ға", "да", "дан", "мен", "лар", "тер", "сы", "нда"} <= endings
    assert "ым" not in endings, "1st person singular endings cut stems like «білім»"


def test_split_keeps_kazakh_letters_and_digits() -> None:
    assert split("Қазақстан-Қытай, 1996ж. «Шанхай бестігі»") == [
        "Қазақстан", "Қытай", "1996ж", "Шанхай", "бестігі"]


def course_words() -> list[str]:
    """Every word of the book pages and content data (what the index is built from)."""
    text = []
    for pattern in ("book/*.ipynb", "book/*.md", "src/ca_course/content/**/*.yaml"):
        text.extend(p.read_text(encoding="utf-8") for p in sorted(ROOT.glob(pattern)))
    return sorted({w for w in split("\n".join(text)) if not w.isdigit()})


@pytest.fixture(scope="module")
def js_page() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<!DOCTYPE html><html lang='kk'><body></body></html>")
        page.add_script_tag(content=render_js())
        yield page
        browser.close()


@pytest.mark.browser
def test_javascript_stemmer_matches_python(js_page: object) -> None:
    words = course_words()
    endings = sorted({suffix for layer in load().layers for suffix, _after in layer})
    # Every course word, and a sample of words with every ending glued on.
    words += [w + e for w in words[::97] for e in endings]
    words += [w for pair in SAME + APART for w in pair] + ["олардың", "ЖӘНЕ", "ab"]
    assert len(words) > 5000
    js = js_page.evaluate(  # type: ignore[attr-defined]
        "words => { const s = new Stemmer(); return words.map(w => s.stemWord(w)); }", words)
    mismatches = [(w, stem(w), j) for w, j in zip(words, js, strict=True) if stem(w) != j]
    assert not mismatches, mismatches[:20]


@pytest.mark.browser
def test_javascript_splitter_matches_python(js_page: object) -> None:
    text = "\n".join(course_words()[:3000]) + " Қазақстан-Қытай, 1996ж. «Шанхай бестігі» a_b"
    js = js_page.evaluate("text => splitQuery(text)", text)  # type: ignore[attr-defined]
    assert js == split(text)
