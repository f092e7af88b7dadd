"""Local Sphinx extension: publish the course package as a wheel beside the HTML book.

A student who downloads a lecture needs the course package at home. When the HTML build
finishes, this extension builds ``ca_course-<version>-py3-none-any.whl`` with
``pip wheel --no-deps`` from a temporary copy of ``pyproject.toml`` and ``src/`` (so the
working tree gets no ``build/`` folder) into ``<outdir>/_downloads/``. The wheel carries the
package and its content data; the instructor keys live outside ``src/`` and never enter it.

The role ``{ca-wheel}`ca_course-0.1.0-py3-none-any.whl``` links to the published wheel from
any page; its text must be the current wheel name, or the build warns (``-W`` fails), so the
student guide's install command cannot silently fall behind ``pyproject.toml``.
"""

from __future__ import annotations

import posixpath
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

ROOT = Path(__file__).resolve().parents[2]
DOWNLOADS = "_downloads"
#: Builders whose output is the published site (singlehtml only feeds the PDF).
SITE_BUILDERS = frozenset({"html", "dirhtml"})

logger = logging.getLogger(__name__)


def wheel_name(root: Path = ROOT) -> str:
    """The wheel's file name for the version in ``pyproject.toml``."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return f"{project['name'].replace('-', '_')}-{project['version']}-py3-none-any.whl"


def build_wheel(destination: Path, root: Path = ROOT) -> Path:
    """Build the course package's wheel into ``destination``; return its path."""
    destination.mkdir(parents=True, exist_ok=True)
    for old in destination.glob("ca_course-*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="ca-wheel-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        shutil.copy2(root / "pyproject.toml", project / "pyproject.toml")
        shutil.copytree(root / "src", project / "src",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                        "--disable-pip-version-check", "--wheel-dir", str(destination),
                        str(project)], check=True, cwd=tmp)
    wheel = destination / wheel_name(root)
    if not wheel.is_file():
        raise FileNotFoundError(f"pip wheel did not write {wheel}")
    return wheel


def wheel_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
               options: dict | None = None, content: list | None = None) -> tuple[list, list]:
    """``{ca-wheel}`<wheel file name>```: a link to the published wheel."""
    expected = wheel_name()
    if text.strip() != expected:
        logger.warning("ca_wheel: the page names %r, but the build publishes %r; update it.",
                       text.strip(), expected, location=inliner.document.current_source)
    node = nodes.reference(rawtext, expected, refuri=f"{DOWNLOADS}/{expected}", ca_wheel=True)
    return [nodes.literal("", "", node)], []


def resolve_wheel_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make every wheel link relative to the page that holds it."""
    target = app.builder.get_target_uri(docname).split("#")[0]
    here = posixpath.dirname(target)
    for node in doctree.findall(nodes.reference):
        if node.get("ca_wheel"):
            node["refuri"] = posixpath.relpath(f"{DOWNLOADS}/{wheel_name()}", here or ".")


def publish_wheel(app: Sphinx, exception: Exception | None) -> None:
    """Build the wheel into the site's ``_downloads`` folder after a successful build."""
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    try:
        wheel = build_wheel(Path(app.outdir) / DOWNLOADS)
    except (subprocess.CalledProcessError, OSError) as error:
        logger.warning("ca_wheel: the course wheel was not built: %s", error)
        return
    logger.info("ca_wheel: published %s", wheel.relative_to(app.outdir))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the role and the build hook."""
    app.add_role("ca-wheel", wheel_role)
    app.connect("doctree-resolved", resolve_wheel_links)
    app.connect("build-finished", publish_wheel)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
