"""The PDF edition exists, holds the whole book, and embeds fonts with Kazakh letters."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from ca_course import data
from ca_course.quiz.answers import answer_text, answers_html


def test_pdf_edition_is_built_and_long(site_dir: Path) -> None:
    pdf = site_dir / "course-kk.pdf"
    assert pdf.exists(), "python3 dev.py build writes _build/html/course-kk.pdf"
    raw = pdf.read_bytes()
    assert raw.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", raw))
    lectures = sum((site_dir / Path(lec.file).with_suffix(".html")).exists()
                   for lec in data.lectures())
    assert pages >= 15 * lectures, f"{pages} pages for {lectures} lectures"


def test_pdf_embeds_a_font_with_kazakh_glyphs(site_dir: Path) -> None:
    raw = (site_dir / "course-kk.pdf").read_bytes()
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-_]+)", raw))
    assert fonts, "no embedded fonts"
    # Chromium writes a ToUnicode map per font: the Kazakh letters must be in one of them.
    maps = b""
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        try:
            maps += zlib.decompress(stream)
        except zlib.error:
            continue
    for letter in "әғқңөұүһі":
        code = f"<{ord(letter):04X}>".encode()
        assert code in maps or code.lower() in maps, f"no glyph mapped to {letter!r}"


def test_answer_appendix_covers_every_question() -> None:
    banks = list(data.quiz_banks().values())
    html = answers_html(banks, {lec.id: lec.title for lec in data.lectures()})
    assert html.count("<li>") == sum(len(b.questions) for b in banks)
    first = banks[0].questions[0]
    assert answer_text(first) in html or "&" in answer_text(first)
