"""Print the single-page build of the book to the PDF edition with Debian's Chromium.

The page is served on 127.0.0.1 with every outside request blocked (so maps print as
their vector layers, without tiles); quizzes print as question lists, and an appendix
with every answer is added at the end.
"""

from __future__ import annotations

from pathlib import Path

from ca_course import data
from ca_course.quiz.answers import answers_html
from ca_course.site import CHROMIUM, CHROMIUM_ARGS, serve

__all__ = ["PRINT_CSS", "print_pdf"]

PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .header-article, .prev-next-area,
.bd-footer, .bd-footer-article, footer, .search-button, .theme-switch-button,
.cat-controls, .toggle-secondary-sidebar, noscript, .headerlink { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
.bd-page-width { max-width: 100% !important; }
figure.ca-map, .admonition, table { break-inside: avoid; }
.caq-q input[type=text] { border: 0; border-bottom: 1px solid #555; }
h1 { break-before: page; }
.ca-answers h2 { font-size: 1.1rem; margin-top: 1rem; }
.ca-answers li { margin: .15rem 0; font-size: .9rem; }
"""


def print_pdf(singlehtml: Path, out: Path, *, page: str = "book/intro.html",
              timeout_ms: int = 60_000) -> Path:
    """Print ``singlehtml/page`` (the whole book on one page) to ``out``; return ``out``."""
    from playwright.sync_api import sync_playwright

    # Sphinx's single-page builder links assets as if the page sat at the root; a copy
    # there resolves both `_static/…` and the maps' `../vendor/…`.
    printable = singlehtml / "print.html"
    printable.write_bytes((singlehtml / page).read_bytes())
    banks = [b for _, b in sorted(data.quiz_banks().items())]
    titles = {lec.id: lec.title for lec in data.lectures()}
    appendix = answers_html(banks, titles)
    with serve(singlehtml) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1000, "height": 1400})
        tab.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith((base, "data:", "about:"))
                  else route.abort())
        tab.goto(f"{base}/print.html", wait_until="load", timeout=timeout_ms)
        tab.add_style_tag(content=PRINT_CSS)
        tab.emulate_media(media="print")
        # Lay every map out at its printed size, so it fits its bounds before printing.
        figures = tab.locator("figure.ca-map")
        for index in range(figures.count()):
            figures.nth(index).scroll_into_view_if_needed()
            tab.wait_for_timeout(150)
        for frame in tab.frames[1:]:  # every map has drawn its vectors
            frame.wait_for_function(
                "Array.from(document.querySelectorAll('path.leaflet-interactive'))"
                ".some(p => (p.getAttribute('d') || 'M0 0') !== 'M0 0')", timeout=timeout_ms)
        tab.evaluate("(html) => { const main = document.querySelector('main') ||"
                     " document.body; main.insertAdjacentHTML('beforeend', html); }",
                     appendix)
        out.parent.mkdir(parents=True, exist_ok=True)
        tab.pdf(path=str(out), format="A4", print_background=True,
                display_header_footer=True, header_template="<span></span>",
                footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                                '<span class="pageNumber"></span></div>',
                margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
        browser.close()
    return out
