"""Check every lecture notebook's structure, its links to the data, and its Kazakh text."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from ca_course import data

from lecture_text import (
    BROKEN_INITIAL,
    GLUE,
    KNOWN_DEFECTS,
    LONG_WORD,
    MIXED_WORD,
    PDF_HYPHEN,
    REQUIRED_SECTIONS,
    ROOT,
    cells,
    cited_numbers,
    markdown,
    numbers_in,
    prose,
    strip_editorial,
)

_spec = importlib.util.spec_from_file_location("setup_cell", ROOT / "tools" / "setup_cell.py")
setup_cell = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(setup_cell)

LECTURES = [lec for lec in data.lectures() if (ROOT / lec.file).exists()]
IDS = [lec.id for lec in LECTURES]


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = []
    for part in toc.get("parts", []):
        files += [c["file"] for c in part.get("chapters", [])]
    return files


def test_at_least_the_first_part_is_written() -> None:
    assert {"l01", "l02", "l03", "l04"} <= set(IDS), f"written lectures: {IDS}"


def test_every_written_lecture_is_in_the_toc_in_course_order() -> None:
    listed = [f for f in toc_files() if re.match(r"book/l\d{2}_", f)]
    expected = [str(Path(lec.file).with_suffix("")) for lec in LECTURES]
    assert listed == expected


@pytest.mark.parametrize("lecture", LECTURES, ids=IDS)
def test_setup_cell_is_tagged_and_only_imports(lecture) -> None:
    """The setup cell imports only ca_course, inside the try that tools/setup_cell.py writes.

    A downloaded lecture without the package prints the catalog's Kazakh install message
    (``setup.install``) and stops; the cell must be exactly what the script generates.
    """
    first = cells(ROOT / lecture.file)[0]
    assert first.kind == "code" and "remove-cell" in first.tags, \
        f"{lecture.file}: the first cell must be the setup cell tagged remove-cell"
    tree = ast.parse(first.source)
    assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Try), \
        f"{lecture.file}: the setup cell must be one try/except (run tools/setup_cell.py)"
    attempt = tree.body[0]
    for line in (ast.get_source_segment(first.source, node) or "" for node in attempt.body):
        assert re.match(r"(from ca_course[\w.]* import|import ca_course)", line), \
            f"{lecture.file}: setup cell line {line!r}"
    assert [ast.unparse(h.type) for h in attempt.handlers if h.type] == ["ModuleNotFoundError"]
    wanted = setup_cell.render(setup_cell.setup_imports(first.source),
                               setup_cell.install_message())
    assert first.source == wanted, \
        f"{lecture.file}: the setup cell is stale; run .venv/bin/python tools/setup_cell.py"


@pytest.mark.parametrize("lecture", LECTURES, ids=IDS)
def test_one_title_matching_the_data(lecture) -> None:
    titles = re.findall(r"^# (.+)$", markdown(ROOT / lecture.file), flags=re.M)
    assert titles == [lecture.title], f"{lecture.file}: titles {titles}"


@pytest.mark.parametrize("lecture", LECTURES, ids=IDS)
def test_required_sections_in_order(lecture) -> None:
    headings = re.findall(r"^## (.+)$", markdown(ROOT / lecture.file), flags=re.M)
    found = [h for h in headings if h in REQUIRED_SECTIONS]
    assert found == list(REQUIRED_SECTIONS), f"{lecture.file}: sections {headings}"
    content = headings[headings.index("Негізгі ұғымдар") + 1:headings.index("Өзін-өзі тексеру")]
    assert len(content) >= 2, f"{lecture.file}: at least two teaching sections, got {content}"


@pytest.mark.parametrize("lecture", LECTURES, ids=IDS)
def test_code_cells_are_short_helper_calls(lecture) -> None:
    for cell in cells(ROOT / lecture.file)[1:]:
        if cell.kind != "code":
            continue
        lines = [ln for ln in cell.source.splitlines() if ln.strip()]
        assert 1 <= len(lines) <= 3, f"{lecture.file} cell {cell.index}: {len(lines)} lines"
        assert "import " not in cell.source or "answer" in cell.tags, \
            f"{lecture.file} cell {cell.index}: imports belong in the setup cell"


@pytest.mark.parametrize("lecture", LECTURES, ids=IDS)
def test_interactive_parts_come_from_helpers(lecture) -> None:
    code = "\n".join(c.source for c in cells(ROOT / lecture.file) if c.kind == "code")
    assert f'quiz.show("{lecture.id}")' in code
    assert f'glossary.table("{lecture.id}")' in code
    assert re.search(r"\b(maps\.\w+|timeline\.table)\(", code), f"{lecture.file}: no map/timeline"
    assert f'references.table("{lecture.id}")' in code


@pytest.mark.parametrize("lecture", LECTURES, ids=IDS)
def test_quiz_bank_is_big_and_varied(lecture) -> None:
    bank = data.quiz_bank(lecture.id)
    types = {q.type for q in bank.questions}
    assert len(bank.questions) >= 8 and len(types) >= 3, \
        f"{lecture.id}: {len(bank.questions)} questions of types {sorted(types)}"


@pytest.mark.parametrize("lecture", LECTURES, ids=IDS)
def test_exercises_match_their_data(lecture) -> None:
    nb_cells = cells(ROOT / lecture.file)
    text = markdown(ROOT / lecture.file)
    exercises = data.exercise_set(lecture.id).exercises
    assert len(exercises) >= 2, f"{lecture.id}: at least two exercises"
    blocks = dict(re.findall(r"```\{exercise\}[^\n]*\n:label: (\S+)\n(.*?)\n```", text, re.S))
    assert sorted(blocks) == sorted(e.id for e in exercises), f"{lecture.id}: {sorted(blocks)}"
    for ex in exercises:
        shown = " ".join(line for line in blocks[ex.id].splitlines()
                         if not line.startswith(":")).split()
        assert shown == ex.prompt.split(), f"{ex.id}: the prompt differs from the data"
        answer = [c for c in nb_cells if "answer" in c.tags
                  and re.match(rf"\s*{ex.variable}\s*=", c.source.splitlines()[-1])]
        assert answer, f"{ex.id}: no answer cell tagged 'answer' assigning {ex.variable}"
        assert any(f'check("{ex.id}", {ex.variable})' in c.source for c in nb_cells), \
            f"{ex.id}: no check cell"


@pytest.mark.parametrize("lecture", LECTURES, ids=IDS)
def test_text_has_no_source_defects(lecture) -> None:
    text = prose(markdown(ROOT / lecture.file))
    problems = []
    for name, pattern in (("mixed-script word", MIXED_WORD), ("'..' glue", GLUE),
                          ("broken after an initial", BROKEN_INITIAL),
                          ("PDF hyphenation", PDF_HYPHEN), ("run-together words", LONG_WORD)):
        problems += [f"{name}: {m.group(0)!r}" for m in pattern.finditer(text)]
    problems += [f"known defect {d!r}" for d in KNOWN_DEFECTS if d in text]
    assert not problems, f"{lecture.file}: " + "; ".join(problems)


@pytest.mark.parametrize("lecture", LECTURES, ids=IDS)
def test_numbers_occur_in_the_cited_source_lines(lecture) -> None:
    text = prose(strip_editorial(markdown(ROOT / lecture.file)))
    text = re.sub(r"^\s*\d+\.\s", " ", text, flags=re.M)  # numbered-list markers
    refs = [(ref.doc, *ref.lines) for ref in lecture.sources]
    allowed = cited_numbers(refs)
    missing = sorted(n for n in numbers_in(text) if n not in allowed)
    assert not missing, (f"{lecture.file}: numbers not in its cited lines "
                         f"{[f'{d}:{a}-{b}' for d, a, b in refs]}: {missing}")


def test_coverage_table_matches_the_lectures() -> None:
    """Every source section is taught by a lecture of the book that cites its lines."""
    lectures = {lec.id: lec for lec in data.lectures()}
    in_book = {Path(f).name for f in toc_files()}
    problems = []
    for doc in data.documents():
        for section in doc.sections:
            first, last = section.lines
            for lid in section.lectures:
                lecture = lectures[lid]
                if Path(lecture.file).with_suffix("").name not in in_book:
                    problems.append(f"{doc.id}:{first}-{last} → {lid}: not in the book")
                    continue
                cites = [ref for ref in lecture.sources if ref.doc == doc.id
                         and ref.lines[0] <= last and first <= ref.lines[1]]
                if not cites:
                    problems.append(f"{doc.id}:{first}-{last} «{section.title}» → {lid}: "
                                    "the lecture cites none of these lines")
    assert not problems, "\n".join(problems)
