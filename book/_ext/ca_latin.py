"""Local Sphinx extension: the Latin-script edition and the script switch on every page.

With ``CA_COURSE_SCRIPT=latn`` in the environment, the build is the Latin-script edition
(the 2021 Kazakh Latin alphabet, :mod:`ca_course.latin`). The variable reaches the kernels
that execute the chapters, so helpers that transliterate through :func:`ca_course.latin.
transliterate` see it too. When the build has finished, every page of the output is passed
through :func:`ca_course.latin.transliterate_html`: prose and headings, the quizzes (their
visible text, their messages and the explanation inside each encoded key), the glossary, the
maps (labels and popups live in each map's ``srcdoc``), and the theme's interface strings,
which the Kazakh ``.po`` catalogs put into the pages and into ``_static/translations.js``,
``copybutton.js`` and ``togglebutton.js``. Code, Russian and English text stay as they are.
The pages get ``<html lang="kk-Latn">``.

Both editions get a link to the same page in the other script, in the page header: the
Latin edition is published in the folder ``latn/`` of the Cyrillic site
(``python3 dev.py build`` builds both). The Cyrillic edition gets its link when
``CA_COURSE_EDITIONS`` lists ``latn`` (``dev.py`` sets it), so a site built without the Latin
edition has no link to nowhere. The link's label is in ``locales/kk/LC_MESSAGES/ca_latin.po``.
"""

from __future__ import annotations

import base64
import json
import os
import re
from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util import logging

from ca_course.latin import is_latin_edition, to_latin, transliterate_html, transliterate_script

LOCALE_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "ca_latin"
#: Folder of the Latin edition inside the Cyrillic site.
LATIN_FOLDER = "latn"
EDITIONS_VAR = "CA_COURSE_EDITIONS"
#: Copied scripts that carry Kazakh interface strings from the catalogs.
INTERFACE_SCRIPTS = ("translations.js", "copybutton.js", "togglebutton.js")
HTML_LANG = re.compile(r'<html lang="kk"')
HEADER_BUTTONS = '<div class="article-header-buttons">'
QUIZ_CONFIG = re.compile(r'(<script type="application/json" class="caq-config")>(.*?)</script>',
                         re.S)
QUIZ_KEY = re.compile(r'data-qid="([^"]+)"([^>]*?)data-key="([^"]+)"')

logger = logging.getLogger(__name__)


def _xor(data: bytes, key: bytes) -> bytes:
    return bytes(b ^ key[i % len(key)] for i, b in enumerate(data))


def transliterate_quiz_keys(html: str) -> str:
    """Write the explanation and source inside each quiz's encoded key in Latin letters.

    The key format is :func:`ca_course.quiz.static.encode_key`'s; the accepted answers stay
    as they are (the scorers accept either script).
    """
    def fix(m: re.Match[str]) -> str:
        qid, between, encoded = m.group(1), m.group(2), m.group(3)
        key = qid.encode("utf-8")
        payload = json.loads(_xor(base64.b64decode(encoded), key).decode("utf-8"))
        payload["x"] = to_latin(payload["x"])
        payload["s"] = to_latin(payload["s"])
        raw = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return (f'data-qid="{qid}"{between}data-key="'
                f'{base64.b64encode(_xor(raw, key)).decode("ascii")}"')

    return QUIZ_KEY.sub(fix, html)


def transliterate_quiz_config(html: str) -> str:
    """Write each quiz's interface messages in Latin letters, and keep its letter tables.

    The tables (look-alikes, Russian keyboard, the Latin alphabet) must stay Cyrillic for the
    scorer, so the config is marked ``translate="no"`` for :func:`transliterate_html`.
    """
    def fix(m: re.Match[str]) -> str:
        config = json.loads(m.group(2).replace("<\\/", "</"))
        config["messages"] = {k: to_latin(v) for k, v in config["messages"].items()}
        text = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
        return f'{m.group(1)} translate="no">{text}</script>'

    return QUIZ_CONFIG.sub(fix, html)


def switch_link(href: str, label: str, lang: str, hreflang: str) -> str:
    """Return the header link to the same page in the other script (label in that script)."""
    return (f'<a class="btn btn-sm ca-script-switch" href="{escape(href)}" lang="{lang}" '
            f'hreflang="{hreflang}">{escape(label)}</a>')


def add_switch(html: str, relative: Path, latin: bool) -> str:
    """Put the script switch first among the page's header buttons."""
    if HEADER_BUTTONS not in html:
        return html
    depth = len(relative.parts) - 1
    translate = get_translation(DOMAIN)
    if latin:
        href = "../" * (depth + 1) + relative.as_posix()
        link = switch_link(href, translate("Cyrillic script"), "kk-Cyrl", "kk")
    else:
        href = "../" * depth + f"{LATIN_FOLDER}/" + relative.as_posix()
        link = switch_link(href, to_latin(translate("Latin script")), "kk-Latn", "kk-Latn")
    return html.replace(HEADER_BUTTONS, HEADER_BUTTONS + link, 1)


def latin_edition_published() -> bool:
    """Tell whether the Cyrillic edition is published with a Latin one (``CA_COURSE_EDITIONS``)."""
    return LATIN_FOLDER in os.environ.get(EDITIONS_VAR, "").replace(",", " ").split()


def finish_pages(app: Sphinx, exception: Exception | None) -> None:
    """Transliterate the Latin edition's pages and scripts; add the switch to every page."""
    if exception is not None or app.builder.format != "html":
        return
    latin = is_latin_edition()
    if not latin and not latin_edition_published():
        return
    outdir = Path(app.outdir)
    for page in sorted(outdir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        new = text
        if latin:
            new = transliterate_quiz_config(transliterate_quiz_keys(new))
            new = HTML_LANG.sub('<html lang="kk-Latn"', new)
            new = transliterate_html(new)
        new = add_switch(new, page.relative_to(outdir), latin)
        if new != text:
            page.write_text(new, encoding="utf-8")
    if latin:
        for name in INTERFACE_SCRIPTS:
            script = outdir / "_static" / name
            if script.exists():
                text = script.read_text(encoding="utf-8")
                script.write_text(transliterate_script(text), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the switch's catalog and the pass over the built pages."""
    app.add_message_catalog(DOMAIN, str(LOCALE_DIR))
    # After ca_sphinx's passes over the copied scripts and pages (priority 500), before
    # passes that fingerprint the finished pages (ca_offline's, priority 900).
    app.connect("build-finished", finish_pages, priority=850)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
