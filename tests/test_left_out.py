"""The instructor guide says what each lecture leaves out of its cited lines, and why."""

from __future__ import annotations

from html import escape

import nbformat

from ca_course import data, references
from ca_course.messages import msg

from lecture_text import ROOT


def entries() -> list[tuple[str, str, tuple[int, int], str]]:
    return [(lec.id, item.doc, item.lines, item.why)
            for lec in data.lectures() for item in lec.leaves_out]


def test_the_table_renders_every_left_out_entry() -> None:
    table = references.left_out()
    html = table._repr_html_()
    assert len(table) == len(entries())
    for header in ("table.lecture", "table.lines", "table.left_out"):
        assert f">{escape(msg(header))}</th>" in html
    for (lecture, doc, (first, last), why), row in zip(entries(), table.rows, strict=True):
        label = f"{doc}:{first}" if first == last else f"{doc}:{first}–{last}"
        assert row[0].startswith(lecture + " ") and row[1] == label and row[2] == why
        assert escape(why) in html


def test_a_lecture_leaves_out_only_lines_it_cites() -> None:
    problems = []
    for lec in data.lectures():
        for item in lec.leaves_out:
            first, last = item.lines
            if first > last or not any(ref.doc == item.doc and ref.lines[0] <= first
                                       and last <= ref.lines[1] for ref in lec.sources):
                problems.append(f"{lec.id}: leaves out {item.doc}:{first}-{last}, "
                                "which it does not cite")
    assert not problems, "\n".join(problems)


def test_the_instructor_guide_shows_the_table_in_its_coverage_section() -> None:
    nb = nbformat.read(ROOT / "book" / "instructor_guide.ipynb", as_version=4)
    sources = [c.source.strip() for c in nb.cells]
    coverage = sources.index("references.coverage()")
    shown = sources.index("references.left_out()")
    between = "\n".join(sources[coverage + 1:shown])
    assert coverage < shown and "##" not in between  # same section, after the coverage
    cell = nb.cells[shown]
    assert "remove-input" in cell.metadata.get("tags", [])
