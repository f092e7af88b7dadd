"""Make a built site an installable web app that a reader can open with no network.

After the HTML build (``book/_ext/ca_offline.py`` calls :func:`publish` on Sphinx's
``build-finished``), the site gets

* ``manifest.webmanifest`` with the course's Kazakh name and icons drawn here with Pillow
  (``icons/``; nothing is downloaded);
* ``sw.js``, the service worker (``assets/offline/sw.js``) with its precache list, generated
  from the built files: every page, stylesheet, script, the vendored Leaflet, the map
  outlines, fonts and images; never the PDF, the ``.ipynb`` sources or the wheel;
* ``ca-offline.js`` and, in the ``<head>`` of every page, the links to all three: it
  registers the worker and fills the edition switcher from the site's ``versions.json``
  (:mod:`ca_course.editions`; an empty list until an edition is published).

Each map's frame (an ``<iframe srcdoc>``, sandboxed, so out of the page's scripts' reach) gets
:func:`tiles_note_script` in its head: when its tiles cannot load, a note says so over the map,
whose outlines and markers are vectors and stay drawn.

The Latin-script edition, published in ``latn/`` of the same site, is served by the same
worker: :func:`add_script_edition` (run by ``python3 dev.py build`` once ``latn/`` is in
place) points its pages at the site's ``sw.js`` and adds its files to the precache; those
identical to a Cyrillic file (scripts, fonts, map outlines) are cached once, as aliases. So
after a first visit to either script, every page of both reads with the network cut.

The cache name carries the edition: the package version, the academic year
(``CA_COURSE_ACADEMIC_YEAR``) and a hash of every precached file, so a new edition replaces
the old cache (the worker deletes its other caches when it activates).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path

from ca_course import __version__
from ca_course.messages import msg

__all__ = ["BUDGET_BYTES", "EDITION_ENV", "OfflineFiles", "add_script_edition", "cache_name",
           "precache_files", "publish", "shared_copies", "tiles_note_script"]

#: The academic year of the edition being built (``2026-2027``); unset for a working build.
#: (Not ``CA_COURSE_EDITIONS``, which selects the script editions: book/_ext/ca_latin.py.)
EDITION_ENV = "CA_COURSE_ACADEMIC_YEAR"
#: What the precache (pages and assets of both scripts, not the PDF or the notebooks) may
#: weigh: the Cyrillic site about 5.9 MB, the Latin edition about 3.7 MB more (its files
#: identical to the Cyrillic ones are cached once).
BUDGET_BYTES = 12 * 1024 * 1024
SW_FILE = "sw.js"
CLIENT_FILE = "ca-offline.js"
MANIFEST_FILE = "manifest.webmanifest"
ICON_SIZES = (192, 512)
THEME_COLOR = "#1a5f7a"
BACKGROUND_COLOR = "#ffffff"

#: File types a reader's browser loads (pages, styles, scripts, fonts, images, data).
PRECACHE_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".woff2", ".woff", ".svg", ".png",
                               ".gif", ".jpg", ".jpeg", ".webp", ".ico", ".webmanifest"})
#: Folders and files that are never precached: page sources, downloads (wheel, notebooks),
#: archived editions, the worker itself, and the theme's icon script and jQuery, which no
#: page loads (``book/_ext/ca_sphinx.py`` removes the one, ``ca_course.maps`` replaces the
#: other), with the stale version list; the same files of a script edition (``latn/``) too.
EXCLUDED_DIRS = frozenset({"_sources", "_downloads", "editions", ".doctrees", "jupyter_execute"})
EXCLUDED_FILES = frozenset({SW_FILE, "versions.json", "_static/scripts/fontawesome.js",
                            "vendor/jquery/jquery.min.js"})
EXCLUDED_SUFFIXES = frozenset({".pdf", ".ipynb", ".whl", ".map", ".po", ".mo", ".ttf",
                               ".eot", ".txt", ".inv", ".zip", ".gz"})

#: The folders of the script editions published inside the site (book/_ext/ca_latin.py).
SCRIPT_EDITIONS = ("latn",)
HEAD_MARK = 'rel="manifest"'
FAVICON = re.compile(r'<link[^>]*rel="(?:shortcut )?icon"')


@dataclass(frozen=True)
class OfflineFiles:
    """What :func:`publish` wrote: the precached files and the cache's name."""

    files: tuple[str, ...]
    cache: str
    size: int


def precache_files(site: Path) -> list[str]:
    """Return the site's files a reader needs offline, as sorted ``/``-paths from its root."""
    chosen = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        parts = rel.split("/")
        if any(part in EXCLUDED_DIRS or part.startswith(".") for part in parts):
            continue
        own = rel.split("/", 1)[1] if parts[0] in SCRIPT_EDITIONS and len(parts) > 1 else rel
        if own in EXCLUDED_FILES or path.suffix.lower() in EXCLUDED_SUFFIXES:
            continue
        if parts[0] == "_static" and path.suffix == ".html":
            continue  # the theme's template fragments, copied but never loaded
        if path.suffix.lower() in PRECACHE_SUFFIXES:
            chosen.append(rel)
    return sorted(chosen)


def cache_name(site: Path, files: Iterable[str], edition: str | None = None) -> str:
    """Name the cache after the package version, the edition and a hash of the files' bytes."""
    digest = hashlib.sha256()
    for rel in files:
        digest.update(rel.encode())
        digest.update(b"\0")
        digest.update((site / rel).read_bytes())
    label = edition or "dev"
    return f"ca-course-{__version__}-{label}-{digest.hexdigest()[:12]}"


def _asset(name: str) -> str:
    return resources.files("ca_course").joinpath("assets", "offline", name).read_text("utf-8")


def draw_icon(size: int, path: Path) -> None:
    """Draw the app icon: a teal square with a globe and a star (Pillow, no font needed)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size, size), THEME_COLOR)
    draw = ImageDraw.Draw(image)
    unit = size / 32
    line = max(1, round(unit))
    box = (6 * unit, 6 * unit, 26 * unit, 26 * unit)
    draw.ellipse(box, outline="white", width=line * 2)
    draw.ellipse((11 * unit, 6 * unit, 21 * unit, 26 * unit), outline="white", width=line)
    draw.line((6 * unit, 16 * unit, 26 * unit, 16 * unit), fill="white", width=line)
    draw.line((8 * unit, 11 * unit, 24 * unit, 11 * unit), fill="white", width=line)
    draw.line((8 * unit, 21 * unit, 24 * unit, 21 * unit), fill="white", width=line)
    cx, cy, r = 16 * unit, 16 * unit, 2.2 * unit
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill="#e0a526")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)


def manifest(start_url: str) -> dict[str, object]:
    """Return the web app manifest (Kazakh name, icons, standalone display)."""
    return {
        "name": msg("course.title"),
        "short_name": msg("offline.short_name"),
        "description": msg("offline.description"),
        "lang": "kk",
        "dir": "ltr",
        "start_url": start_url,
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND_COLOR,
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": f"icons/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
             "purpose": "any maskable"}
            for size in ICON_SIZES
        ],
    }


#: Put a note over a map whose tiles fail (no network); the vector layers stay drawn. It is
#: inlined in each map's frame: a sandboxed frame is out of the page's scripts' reach.
TILES_NOTE_JS = (
    "(function () { var note = %s; function show() {"
    " var box = document.querySelector('.leaflet-container');"
    " if (!box || box.querySelector('.ca-tiles-note')) { return; }"
    " var d = document.createElement('div'); d.className = 'ca-tiles-note';"
    " d.setAttribute('role', 'status'); d.textContent = note;"
    " d.style.cssText = 'position:absolute;z-index:1001;top:0;left:0;right:0;"
    "padding:3px 8px;background:#fff8e1;color:#222;border-bottom:1px solid #c9a227;"
    "font:12px/1.35 sans-serif;text-align:center;pointer-events:none';"
    " box.appendChild(d); box.style.background = '#eef3f6';"
    " var corners = box.querySelectorAll('.leaflet-top');"
    " for (var i = 0; i < corners.length; i++) { corners[i].style.top = d.offsetHeight + 'px'; } }"
    " document.addEventListener('error', function (e) { var t = e.target;"
    " if (t && t.classList && t.classList.contains('leaflet-tile')) { show(); } }, true);"
    " })();")


def _text(key: str) -> str:
    """Return a message in the script of the edition being built (Latin with
    ``CA_COURSE_SCRIPT=latn``: these tags are added after ``ca_latin`` has passed)."""
    from ca_course.latin import transliterate

    return transliterate(msg(key))


def tiles_note_script() -> str:
    """Return the ``<script>`` a site map carries to tell a reader that tiles did not load."""
    text = json.dumps(_text("offline.tiles"), ensure_ascii=False).replace("</", "<\\/")
    return f"<script>{TILES_NOTE_JS % text}</script>\n"


#: A map's frame: ``srcdoc`` holds its whole document, HTML-escaped.
SRCDOC = re.compile(r'(<iframe [^>]*srcdoc=")([^"]*)(")')


def _with_tiles_note(match: re.Match[str]) -> str:
    """Add :func:`tiles_note_script` to the head of one map frame's document."""
    doc = match.group(2)
    if "leaflet" not in doc or "ca-tiles-note" in doc:
        return match.group(0)
    script = escape(tiles_note_script(), quote=True)
    return match.group(1) + doc.replace("&lt;/head&gt;", script + "&lt;/head&gt;", 1) + \
        match.group(3)


def head_tags(prefix: str, edition: str | None) -> str:
    """Return the tags each page gets before ``</head>``; ``prefix`` leads to the site root."""
    data = {
        "root": prefix,
        "edition": edition or "",
        "tiles": _text("offline.tiles"),
        "label": _text("edition.label"),
        "current": _text("edition.current"),
        "dev": _text("edition.dev"),
    }
    attributes = " ".join(f'data-ca-{key}="{escape(value)}"' for key, value in data.items())
    return (f'<link rel="manifest" href="{prefix}{MANIFEST_FILE}" />\n'
            f'<meta name="theme-color" content="{THEME_COLOR}" />\n'
            f'<link rel="apple-touch-icon" href="{prefix}icons/icon-192.png" />\n'
            f'<script defer src="{prefix}{CLIENT_FILE}" id="ca-offline" {attributes}></script>\n')


def link_pages(site: Path, edition: str | None) -> int:
    """Add :func:`head_tags` to every page and the tiles note to its maps; return how many."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0] in EXCLUDED_DIRS:
            continue
        text = page.read_text(encoding="utf-8")
        if HEAD_MARK in text or "</head>" not in text:
            continue
        prefix = "../" * (len(rel.parts) - 1)
        tags = head_tags(prefix, edition)
        if not FAVICON.search(text):  # else the browser asks for /favicon.ico (a 404)
            icon = f"{prefix}icons/icon-192.png"
            tags = f'<link rel="icon" type="image/png" href="{icon}" />\n{tags}'
        text = text.replace("</head>", tags + "</head>", 1)
        text = SRCDOC.sub(_with_tiles_note, text)
        page.write_text(text, encoding="utf-8")
        count += 1
    return count


def service_worker(cache: str, files: Iterable[str], aliases: dict[str, str] | None = None
                   ) -> str:
    """Return ``sw.js``: the worker template with its cache name, precache list and aliases
    (files served from the cached copy of an identical file, see :func:`shared_copies`)."""
    urls = ["./", *files]
    text = _asset(SW_FILE)
    text = text.replace('"__CACHE_NAME__"', json.dumps(cache))
    text = text.replace("{/* __ALIASES__ */}",
                        json.dumps(aliases or {}, ensure_ascii=False, indent=1, sort_keys=True))
    return text.replace("[/* __PRECACHE__ */]", json.dumps(urls, ensure_ascii=False, indent=1))


def shared_copies(site: Path, files: Iterable[str]) -> dict[str, str]:
    """Return ``{copy: original}`` for the files of a script edition (``latn/…``) whose bytes
    are those of the same path in the main site: the worker caches them once."""
    chosen = set(files)
    aliases = {}
    for rel in sorted(chosen):
        folder, _, rest = rel.partition("/")
        if folder in SCRIPT_EDITIONS and rest in chosen and not rest.endswith(".html") \
                and (site / rel).read_bytes() == (site / rest).read_bytes():
            aliases[rel] = rest
    return aliases


def write_worker(site: Path, edition: str | None) -> OfflineFiles:
    """Write ``sw.js`` for every precached file of ``site`` (script editions included)."""
    files = precache_files(site)
    aliases = shared_copies(site, files)
    cached = [rel for rel in files if rel not in aliases]
    cache = cache_name(site, files, edition)
    folders = [f"{folder}/" for folder in SCRIPT_EDITIONS if f"{folder}/index.html" in files]
    (site / SW_FILE).write_text(service_worker(cache, [*folders, *cached], aliases),
                                encoding="utf-8")
    size = sum((site / rel).stat().st_size for rel in cached)
    return OfflineFiles(tuple(cached), cache, size)


ROOT_ATTRIBUTE = re.compile(r'(<script defer src="[^"]*' + re.escape(CLIENT_FILE)
                            + r'" id="ca-offline" data-ca-root=")([^"]*)(")')


def add_script_edition(site: Path, folder: str, edition: str | None = None) -> OfflineFiles:
    """Bring a script edition copied into ``site/folder`` under the site's one worker.

    The edition's pages register the site's ``sw.js`` (their ``data-ca-root`` now leads to
    the site's root), the edition's own worker and version list are removed, and the
    site's worker is written again with the edition's files in its precache, so that every
    page of both scripts reads offline after the first visit to either.
    """
    edition = edition if edition is not None else (os.environ.get(EDITION_ENV) or None)
    part = site / folder
    for name in (SW_FILE, "versions.json"):
        (part / name).unlink(missing_ok=True)
    for page in sorted(part.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        root = "../" * (len(page.relative_to(site).parts) - 1)
        new = ROOT_ATTRIBUTE.sub(lambda m, r=root: f"{m.group(1)}{r}{m.group(3)}", text, 1)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return write_worker(site, edition)


def publish(site: Path, start_url: str, edition: str | None = None) -> OfflineFiles:
    """Write the manifest, icons, client script and worker into ``site``; link every page."""
    edition = edition if edition is not None else (os.environ.get(EDITION_ENV) or None)
    if edition is not None and not re.fullmatch(r"\d{4}-\d{4}", edition):
        raise ValueError(f"{EDITION_ENV}={edition!r}: expected an academic year like 2026-2027")
    for size in ICON_SIZES:
        draw_icon(size, site / "icons" / f"icon-{size}.png")
    (site / MANIFEST_FILE).write_text(
        json.dumps(manifest(start_url), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (site / CLIENT_FILE).write_text(_asset(CLIENT_FILE), encoding="utf-8")
    link_pages(site, edition)
    versions = site / "versions.json"
    if not versions.exists():  # an edition's list is written by ca_course.editions
        versions.write_text("[]\n", encoding="utf-8")
    return write_worker(site, edition)


def main(argv: list[str] | None = None) -> int:
    """``python -m ca_course.offline SITE FOLDER``: bring the script edition in ``SITE/FOLDER``
    under the site's worker (:func:`add_script_edition`; ``python3 dev.py build`` runs it)."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("folder", choices=SCRIPT_EDITIONS)
    args = parser.parse_args(argv)
    result = add_script_edition(args.site, args.folder)
    print(f"ca_course.offline: {len(result.files)} files precached for both scripts "
          f"({result.size / 1024 / 1024:.2f} MB of a {BUDGET_BYTES / 1024 / 1024:.0f} MB "
          f"budget), cache {result.cache}")
    return 0 if result.size <= BUDGET_BYTES else 1


if __name__ == "__main__":
    raise SystemExit(main())
