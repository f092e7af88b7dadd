"""The data of the JupyterLab extension lab/classroom (tools/lab_course_data.py).

The extension gives jupyterlab-myst's dead glossary links their definitions and puts its
English labels into Kazakh; what it shows comes from course.json, checked here. The
extension itself is exercised in a real JupyterLab by tests/test_lab_classroom.py.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from ca_course import data
from ca_course.messages import msg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import lab_course_data  # noqa: E402

SCRIPT = ROOT / "lab" / "classroom" / "static" / "remoteEntry.js"


@pytest.fixture(scope="module")
def course() -> dict:
    return lab_course_data.course_data()


def lookup(course: dict, shown: str) -> dict | None:
    """What remoteEntry.js's findTerm does for a role's shown text (name or alias)."""
    k = lab_course_data.key(shown)
    return course["terms"].get(k) or course["terms"].get(course["aliases"].get(k, ""))


def test_every_term_role_of_the_book_finds_its_definition(course: dict) -> None:
    roles = lab_course_data.role_texts()
    assert len(roles) > 50
    by_id = {t.id: t for t in data.glossary()}
    unresolved = [shown for shown in roles if lookup(course, shown) is None]
    assert not unresolved, unresolved
    for shown, name in roles.items():
        term = lookup(course, shown)
        assert term is not None and lab_course_data.key(term["kk"]) == name
        assert term["definition"] == by_id[term["id"]].definition


def test_an_inflected_role_is_an_alias_of_its_term(tmp_path: Path) -> None:
    name = data.glossary()[0].kk
    cell = {"cell_type": "markdown", "metadata": {},
            "source": [f"Мысал: {{term}}`{name}ның <{name}>` және {{term}}`{name}`.\n"]}
    (tmp_path / "l99_x.ipynb").write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    (tmp_path / "page.md").write_text("{term}`Белгісіз <жоқ термин>`\n", encoding="utf-8")
    assert lab_course_data.TERM_ROLE.findall(cell["source"][0]) == [(f"{name}ның", name),
                                                                     (name, "")]
    aliases = lab_course_data.course_data(tmp_path)["aliases"]
    # the inflected form leads to its term; a shown name needs no alias; no unknown term
    assert aliases == {lab_course_data.key(f"{name}ның"): lab_course_data.key(name)}


def test_the_script_uses_only_labels_the_data_provides(course: dict) -> None:
    used = set(re.findall(r"labels\.(\w+)", SCRIPT.read_text(encoding="utf-8")))
    assert used and used <= set(course["labels"]), used - set(course["labels"])
    assert course["labels"]["exercise"] == msg("lab.exercise")
    # The script carries no Kazakh of its own: every string it shows is in the catalog.
    assert not re.search(r"[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІі]", SCRIPT.read_text(encoding="utf-8"))


def test_main_writes_course_json(tmp_path: Path, course: dict) -> None:
    assert lab_course_data.main([str(tmp_path / "static")]) == 0
    written = json.loads((tmp_path / "static" / "course.json").read_text(encoding="utf-8"))
    assert written == course
