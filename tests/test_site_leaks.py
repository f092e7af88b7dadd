"""What a student downloads holds no answer key, and quiz pages pull no widget bundle."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
KEYS = ROOT / "instructor" / "keys"
WIDGET_BUNDLES = ("embed-amd", "html-manager", "require.min.js", "require.js",
                  "application/vnd.jupyter.widget-state+json", "@jupyter-widgets")


def student_files(site: Path) -> list[Path]:
    """Return every file of the built site and every lecture notebook."""
    return sorted([p for p in site.rglob("*") if p.is_file()
                   and p.suffix in {".html", ".js", ".ipynb", ".txt", ".json", ".md"}]
                  + list((ROOT / "book").glob("*.ipynb")))


def solution_snippets() -> list[tuple[str, str]]:
    """Return (exercise id, distinctive line) for every solution line in the keys."""
    snippets = []
    for path in sorted(KEYS.glob("l*.yaml")):
        for key in yaml.safe_load(path.read_text(encoding="utf-8"))["keys"]:
            for line in key["solution"].splitlines():
                line = line.strip()
                # Short or generic lines (imports, a bare name) prove nothing when found.
                if len(line) >= 25 and not line.startswith(("import ", "from ", "#")):
                    snippets.append((key["id"], line))
    return snippets


def test_keys_exist_to_be_searched_for() -> None:
    assert len(solution_snippets()) >= 8


def test_no_solution_line_reaches_the_site_or_the_notebooks(site_dir: Path) -> None:
    snippets = solution_snippets()
    leaks = []
    for path in student_files(site_dir):
        text = path.read_text(encoding="utf-8", errors="replace")
        leaks += [f"{path.name}: {eid}: {line}" for eid, line in snippets if line in text]
    assert not leaks, leaks[:5]


def test_instructor_folder_is_not_published(site_dir: Path) -> None:
    assert not list(site_dir.rglob("keys"))
    assert not list(site_dir.rglob("*.yaml")), "no content or key file is published"


def test_quiz_pages_load_no_widget_manager(site_dir: Path) -> None:
    pages = sorted((site_dir / "book").glob("*.html"))
    assert pages
    bad = [(p.name, b) for p in pages for b in WIDGET_BUNDLES
           if b in p.read_text(encoding="utf-8")]
    assert not bad, bad


@pytest.mark.parametrize("notebook", sorted((ROOT / "book").glob("*.ipynb")),
                         ids=lambda p: p.name)
def test_notebooks_store_no_widget_state(notebook: Path) -> None:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    assert "widgets" not in nb.get("metadata", {})
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    assert not any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                   for o in outputs)
    answers = ["".join(c["source"]) for c in nb["cells"]
               if "answer" in c.get("metadata", {}).get("tags", [])]
    filled = [a for a in answers if not re.match(r"\s*\w+\s*=\s*None\b", a)]
    assert not filled, f"{notebook.name}: answer cells must be left empty (None): {filled}"


def test_only_the_search_page_loads_the_search_index(site_dir: Path) -> None:
    heavy = [p.name for p in sorted((site_dir / "book").glob("*.html"))
             if "searchindex.js" in p.read_text(encoding="utf-8")]
    assert not heavy, heavy
    assert "searchindex.js" in (site_dir / "search.html").read_text(encoding="utf-8")


def test_every_icon_a_page_uses_is_drawn_without_fontawesome_js(site_dir: Path) -> None:
    css = (ROOT / "_static" / "ca-icons.css").read_text(encoding="utf-8")
    defined = set(re.findall(r"\.(fa-[a-z0-9-]+)::before", css))
    modifiers = {"fa-solid", "fas", "fa-lg"}
    used: set[str] = set()
    pages = [*sorted((site_dir / "book").glob("*.html")), site_dir / "search.html"]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "fontawesome.js" not in text, page.name
        for classes in re.findall(r'<i class="([^"]*)"', text):
            used |= {c for c in classes.split() if c.startswith("fa-")}
    assert used, "no icons found: the check would prove nothing"
    assert not used - defined - modifiers, sorted(used - defined - modifiers)
