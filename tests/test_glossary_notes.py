"""A glossary term's editorial note is shown where the reader meets the term.

The glossary page (``book/glossary.md``, filled by ``book/_ext/ca_glossary.py``) gives each
term that has a ``note`` in ``content/glossary.yaml`` a paragraph of its own under the
definition, labelled «Редакциялық ескертпе»; a lecture's key-term table
(``glossary.table``) puts the note, so labelled, after the definition.
"""

from __future__ import annotations

import importlib.util
import re
from html import escape, unescape
from pathlib import Path

from ca_course import data, glossary
from ca_course.messages import msg

ROOT = Path(__file__).resolve().parents[1]


def _extension():
    spec = importlib.util.spec_from_file_location("ca_glossary", ROOT / "book/_ext/ca_glossary.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _blocks(markdown: str) -> dict[str, str]:
    """Return each term's definition block of the glossary directive, by term."""
    blocks: dict[str, str] = {}
    current = None
    for line in markdown.splitlines()[1:-1]:
        if line and not line.startswith(" "):
            current = line
            blocks[current] = ""
        elif current is not None:
            blocks[current] += line + "\n"
    return blocks


def test_every_note_is_under_its_own_term_and_marked() -> None:
    blocks = _blocks(_extension().glossary_markdown())
    noted = [t for t in data.glossary() if t.note]
    assert len(noted) >= 10
    label = f"<strong>{msg('glossary.note')}:</strong>"
    for term in data.glossary():
        block = blocks[term.kk]
        if term.note:
            assert f"{label} {escape(term.note)}" in block, term.id
            # a paragraph of its own, after the definition
            assert block.index(label) > block.index(term.definition[:30]), term.id
            assert "\n\n" in block.rstrip(), term.id
        else:
            assert label not in block, term.id


def test_the_built_glossary_page_shows_the_notes(site_dir: Path) -> None:
    html = (site_dir / "book" / "glossary.html").read_text(encoding="utf-8")
    definitions = re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S)
    by_term = {unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", dt)))
               .strip(): dd for dt, dd in definitions}
    noted = [t for t in data.glossary() if t.note]
    for term in noted:
        dd = by_term[term.kk]
        notes = re.findall(r'<span class="ca-editorial-note">(.*?)</span>', dd, re.S)
        assert len(notes) == 1, term.id
        text = " ".join(unescape(re.sub(r"<[^>]+>", "", notes[0])).split())
        assert text == f"{msg('glossary.note')}: {' '.join(term.note.split())}", term.id
    plain = [t for t in data.glossary() if not t.note]
    assert plain and all("ca-editorial-note" not in by_term[t.kk] for t in plain)


def test_a_lectures_key_term_table_shows_the_notes_of_its_terms() -> None:
    noted = [t for t in data.glossary() if t.note and t.lectures]
    assert noted
    label = f"({msg('glossary.note')}: "
    for lecture in sorted({lid for t in noted for lid in t.lectures}):
        html = unescape(glossary.table(lecture)._repr_html_())
        for term in glossary.terms(lecture):
            row = re.search(rf'<tr id="{term.id}">(.*?)</tr>', html, re.S)
            assert row, (lecture, term.id)
            if term.note:
                assert f"{label}{term.note})" in row.group(1), (lecture, term.id)
            else:
                assert label not in row.group(1), (lecture, term.id)
