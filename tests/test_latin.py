"""The 2021 Kazakh Latin alphabet (ca_course.latin): its table, round trips, what stays."""

from __future__ import annotations

import random

import pytest

from ca_course import data
from ca_course.latin import (
    is_russian,
    table,
    to_cyrillic,
    to_latin,
    transliterate,
    transliterate_html,
    transliterate_script,
)

#: The alphabet presented on 28 January 2021, capitals and small letters, in its order.
ALPHABET_2021 = ("A a, Ä ä, B b, D d, E e, F f, G g, Ğ ğ, H h, I ı, İ i, J j, K k, L l, M m, "
                 "N n, Ñ ñ, O o, Ö ö, P p, Q q, R r, S s, Ş ş, T t, U u, Ū ū, Ü ü, V v, Y y, "
                 "Z z")
#: Each letter's Cyrillic counterpart(s), in the same order.
CYRILLIC_2021 = ["а", "ә", "б", "д", "е э", "ф", "г", "ғ", "х һ", "і", "и й", "ж", "к", "л", "м",
                 "н", "ң", "о", "ө", "п", "қ", "р", "с ц", "ш ч", "т", "у", "ұ", "ү", "в", "ы",
                 "з"]
LETTERS = [pair.split() for pair in ALPHABET_2021.split(", ")]
KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
#: The Cyrillic letters that have a Latin letter to themselves (round trip defined).
ONE_TO_ONE = "аәбвгғдежзкқлмнңоөпрстуұүфшыі"


def test_the_table_has_the_31_letters_in_order() -> None:
    assert len(LETTERS) == 31
    assert [latin for latin, _ in table().alphabet] == [small for _, small in LETTERS]


@pytest.mark.parametrize(("letters", "cyrillic"), list(zip(LETTERS, CYRILLIC_2021, strict=True)),
                         ids=[small for _, small in LETTERS])
def test_every_letter(letters: list[str], cyrillic: str) -> None:
    capital, small = letters
    for source in cyrillic.split():
        assert to_latin(f"{source}ақ") == f"{small}aq"
        assert to_latin(f"{source.upper()}ақ") == f"{capital}aq"
    first = cyrillic.split()[0]
    assert to_cyrillic(f"{small}aq") == f"{first}ақ"
    assert to_cyrillic(f"{capital}aq") == f"{first.upper()}ақ"


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("ё", "io"), ("ю", "iu"), ("я", "ia"), ("щ", "şş"), ("ъ", ""), ("ь", ""),
])
def test_letters_without_a_letter_of_their_own(cyrillic: str, latin: str) -> None:
    assert to_latin(f"ақ{cyrillic}ақ") == f"aq{latin}aq"


def test_every_cyrillic_letter_is_covered() -> None:
    assert set(table().to_latin) == set(KAZAKH_ALPHABET)


@pytest.mark.parametrize(("cyrillic", "latin"), [
    # Wikipedia's example sentence for the 2021 alphabet («Kazakh alphabets»).
    ("Бұрыңғы өткен заманда, бір данышпан кісі, Бағдат шаһарының бір үлкен қазысының үйіне "
     "келіп қоныпты.",
     "Būryñğy ötken zamanda, bır danyşpan kısı, Bağdat şaharynyñ bır ülken qazysynyñ üiıne "
     "kelıp qonypty."),
    ("Қазақстан Республикасы", "Qazaqstan Respublikasy"),
    ("ҰҚШҰ", "ŪQŞŪ"),
    ("Іле", "Ile"),
    ("ЯДРОЛЫҚ", "İADROLYQ"),    # я → ia, and the capital of i is İ
    ("Ядролық", "İadrolyq"),
])
def test_sentences(cyrillic: str, latin: str) -> None:
    assert to_latin(cyrillic) == latin


def test_round_trip_from_latin_for_any_text_in_the_31_letters() -> None:
    rng = random.Random(2021)
    letters = [small for _, small in LETTERS] + [capital for capital, _ in LETTERS]
    for _ in range(500):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 9)))
                 for _ in range(rng.randint(1, 5))]
        text = " ".join(w if w.isupper() or len(w) < 2 else w[0] + w[1:].lower() for w in words)
        assert to_latin(to_cyrillic(text)) == text


def test_round_trip_from_cyrillic_where_each_letter_has_its_own() -> None:
    rng = random.Random(31)
    for _ in range(500):
        word = "".join(rng.choice(ONE_TO_ONE) for _ in range(rng.randint(1, 10)))
        word = word + "қ"     # a Kazakh letter: the run is Kazakh, not Russian
        for form in (word, word.capitalize(), word.upper()):
            assert to_cyrillic(to_latin(form)) == form


def test_round_trip_of_the_glossary_terms_that_allow_it() -> None:
    terms = [t.kk for t in data.glossary() if set(t.kk.lower()) <= set(ONE_TO_ONE + " -")]
    assert len(terms) > 10
    for term in terms:
        assert to_cyrillic(to_latin(term)) == term


@pytest.mark.parametrize("text", [
    "Безопасность в Центральной Азии",
    "Организация Договора о коллективной безопасности",
    "съезд",
    "Collective Security Treaty Organization",
    "print(len(df))",
    "",
])
def test_russian_english_and_code_stay(text: str) -> None:
    assert to_latin(text) == text


def test_russian_is_told_from_kazakh() -> None:
    assert is_russian("Шанхайская организация сотрудничества и безопасность")
    assert not is_russian("Шанхай ынтымақтастық ұйымы")
    assert not is_russian("Интеграция")
    assert not is_russian("Глоссарий")          # a Kazakh loanword: -ий is not a Russian sign
    assert to_latin("Германия мен Испания") == "Germaniia men İspaniia"
    assert to_latin("Г.И. Чуфрин") == "G.İ. Şufrin"   # initials, not the Russian «и»
    assert is_russian("и безопасность")


def test_html_keeps_code_russian_and_scripts_structure() -> None:
    page = ('<html lang="kk"><head><title>Орталық Азия</title></head><body>'
            '<h1 id="орталық">Орталық Азия</h1><p>Мәтін <code>x = "Мәтін"</code></p>'
            '<pre>қате</pre><span lang="ru">безопасность</span><span lang="en">security</span>'
            '<span lang="kk-Cyrl">қ</span><span lang="kk">қ</span>'
            '<script translate="no">{"ә": "а"}</script>'
            '<button aria-label="Іздеу">Іздеу</button>'
            '<script type="application/json">{"quiz.correct": "Дұрыс"}</script>'
            '<iframe srcdoc="&lt;b&gt;Ош&lt;/b&gt;"></iframe></body></html>')
    out = transliterate_html(page)
    assert "<title>Ortalyq Aziia</title>" in out
    assert '<h1 id="орталық">Ortalyq Aziia</h1>' in out     # ids and links stay
    assert '<code>x = "Мәтін"</code>' in out and "<pre>қате</pre>" in out
    assert '<span lang="ru">безопасность</span>' in out
    assert '<span lang="kk-Cyrl">қ</span><span lang="kk">q</span>' in out
    assert '<script translate="no">{"ә": "а"}</script>' in out
    assert 'aria-label="Izdeu">Izdeu' in out
    assert '{"quiz.correct": "Dūrys"}' in out
    assert 'srcdoc="&lt;b&gt;Oş&lt;/b&gt;"' in out


def test_html_copies_tags_inside_scripts_once() -> None:
    page = '<p>Ақ</p><script>var b = `<svg xmlns="x"><path/></svg>`; // Ақ</script><p>Ақ</p>'
    assert transliterate_html(page) == page.replace("Ақ", "Aq")


def test_scripts_with_escaped_cyrillic_are_transliterated() -> None:
    script = r'Documentation.addTranslations({"Search": "\u0406\u0437\u0434\u0435\u0443"});'
    assert transliterate_script(script) == 'Documentation.addTranslations({"Search": "Izdeu"});'


def test_transliterate_follows_the_build_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CA_COURSE_SCRIPT", raising=False)
    assert transliterate("Ақтау") == "Ақтау"
    monkeypatch.setenv("CA_COURSE_SCRIPT", "latn")
    assert transliterate("Ақтау") == "Aqtau"
