"""Write the setup cell of every student-facing notebook from one template.

A student who downloads a lecture (``.ipynb``) and runs it where the course package is not
installed must be told, in Kazakh, exactly what to install. The setup cell therefore wraps
its imports in ``try``/``except ModuleNotFoundError`` and prints the catalog message
``setup.install`` (``src/ca_course/messages.py``). The package cannot be imported at that
point, so the message is inlined into each notebook: this script is the only writer.

    .venv/bin/python tools/setup_cell.py          rewrite the setup cells that differ
    .venv/bin/python tools/setup_cell.py --check  exit 1 if a setup cell is not current

It changes only the source of the first cell (the ``remove-cell`` setup cell), reads and
writes each notebook right away (other people edit the prose at the same time), keeps the
notebook's JSON layout and leaves a notebook alone when its setup cell is already current,
so running it twice changes nothing.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
#: Pages for instructors only: a student never downloads them.
INSTRUCTOR_PAGES = frozenset({"instructor_guide.ipynb"})


def package_version() -> str:
    """The course package's version, from ``pyproject.toml``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["version"])


def wheel_name() -> str:
    """File name of the wheel that the book build publishes (see ``book/_ext/ca_sphinx.py``)."""
    return f"ca_course-{package_version()}-py3-none-any.whl"


def pinned(name: str) -> str:
    """``name==version`` as pinned in ``requirements.txt``."""
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(rf"^{re.escape(name)}==(\S+)", line.strip(), flags=re.I)
        if match:
            return f"{name}=={match.group(1)}"
    raise LookupError(f"{name} is not pinned in requirements.txt")


def install_command() -> str:
    """The one command a student runs at home: the course wheel and JupyterLab."""
    return f"python3 -m pip install {wheel_name()} {pinned('jupyterlab')}"


def install_message() -> str:
    """The Kazakh instruction printed by a setup cell that cannot import ``ca_course``."""
    sys.path.insert(0, str(ROOT / "src"))
    try:
        from ca_course.messages import msg
    finally:
        sys.path.pop(0)
    return msg("setup.install", wheel=wheel_name(), command=install_command())


def setup_imports(source: str) -> list[str]:
    """The ``ca_course`` import lines of a setup cell, plain or already wrapped in ``try``."""
    tree = ast.parse(source)
    body = tree.body
    if len(body) == 1 and isinstance(body[0], ast.Try):
        body = body[0].body
    lines = []
    for node in body:
        module = getattr(node, "module", None) or ""
        names = [alias.name for alias in getattr(node, "names", [])]
        if not (isinstance(node, ast.ImportFrom) and module.split(".")[0] == "ca_course") and \
                not (isinstance(node, ast.Import) and all(n.split(".")[0] == "ca_course"
                                                          for n in names)):
            raise ValueError(f"not a ca_course import: {ast.unparse(node)!r}")
        lines.append(ast.get_source_segment(source, node) or ast.unparse(node))
    if not lines:
        raise ValueError("the setup cell has no ca_course import")
    return lines


def render(imports: list[str], message: str) -> str:
    """The setup cell's source: the imports, and the Kazakh instruction if they fail."""
    lines = message.split("\n")
    pieces = [json.dumps(line + "\n" if i < len(lines) - 1 else line, ensure_ascii=False)
              for i, line in enumerate(lines)]
    printed = "\n          ".join(pieces)
    body = "\n".join(f"    {line}" for line in imports)
    return (f"try:\n{body}\n"
            "except ModuleNotFoundError:\n"
            f"    print({printed})\n"
            "    raise")


def student_notebooks() -> list[Path]:
    """The book's notebooks a student can download (every one but the instructor pages)."""
    return sorted(p for p in BOOK.glob("*.ipynb") if p.name not in INSTRUCTOR_PAGES)


def update(path: Path, message: str, *, write: bool = True) -> bool:
    """Bring one notebook's setup cell up to date; return whether it was (or would be) changed."""
    raw = path.read_text(encoding="utf-8")
    notebook = json.loads(raw)
    cell = notebook["cells"][0]
    if cell["cell_type"] != "code" or "remove-cell" not in cell["metadata"].get("tags", []):
        raise ValueError(f"{path}: the first cell is not the setup cell tagged remove-cell")
    source = "".join(cell["source"])
    wanted = render(setup_imports(source), message)
    if source == wanted:
        return False
    if write:
        cell["source"] = wanted.splitlines(keepends=True)
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True)
                        + "\n", encoding="utf-8")
    return True


def main(argv: list[str]) -> int:
    """Rewrite (or with ``--check`` only list) the setup cells that are not current."""
    check = "--check" in argv
    message = install_message()
    changed = [p for p in student_notebooks() if update(p, message, write=not check)]
    for path in changed:
        print(f"{'stale' if check else 'updated'}: {path.relative_to(ROOT)}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
