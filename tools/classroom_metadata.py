#!/usr/bin/env python3
"""Give the book's notebooks the metadata JupyterLab needs in class; change nothing else.

For every notebook in ``book/``:

* every code cell tagged ``remove-cell``, ``remove-input`` or ``hide-input`` (plumbing whose
  output, if any, is the content) carries ``jupyter.source_hidden``, so Lab collapses its
  code as the book hides it; other cells do not;

and for every lecture (``book/lNN_*.ipynb``), the slides that jupyterlab-rise shows:

* ``slideshow.slide_type`` on every cell: the title and each ``##`` section start a
  ``slide``; a ``###`` subsection, each exercise, and a map, table or quiz that follows a
  long stretch of text on the same slide start a ``subslide`` (a vertical slide under its
  section);
  ``remove-cell`` plumbing is ``skip``; everything else continues the current slide (``-``);
* the notebook's ``rise`` settings: slides scroll (a long section stays readable on a
  projector) and the slideshow starts at the beginning.

The result depends only on the cells' tags and source, so running it twice changes
nothing (``--check`` exits 1 and lists the notebooks that would change, without writing).
Each notebook is read, updated and written back at once, and only if its metadata changed:
people editing the lectures' text at the same time lose nothing but a few milliseconds.

    .venv/bin/python tools/classroom_metadata.py           # update book/*.ipynb
    .venv/bin/python tools/classroom_metadata.py --check   # report, do not write
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
LECTURE = re.compile(r"^l\d\d_.+\.ipynb$")
HIDDEN_TAGS = frozenset({"remove-cell", "remove-input", "hide-input"})
#: Text (characters of markdown) a slide holds before a tall output moves to a sub-slide.
TEXT_BEFORE_OUTPUT = 600
RISE = {"scroll": True, "start_slideshow_at": "beginning", "transition": "none",
        "theme": "white", "enable_chalkboard": False}


def tags(cell: dict[str, Any]) -> set[str]:
    """Return a cell's tags."""
    return set(cell.get("metadata", {}).get("tags", []))


def source(cell: dict[str, Any]) -> str:
    """Return a cell's source as one string (nbformat stores a list of lines on disk)."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def heading_level(cell: dict[str, Any]) -> int:
    """Return the level of the heading a markdown cell starts with (0 if none)."""
    if cell.get("cell_type") != "markdown":
        return 0
    match = re.match(r"(#{1,6})\s", source(cell).lstrip())
    return len(match.group(1)) if match else 0


def slide_types(cells: list[dict[str, Any]]) -> list[str]:
    """Return the ``slideshow.slide_type`` of each cell of a lecture."""
    types: list[str] = []
    text_on_slide = 0
    for cell in cells:
        level = heading_level(cell)
        if "remove-cell" in tags(cell):
            types.append("skip")
            continue
        subsection = level == 3 or source(cell).lstrip().startswith("```{exercise}")
        tall_output = (cell.get("cell_type") == "code" and bool(tags(cell) & HIDDEN_TAGS)
                       and text_on_slide > TEXT_BEFORE_OUTPUT)
        if level in (1, 2):
            kind = "slide"
        elif subsection or tall_output:
            kind = "subslide"
        else:
            kind = "-"
        if kind != "-":
            text_on_slide = 0
        if cell.get("cell_type") == "markdown":
            text_on_slide += len(source(cell))
        types.append(kind)
    if types and types[0] != "slide":
        first = next((i for i, t in enumerate(types) if t != "skip"), None)
        if first is not None:
            types[first] = "slide"
    return types


def apply(nb: dict[str, Any], *, slides: bool) -> dict[str, Any]:
    """Set the classroom metadata of a notebook (parsed JSON) in place; return it."""
    cells = nb.get("cells", [])
    for cell in cells:
        meta = cell.setdefault("metadata", {})
        if cell.get("cell_type") != "code":
            continue
        if tags(cell) & HIDDEN_TAGS:
            meta.setdefault("jupyter", {})["source_hidden"] = True
        elif "jupyter" in meta:
            meta["jupyter"].pop("source_hidden", None)
            if not meta["jupyter"]:
                del meta["jupyter"]
    if slides:
        for cell, kind in zip(cells, slide_types(cells), strict=True):
            cell["metadata"]["slideshow"] = {"slide_type": kind}
        nb.setdefault("metadata", {})["rise"] = dict(RISE)
    return nb


def dumps(nb: dict[str, Any]) -> str:
    """Serialize a notebook exactly as nbformat writes it."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def update(path: Path, *, write: bool = True) -> bool:
    """Apply the metadata to one notebook file; return whether it changed."""
    before = path.read_text(encoding="utf-8")
    after = dumps(apply(json.loads(before), slides=bool(LECTURE.match(path.name))))
    if after == before:
        return False
    if write:
        path.write_text(after, encoding="utf-8")
    return True


def notebooks(book: Path = BOOK) -> list[Path]:
    """Return the book's notebooks."""
    return sorted(p for p in book.glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def main(argv: list[str] | None = None) -> int:
    """Update (or with ``--check`` only report) every notebook of the book."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report, do not write")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: book/*.ipynb)")
    args = parser.parse_args(argv)
    changed = [p for p in (args.paths or notebooks()) if update(p, write=not args.check)]
    for path in changed:
        print(("would change " if args.check else "updated ") + str(path))
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
