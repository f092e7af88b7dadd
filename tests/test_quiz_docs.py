"""The quiz examples in the README and the instructor guide run and report the clicks."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from ca_course import quiz
from ca_course.messages import msg
from ca_course.render import ENV_VAR

ROOT = Path(__file__).resolve().parents[1]
FENCED = re.compile(r"```python\n(.*?)```", re.S)
INLINE = re.compile(r'`(quiz\.show\("l\d\d"\)(?:\.\w+\(\))*)`')


def documents() -> dict[str, str]:
    """Return the README and the instructor guide's markdown, by name."""
    guide = json.loads((ROOT / "book" / "instructor_guide.ipynb").read_text(encoding="utf-8"))
    markdown = "\n\n".join("".join(c["source"]) for c in guide["cells"]
                           if c["cell_type"] == "markdown")
    return {"README.md": (ROOT / "README.md").read_text(encoding="utf-8"),
            "instructor_guide.ipynb": markdown}


def examples() -> list[tuple[str, str]]:
    """Return (document, code) for every python block and inline quiz call in the docs."""
    found = []
    for name, text in documents().items():
        found += [(name, block) for block in FENCED.findall(text)]
        found += [(name, span) for span in INLINE.findall(text)]
    return found


def run(code: str, namespace: dict[str, Any]) -> Any:
    """Execute ``code``; return the value of its last line if that is an expression."""
    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<docs>", "exec"), namespace)  # the docs' own examples
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<docs>", "eval"), namespace)


def click_one_right_answer(lecture: str) -> str:
    """Answer one question right in the lecture's live quiz, as a class would; return its id."""
    shown = quiz.show(lecture)
    shown.widget()
    item = next(q for q in shown._live if q.question.type in ("single", "truefalse"))
    item.input.value = item.question.answer
    item.button.click()
    return item.question.id


def test_the_docs_show_the_quiz_api() -> None:
    found = examples()
    assert ("README.md", 'quiz.show("l01").results()') in found
    assert any(name == "instructor_guide.ipynb" and "results()" in code for name, code in found)


@pytest.mark.parametrize(("document", "code"), examples(), ids=lambda v: v[:40])
def test_every_example_runs_and_reflects_the_clicks(document: str, code: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)  # an instructor's live kernel
    monkeypatch.setattr(quiz, "_SHOWN", {})     # a fresh kernel
    lectures = sorted(set(re.findall(r'quiz\.show\("(l\d\d)"\)', code)))
    clicked = {lecture: click_one_right_answer(lecture) for lecture in lectures}
    value = run(code, {"quiz": quiz})
    if isinstance(value, pd.DataFrame):
        question, answered, correct = (msg(f"quiz.col.{k}")
                                       for k in ("question", "answered", "correct"))
        assert list(value.columns) == [msg(k) for k in quiz.RESULT_COLUMNS]
        rows = value[value[answered]]
        assert rows[question].tolist() == list(clicked.values()), f"{document}: {code}"
        assert rows[correct].all()
    elif isinstance(value, int):
        assert value == len(clicked)
