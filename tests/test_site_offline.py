"""The built site loads nothing from other hosts, and every local asset it links exists.

A student may read the course with no network (or a blocked CDN). Every page of the build is
checked for resources with an absolute ``http(s)://`` or protocol-relative ``//`` URL: script
and media sources, stylesheet/preload/icon links, URLs in inline scripts and styles, and the
same again inside ``<iframe srcdoc>`` documents (folium maps). Every ``.css`` file is checked
for ``@import`` and ``url()``. The only remote URLs allowed are map tile templates (and their
attribution links) inside inline scripts: tiles are fetched by Leaflet at reading time, and a
map without tiles still shows its layers.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Remote URLs allowed inside inline scripts (whole-URL match): map tile templates, the tile
#: providers' attribution links (shown as links, never fetched) and XML namespace names.
ALLOWED_INLINE_URLS = (
    re.compile(r"(https?:)?//[^/]+/.*\{z\}.*\{x\}.*\{y\}.*"),  # any {z}/{x}/{y} tile template
    re.compile(r"https?://(www\.)?openstreetmap\.org/copyright"),
    re.compile(r"https?://carto\.com/attributions?"),
    re.compile(r"http://www\.w3\.org/[\w/.]*"),
)
#: <link rel> values that make the browser fetch the target.
FETCHING_RELS = frozenset(
    {
        "stylesheet",
        "preload",
        "modulepreload",
        "prefetch",
        "icon",
        "shortcut",
        "apple-touch-icon",
        "manifest",
        "mask-icon",
        "preconnect",
        "dns-prefetch",
    }
)
#: A remote URL written as a string literal in a script (so "// comments" are not URLs).
REMOTE_URL_LITERAL = re.compile(r"""["'`]((?:https?:)?//[^"'`\s\\]+)""", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def is_remote(url: str) -> bool:
    """Tell whether a URL points at another host (absolute http(s) or protocol-relative)."""
    url = url.strip()
    return url.startswith("//") or urlsplit(url).scheme.lower() in {"http", "https", "ftp"}


def is_local(url: str) -> bool:
    """Tell whether a URL is a path inside the site (not a fragment, data: URI, mailto: ...)."""
    url = url.strip()
    return (
        bool(url)
        and not url.startswith("#")
        and not urlsplit(url).scheme
        and not (url.startswith("//"))
    )


def remote_urls_in(script: str, allowed: tuple[re.Pattern[str], ...] = ()) -> list[str]:
    """Return the remote URL literals of a script that no ``allowed`` pattern matches whole."""
    return [
        url
        for url in REMOTE_URL_LITERAL.findall(script)
        if not any(pattern.fullmatch(url) for pattern in allowed)
    ]


def css_urls(css: str) -> list[str]:
    """Return every ``url(...)`` and ``@import`` target of a stylesheet."""
    return [m.group(2) or m.group(4) for m in CSS_URL.finditer(CSS_COMMENT.sub("", css))]


class PageResources(HTMLParser):
    """Collect what a page makes the browser fetch: (description, url) pairs, and its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.resources: list[tuple[str, str]] = []
        self.inline_scripts: list[str] = []
        self.styles: list[str] = []
        self.srcdocs: list[str] = []
        self._text_target: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, url in self.fetched_urls(tag, values):
            self.resources.append((f"<{tag} {name}>", url))
        if tag == "link" and not self.fetches(values) and is_local(values.get("href", "")):
            # rel=next/prev/index/search: followed only when clicked, but must still exist.
            self.resources.append((f"<link rel={values.get('rel')!r} href>", values["href"]))
        if values.get("style"):
            self.styles.append(values["style"])
        if tag == "iframe" and values.get("srcdoc"):
            self.srcdocs.append(values["srcdoc"])
        if tag == "script" and "src" not in values:
            self._text_target = self.inline_scripts
        elif tag == "style":
            self._text_target = self.styles

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._text_target = None

    def handle_data(self, data: str) -> None:
        if self._text_target is not None:
            self._text_target.append(data)

    @staticmethod
    def fetches(values: dict[str, str]) -> bool:
        """Tell whether a <link> makes the browser fetch its href."""
        return bool(set(values.get("rel", "").lower().split()) & FETCHING_RELS)

    def fetched_urls(self, tag: str, values: dict[str, str]) -> list[tuple[str, str]]:
        """Return the (attribute, url) pairs the browser fetches for one element."""
        urls = []
        if values.get("src"):
            urls.append(("src", values["src"]))
        if values.get("srcset"):
            urls += [
                ("srcset", part.split()[0]) for part in values["srcset"].split(",") if part.strip()
            ]
        if tag == "video" and values.get("poster"):
            urls.append(("poster", values["poster"]))
        if tag == "object" and values.get("data"):
            urls.append(("data", values["data"]))
        if values.get("href") and (
            (tag == "link" and self.fetches(values)) or tag in {"image", "use", "feimage"}
        ):
            urls.append(("href", values["href"]))
        return urls


def html_pages(site: Path) -> list[Path]:
    """Return every HTML page of the site (theme template fragments in _static excluded)."""
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)
    assert pages, f"no HTML pages under {site}"
    return pages


def parse(html: str) -> list[PageResources]:
    """Parse a page and, recursively, the documents in its ``<iframe srcdoc>`` attributes."""
    parser = PageResources()
    parser.feed(html)
    parser.close()
    documents = [parser]
    for srcdoc in parser.srcdocs:
        documents += parse(srcdoc)
    return documents


def resolve(site: Path, page: Path, url: str) -> Path:
    """Return the file a local URL of ``page`` points at (srcdoc frames share the page's base)."""
    path = unquote(urlsplit(url.strip()).path)
    if path.startswith("/"):
        target = posixpath.normpath(path.lstrip("/"))
    else:
        base = page.parent.relative_to(site).as_posix()
        target = posixpath.normpath(posixpath.join(base, path))
    if path.endswith("/") or target in {"", "."}:
        target = posixpath.join(target, "index.html")
    return site / target


def test_is_remote_and_is_local() -> None:
    assert is_remote("https://cdn.example/npm/leaflet@1.9.3/dist/leaflet.js")
    assert is_remote("//code.example/jquery.min.js")
    assert not is_remote("../vendor/leaflet/leaflet.js")
    assert is_local("../_static/doctools.js?v=1")
    assert not is_local("data:image/png;base64,AAAA")
    assert not is_local("#main-content")


def test_remote_urls_in_allows_only_tile_templates() -> None:
    script = (
        'L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {"attribution": '
        '"<a href=\\"https://www.openstreetmap.org/copyright\\">OpenStreetMap</a>"});'
        'const THEBE_JS_URL = "https://packages.example/thebe@0.8.2/lib/index.js";'
    )
    assert remote_urls_in(script, ALLOWED_INLINE_URLS) == [
        "https://packages.example/thebe@0.8.2/lib/index.js"
    ]


def test_pages_load_nothing_from_other_hosts(site_dir: Path) -> None:
    problems: list[str] = []
    for page in html_pages(site_dir):
        name = page.relative_to(site_dir)
        for document in parse(page.read_text(encoding="utf-8")):
            problems += [
                f"{name}: {what} {url!r} loads from another host"
                for what, url in document.resources
                if is_remote(url)
            ]
            for script in document.inline_scripts:
                problems += [
                    f"{name}: inline <script> refers to {url!r}"
                    for url in remote_urls_in(script, ALLOWED_INLINE_URLS)
                ]
            for style in document.styles:
                problems += [
                    f"{name}: inline style loads {url!r}"
                    for url in css_urls(style)
                    if is_remote(url)
                ]
    assert not problems, "requests that leave the site:\n" + "\n".join(problems)


def test_stylesheets_load_nothing_from_other_hosts(site_dir: Path) -> None:
    stylesheets = sorted(site_dir.rglob("*.css"))
    assert stylesheets, f"no .css files under {site_dir}"
    problems = [
        f"{css.relative_to(site_dir)}: {url!r} loads from another host"
        for css in stylesheets
        for url in css_urls(css.read_text(encoding="utf-8", errors="replace"))
        if is_remote(url)
    ]
    assert not problems, "stylesheets that fetch from other hosts:\n" + "\n".join(problems)


def test_local_scripts_and_links_exist(site_dir: Path) -> None:
    missing: list[str] = []
    for page in html_pages(site_dir):
        name = page.relative_to(site_dir)
        for document in parse(page.read_text(encoding="utf-8")):
            for what, url in document.resources:
                if is_local(url) and not resolve(site_dir, page, url).is_file():
                    missing.append(f"{name}: {what} {url!r} -> no such file in the build")
    assert not missing, "local assets missing from the build:\n" + "\n".join(missing)


def test_vendored_libraries_are_published(site_dir: Path) -> None:
    expected = [
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet/images/marker-icon.png",
        "vendor/leaflet/LICENSE",
        "vendor/jquery/jquery.min.js",
        "vendor/jquery/LICENSE.txt",
    ]
    missing = [path for path in expected if not (site_dir / path).is_file()]
    assert not missing, f"vendored files missing from {site_dir}: {missing}"
    leaflet_css = (site_dir / "vendor/leaflet/leaflet.css").read_text(encoding="utf-8")
    broken = [
        url
        for url in css_urls(leaflet_css)
        if is_local(url) and not (site_dir / "vendor/leaflet" / url).is_file()
    ]
    assert not broken, f"vendor/leaflet/leaflet.css refers to missing images: {broken}"
