"""Print the clean build time of the book and the time of a cached rebuild.

Run from the repository root after `python3 dev.py build` created .venv:
    .venv/bin/python benchmarks/build.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JB = ROOT / ".venv" / "bin" / "jupyter-book"


def timed_build(*extra: str) -> float:
    """Build the HTML book once and return the seconds it took."""
    started = time.perf_counter()
    subprocess.run([str(JB), "build", str(ROOT), "--builder", "html", "-W", "-n",
                    "--keep-going", *extra], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    """Measure a clean build, a rebuild with nothing changed, and one after a touch."""
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    clean = timed_build("--all")
    cached = timed_build()
    lecture = sorted((ROOT / "book").glob("l*.ipynb"))[0]
    lecture.touch()
    one = timed_build()
    pages = len(list((ROOT / "_build" / "html" / "book").glob("*.html")))
    figures = {"pages": pages, "clean_build_s": round(clean, 1),
               "rebuild_nothing_changed_s": round(cached, 1),
               f"rebuild_after_touching_{lecture.name}_s": round(one, 1)}
    print(json.dumps(figures, indent=2))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
