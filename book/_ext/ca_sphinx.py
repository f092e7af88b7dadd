"""Local Sphinx extension: the course site's Kazakh interface and offline page chrome.

jupyter-book loads it from ``_config.yml`` (``sphinx.local_extensions``). Before reading it

1. selects the course package's static rendering for the notebooks this build executes;
2. compiles the Kazakh catalogs ``locales/kk/LC_MESSAGES/*.po`` to ``*.mo`` with Babel and
   registers the theme and extension domains (the ``sphinx`` domain, which also holds
   pydata-sphinx-theme's strings, is read through ``locale_dirs`` in ``_config.yml``);
3. writes ``sphinx.js`` from the entries of ``sphinx.po`` that JavaScript uses; Sphinx copies
   it to ``_static/translations.js`` (search page, search highlighting).

During the build it translates the few interface strings that packages keep outside any
catalog (two config defaults, four template attributes, myst-nb's hidden-cell prompts and two
JavaScript files), always through the same catalogs; it replaces the bare redirect that
sphinx-external-toc writes as the site's ``index.html`` by a page with ``lang="kk"``; and it
detaches sphinx-thebe, which jupyter-book 1 loads unconditionally: thebe pulls its library
from a CDN, and it declares ``THEBE_JS_URL`` twice per page (a JavaScript error). Every Kazakh
string lives in the ``.po`` files; when a package changes one of the English strings patched
here, the build warns (so ``-W`` fails) instead of silently showing English.

It also keeps the pages light: no icon script or search index where they are not used, the
map outlines shared in ``vendor/outlines/``, a subset of the icon font, and, once the pages
are final, the theme's stylesheets without the rules no page can match
(:mod:`ca_course.css_prune`).
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import BaseLoader, Environment, TemplateNotFound
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.util import logging

LANGUAGE = "kk"
LOCALE_DIR = Path(__file__).resolve().parent / "locales"
MESSAGES_DIR = LOCALE_DIR / LANGUAGE / "LC_MESSAGES"

#: Message domains registered here; "sphinx" is loaded by Sphinx itself from ``locale_dirs``.
EXTENSION_CATALOGS = ("booktheme", "exercise", "togglebutton", "mystnb", "copybutton")

#: Where ``sphinx.js`` is generated, under the build's doctree directory (not in git).
JS_LOCALE_SUBDIR = "ca_sphinx_locales"

#: Attributes that sphinx-book-theme hard-codes in English, by template: (attribute, msgid).
#: Their msgids are in ``sphinx.po``; the loader below rewrites them to ``{{ _(msgid) }}``.
HARDCODED_TEMPLATE_ATTRIBUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "toggle-primary-sidebar.html": (("title", "Toggle primary sidebar"),),
    "toggle-secondary-sidebar.html": (("title", "Toggle secondary sidebar"),),
    "sbt-sidebar-nav.html": (("aria-label", "Main"),),
    "layout.html": (("aria-label", "Page"),),
}

#: sphinx-copybutton's message keys in copybutton.js and their msgids in ``copybutton.po``.
COPYBUTTON_MESSAGES = {
    "copy": "Copy",
    "copy_to_clipboard": "Copy to clipboard",
    "copy_success": "Copied!",
    "copy_failure": "Failed to copy",
}

#: English defaults that packages compute before our catalogs exist, so they stay English.
TOGGLEBUTTON_HINTS = {
    "togglebutton_hint": "Click to show",
    "togglebutton_hint_hide": "Click to hide",
}
JUPYTER_BOOK_SEARCH_TEXT = "Search this book..."

logger = logging.getLogger(__name__)


def read_catalog(po_path: Path) -> Catalog:
    """Read one ``.po`` file as a Babel catalog for the Kazakh locale."""
    with po_path.open("rb") as po_file:
        return read_po(po_file, locale=LANGUAGE, domain=po_path.stem)


def catalog_problems(po_path: Path, catalog: Catalog) -> list[str]:
    """Return one line per untranslated, fuzzy or malformed entry of a catalog."""
    problems = []
    for message in catalog:
        if not message.id:
            continue
        where = f"{po_path}: msgid {message.id!r}"
        if not message.string:
            problems.append(f"{where} has no translation; write its msgstr.")
        if message.fuzzy:
            problems.append(f"{where} is marked fuzzy; review it and drop the flag.")
    for message, errors in catalog.check():
        problems.extend(f"{po_path}: msgid {message.id!r}: {error}" for error in errors)
    return problems


def compile_catalogs(messages_dir: Path) -> list[str]:
    """Compile every ``*.po`` in ``messages_dir`` to a ``*.mo`` beside it; return problems.

    A ``.mo`` file is rewritten only when its content changes, so repeated builds leave it alone.
    """
    problems: list[str] = []
    for po_path in sorted(messages_dir.glob("*.po")):
        catalog = read_catalog(po_path)
        problems.extend(catalog_problems(po_path, catalog))
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.read_bytes() != buffer.getvalue():
            mo_path.write_bytes(buffer.getvalue())
    return problems


def is_javascript_message(locations: Iterable[tuple[str, Any]]) -> bool:
    """Tell whether a catalog entry is used by JavaScript (one of its locations is a .js file)."""
    return any(filename.endswith(".js") for filename, _line in locations)


def render_translations_js(catalog: Catalog) -> str:
    """Render the ``sphinx.js`` file that Sphinx publishes as ``_static/translations.js``.

    The format is the one Sphinx ships for its own languages: one call to
    ``Documentation.addTranslations`` with the JavaScript messages and the plural rule.
    """
    messages = {
        message.id: message.string
        for message in catalog
        if message.id and message.string and is_javascript_message(message.locations)
    }
    payload = {"locale": LANGUAGE, "messages": messages, "plural_expr": catalog.plural_expr}
    return f"Documentation.addTranslations({json.dumps(payload, indent=4, sort_keys=True)});\n"


def write_translations_js(po_path: Path, js_locale_dir: Path) -> Path:
    """Write ``<js_locale_dir>/kk/LC_MESSAGES/sphinx.js`` from ``sphinx.po``; return its path."""
    js_path = js_locale_dir / LANGUAGE / "LC_MESSAGES" / "sphinx.js"
    js_path.parent.mkdir(parents=True, exist_ok=True)
    text = render_translations_js(read_catalog(po_path))
    if not js_path.exists() or js_path.read_text(encoding="utf-8") != text:
        js_path.write_text(text, encoding="utf-8")
    return js_path


class CatalogTemplateLoader(BaseLoader):
    """Serve a few theme templates with their hard-coded English attributes made translatable.

    It sits first in Sphinx's template loader chain, reads the original template from the
    loaders after it, and rewrites ``attr="msgid"`` to ``attr="{{ _('msgid')|e }}"``.
    """

    def __init__(self, bridge: Any, patches: dict[str, tuple[tuple[str, str], ...]]) -> None:
        self.bridge = bridge
        self.patches = patches

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Any]:
        attributes = self.patches.get(template)
        if attributes is None:
            raise TemplateNotFound(template)
        for loader in self.bridge.loaders:
            if loader is self:
                continue
            try:
                source, filename, uptodate = loader.get_source(environment, template)
            except TemplateNotFound:
                continue
            for attribute, msgid in attributes:
                english = f'{attribute}="{msgid}"'
                if english not in source:
                    logger.warning(
                        "ca_sphinx: %s no longer contains %s; update "
                        "HARDCODED_TEMPLATE_ATTRIBUTES in book/_ext/ca_sphinx.py and sphinx.po.",
                        filename,
                        english,
                    )
                    continue
                source = source.replace(english, f'{attribute}="{{{{ _({msgid!r})|e }}}}"')
            return source, filename, uptodate
        raise TemplateNotFound(template)


#: pydata-sphinx-theme loads the whole search index (about 1 MB) into every page for a
#: search-as-you-type feature this book does not turn on; only search.html needs it.
INLINE_SEARCH_SCRIPTS = re.compile(
    r'[ \t]*<script src="[./]*(?:_static/searchtools\.js|_static/language_data\.js|'
    r'searchindex\.js)"></script>\n?')
#: The theme's 1.45 MB fontawesome.js; `_static/ca-icons.css` draws its icons instead.
FONTAWESOME_SCRIPT = re.compile(
    r'[ \t]*<script defer src="[./]*_static/scripts/fontawesome\.js[^"]*"></script>\n?')


def drop_inline_search_index(app: Sphinx, exception: Exception | None) -> None:
    """Remove the search scripts (but on the search page) and the icon script from pages."""
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lighter = FONTAWESOME_SCRIPT.sub("", text)
        if page.name != "search.html":
            lighter = INLINE_SEARCH_SCRIPTS.sub("", lighter)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")


def write_map_outlines(app: Sphinx, exception: Exception | None) -> None:
    """Write ``vendor/outlines/*.js``: the country outlines the site's maps share.

    The maps refer to ``CA_OUTLINES[id]`` instead of carrying the outlines themselves
    (``ca_course.maps``), and each map loads the files of the outlines it draws: a page with
    several maps loads each once, and the browser caches them for every other page.
    """
    if exception is not None or app.builder.format != "html":
        return
    from ca_course.maps import outline_scripts

    for rel, text in outline_scripts().items():
        target = Path(app.outdir) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


#: The subset of the theme's solid icon font that `_static/ca-icons.css` declares instead.
ICON_FONT = "vendor/fontawesome/webfonts/fa-solid-900.ttf"
ICON_SUBSET = "vendor/fontawesome/webfonts/ca-fa-solid-subset.woff"
#: A CSS rule that only names an icon for the `<i class="fa-…">` markup (drawn as masks by
#: ca-icons.css): its glyph is not needed in the font.
FA_CLASS_RULE = re.compile(r"(?:(?<=})|^)(?:\.fa-[a-z0-9-]+(?::+before)?,?)+\{[^}]*\}", re.M)
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
PRIVATE_USE_ESCAPE = re.compile(r"\\([ef][0-9a-f]{3})\b", re.IGNORECASE)


def subset_icon_font(app: Sphinx, exception: Exception | None) -> None:
    """Write the few glyphs the theme's CSS draws (admonition, sidebar, link icons).

    pydata-sphinx-theme draws those icons with its 156 KB solid Font Awesome webfont;
    ``_static/ca-icons.css`` declares this subset (a few KB, WOFF) for the same family
    and weight, so the page loads it instead. The glyphs are found in the site's CSS:
    every private-use character (raw or escaped) outside the per-icon class rules.
    """
    if exception is not None or app.builder.format != "html":
        return
    from fontTools import subset

    static = Path(app.outdir) / "_static"
    source = static / ICON_FONT
    if not source.exists():
        logger.warning("ca_sphinx: %s is missing; the icon subset is not written.", source)
        return
    used: set[int] = set()
    for css in static.rglob("*.css"):
        text = FA_CLASS_RULE.sub("", css.read_text(encoding="utf-8", errors="replace"))
        used |= {ord(c) for c in PRIVATE_USE.findall(text)}
        used |= {int(code, 16) for code in PRIVATE_USE_ESCAPE.findall(text)}
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = []
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(used))
    subsetter.subset(font)
    subset.save_font(font, str(static / ICON_SUBSET), options)


#: One rule of the theme's Font Awesome CSS that only gives an icon class its glyph
#: (about 1,800 of them, 90 KB); the 14 icons the pages show are in `_static/ca-icons.css`.
FA_GLYPH_RULE = re.compile(r'(?:(?<=})|^)(?:\.fa-[a-z0-9-]+:+before,?)+\{content:"[^"]*"\}', re.M)
THEME_CSS = "styles/pydata-sphinx-theme.css"
#: sphinx-design's stylesheet and script, linked into every page; only a page that uses one
#: of its components (a class ``sd-…``) keeps them.
SPHINX_DESIGN_ASSETS = re.compile(
    r'[ \t]*<(?:link rel="stylesheet" type="text/css" href="[./]*_static/sphinx-design\.min\.css'
    r'[^"]*" /|script [^>]*src="[./]*_static/design-tabs\.js[^"]*"></script)>\n?')


def drop_unused_theme_assets(app: Sphinx, exception: Exception | None) -> None:
    """Lighten every page: no icon-class rules in the theme CSS, no unused sphinx-design."""
    if exception is not None or app.builder.format != "html":
        return
    theme_css = Path(app.outdir) / "_static" / THEME_CSS
    if theme_css.exists():
        text = theme_css.read_text(encoding="utf-8")
        lighter = FA_GLYPH_RULE.sub("", text)
        if lighter != text:
            theme_css.write_text(lighter, encoding="utf-8")
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "sphinx-design" not in text or re.search(r'class="(?:[^"]* )?sd-', text):
            continue
        page.write_text(SPHINX_DESIGN_ASSETS.sub("", text), encoding="utf-8")


#: The theme's stylesheets that every page loads (globs under ``_static``): their rules that no
#: page of the site can match are dropped (:mod:`ca_course.css_prune`; 303 → 114 KB for
#: pydata-sphinx-theme's, which carries the whole of Bootstrap).
PRUNED_STYLESHEETS = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css",
                      "basic.css", "pygments.css", "mystnb.*.css")


def prune_theme_css(app: Sphinx, exception: Exception | None) -> None:
    """Drop the theme's CSS rules that no page can match (after the pages are final)."""
    if exception is not None or app.builder.format != "html":
        return
    from importlib import resources

    from ca_course.css_prune import prune_site_css

    static = Path(app.outdir) / "_static"
    chosen = sorted({path.relative_to(app.outdir).as_posix()
                     for pattern in PRUNED_STYLESHEETS for path in static.glob(pattern)})
    # ca_offline links its client script (which builds the edition switcher) afterwards.
    client = resources.files("ca_course").joinpath("assets", "offline", "ca-offline.js")
    sizes = prune_site_css(Path(app.outdir), chosen, [client.read_text(encoding="utf-8")])
    for rel, (before, after) in sizes.items():
        logger.info("ca_sphinx: %s %d -> %d bytes (unused rules dropped)", rel, before, after)


def install_template_loader(app: Sphinx) -> None:
    """Put :class:`CatalogTemplateLoader` first in the HTML builder's template chain."""
    bridge = getattr(app.builder, "templates", None)
    if bridge is None or not hasattr(bridge, "loaders"):
        return
    bridge.loaders.insert(0, CatalogTemplateLoader(bridge, HARDCODED_TEMPLATE_ATTRIBUTES))
    # Templates named "!name" skip the user template paths; they skip this loader too.
    bridge.templatepathlen += 1


def visit_hidden_cell(translator: Any, node: Any) -> None:
    """Open myst-nb's hidden-cell ``<details>`` with prompts from the ``mystnb`` catalog.

    Same markup as ``myst_nb.sphinx_.visit_HideCellInput``; myst-nb fills its prompts from
    the config values ``nb_code_prompt_show``/``_hide`` ("Show code cell source", ...).
    """
    translate = get_translation("mystnb")
    classes = " ".join(node["classes"])
    translator.body.append(f'<details class="admonition hide {classes}">\n')
    translator.body.append(f'<summary aria-label="{escape(translate("Toggle hidden content"))}">\n')
    translator.body.append(
        f'<p class="collapsed admonition-title">{escape(translate(node["prompt_show"]))}</p>\n'
    )
    translator.body.append(
        f'<p class="expanded admonition-title">{escape(translate(node["prompt_hide"]))}</p>\n'
    )
    translator.body.append("</summary>\n")


def require_sphinx_catalog(app: Sphinx) -> None:
    """Warn when Sphinx did not load ``sphinx.po`` (it must be in ``locale_dirs``)."""
    probe = "Skip to main content"
    if app.translator is None or app.translator.gettext(probe) == probe:
        logger.warning(
            "ca_sphinx: the Kazakh 'sphinx' catalog is not loaded, so the page chrome stays "
            "English. Add `locale_dirs: [%s]` under `sphinx: config:` in _config.yml.",
            os.path.relpath(LOCALE_DIR, app.srcdir),
        )


def detach_sphinx_thebe(app: Sphinx) -> None:
    """Disconnect sphinx-thebe's event handlers and drop its stylesheet."""
    for listeners in list(app.events.listeners.values()):
        for listener in list(listeners):
            module = getattr(listener.handler, "__module__", "") or ""
            if module.split(".")[0] == "sphinx_thebe":
                app.disconnect(listener.id)
    app.registry.css_files = [
        (filename, attributes)
        for filename, attributes in app.registry.css_files
        if filename != "sphinx-thebe.css"
    ]


def configure(app: Sphinx, config: Config) -> None:
    """Translate English config defaults, publish ``sphinx.js`` and switch thebe off."""
    require_sphinx_catalog(app)

    # sphinx-togglebutton computes its hint defaults when it is set up, before our catalog.
    toggle = get_translation("togglebutton")
    for name, msgid in TOGGLEBUTTON_HINTS.items():
        if getattr(config, name, None) == msgid:
            setattr(config, name, toggle(msgid))

    # jupyter-book passes its search placeholder as a plain theme option.
    theme_options = config.html_theme_options
    if theme_options.get("search_bar_text") == JUPYTER_BOOK_SEARCH_TEXT:
        theme_options["search_bar_text"] = get_translation("booktheme")(JUPYTER_BOOK_SEARCH_TEXT)

    js_locale_dir = Path(app.doctreedir) / JS_LOCALE_SUBDIR
    write_translations_js(MESSAGES_DIR / "sphinx.po", js_locale_dir)
    config.locale_dirs = [*config.locale_dirs, str(js_locale_dir)]

    if not theme_options.get("launch_buttons", {}).get("thebe"):
        detach_sphinx_thebe(app)


def replace_once(path: Path, english: str, translated: str) -> None:
    """Replace ``english`` by ``translated`` in a copied static file; warn if neither is there."""
    text = path.read_text(encoding="utf-8")
    if translated in text:
        return
    if english not in text:
        logger.warning(
            "ca_sphinx: %s no longer contains %r; update book/_ext/ca_sphinx.py.", path, english
        )
        return
    path.write_text(text.replace(english, translated, 1), encoding="utf-8")


def translate_static_scripts(app: Sphinx, exception: Exception | None) -> None:
    """Give the copied togglebutton.js and copybutton.js their Kazakh strings."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"

    toggle_label = get_translation("togglebutton")("Toggle hidden content")
    togglebutton_js = static / "togglebutton.js"
    if togglebutton_js.exists():
        replace_once(
            togglebutton_js,
            'aria-label="Toggle hidden content"',
            f'aria-label="{escape(toggle_label)}"',
        )

    copy = get_translation("copybutton")
    copybutton_js = static / "copybutton.js"
    if copybutton_js.exists():
        entry = json.dumps({key: copy(msgid) for key, msgid in COPYBUTTON_MESSAGES.items()})
        anchor = "const messages = {"
        replace_once(copybutton_js, anchor, f"{anchor}\n  '{LANGUAGE}': {entry},")


def write_root_redirect(app: Sphinx, exception: Exception | None) -> None:
    """Write the site's ``index.html`` as a small Kazakh page that redirects to the root doc.

    sphinx-external-toc would otherwise write a bare ``<meta http-equiv="Refresh">`` line with
    no ``<html lang>``; it leaves an existing ``index.html`` alone.
    """
    if exception is not None or app.builder.name != "html" or app.config.root_doc == "index":
        return
    index = Path(app.outdir) / "index.html"
    if index.exists() and 'http-equiv="Refresh"' not in index.read_text(encoding="utf-8"):
        return  # a real page, not a redirect
    target = escape(app.builder.get_target_uri(app.config.root_doc))
    title = escape(app.config.html_title or app.config.project)
    index.write_text(
        "<!DOCTYPE html>\n"
        f'<html lang="{LANGUAGE}">\n'
        "<head>\n"
        '  <meta charset="utf-8" />\n'
        f'  <meta http-equiv="Refresh" content="0; url={target}" />\n'
        f"  <title>{title}</title>\n"
        "</head>\n"
        f'<body><p><a href="{target}">{title}</a></p></body>\n'
        "</html>\n",
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the Kazakh catalogs and the hooks described in the module docstring."""
    # Must stay first: the notebooks are executed by kernels that inherit this process's
    # environment, and the course package picks its static HTML rendering from this variable.
    os.environ["CA_COURSE_RENDER"] = "static"

    for problem in compile_catalogs(MESSAGES_DIR):
        logger.warning("ca_sphinx: %s", problem)
    for catalog in EXTENSION_CATALOGS:
        app.add_message_catalog(catalog, str(LOCALE_DIR))

    # Before sphinx-togglebutton (priority 500) turns its hints into inline scripts.
    app.connect("config-inited", configure, priority=400)
    app.connect("builder-inited", install_template_loader)
    app.connect("build-finished", translate_static_scripts)
    app.connect("build-finished", drop_inline_search_index)
    app.connect("build-finished", write_map_outlines)
    app.connect("build-finished", subset_icon_font)
    app.connect("build-finished", drop_unused_theme_assets)
    # After ca_latin's script switch (850) is in the pages, before ca_offline (900) hashes them.
    app.connect("build-finished", prune_theme_css, priority=880)
    # Before sphinx-external-toc (priority 500) writes its bare redirect.
    app.connect("build-finished", write_root_redirect, priority=400)

    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput))

    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
