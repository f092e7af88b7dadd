"""The Kazakh JupyterLab language pack: layout, loading by jupyterlab_server, catalogs, glossary.

The browser test that switches a real JupyterLab to Kazakh is ``tests/test_lab_kazakh.py``.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml
from jupyterlab_server import translation_utils

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("languagepack", ROOT / "tools" / "languagepack.py")
languagepack = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(languagepack)

GLOSSARY = yaml.safe_load((languagepack.PACK / "glossary.yaml").read_text(encoding="utf-8"))
PLACEHOLDER = re.compile(r"%\d")

#: What an instructor sees in class, by place: each msgid must be translated.
CLASSROOM = {
    "main menu bar": [("menu", m) for m in ("File", "Edit", "View", "Run", "Kernel", "Tabs",
                                             "Settings", "Help", "New", "Language")],
    "File menu": ["New Launcher", "Open from Path…", "Close Tab", "Close and Shut Down Notebook…",
                  "Close All Tabs", "Save %1", "Save All", "Rename%1…", "Download", "Print…",
                  "Log Out", "Shut Down"],
    "Edit, Run and Kernel menus": ["Undo", "Redo", "Select All Cells", "Clear Outputs of All Cells",
                                   "Find…", "Run All Cells", "Restart Kernel…", "Interrupt Kernel",
                                   "Restart Kernel and Run All Cells…", "Shut Down Kernel",
                                   "Change Kernel…", "Activate Next Tab", "Settings Editor",
                                   "About %1"],
    "notebook toolbar": ["Save and create checkpoint", "Insert a cell below",
                         "Cut the selected cells", "Copy the selected cells",
                         "Paste cells from the clipboard", "Run the selected cells and advance",
                         "Interrupt the kernel", "Restart the kernel",
                         "Restart the kernel, then re-run the whole notebook",
                         "Select the cell type", "Code", "Markdown", "Raw"],
    "cell context menu": ["Cut Cell", "Copy Cell", "Paste Cell Below", "Delete Cell", "Split Cell",
                          "Merge Selected Cells", "Clear Cell Output",
                          "Copy Output to Clipboard", "Undo Cell Operation"],
    "kernel and save dialogs": ["Restart Kernel?", "Cancel", "Restart", "Select Kernel",
                                "Select kernel for:", "No Kernel", "Save your work",
                                'Save changes in "%1" before closing?', "Discard", "Save",
                                "Do you want to restart the kernel of %1? All variables will "
                                "be lost.", "Trust this notebook?", "Idle", "Busy"],
    "file browser": ["File Browser", "Open", "Rename", "Move to Trash", "Duplicate",
                     "New Folder", "Upload Files", "Refresh the file browser.", "Name",
                     "Modified", "Copy Path", "Running Terminals and Kernels"],
    "launcher": ["Launcher", "Notebook", "Console", "Other", "Terminal", "Text File",
                 "Markdown File", "Python File"],
}


def all_messages() -> list[tuple[str, object]]:
    return [(domain, message) for domain in languagepack.DOMAINS
            for message in languagepack.read_catalog(domain) if message.id]


def forms(message: object) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a message; a plural's forms pair with singular and plural."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return [(ids[min(i, len(ids) - 1)], s) for i, s in enumerate(strings) if s]


def test_pack_has_the_standard_layout_and_entry_point() -> None:
    points = {p.name: p for p in entry_points(group="jupyterlab.languagepack")}
    assert "kk_KZ" in points, "the pack is not installed (python3 dev.py build installs it)"
    module = points["kk_KZ"].load()
    assert module.__name__ == "jupyterlab_language_pack_kk_KZ"
    assert Path(module.__file__).resolve().parent == (languagepack.PACK / languagepack.MODULE)
    for domain in languagepack.DOMAINS:
        for suffix in (".po", ".json", ".mo"):
            assert (languagepack.MESSAGES_DIR / f"{domain}{suffix}").is_file(), (domain, suffix)


def test_jupyterlab_server_lists_and_loads_kazakh() -> None:
    assert translation_utils.is_valid_locale("kk_KZ")
    packs, message = translation_utils.get_language_packs()
    assert not message, message
    assert packs["kk_KZ"]["nativeName"] == "Қазақ тілі (Қазақстан)"
    data, message = translation_utils.get_language_pack("kk_KZ")
    assert not message, message
    assert data["jupyterlab"]["menu\x04File"] == ["Файл"]
    assert data["jupyterlab"]["Restart Kernel…"] == ["Ядроны қайта іске қосу…"]
    assert data["jupyterlab"][""]["language"] == "kk-KZ"
    # The server translates the settings schemas (the menu bar) through the .mo files.
    bundle = translation_utils.TranslationBundle("jupyterlab", "kk_KZ")
    assert bundle.pgettext("menu", "Kernel") == "Ядро"
    assert bundle.gettext("Save All") == "Барлығын сақтау"


def test_compiled_files_match_the_po_sources() -> None:
    stale = languagepack.compile_all(check=True)
    assert not stale, f"run .venv/bin/python tools/languagepack.py compile: {stale}"


@pytest.mark.parametrize("place", CLASSROOM)
def test_what_an_instructor_sees_is_translated(place: str) -> None:
    catalog = languagepack.read_catalog("jupyterlab")
    missing = []
    for entry in CLASSROOM[place]:
        context, msgid = entry if isinstance(entry, tuple) else (None, entry)
        message = catalog.get(msgid, context=context)
        if message is None or not languagepack.is_translated(message):
            missing.append(entry)
    assert not missing, f"{place}: untranslated {missing}"


def test_translations_keep_placeholders_and_are_kazakh() -> None:
    problems = []
    for domain, message in all_messages():
        assert not message.fuzzy, f"{domain}: fuzzy {message.id!r}"
        for msgid, msgstr in forms(message):
            if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(msgstr)):
                problems.append(f"{domain}: placeholders differ: {msgid!r} -> {msgstr!r}")
            if msgid.count("\n") != msgstr.count("\n"):
                problems.append(f"{domain}: line breaks differ: {msgid!r}")
            if re.search(r"[a-zA-Z]{3}", msgid) and msgstr == msgid and not re.fullmatch(
                    r"[A-Z][\w.]*( [A-Z][\w.]*)*", msgid):
                problems.append(f"{domain}: copied, not translated: {msgid!r}")
            if re.search(r"[ёЁщЩъЪ]", msgstr):
                problems.append(f"{domain}: Russian letters in {msgstr!r}")
    assert not problems, "\n".join(problems[:10])


def test_glossary_lists_kazakh_russian_and_english() -> None:
    terms = GLOSSARY["terms"]
    assert len(terms) >= 40
    for term in terms:
        assert term["en"] and term["ru"] and term["kk"] and term["stems"], term
        assert any(stem in term["kk"] for stem in term["stems"]), term


def test_glossary_terms_are_used_consistently() -> None:
    """Where an English msgid holds a glossary term, its Kazakh msgstr uses the term's form."""
    offenders = []
    used = set()
    for domain, message in all_messages():
        for term in GLOSSARY["terms"]:
            pattern = term.get("pattern") or re.escape(term["en"]) + "(?:s|es)?"
            english = re.compile(rf"\b{pattern}\b", re.I)
            exceptions = term.get("except") or {}
            for msgid, msgstr in forms(message):
                if msgid in exceptions or not english.search(msgid):
                    continue
                used.add(term["en"])
                if not any(stem in msgstr.lower() for stem in term["stems"]):
                    offenders.append(f"{domain}: {term['en']} -> {term['kk']}: "
                                     f"{msgid!r} -> {msgstr!r}")
    assert not offenders, "\n".join(offenders[:10])
    unused = {t["en"] for t in GLOSSARY["terms"]} - used
    assert not unused, f"glossary terms no translation uses: {sorted(unused)}"


def test_coverage_script_prints_translated_and_total_per_domain() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "languagepack_coverage.py")],
                            capture_output=True, text=True, check=True)
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[1:]}
    expected = languagepack.coverage()
    for domain, (done, total) in expected.items():
        assert rows[domain][:2] == [str(done), str(total)], rows[domain]
    assert set(rows) == {*expected, "all"}
    done, total = expected["jupyterlab"]
    assert done >= 450 and total >= 2000, (done, total)
