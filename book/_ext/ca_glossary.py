"""Generate the glossary appendix from the course data at build time.

The page ``book/glossary.md`` holds a marker line; this extension replaces it with a
Sphinx ``glossary`` directive built from ``content/glossary.yaml``, so lectures link to
terms with the ``{term}`` role and Sphinx (``-n -W``) fails the build on a broken link.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

MARKER = "<!-- ca-course:glossary -->"


def glossary_markdown(built: set[str] | None = None) -> str:
    """Return the MyST glossary directive for every term in the data.

    Lectures in ``built`` (docnames such as ``book/l02_ecological_threats``) become
    links; lectures not in the book yet are named by id only.
    """
    from ca_course import data
    from ca_course.glossary import note_html
    from ca_course.messages import msg
    from ca_course.text import kazakh_sort_key

    files = {lec.id: Path(lec.file).stem for lec in data.lectures()}
    lines = ["```{glossary}"]
    for term in sorted(data.glossary(), key=lambda t: kazakh_sort_key(t.kk)):
        lectures = ", ".join(
            f"{{doc}}`{lid} <{files[lid]}>`" if built is None or f"book/{files[lid]}" in built
            else lid for lid in term.lectures if lid in files)
        lines.append(term.kk)
        # Marked with their language, so the Latin-script edition (ca_latin) leaves them be.
        body = (f"{term.definition} {msg('table.ru')}: <em lang=\"ru\">{escape(term.ru)}</em>; "
                f"{msg('table.en')}: <em lang=\"en\">{escape(term.en)}</em>. "
                f"{msg('table.source')}: "
                f"{term.source.label()}.")
        if lectures:
            body += f" {msg('table.lectures')}: {lectures}."
        lines.append(f"  {body}")
        if term.note:
            # A paragraph of its own under the definition, labelled as the editors' note.
            lines += ["", f"  {note_html(term)}"]
        lines.append("")
    lines.append("```")
    return "\n".join(lines)


def _inject(app: Any, docname: str, source: list[str]) -> None:
    if MARKER in source[0]:
        source[0] = source[0].replace(MARKER, glossary_markdown(set(app.env.found_docs)))


def setup(app: Any) -> dict[str, Any]:
    """Register the source-read hook."""
    app.connect("source-read", _inject)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
