"""The package's shape: import directions, strings in one place, message keys."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ca_course.messages import MESSAGES

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ca_course"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")

# Modules a student's notebook runs must never import instructor-side code.
STUDENT_SIDE = {"exercises", "checks", "quiz", "maps", "glossary", "timeline", "references",
                "tables", "data", "models", "text", "messages", "render"}
INSTRUCTOR_SIDE = {"grading", "export", "cli"}
RENDERERS = {"quiz", "maps", "glossary", "timeline", "references", "tables", "exercises",
             "export"}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def top_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    return rel.parts[0]


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                "ca_course"):
            parts = node.module.split(".")
            if len(parts) > 1:
                found.add(parts[1])
            else:
                found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("ca_course."):
                    found.add(alias.name.split(".")[1])
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_flow_one_way(path: Path) -> None:
    name = top_name(path)
    deps = imported(path) - {name}
    if name in STUDENT_SIDE:
        wrong = deps & INSTRUCTOR_SIDE
        assert not wrong, f"{name} imports instructor-side {wrong}"
    if name in {"data", "models"}:
        assert not deps & RENDERERS, f"{name} imports a renderer: {deps & RENDERERS}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_kazakh_string_literals_outside_messages(path: Path) -> None:
    if path.name == "messages.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
                  and node.body and isinstance(node.body[0], ast.Expr)}
    offenders = [node.value for node in ast.walk(tree)
                 if isinstance(node, ast.Constant) and isinstance(node.value, str)
                 and CYRILLIC.search(node.value) and id(node) not in docstrings]
    assert not offenders, f"{path.name}: Cyrillic literals {offenders[:3]}"


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in modules():
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                         if ">>>" not in line)
        keys |= set(re.findall(r'msg\(\s*"([a-z_.-]+)"\s*[,)]', text))
    js = (PACKAGE / "assets" / "quiz.js").read_text(encoding="utf-8")
    keys |= set(re.findall(r'M\["([a-z_.]+)"\]', js))
    keys |= set(re.findall(r'problem: "([a-z_.]+)"', js))
    return keys


def test_every_message_key_used_exists() -> None:
    missing = sorted(used_keys() - set(MESSAGES))
    assert not missing, f"message keys used but not in messages.py: {missing}"
    assert len(used_keys()) > 30  # the scan itself found the calls
