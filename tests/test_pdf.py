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


def mapped_code_points(raw: bytes) -> set[int]:
    """Return every Unicode code point the PDF's ToUnicode maps give a glyph for."""
    points: set[int] = set()
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        try:
            text = zlib.decompress(stream).decode("latin-1")
        except zlib.error:
            continue
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for _, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                points.add(int(dst[:4], 16))
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for lo, hi, dst in re.findall(
                    r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                start = int(dst[:4], 16)
                points.update(range(start, start + int(hi, 16) - int(lo, 16) + 1))
    return points


def test_pdf_embeds_a_font_with_kazakh_glyphs(site_dir: Path) -> None:
    raw = (site_dir / "course-kk.pdf").read_bytes()
    assert re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-_]+)", raw), "no embedded fonts"
    points = mapped_code_points(raw)
    # Fonts are subset to the glyphs used; every lowercase Kazakh letter occurs in the book.
    missing = [letter for letter in "әғқңөұүһі" if ord(letter) not in points]
    assert not missing, f"no glyph mapped to {missing}"


def test_answer_appendix_covers_every_question() -> None:
    banks = list(data.quiz_banks().values())
    html = answers_html(banks, {lec.id: lec.title for lec in data.lectures()})
    assert html.count("<li>") == sum(len(b.questions) for b in banks)
    first = banks[0].questions[0]
    assert answer_text(first) in html or "&" in answer_text(first)
