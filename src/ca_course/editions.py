"""Build the edition of an academic year: a versioned folder, an archive, SHA-256 sums.

    python3 dev.py edition 2026-2027        (or: .venv/bin/python -m ca_course.editions 2026-2027)

builds the HTML book with ``CA_COURSE_ACADEMIC_YEAR=2026-2027`` (the pages and the offline
cache carry the year, :mod:`ca_course.offline`), with its Latin-script edition in ``latn/``
(one offline cache for both scripts) and the PDF ``course-kk.pdf`` printed by Chromium
(left out, with a message, when Chromium is not installed), as ``python3 dev.py build``
does, and writes, under ``_build/editions/``:

* ``2026-2027/``: the edition's site, with ``SHA256SUMS`` listing every file in it;
* ``ca-course-2026-2027.tar.gz``: the same folder as one archive (reproducible: sorted
  entries, fixed dates), and ``SHA256SUMS`` beside it with the archives' sums;
* ``versions.json``: every edition found in ``_build/editions/``, newest first; the newest
  is the current one;
* ``public/``: the folder to upload to a static host: the current edition at the root,
  every edition (the current one too) under ``editions/<year>/``, and ``versions.json`` at
  the root, which the edition switcher of every page reads.

An older edition is added back by unpacking its archive into ``_build/editions/`` before
the command runs.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable, Sequence
from pathlib import Path

from ca_course.messages import msg
from ca_course.offline import EDITION_ENV

__all__ = ["SUMS", "archive", "build_edition", "check_year", "checksums", "editions_found",
           "package_edition", "publish_folder", "write_versions"]

SUMS = "SHA256SUMS"
PUBLIC = "public"
YEAR = re.compile(r"(\d{4})-(\d{4})")
#: Archive entries get this date (2000-01-01), so the same edition gives the same bytes.
FIXED_MTIME = 946684800


def check_year(year: str) -> str:
    """Return ``year`` if it is an academic year ``YYYY-YYYY+1``; raise ValueError if not."""
    match = YEAR.fullmatch(year)
    if match is None or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValueError(f"{year!r}: expected an academic year such as 2026-2027")
    return year


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksums(folder: Path, names: Sequence[str] | None = None) -> str:
    """Return ``sha256sum -c``-compatible lines for ``names`` (default: every file, sorted)."""
    if names is None:
        names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                       if p.is_file() and p.name != SUMS)
    return "".join(f"{_sha256(folder / name)}  {name}\n" for name in names)


def archive(folder: Path, target: Path) -> Path:
    """Write ``folder`` as a reproducible ``.tar.gz`` whose entries start with its name."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted([folder, *folder.rglob("*")]):
            info = tar.gettarinfo(str(path), arcname=(
                Path(folder.name) / path.relative_to(folder)).as_posix())
            info.mtime = FIXED_MTIME
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mode = 0o755 if path.is_dir() else 0o644
            if path.is_file():
                with path.open("rb") as stream:
                    tar.addfile(info, stream)
            else:
                tar.addfile(info)
    with target.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                                 filename="") as zipped:
        zipped.write(buffer.getvalue())
    return target


def editions_found(out: Path) -> list[str]:
    """Return the academic years that have an edition folder in ``out``, newest first."""
    years = [p.name for p in out.iterdir() if p.is_dir() and YEAR.fullmatch(p.name)]
    return sorted(years, reverse=True)


def write_versions(out: Path) -> list[dict[str, object]]:
    """Write ``out/versions.json`` (newest first; the newest is current, at the site root)."""
    years = editions_found(out)
    versions: list[dict[str, object]] = [
        {"version": year, "path": "./" if i == 0 else f"editions/{year}/",
         "current": i == 0}
        for i, year in enumerate(years)
    ]
    (out / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")
    return versions


def publish_folder(out: Path) -> Path:
    """Assemble ``out/public``: the current edition at the root, all under ``editions/``."""
    public = out / PUBLIC
    if public.exists():
        shutil.rmtree(public)
    years = editions_found(out)
    if not years:
        raise FileNotFoundError(f"no edition folder in {out}")
    shutil.copytree(out / years[0], public)
    for year in years:
        shutil.copytree(out / year, public / "editions" / year)
    shutil.copy2(out / "versions.json", public / "versions.json")
    return public


def package_edition(built: Path, year: str, out: Path) -> tuple[Path, Path]:
    """Copy a built site to ``out/<year>``, archive it, write sums, versions and ``public``.

    Returns the edition's folder and its archive.
    """
    check_year(year)
    out.mkdir(parents=True, exist_ok=True)
    folder = out / year
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(built, folder, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"))
    (folder / SUMS).write_text(checksums(folder), encoding="utf-8")
    target = archive(folder, out / f"ca-course-{year}.tar.gz")
    archives = sorted(p.name for p in out.glob("ca-course-*.tar.gz"))
    (out / SUMS).write_text(checksums(out, archives), encoding="utf-8")
    write_versions(out)
    publish_folder(out)
    return folder, target


def jupyter_book(root: Path, work: Path, year: str) -> Path:
    """Build the book of ``root`` into ``work`` for ``year``: the HTML site, its Latin-script
    edition in ``latn/`` and the PDF (when Chromium is installed); return the built site."""
    from ca_course.offline import add_script_edition
    from ca_course.site import CHROMIUM

    def build(out: Path, builder: str, **env: str) -> None:
        command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(root),
                   "--builder", builder, "--path-output", str(out), "-W", "-n",
                   "--keep-going", "--all"]
        subprocess.run(command, check=True, env=dict(os.environ, **{EDITION_ENV: year}, **env))

    build(work, "html", CA_COURSE_EDITIONS="latn")
    site = work / "_build" / "html"
    latin = work / "latn"
    shutil.copytree(work / "_build" / ".jupyter_cache", latin / "_build" / ".jupyter_cache")
    build(latin, "html", CA_COURSE_SCRIPT="latn")
    shutil.copytree(latin / "_build" / "html", site / "latn")
    add_script_edition(site, "latn", year)
    if Path(CHROMIUM).exists():
        from ca_course.pdf import print_pdf

        build(work, "singlehtml")
        print_pdf(work / "_build" / "singlehtml", site / "course-kk.pdf")
    else:
        print(f"{CHROMIUM}: not installed, the edition has no PDF (course-kk.pdf).")
    return site


def build_edition(year: str, root: Path, out: Path | None = None,
                  builder: Callable[[Path, Path, str], Path] = jupyter_book
                  ) -> tuple[Path, Path]:
    """Build the book for ``year`` and package it (see the module docstring)."""
    check_year(year)
    out = out or root / "_build" / "editions"
    work = out / ".work" / year
    if work.exists():
        shutil.rmtree(work)
    built = builder(root, work, year)
    return package_edition(built, year, out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ca_course.editions",
                                     description="Build the book's edition of an academic year.")
    parser.add_argument("year", help="academic year, e.g. 2026-2027")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course repository")
    parser.add_argument("--out", type=Path, default=None,
                        help="where editions go (default: <root>/_build/editions)")
    args = parser.parse_args(argv)
    try:
        check_year(args.year)
    except ValueError as error:
        parser.error(str(error))
    folder, target = build_edition(args.year, args.root.resolve(), args.out)
    print(msg("cli.edition", year=args.year, folder=folder, archive=target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
