"""Print the single-page build of the book to the PDF edition with Debian's Chromium.

The page is served on 127.0.0.1 with every outside request blocked (so maps print as
their vector layers, without tiles); quizzes print as question lists, and an appendix
with every answer is added at the end.

The edition is navigable: a heading for each part of the course is added before its first
lecture, so Chromium's document outline gives bookmarks for the parts (h1), the lectures
(h2) and their sections (h3); the PDF is tagged (a structure tree for screen readers); a
table of contents after the title lists the parts, lectures, appendices and the answers with
their page numbers; each quiz links to its answers in the appendix and back. The page
numbers take two passes: the first print tells, through the named destinations Chromium
writes for the contents' links, on which page each heading lands; the numbers are written
into the contents (whose width does not change) and the book is printed again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ca_course import data
from ca_course.messages import msg
from ca_course.quiz.answers import answers_html
from ca_course.site import CHROMIUM, CHROMIUM_ARGS, serve

__all__ = ["PRINT_CSS", "contents_pages", "print_pdf", "retitle_outline"]

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
/* The theme hides the first h1 of each inlined page in print; a part heading shows. */
.bd-main .bd-content .bd-article h1.ca-part { display: block !important; }
.ca-answers h2 { font-size: 1.1rem; margin-top: 1rem; }
.ca-answers li { margin: .15rem 0; font-size: .9rem; }
.ca-print-toc { break-after: page; }
.ca-print-toc ol { list-style: none; padding-left: 0; margin: 0; }
.ca-print-toc li { margin: .1rem 0; }
.ca-print-toc li.ca-toc-part { font-weight: 600; margin-top: .6rem; }
.ca-print-toc li.ca-toc-doc { padding-left: 1.2rem; }
.ca-print-toc a { display: flex; gap: .5rem; color: inherit; text-decoration: none; }
.ca-print-toc .ca-toc-title { flex: 1; border-bottom: 1px dotted #999; }
.ca-print-toc .ca-toc-page { min-width: 2.5em; text-align: right;
  font-variant-numeric: tabular-nums; }
.ca-answers-link, .ca-answers-back { font-size: .9rem; margin: .2rem 0 .6rem; }
"""

#: Adds the part headings, the contents (with "000" for each page number) and the quizzes'
#: links to their answers; returns the contents' link targets and every heading's title.
PREPARE_JS = r"""([parts, appendix, contents, toAnswers]) => {
  const main = document.querySelector('main') || document.body;
  const anchors = Array.from(main.querySelectorAll('span[id^="document-"]'));
  const entries = [];
  let part = null, partNo = 0, seenLecture = false;
  for (const anchor of anchors) {
    const doc = anchor.id.slice('document-'.length);
    let caption = parts[doc];
    if (caption) { seenLecture = true; }
    else if (seenLecture) { caption = appendix; }
    if (caption && caption !== part) {
      part = caption; partNo += 1;
      const h1 = document.createElement('h1');
      h1.className = 'ca-part'; h1.id = 'ca-part-' + partNo; h1.textContent = caption;
      anchor.before(h1);
      entries.push({kind: 'part', id: h1.id, title: caption});
    }
    const section = anchor.nextElementSibling;
    const heading = section && section.querySelector('h1, h2');
    if (!heading) continue;
    // Section ids repeat across the inlined pages (id1, id2, ...): the heading gets its own.
    if (!heading.id) heading.id = 'ca-doc-' + (entries.length + 1);
    const target = heading.id;
    const title = Array.from(heading.childNodes).filter(n => !(n.classList
      && n.classList.contains('headerlink'))).map(n => n.textContent).join('').trim();
    entries.push({kind: 'doc', id: target, title: title});
  }
  const answers = document.getElementById('ca-answers');
  if (answers) entries.push({kind: 'part', id: 'ca-answers',
                             title: answers.querySelector('h1').textContent});
  const nav = document.createElement('nav');
  nav.className = 'ca-print-toc';
  nav.setAttribute('aria-labelledby', 'ca-print-toc-title');
  const h2 = document.createElement('h2');
  h2.id = 'ca-print-toc-title'; h2.textContent = contents;
  const list = document.createElement('ol');
  for (const e of entries) {
    const li = document.createElement('li');
    li.className = e.kind === 'part' ? 'ca-toc-part' : 'ca-toc-doc';
    const a = document.createElement('a');
    a.href = '#' + e.id;
    const t = document.createElement('span'); t.className = 'ca-toc-title';
    t.textContent = e.title;
    const n = document.createElement('span'); n.className = 'ca-toc-page';
    n.dataset.target = e.id; n.textContent = '000';
    a.append(t, n); li.append(a); list.append(li);
  }
  nav.append(h2, list);
  const title = main.querySelector('h1');
  (title || main.firstElementChild).after(nav);
  for (const quiz of main.querySelectorAll('.caq[id^="caq-"]')) {
    const lecture = quiz.id.slice('caq-'.length);
    if (!document.getElementById('ans-' + lecture)) continue;
    const p = document.createElement('p'); p.className = 'ca-answers-link';
    const a = document.createElement('a'); a.href = '#ans-' + lecture; a.textContent = toAnswers;
    p.append(a);
    const head = quiz.querySelector('.caq-head');
    (head || quiz.firstElementChild).after(p);
  }
  const titles = {};
  let headingNo = 0;
  for (const h of main.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')) {
    if (!h.getClientRects().length) continue;
    if (!h.id) { headingNo += 1; h.id = 'ca-h-' + headingNo; }
    const id = h.id;
    titles[id] = Array.from(h.childNodes).filter(n => !(n.classList
      && n.classList.contains('headerlink'))).map(n => n.textContent).join('')
      .replace(/\s+/g, ' ').trim();
  }
  return [entries.map(e => e.id), titles];
}"""

FILL_JS = """(pages) => {
  for (const span of document.querySelectorAll('.ca-print-toc .ca-toc-page')) {
    span.textContent = String(pages[span.dataset.target]);
  }
}"""


def contents_pages(pdf: Path) -> dict[str, int]:
    """Return ``{named destination: page number (from 1)}`` of a PDF Chromium printed."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    return {name.lstrip("/"): reader.get_destination_page_number(dest) + 1
            for name, dest in reader.named_destinations.items()}


#: How many headings ahead of the last matched one a bookmark is looked for.
RETITLE_WINDOW = 8


def retitle_outline(pdf: Path, titles: dict[str, str]) -> int:
    """Give each bookmark the text of its heading; return how many were retitled.

    Chromium builds a bookmark's title from the text it laid out around the heading, which
    can glue a wrapped line to the next without a space, repeat a wrapped line or a section
    number, or pick up a map's labels («© OpenStreetMap»). The bookmarks follow the
    headings in document order, as ``titles`` (heading id → text, in document order) does:
    each bookmark, in the outline's order, takes the most similar of the next
    :data:`RETITLE_WINDOW` headings after the last one matched (spaces ignored); a bookmark
    with no similar heading keeps its title.
    """
    from difflib import SequenceMatcher

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(str(pdf)))
    headings = list(titles.values())
    squashed = ["".join(text.split()) for text in headings]
    position = changed = 0
    outlines = writer._root_object.get("/Outlines")
    stack = [outlines.get_object().get("/First")] if outlines is not None else []
    while stack:
        ref = stack.pop()
        if ref is None:
            continue
        node = ref.get_object()
        stack += [node.get("/Next"), node.get("/First")]  # depth first, in document order
        old = "".join(str(node.get("/Title", "")).split())
        best, at = 0.0, -1
        for index in range(position, min(position + RETITLE_WINDOW, len(headings))):
            ratio = SequenceMatcher(None, old, squashed[index]).ratio()
            if ratio > best:
                best, at = ratio, index
        if best >= 0.5:
            if str(node.get("/Title", "")) != headings[at]:
                node[NameObject("/Title")] = TextStringObject(headings[at])
                changed += 1
            position = at + 1
    writer.write(str(pdf))
    return changed


def _print(tab: Any, out: Path) -> None:
    tab.pdf(path=str(out), format="A4", print_background=True, outline=True, tagged=True,
            display_header_footer=True, header_template="<span></span>",
            footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                            '<span class="pageNumber"></span></div>',
            margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})


def print_pdf(singlehtml: Path, out: Path, *, page: str = "book/intro.html",
              timeout_ms: int = 60_000) -> Path:
    """Print ``singlehtml/page`` (the whole book on one page) to ``out``; return ``out``."""
    from playwright.sync_api import sync_playwright

    # Sphinx's single-page builder links assets as if the page sat at the root; a copy
    # there resolves both `_static/…` and the maps' `../vendor/…`.
    printable = singlehtml / "print.html"
    printable.write_bytes((singlehtml / page).read_bytes())
    lectures = data.lectures()
    banks = [b for _, b in sorted(data.quiz_banks().items())]
    titles = {lec.id: lec.title for lec in lectures}
    appendix = answers_html(banks, titles)
    parts = {Path(lec.file).with_suffix("").as_posix(): lec.part for lec in lectures}
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
        targets, titles = tab.evaluate(PREPARE_JS, [parts, msg("print.appendices"),
                                            msg("print.contents"), msg("print.to_answers")])
        out.parent.mkdir(parents=True, exist_ok=True)
        _print(tab, out)
        pages = contents_pages(out)
        missing = [t for t in targets if t not in pages]
        if missing:
            raise RuntimeError(f"no page found for the contents' entries {missing}")
        tab.evaluate(FILL_JS, pages)
        _print(tab, out)
        browser.close()
    retitle_outline(out, titles)
    return out
