"""The notebooks carry what an instructor needs in JupyterLab: collapsed plumbing, slides."""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import classroom_metadata as cm  # noqa: E402

NOTEBOOKS = cm.notebooks()
LECTURES = [p for p in NOTEBOOKS if cm.LECTURE.match(p.name)]


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_book_notebook_and_all_lectures_are_covered() -> None:
    assert len(LECTURES) >= 18
    assert {p.name for p in NOTEBOOKS} >= {"atlas.ipynb", "instructor_guide.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_plumbing_code_is_collapsed(path: Path) -> None:
    for i, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] != "code":
            continue
        hidden = cell["metadata"].get("jupyter", {}).get("source_hidden", False)
        plumbing = bool(cm.tags(cell) & {"remove-input", "remove-cell", "hide-input"})
        assert hidden == plumbing, (
            f"{path.name} cell {i} (tags {sorted(cm.tags(cell))}): source_hidden={hidden}; "
            "run `.venv/bin/python tools/classroom_metadata.py`")


@pytest.mark.parametrize("path", LECTURES, ids=lambda p: p.stem)
def test_lecture_slides(path: Path) -> None:
    nb = load(path)
    kinds = [c["metadata"].get("slideshow", {}).get("slide_type") for c in nb["cells"]]
    assert None not in kinds, f"{path.name}: cells without slide metadata"
    for cell, kind in zip(nb["cells"], kinds, strict=True):
        text = cm.source(cell).lstrip()
        if "remove-cell" in cm.tags(cell):
            assert kind == "skip", text[:60]
        elif cell["cell_type"] == "markdown" and re.match(r"##?\s", text):
            assert kind == "slide", text[:60]
        elif cell["cell_type"] == "markdown" and text.startswith("### "):
            assert kind == "subslide", text[:60]
    sections = sum(1 for c in nb["cells"] if cm.heading_level(c) == 2)
    assert kinds.count("slide") == sections + 1  # the title slide and one per section
    assert nb["metadata"]["rise"]["scroll"] is True


def test_the_script_leaves_current_notebooks_unchanged() -> None:
    stale = [p.name for p in NOTEBOOKS if cm.update(p, write=False)]
    assert not stale, f"run `.venv/bin/python tools/classroom_metadata.py`: {stale}"


def test_the_script_changes_only_metadata_and_is_idempotent() -> None:
    original = load(LECTURES[1])
    stripped = copy.deepcopy(original)
    for cell in stripped["cells"]:
        cell["metadata"].pop("slideshow", None)
        cell["metadata"].pop("jupyter", None)
        if cell["cell_type"] == "markdown" and cm.source(cell).startswith("## "):
            cell["metadata"]["slideshow"] = {"slide_type": "fragment"}  # stale metadata
    stripped["metadata"].pop("rise", None)
    once = cm.apply(copy.deepcopy(stripped), slides=True)
    assert cm.dumps(cm.apply(copy.deepcopy(once), slides=True)) == cm.dumps(once)
    assert once == original
    for before, after in zip(stripped["cells"], once["cells"], strict=True):
        assert {k: v for k, v in before.items() if k != "metadata"} == \
            {k: v for k, v in after.items() if k != "metadata"}


def test_a_long_section_gets_sub_slides() -> None:
    cells = [
        {"cell_type": "code", "metadata": {"tags": ["remove-cell"]}, "source": "import x"},
        {"cell_type": "markdown", "metadata": {}, "source": "# Title"},
        {"cell_type": "markdown", "metadata": {}, "source": "## Section\n\n" + "сөз " * 400},
        {"cell_type": "code", "metadata": {"tags": ["remove-input"]}, "source": "maps.region()"},
        {"cell_type": "markdown", "metadata": {}, "source": "### Sub"},
        {"cell_type": "markdown", "metadata": {}, "source": "## Short\n\nБір сөйлем."},
        {"cell_type": "code", "metadata": {"tags": ["remove-input"]}, "source": "quiz.show('l01')"},
    ]
    assert cm.slide_types(cells) == ["skip", "slide", "slide", "subslide", "subslide", "slide",
                                     "-"]
