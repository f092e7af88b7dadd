#!/usr/bin/env python3
"""Set up the environment, build the book, run the tests: the README's two commands.

    python3 dev.py build    create .venv if needed, then build the HTML book into _build/html
    python3 dev.py test     create .venv if needed, build the book if its inputs changed,
                            then run every test (unit, notebooks, built site, browser)
    python3 dev.py outputs  re-execute the lecture notebooks in place (static rendering),
                            so that their stored outputs match the package (nbval checks this)
    python3 dev.py edition 2026-2027
                            build the edition of an academic year into _build/editions/
                            (folder, .tar.gz, SHA256SUMS, versions.json, public/)

Only the Python standard library is used here, so this file runs on a fresh machine.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
STAMP = ROOT / "_build" / ".inputs-sha256"
CHROMIUM = "/usr/bin/chromium"
BWRAP = "/usr/bin/bwrap"
#: The Kazakh JupyterLab language pack, installed (editable) into .venv by ensure_env.
LANGUAGE_PACK = "lab/language-pack-kk_KZ"
#: Wheels of the course package's pinned dependencies (and ipykernel), for the test that
#: installs the published wheel into a fresh venv with no network.
WHEELHOUSE = VENV / "wheelhouse"
BUILD_INPUTS = ("_config.yml", "_toc.yml", "book", "src", "pyproject.toml", "requirements.txt")


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    """Run a command from the repository root; exit with its code if it fails."""
    print("$", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_env() -> None:
    """Create .venv and install the pinned requirements and the package, once."""
    marker = VENV / ".requirements-sha256"
    wanted = hashlib.sha256((ROOT / "requirements.txt").read_bytes()
                            + (ROOT / "pyproject.toml").read_bytes()
                            + (ROOT / LANGUAGE_PACK / "pyproject.toml").read_bytes()).hexdigest()
    if marker.exists() and marker.read_text() == wanted and PY.exists():
        return
    if not PY.exists():
        run(sys.executable, "-m", "venv", VENV)
    run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PY, "-m", "pip", "install", "--quiet", "-r", "requirements.txt")
    run(PY, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
    run(PY, "-m", "pip", "install", "--quiet", "--no-deps", "-e", LANGUAGE_PACK)
    run(PY, "-m", "pip", "download", "--quiet", "--dest", WHEELHOUSE, "-c", "requirements.txt",
        ".", "ipykernel")
    marker.write_text(wanted)


def inputs_digest() -> str:
    """Hash every file the book build reads, so a stale build is detected."""
    digest = hashlib.sha256()
    for name in BUILD_INPUTS:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if any(part in {"__pycache__", ".ipynb_checkpoints"} for part in file.parts):
                continue
            if file.suffix in {".mo", ".pyc"}:
                continue
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def trust_notebooks() -> None:
    """Trust the book's notebooks for this user, so JupyterLab runs their stored maps and
    quizzes on open (their outputs are the package's own HTML+JS; see ca_course.render)."""
    run(VENV / "bin" / "jupyter", "trust", *sorted((ROOT / "book").glob("*.ipynb")))


def install_rise_bridge() -> None:
    """Copy lab/rise-myst-bridge into .venv's JupyterLab extensions: it lets jupyterlab-myst
    load in jupyterlab-rise's slideshow page (see the bridge's remoteEntry.js)."""
    shutil.copytree(ROOT / "lab" / "rise-myst-bridge",
                    VENV / "share" / "jupyter" / "labextensions" / "ca-course-rise-bridge",
                    dirs_exist_ok=True)


def install_classroom_extension() -> None:
    """Copy lab/classroom into .venv's JupyterLab extensions and write its course.json
    (glossary definitions and Kazakh labels over jupyterlab-myst; see lab/classroom)."""
    dest = VENV / "share" / "jupyter" / "labextensions" / "ca-course-classroom"
    shutil.copytree(ROOT / "lab" / "classroom", dest, dirs_exist_ok=True)
    run(PY, ROOT / "tools" / "lab_course_data.py", dest / "static")


def build() -> None:
    """Build the HTML book from a clean tree, warnings as errors."""
    ensure_env()
    install_rise_bridge()
    install_classroom_extension()
    trust_notebooks()
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    started = time.perf_counter()
    run(VENV / "bin" / "jupyter-book", "build", ".", "--builder", "html",
        "-W", "-n", "--keep-going", "--all", env={**os.environ, "CA_COURSE_EDITIONS": "latn"})
    # The PDF edition: the whole book on one page (notebooks come from the execution
    # cache of the HTML build), printed by Chromium into _build/html/course-kk.pdf.
    run(VENV / "bin" / "jupyter-book", "build", ".", "--builder", "singlehtml", "-W", "-n",
        "--keep-going")
    if Path(CHROMIUM).exists():
        run(VENV / "bin" / "ca-course", "pdf")
    else:
        print(f"{CHROMIUM} жоқ: PDF нұсқасы жасалмады (python3 dev.py test оны орнатады).")
    build_latin_edition()
    STAMP.write_text(inputs_digest())
    print(f"Кітап {time.perf_counter() - started:.1f} с ішінде жиналды: _build/html/index.html")


def build_latin_edition() -> None:
    """Build the Latin-script edition (book/_ext/ca_latin.py) into _build/html/latn/.

    It starts from the HTML build's execution cache: the notebooks' outputs are the same in
    both scripts (the pages are transliterated once built), so nothing is executed again.
    """
    out = ROOT / "_build" / "latn"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(ROOT / "_build" / ".jupyter_cache", out / "_build" / ".jupyter_cache")
    run(VENV / "bin" / "jupyter-book", "build", ".", "--builder", "html", "--path-output", out,
        "-W", "-n", "--keep-going", "--all", env={**os.environ, "CA_COURSE_SCRIPT": "latn"})
    shutil.copytree(out / "_build" / "html", ROOT / "_build" / "html" / "latn")
    # One service worker for both scripts: latn/ joins the site's precache (ca_course.offline).
    run(PY, "-m", "ca_course.offline", ROOT / "_build" / "html", "latn")


def ensure_chromium() -> None:
    """Install Debian's chromium (browser tests, PDF) and bubblewrap (the grader's
    namespaces) if either is missing (needs root)."""
    if Path(CHROMIUM).exists() and Path(BWRAP).exists():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", "chromium", "fonts-dejavu-core", "bubblewrap",
            env=env)
        return
    sys.exit(f"{CHROMIUM} немесе {BWRAP} табылмады: браузер тесттері мен бағалау құмсалғышы "
             "үшін Debian-ның пакеттерін орнатыңыз (sudo apt-get install chromium bubblewrap).")


def test(extra: list[str]) -> None:
    """Build the book if it is missing or stale, then run every test."""
    ensure_env()
    install_rise_bridge()
    install_classroom_extension()
    ensure_chromium()
    pdf_missing = not (ROOT / "_build" / "html" / "course-kk.pdf").exists()
    if pdf_missing or not STAMP.exists() or STAMP.read_text() != inputs_digest():
        build()
    env = dict(os.environ)
    env.setdefault("CA_COURSE_SITE", str(ROOT / "_build" / "html"))
    run(VENV / "bin" / "ruff", "check", "src", "tests", "benchmarks", "tools", "dev.py",
        "conftest.py", "book/_ext", env=env)
    run(PY, "-m", "pytest", "tests", "--doctest-modules", "src/ca_course",
        "--nbval", "book", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
        "-p", "no:cacheprovider", *extra, env=env)


def outputs() -> None:
    """Re-execute every lecture notebook in place with the static rendering."""
    ensure_env()
    run(PY, "-m", "ca_course.cli", "notebooks", "execute")


def edition(args: list[str]) -> None:
    """Build and package the edition of an academic year (ca_course.editions)."""
    ensure_env()
    run(PY, "-m", "ca_course.editions", *args, "--root", ROOT)


def main(argv: list[str]) -> None:
    """Dispatch the sub-command."""
    if not argv or argv[0] not in {"build", "test", "outputs", "edition"}:
        print(__doc__)
        sys.exit(2)
    if argv[0] == "build":
        build()
    elif argv[0] == "test":
        test(argv[1:])
    elif argv[0] == "edition":
        edition(argv[1:])
    else:
        outputs()


if __name__ == "__main__":
    main(sys.argv[1:])
