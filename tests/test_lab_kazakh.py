"""A real JupyterLab switched to Kazakh through its settings API, read in Chromium.

JupyterLab runs on loopback (``tests/lab_support.py``) in English; the test switches the
interface language the way Settings → Language does (a PUT of the translation plugin's
settings), reloads the page and reads the menu bar, the File menu and the Language submenu.
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
