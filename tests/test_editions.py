"""Editions by academic year: the versioned folder, archive, checksums, versions.json, the
public folder and the edition switcher (in Chromium, on two small fake editions)."""

from __future__ import annotations

import hashlib
import json
import re
import tarfile
from pathlib import Path

import pytest

from ca_course.editions import build_edition, check_year, package_edition
from ca_course.messages import msg
from ca_course.offline import publish

from browser_support import CHROMIUM, CHROMIUM_ARGS, serve

PAGE = ('<!DOCTYPE html><html lang="kk"><head><meta charset="utf-8"><title>{title}</title>'
        '</head><body><div class="bd-sidebar-primary"><div class="sidebar-primary-items__start">'
        '</div></div><h1>{title}</h1></body></html>')


def fake_build(root: Path, year: str, pages: dict[str, str]) -> Path:
    """Write a small built site for ``year`` and make it an offline edition."""
    for rel, title in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(PAGE.format(title=f"{title} {year}"), encoding="utf-8")
    (root / "_static").mkdir(exist_ok=True)
    (root / "_static" / "site.css").write_text("body{}", encoding="utf-8")
    publish(root, "book/intro.html", edition=year)
    return root


def test_academic_years_are_checked() -> None:
    assert check_year("2026-2027") == "2026-2027"
    for wrong in ("2026", "2026-2028", "26-27", "2026/2027"):
        with pytest.raises(ValueError):
            check_year(wrong)


def two_editions(tmp_path: Path) -> Path:
    out = tmp_path / "editions"
    pages = {"index.html": "Басы", "book/intro.html": "Кіріспе", "book/l01.html": "Дәріс"}
    for year in ("2025-2026", "2026-2027"):
        site = fake_build(tmp_path / f"built-{year}", year, pages)
        if year == "2026-2027":
            (site / "book" / "l01.html").unlink()  # a page the new edition dropped
        package_edition(site, year, out)
    return out


def test_edition_folder_archive_and_checksums(tmp_path: Path) -> None:
    out = two_editions(tmp_path)
    folder = out / "2026-2027"
    assert (folder / "book" / "intro.html").is_file() and (folder / "sw.js").is_file()
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    listed = {line.split("  ", 1)[1] for line in (folder / "SHA256SUMS").read_text().splitlines()}
    assert "book/intro.html" in listed and "SHA256SUMS" not in listed
    sums = dict(reversed(line.split("  ", 1)) for line in (out / "SHA256SUMS").read_text()
                .splitlines())
    assert set(sums) == {"ca-course-2025-2026.tar.gz", "ca-course-2026-2027.tar.gz"}
    target = out / "ca-course-2026-2027.tar.gz"
    assert hashlib.sha256(target.read_bytes()).hexdigest() == sums[target.name]
    with tarfile.open(target) as tar:
        names = tar.getnames()
        assert "2026-2027/book/intro.html" in names and "2026-2027/SHA256SUMS" in names
        assert b"2026-2027" in tar.extractfile("2026-2027/book/intro.html").read()  # type: ignore
    before = target.read_bytes()
    package_edition(out / ".." / "built-2026-2027", "2026-2027", out)
    assert target.read_bytes() == before  # reproducible archive


def test_versions_and_public_folder(tmp_path: Path) -> None:
    out = two_editions(tmp_path)
    versions = json.loads((out / "versions.json").read_text())
    assert versions == [
        {"version": "2026-2027", "path": "./", "current": True},
        {"version": "2025-2026", "path": "editions/2025-2026/", "current": False},
    ]
    public = out / "public"
    assert json.loads((public / "versions.json").read_text()) == versions
    assert "Кіріспе 2026-2027" in (public / "book" / "intro.html").read_text()
    assert "Кіріспе 2025-2026" in (
        public / "editions" / "2025-2026" / "book" / "intro.html").read_text()
    assert (public / "editions" / "2026-2027" / "sw.js").is_file()
    worker = (public / "sw.js").read_text()
    assert re.search(r'const CACHE = "ca-course-[^"]*-2026-2027-[0-9a-f]{12}"', worker)


def test_build_edition_runs_the_builder_with_the_year(tmp_path: Path) -> None:
    calls = []

    def builder(root: Path, work: Path, year: str) -> Path:
        calls.append((root, year))
        return fake_build(work / "_build" / "html", year, {"book/intro.html": "Кіріспе"})

    folder, target = build_edition("2027-2028", tmp_path, builder=builder)
    assert calls == [(tmp_path, "2027-2028")]
    assert folder == tmp_path / "_build" / "editions" / "2027-2028" and target.is_file()
    with pytest.raises(ValueError):
        build_edition("2027", tmp_path, builder=builder)


@pytest.mark.browser
def test_switcher_lists_editions_and_opens_the_same_page(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    public = two_editions(tmp_path) / "public"
    with serve(public) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto(f"{base}/book/intro.html", wait_until="load")
        select = page.locator("nav.ca-editions select")
        select.wait_for(timeout=10_000)
        options = select.locator("option").all_inner_texts()
        assert options == [f"2026-2027 ({msg('edition.current')})", "2025-2026"]
        assert page.locator("nav.ca-editions").get_attribute("aria-label") == msg(
            "edition.label")
        select.select_option(label="2025-2026")
        page.wait_for_url(f"{base}/editions/2025-2026/book/intro.html")
        assert page.locator("h1").inner_text() == "Кіріспе 2025-2026"
        # The archived edition reads the site's list and marks itself.
        selected = page.locator("nav.ca-editions select option:checked")
        selected.wait_for(state="attached", timeout=10_000)
        assert selected.inner_text() == "2025-2026"
        # Offline, once the edition's worker holds the list, the switcher is still there.
        page.evaluate("() => navigator.serviceWorker.ready")
        page.reload(wait_until="load")
        page.locator("nav.ca-editions select").wait_for(timeout=10_000)
        page.context.set_offline(True)
        page.reload(wait_until="load")
        page.locator("nav.ca-editions select").wait_for(timeout=10_000)
        assert page.locator("nav.ca-editions select option").count() == 2
        page.context.set_offline(False)
        # A page the current edition dropped: the switcher opens that edition's start.
        page.goto(f"{base}/editions/2025-2026/book/l01.html", wait_until="load")
        page.locator("nav.ca-editions select").select_option(index=0)
        page.wait_for_url(f"{base}/")
        browser.close()
    assert not errors, errors


def test_edition_build_has_both_scripts_under_one_worker_and_the_pdf(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``jupyter_book`` (the real builder of ``dev.py edition``) builds the Cyrillic site,
    the Latin edition into ``latn/`` under the site's one worker, and the PDF."""
    import subprocess

    import ca_course.pdf
    import ca_course.site
    from ca_course import editions

    runs: list[tuple[str, dict[str, str]]] = []

    def run(command: list[str], check: bool, env: dict[str, str]) -> None:
        out = Path(command[command.index("--path-output") + 1])
        builder = command[command.index("--builder") + 1]
        runs.append((builder, env))
        if builder == "singlehtml":
            (out / "_build" / "singlehtml").mkdir(parents=True)
            return
        latin = env.get("CA_COURSE_SCRIPT") == "latn"
        fake_build(out / "_build" / "html", env["CA_COURSE_ACADEMIC_YEAR"],
                   {"index.html": "Basty bet" if latin else "Басты бет",
                    "book/intro.html": "Kırıspe" if latin else "Кіріспе"})
        (out / "_build" / ".jupyter_cache").mkdir(exist_ok=True)

    def print_pdf(singlehtml: Path, out: Path) -> Path:
        out.write_bytes(b"%PDF-1.7 fake")
        return out

    chromium = tmp_path / "chromium"
    chromium.write_text("")
    monkeypatch.setattr(subprocess, "run", run)
    monkeypatch.setattr(ca_course.pdf, "print_pdf", print_pdf)
    monkeypatch.setattr(ca_course.site, "CHROMIUM", str(chromium))
    site = editions.jupyter_book(tmp_path / "root", tmp_path / "work", "2027-2028")

    assert [b for b, _ in runs] == ["html", "html", "singlehtml"]
    assert runs[0][1]["CA_COURSE_EDITIONS"] == "latn"
    assert runs[1][1]["CA_COURSE_SCRIPT"] == "latn"
    assert all(env["CA_COURSE_ACADEMIC_YEAR"] == "2027-2028" for _, env in runs)
    assert (site / "course-kk.pdf").is_file()
    assert (site / "latn" / "book" / "intro.html").is_file()
    assert not (site / "latn" / "sw.js").exists()
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert '"latn/book/intro.html"' in worker and '"latn/_static/site.css"' in worker
    assert "course-kk.pdf" not in worker
    page = (site / "latn" / "book" / "intro.html").read_text(encoding="utf-8")
    assert 'data-ca-root="../../"' in page
