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


def _reader(site_dir: Path) -> object:
    from pypdf import PdfReader

    return PdfReader(str(site_dir / "course-kk.pdf"))


def _outline(reader: object) -> list[tuple[int, str, int]]:
    """Return ``(depth, title, page from 1)`` for every bookmark, in order."""
    items: list[tuple[int, str, int]] = []

    def walk(nodes: list, depth: int) -> None:
        for node in nodes:
            if isinstance(node, list):
                walk(node, depth + 1)
            else:
                items.append((depth, str(node.title),
                              reader.get_destination_page_number(node) + 1))  # type: ignore

    walk(reader.outline, 0)  # type: ignore[attr-defined]
    return items


def test_pdf_has_bookmarks_for_parts_lectures_and_sections(site_dir: Path) -> None:
    outline = _outline(_reader(site_dir))
    titles = [(depth, " ".join(title.split())) for depth, title, _ in outline]
    parts = list(dict.fromkeys(lec.part for lec in data.lectures()))
    # Parts are top-level bookmarks (the intro's list of parts may add deeper ones).
    part_depth = 0
    assert set(parts) <= {title for depth, title in titles if depth == part_depth}
    # Each lecture's bookmark sits one level below a part; its sections one level below it.
    for lecture in data.lectures():
        number = int(lecture.id[1:])
        at = [i for i, (depth, title) in enumerate(titles)
              if depth == part_depth + 1 and re.match(rf"{number}\. ", title)]
        assert at, f"no bookmark for lecture {lecture.id}"
        sections = [title for depth, title in titles[at[0] + 1:at[0] + 40]
                    if depth == part_depth + 2]
        assert any(re.match(rf"{number}\.1\. ", s) for s in sections), (lecture.id, sections[:3])
    assert len(outline) >= 10 * len(data.lectures())


def test_pdf_contents_page_numbers_match_the_headings(site_dir: Path) -> None:
    from ca_course.pdf import contents_pages

    reader = _reader(site_dir)
    pages = contents_pages(site_dir / "course-kk.pdf")
    # The contents come first: their links, and the page numbers printed at line ends.
    targets: list[str] = []
    text = ""
    for page in reader.pages[:6]:  # type: ignore[attr-defined]
        links = [str(a.get_object()["/Dest"]).lstrip("/") for a in page.get("/Annots") or []
                 if a.get_object().get("/Subtype") == "/Link" and a.get_object().get("/Dest")]
        links = [t for t in links if t.startswith(("ca-doc-", "ca-part-", "ca-answers"))]
        if links:
            targets += links
            text += (page.extract_text() or "") + "\n"
    assert len(targets) >= len(data.lectures()) + 6, targets
    for target in targets:
        assert re.search(rf"(?<![\d–-]){pages[target]}\s*$", text, re.M), (target, pages[target])
    # Each lecture has an entry giving the page of its bookmark, where its title is printed.
    listed = {pages[t] for t in targets}
    bookmarks = [(" ".join(title.split()), page) for depth, title, page in _outline(reader)
                 if depth == 1]
    for lecture in data.lectures():
        number = int(lecture.id[1:])
        page = next(p for title, p in bookmarks if re.match(rf"{number}\. ", title))
        assert page in listed, (lecture.id, page)
        printed = " ".join((reader.pages[page - 1].extract_text() or "").split())
        assert " ".join(lecture.title.split()[:2]) in printed, (lecture.id, page)


def test_pdf_is_tagged(site_dir: Path) -> None:
    root = _reader(site_dir).trailer["/Root"]  # type: ignore[attr-defined]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root.get("/Lang", "")).startswith("kk")


def test_pdf_links_each_quiz_and_its_answers(site_dir: Path) -> None:
    from ca_course.pdf import contents_pages

    reader = _reader(site_dir)
    pages = contents_pages(site_dir / "course-kk.pdf")
    links: dict[str, list[int]] = {}
    for number, page in enumerate(reader.pages, start=1):  # type: ignore[attr-defined]
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and annot.get("/Dest") is not None:
                links.setdefault(str(annot["/Dest"]).lstrip("/"), []).append(number)
    for lecture in data.quiz_banks():
        quiz, answers = f"caq-{lecture}", f"ans-{lecture}"
        assert quiz in pages and answers in pages, lecture
        assert pages[quiz] < pages[answers], lecture
        # The quiz links to its answers, and the answers link back to the quiz.
        assert any(pages[quiz] <= p <= pages[quiz] + 1 for p in links.get(answers, [])), lecture
        assert any(pages[answers] <= p <= pages[answers] + 1 for p in links.get(quiz, [])), lecture


def test_retitle_outline_gives_bookmarks_their_headings_text(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    from ca_course.pdf import retitle_outline

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=200, height=200)
    # What Chromium wrote: a map label glued on, a wrapped line without its space, a
    # repeated section number and line, and one bookmark with no heading near it.
    add = writer.add_outline_item
    part = add(title=" © OpenStreetMapОрталық Азиядағы қауіпсіздік", page_number=0)
    lecture = add(title="1. Қауіпсіздік ұғымы: ұлттық, аймақтықжәне деңгейлер", page_number=0,
                  parent=part)
    add(title="1.12. 1.12. ДереккөздерДереккөздер", page_number=1, parent=lecture)
    add(title="+1.13. Жаттығулар", page_number=2, parent=lecture)
    add(title="Мүлде басқа нәрсе ZZZ", page_number=2, parent=lecture)
    pdf = tmp_path / "book.pdf"
    with pdf.open("wb") as out:
        writer.write(out)
    titles = {"a": "Орталық Азиядағы қауіпсіздік",
              "b": "1. Қауіпсіздік ұғымы: ұлттық, аймақтық және деңгейлер",
              "c": "1.11. Қайталау сұрақтары", "d": "1.12. Дереккөздер",
              "e": "1.13. Жаттығулар"}
    assert retitle_outline(pdf, titles) == 4
    assert [t for _, t, _ in _outline(PdfReader(str(pdf)))] == [
        "Орталық Азиядағы қауіпсіздік",
        "1. Қауіпсіздік ұғымы: ұлттық, аймақтық және деңгейлер",
        "1.12. Дереккөздер", "1.13. Жаттығулар", "Мүлде басқа нәрсе ZZZ"]


def test_pdf_bookmarks_have_the_headings_text(site_dir: Path) -> None:
    titles = [" ".join(t.split()) for _, t, _ in _outline(_reader(site_dir))]
    for lecture in data.lectures():
        number = int(lecture.id[1:])
        assert f"{number}. {' '.join(lecture.title.split())}" in titles, lecture.id
    artefacts = [t for t in titles if re.match(r"^[+|©\s]", t) or "OpenStreetMap" in t
                 or re.match(r"^(\d+(?:\.\d+)*\.) \1", t)]
    assert not artefacts, artefacts
