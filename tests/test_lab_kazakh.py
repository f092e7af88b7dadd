"""A real JupyterLab switched to Kazakh through its settings API, read in Chromium.

JupyterLab runs on loopback (``tests/lab_support.py``) in English; the test switches the
interface language the way Settings → Language does (a PUT of the translation plugin's
settings), reloads the page and reads the menu bar, the File menu and the Language submenu.
``test_classroom_interface_has_no_english`` reads every top-level menu, the notebook
toolbar's tooltips, the restart, rename and save-as dialogs and the file browser's toolbar,
columns and context menu, and finds no Latin-script word beyond an explicit allowlist.
A screenshot of the open File menu is saved under ``_build/screenshots``.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from browser_support import screenshot
from lab_support import LabServer, chromium, lab_server, open_lab_page, wait_for_notebook

pytestmark = pytest.mark.browser

TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
LECTURE = "l01_security_concept.ipynb"
MENU_BAR = ["Файл", "Өңдеу", "Көрініс", "Орындау", "Ядро", "Қойындылар", "Баптаулар", "Анықтама"]
FILE_MENU_ITEMS = ["Жаңа", "Жаңа іске қосқыш", "Жол бойынша ашу…", "Соңғы ашылғандар",
                   "Дәптерге арналған жаңа консоль", "Қойындыны жабу", "Дәптерді жауып, өшіру…",
                   "Барлық қойындыны жабу", "Барлығын сақтау", "Жүктеп алу", "Басып шығару…"]

LAUNCHER_SECTIONS = ["Дәптер", "Консоль", "Басқа"]
LAUNCHER_CARDS = ["Терминал", "Мәтіндік файл", "Markdown файлы", "Python файлы",
                  "Контекстік анықтаманы көрсету"]


def put_settings(lab: LabServer, plugin: str, values: dict[str, Any]) -> None:
    """Save a plugin's user settings through the server's settings API, as Lab's UI does."""
    request = urllib.request.Request(
        f"{lab.url}/lab/api/settings/{plugin}", method="PUT",
        data=json.dumps({"raw": json.dumps(values)}).encode(),
        headers={"Authorization": f"token {lab.token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204, response.status


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    with lab_server(tmp_path_factory.mktemp("lab-kk"), notebooks=[LECTURE]) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


def attribute_texts(page: Any, selector: str, attributes: tuple[str, ...]) -> list[str]:
    """The non-blank values of ``attributes`` of every element ``selector`` matches."""
    return page.evaluate(
        """([selector, attributes]) => Array.from(document.querySelectorAll(selector))
            .flatMap(e => attributes.map(a => e.getAttribute(a)))
            .filter(t => t && t.trim())""", [selector, list(attributes)])


def menu_labels(page: Any) -> list[str]:
    """The labels of the visible items of the open menus."""
    items = page.locator(".lm-Menu:visible .lm-Menu-item:not(.lm-mod-hidden) .lm-Menu-itemLabel")
    return [t.strip() for t in items.all_inner_texts() if t.strip()]


def test_server_offers_kazakh(lab: LabServer) -> None:
    packs = lab.api("/lab/api/translations/")["data"]
    assert packs["kk_KZ"]["nativeName"] == "Қазақ тілі (Қазақстан)"
    bundle = lab.api("/lab/api/translations/kk_KZ")["data"]
    assert bundle["jupyterlab"]["menu\u0004File"] == ["Файл"]


def test_switch_to_kazakh_and_read_the_file_menu(lab: LabServer, browser: Any) -> None:
    put_settings(lab, TRANSLATION_PLUGIN, {"locale": "kk_KZ"})
    saved = lab.api(f"/lab/api/settings/{TRANSLATION_PLUGIN}")
    assert saved["settings"]["locale"] == "kk_KZ"

    # A fresh page load is the reload Lab asks for after a language change.
    page, _log = open_lab_page(browser, lab.notebook_url(LECTURE))
    wait_for_notebook(page)
    # The kernel's state in the status bar, in Kazakh, once the kernel is ready.
    page.wait_for_selector("#jp-main-statusbar :text('| Бос')", timeout=90_000)
    bar = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel")
    assert [t.strip() for t in bar.all_inner_texts()] == MENU_BAR

    page.locator("#jp-menu-panel .lm-MenuBar-item", has_text="Файл").click()
    page.wait_for_selector(".lm-Menu:visible .lm-Menu-itemLabel")
    items = menu_labels(page)
    missing = [item for item in FILE_MENU_ITEMS if item not in items]
    assert not missing, f"File menu items not in Kazakh: {missing}; menu: {items}"
    english = [i for i in items if i in {"New", "Close Tab", "Save All", "Download", "Print…"}]
    assert not english, english
    shot = screenshot(page, "lab-kazakh-file-menu")
    assert shot.stat().st_size > 10_000
    page.keyboard.press("Escape")

    page.locator("#jp-menu-panel .lm-MenuBar-item", has_text="Баптаулар").click()
    page.locator(".lm-Menu:visible .lm-Menu-item", has_text="Тіл").first.hover()
    page.wait_for_selector(".lm-Menu:visible .lm-Menu-itemLabel:text('Қазақ тілі (Қазақстан)')")
    languages = menu_labels(page)
    assert "Қазақ тілі (Қазақстан)" in languages
    assert any(label.startswith("Ағылшын тілі") for label in languages), languages
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_selector(".lm-Menu", state="detached")

    # The cell context menu an instructor right-clicks in class.
    page.locator(".jp-NotebookPanel .jp-Cell").nth(2).click(button="right")
    page.wait_for_selector(".lm-Menu:visible .lm-Menu-itemLabel")
    cell_menu = menu_labels(page)
    for item in ("Ұяшықты қию", "Ұяшықты көшіру", "Ұяшықты жою", "Ұяшық шығысын тазарту"):
        assert item in cell_menu, f"{item!r} not in the cell context menu {cell_menu}"
    page.keyboard.press("Escape")

    status = " ".join(page.locator("#jp-main-statusbar").all_inner_texts())
    assert "Режим: Команда" in status, status
    assert "| Бос" in status, f"the kernel status is not in Kazakh: {status!r}"

    # The launcher: its sections and the file types it creates ("%1 File" for Python).
    page.evaluate("() => { window.jupyterapp.commands.execute('launcher:create'); }")
    launcher = page.locator(".jp-Launcher:visible")
    launcher.wait_for(timeout=30_000)
    sections = [t.strip() for t in launcher.locator(".jp-Launcher-sectionTitle").all_inner_texts()]
    assert sections[:3] == LAUNCHER_SECTIONS, sections
    cards = [t.strip() for t in launcher.locator(".jp-LauncherCard-label").all_inner_texts()]
    missing = [card for card in LAUNCHER_CARDS if card not in cards]
    assert not missing, f"launcher cards not in Kazakh: {missing}; launcher: {cards}"
    english = [c for c in cards if re.search(r"\b(File|Notebook|Console|Terminal|Help)\b", c)]
    assert not english, english
    screenshot(page, "lab-kazakh-launcher")
    page.close()


#: Latin-script words that may stay in the Kazakh interface, each with its reason.
PROPER_NAMES = {
    "JupyterLab": "the product's name", "Jupyter": "the project's name",
    "Jupytext": "an extension's name", "Python": "a language's name",
    "ipykernel": "the kernel's package name", "Markdown": "a format's name",
    "Reveal": "reveal.js, RISE's slide engine", "URL": "a standard abbreviation",
    "Ctrl": "a key name in a shortcut", "Shift": "a key name in a shortcut",
    "Alt": "a key name in a shortcut", "Enter": "a key name in a shortcut",
}
#: Whole labels that no language pack can translate, each with its reason.
UNTRANSLATABLE_LABELS = {
    # The Help menu's links come from the kernel (ipykernel's kernel_info help_links).
    **{f"{name} Reference": "a help link the kernel sends, not a string of the UI"
       for name in ("Python", "IPython", "NumPy", "SciPy", "Matplotlib", "SymPy", "pandas")},
    # JupyterLab 4.6 builds these with its nullTranslator (upstream, jlab_core bundle).
    "Save File As…": "Context's getSavePath dialog is opened without a translator",
    "Save": "the save-as dialog's button, same cause",
    "More commands": "ToolbarPopupOpener's tooltip is made with nullTranslator",
    "Enable Debugger": "the debugger's toolbar button falls back to nullTranslator (its "
                       "translator argument is not passed); the pack's translation is unused",
    "Disable Debugger": "the same button when pressed",
}
#: Words that no language pack can translate inside otherwise Kazakh labels.
UNTRANSLATABLE_WORDS = {
    "Notebook": "the document registry's file type name (the %1 of «Сақтау (%1)»); the "
                "registry's default file types are made with nullTranslator, before the "
                "language pack loads",
}
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(label: str, file_names: tuple[str, ...] = ()) -> list[str]:
    """The Latin-script words of a label that are neither allowed names nor file names."""
    if label.strip() in UNTRANSLATABLE_LABELS:
        return []
    for name in file_names:
        label = label.replace(name, " ")
    return [w for w in _LATIN_WORD.findall(label)
            if w not in PROPER_NAMES and w not in UNTRANSLATABLE_WORDS]


def test_english_detector() -> None:
    assert english_words("Save Notebook As…") == ["Save", "As"]
    assert english_words("Save File As…") == []
    assert english_words("Save All") == ["Save", "All"]
    assert english_words("NumPy Reference") == []
    assert english_words("NumPy Reference Guide") == ["NumPy", "Reference", "Guide"]
    assert english_words("Атын өзгерту: Notebook…") == []
    assert english_words("Сақтау (Ctrl+S)") == []
    assert english_words("Close and Shut Down") == ["Close", "and", "Shut", "Down"]
    assert english_words("l01.ipynb ядросы", ("l01.ipynb",)) == []
    assert english_words("Python 3 (ipykernel) ядросы туралы") == []


def dialog_texts(page: Any) -> list[str]:
    """Header, body, buttons, titles and aria labels of the open dialog."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
        '.jp-Dialog .jp-Dialog-header, .jp-Dialog .jp-Dialog-body, .jp-Dialog button,'
        + ' .jp-Dialog [title], .jp-Dialog [aria-label], .jp-Dialog [placeholder]'))
        .flatMap(e => [e.innerText, e.getAttribute('title'), e.getAttribute('aria-label'),
                       e.getAttribute('placeholder')]).filter(t => t && t.trim())""")


def open_menu(page: Any, locator: Any, button: str = "left") -> list[str]:
    """Click ``locator`` to open a menu; return its visible labels (the menu is left open)."""
    locator.click(button=button)
    page.wait_for_selector(".lm-Menu:visible")
    page.wait_for_function("""() => Array.from(document.querySelectorAll(
        '.lm-Menu .lm-Menu-itemLabel')).some(e => e.innerText.trim())""")
    return menu_labels(page)


def close_menu(page: Any) -> None:
    """Close the open menus: Escape, then (if the menu had not taken the focus, which happens
    under load) a press on the menu bar's empty right end, which closes any Lumino menu."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.keyboard.press("Escape")
    for _ in range(5):
        try:
            page.wait_for_selector(".lm-Menu", state="detached", timeout=2_000)
            return
        except PlaywrightTimeout:
            box = page.locator("#jp-menu-panel").bounding_box()
            page.mouse.click(box["x"] + box["width"] - 5, box["y"] + box["height"] / 2)
    page.wait_for_selector(".lm-Menu", state="detached")


def test_classroom_interface_has_no_english(lab: LabServer, browser: Any) -> None:
    """Every menu, the notebook toolbar, the kernel and save dialogs, the file browser."""
    put_settings(lab, TRANSLATION_PLUGIN, {"locale": "kk_KZ"})
    page, _log = open_lab_page(browser, lab.notebook_url(LECTURE))
    wait_for_notebook(page)
    page.wait_for_selector("#jp-main-statusbar :text('| Бос')", timeout=90_000)
    files = tuple(sorted((p.name for p in lab.root.iterdir()), key=len, reverse=True))
    seen: dict[str, list[str]] = {}

    bar_labels = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_inner_texts()
    bar = [t.strip() for t in bar_labels]
    assert bar == MENU_BAR
    for name in bar:
        items = open_menu(page, page.locator("#jp-menu-panel .lm-MenuBar-item", has_text=name))
        assert len(items) >= 5 or name == "Қойындылар", (name, items)
        seen[f"menu {name}"] = items
        close_menu(page)

    toolbar = attribute_texts(
        page, ".jp-NotebookPanel-toolbar [title], .jp-NotebookPanel-toolbar [aria-label]",
        ("title", "aria-label"))
    assert "Ядроны қайта іске қосу" in toolbar, toolbar
    seen["notebook toolbar"] = toolbar

    for command, title in (("notebook:restart-kernel", "Ядро қайта іске қосылсын ба?"),
                           ("docmanager:rename", "Файлдың атын өзгерту"),
                           ("docmanager:save-as", "Save File As…")):
        page.evaluate(f"() => {{ window.jupyterapp.commands.execute('{command}'); }}")
        page.wait_for_selector(".jp-Dialog .jp-Dialog-header")
        texts = dialog_texts(page)
        assert title in texts, texts
        assert "Бас тарту" in texts, texts
        seen[f"dialog {command}"] = texts
        page.keyboard.press("Escape")
        page.wait_for_selector(".jp-Dialog", state="detached")

    page.evaluate("() => { window.jupyterapp.commands.execute('filebrowser:activate'); }")
    page.wait_for_selector("#filebrowser .jp-DirListing-item")
    browser_toolbar = attribute_texts(
        page, "#filebrowser .jp-FileBrowser-toolbar [title], #filebrowser [placeholder]",
        ("title", "placeholder"))
    assert "Жаңа бума" in browser_toolbar, browser_toolbar
    seen["file browser toolbar"] = browser_toolbar
    headers = [t.strip() for t in page.locator(
        "#filebrowser .jp-DirListing-headerItemText").all_inner_texts() if t.strip()]
    assert headers[:2] == ["Аты", "Өзгертілген"], headers
    seen["file browser columns"] = headers
    context_menu = open_menu(page, page.locator("#filebrowser .jp-DirListing-item").first,
                             button="right")
    assert "Атын өзгерту" in context_menu, context_menu
    seen["file browser context menu"] = context_menu
    close_menu(page)

    english = {place: found for place, labels in seen.items()
               if (found := [f"{label!r}: {words}" for label in labels
                             if (words := english_words(label, files))])}
    assert not english, f"English left in the Kazakh interface: {english}"
    page.close()
