#!/usr/bin/env python3
"""Write ``course.json`` for the JupyterLab extension in ``lab/classroom`` (see its README).

jupyterlab-myst renders a notebook on its own: it cannot see the book's glossary page, so a
``{term}`` role becomes a dead link (``href="#"``), and the labels it draws for MyST blocks
are English ("Exercise 1", "Link to this Section"). The extension mends both in the browser
from this file:

``terms``
    every glossary term (``content/glossary.yaml``): its Kazakh name, its Russian and English
    equivalents and its definition, keyed by the lower-cased Kazakh name;
``aliases``
    the text a ``{term}`text <name>``` role shows (an inflected form, say «экологиялық
    апатына»), lower-cased, mapped to the term's key; collected from the book's notebooks
    and Markdown pages;
``labels``
    the Kazakh strings the extension shows (the ``lab.`` keys of the message catalog).

It is written at set-up (``python3 dev.py build`` / ``test``) into the installed copy of the
extension, so it always matches the glossary and the lectures as they are then:

    .venv/bin/python tools/lab_course_data.py DEST_DIR    # writes DEST_DIR/course.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
sys.path.insert(0, str(ROOT / "src"))

from ca_course import data  # noqa: E402
from ca_course.messages import MESSAGES, msg  # noqa: E402

#: A ``{term}`` role: ``{term}`text``` or ``{term}`shown text <term name>```.
TERM_ROLE = re.compile(r"\{term\}`([^`<]+?)\s*(?:<([^>`]+)>)?`")


def key(text: str) -> str:
    """The lookup key of a term's name or shown text: spaces collapsed, lower case."""
    return " ".join(text.split()).casefold()


def role_texts(book: Path = BOOK) -> dict[str, str]:
    """Map the shown text of every ``{term}`` role in the book to its term's key."""
    sources = []
    for path in sorted(book.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        sources += ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    sources += [p.read_text(encoding="utf-8") for p in sorted(book.glob("*.md"))]
    aliases: dict[str, str] = {}
    for source in sources:
        for shown, name in TERM_ROLE.findall(source):
            aliases.setdefault(key(shown), key(name or shown))
    return aliases


def course_data(book: Path = BOOK) -> dict[str, Any]:
    """Return what ``course.json`` holds (see the module docstring)."""
    terms = {key(t.kk): {"id": t.id, "kk": t.kk, "ru": t.ru, "en": t.en,
                         "definition": t.definition} for t in data.glossary()}
    aliases = {shown: name for shown, name in role_texts(book).items()
               if name in terms and shown != name}
    labels = {k.removeprefix("lab."): msg(k) for k in MESSAGES if k.startswith("lab.")}
    return {"terms": terms, "aliases": aliases, "labels": labels}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    dest = Path(argv[0])
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "course.json").write_text(json.dumps(course_data(), ensure_ascii=False, indent=1),
                                      encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
