"""Maintain the Kazakh JupyterLab language pack in ``lab/language-pack-kk_KZ``.

The pack has the layout of the official packs (``jupyterlab-language-pack-ru-RU`` on PyPI):
``jupyterlab_language_pack_kk_KZ/locale/kk_KZ/LC_MESSAGES/<domain>.{po,json,mo}`` and the
``jupyterlab.languagepack`` entry point ``kk_KZ``. The ``.po`` files are the source; the
browser reads the ``.json`` (Jed format, through jupyterlab_server's ``translation_utils``)
and the server reads the ``.mo`` (settings schemas: menu titles, toolbar labels).

    .venv/bin/python tools/languagepack.py template RU_WHEEL   add msgids, keep translations
    .venv/bin/python tools/languagepack.py compile [--check]   .po -> .json and .mo
    .venv/bin/python tools/languagepack.py coverage            translated / total per domain

``template`` takes its msgids from the official ru-RU pack (``pip download --no-deps
jupyterlab-language-pack-ru-RU==4.5.post3``; its ``.mo`` files, which carry the plural msgids)
and adds the strings of the installed JupyterLab that the ru-RU pack does not know yet
(``trans.__``/``_p``/``_n``/``_np`` calls in the JupyterLab bundle, and the menu and toolbar
labels of the settings schemas), so the total counts what this JupyterLab shows. No Russian
translation is copied. ``compile --check`` exits 1 when a compiled file is stale.
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "lab" / "language-pack-kk_KZ"
MODULE = "jupyterlab_language_pack_kk_KZ"
LOCALE = "kk_KZ"
MESSAGES_DIR = PACK / MODULE / "locale" / LOCALE / "LC_MESSAGES"
#: Domains the pack carries: JupyterLab itself and the extensions the set-up installs
#: (widgets, jupytext, RISE slides).
DOMAINS = ("jupyterlab", "jupyterlab_widgets", "jupytext", "rise")
#: The installed JupyterLab (application directory of the environment running this script).
LAB_DIR = Path(sys.prefix) / "share" / "jupyter" / "lab"
#: Prebuilt extensions: their bundles load their own domain (``translator.load("rise")``).
LABEXTENSIONS_DIR = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
CONTEXT_GLUE = "\x04"

_STRING = r'"((?:[^"\\]|\\.)*)"'
_TRANS_CALLS = {
    "__": re.compile(r"\.__\(\s*" + _STRING),
    "_p": re.compile(r"\._p\(\s*" + _STRING + r"\s*,\s*" + _STRING),
    "_n": re.compile(r"\._n\(\s*" + _STRING + r"\s*,\s*" + _STRING),
    "_np": re.compile(r"\._np\(\s*" + _STRING + r"\s*,\s*" + _STRING + r"\s*,\s*" + _STRING),
}


def po_path(domain: str) -> Path:
    """The source catalog of one domain."""
    return MESSAGES_DIR / f"{domain}.po"


def read_catalog(domain: str) -> Catalog:
    """Read one domain's ``.po`` file."""
    with po_path(domain).open("rb") as handle:
        return read_po(handle, locale=LOCALE, domain=domain)


def write_catalog(catalog: Catalog, domain: str) -> None:
    """Write one domain's ``.po`` file, sorted, without line wrapping or source locations."""
    ordered = Catalog(locale=LOCALE, domain=domain, project=catalog.project,
                      version=catalog.version, fuzzy=False, charset="utf-8")
    for message in sorted((m for m in catalog if m.id),
                          key=lambda m: (str(m.id), m.context or "")):
        ordered[message.id] = message
    buffer = io.BytesIO()
    write_po(buffer, ordered, width=0, omit_header=False,
             no_location=True, include_previous=False)
    po_path(domain).parent.mkdir(parents=True, exist_ok=True)
    po_path(domain).write_bytes(buffer.getvalue())


def _unescape(text: str) -> str:
    try:
        return json.loads(f'"{text}"')
    except json.JSONDecodeError:
        return text


def bundle_scripts(domain: str) -> list[Path]:
    """The installed scripts that hold a domain's strings."""
    if domain == "jupyterlab":
        return sorted((LAB_DIR / "static").glob("*.js"))
    marker = f'load("{domain}")'
    return sorted(p for p in LABEXTENSIONS_DIR.glob("**/static/*.js")
                  if marker in p.read_text(encoding="utf-8", errors="replace"))


def bundle_messages(domain: str) -> Iterator[tuple[str | None, str | tuple[str, str]]]:
    """Yield (context, msgid) for the translatable literals of the installed bundles."""
    for script in bundle_scripts(domain):
        text = script.read_text(encoding="utf-8", errors="replace")
        for match in _TRANS_CALLS["__"].finditer(text):
            yield None, _unescape(match.group(1))
        for match in _TRANS_CALLS["_p"].finditer(text):
            yield _unescape(match.group(1)), _unescape(match.group(2))
        for match in _TRANS_CALLS["_n"].finditer(text):
            yield None, (_unescape(match.group(1)), _unescape(match.group(2)))
        for match in _TRANS_CALLS["_np"].finditer(text):
            yield _unescape(match.group(1)), (_unescape(match.group(2)),
                                              _unescape(match.group(3)))


def schema_messages(lab_dir: Path = LAB_DIR) -> Iterator[tuple[str, str]]:
    """Yield (context, msgid) for the menu and toolbar labels of JupyterLab's schemas."""

    def walk(node: object, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{path}/{index}")
        elif isinstance(node, str) and node.strip():
            if re.match(r"^/jupyter\.lab\.menus/.*/label$", path):
                yield "menu", node
            elif re.match(r"^/jupyter\.lab\.toolbars/.*/label$", path):
                yield "toolbar", node

    for schema in sorted((lab_dir / "schemas").rglob("*.json")):
        yield from walk(json.loads(schema.read_text(encoding="utf-8")), "")


def ru_messages(ru_pack: Path, domain: str) -> list[Message]:
    """The messages (ids only) of one domain of the ru-RU pack: a wheel or an unpacked folder."""
    name = f"locale/ru_RU/LC_MESSAGES/{domain}.mo"
    if ru_pack.suffix == ".whl":
        with zipfile.ZipFile(ru_pack) as wheel:
            member = next((n for n in wheel.namelist() if n.endswith(name)), None)
            if member is None:
                return []
            catalog = read_mo(io.BytesIO(wheel.read(member)))
    else:
        found = sorted(ru_pack.rglob(name.rsplit("/", 1)[-1]))
        if not found:
            return []
        with found[0].open("rb") as handle:
            catalog = read_mo(handle)
    return [message for message in catalog if message.id]


def template(ru_pack: Path) -> dict[str, tuple[int, int]]:
    """Add missing msgids to every domain's ``.po``; return (before, after) sizes."""
    sizes = {}
    for domain in DOMAINS:
        path = po_path(domain)
        catalog = read_catalog(domain) if path.exists() else Catalog(
            locale=LOCALE, domain=domain, project=f"JupyterLab {domain}",
            fuzzy=False, charset="utf-8")
        before = len(catalog)
        wanted: list[tuple[str | None, str | tuple[str, str]]] = [
            (m.context.decode() if isinstance(m.context, bytes) else m.context,
             tuple(m.id) if isinstance(m.id, list) else m.id)
            for m in ru_messages(ru_pack, domain)]
        wanted += list(bundle_messages(domain))
        if domain == "jupyterlab":
            wanted += list(schema_messages())
        for context, msgid in wanted:
            if catalog.get(msgid, context=context) is None:
                catalog.add(msgid, string=("", "") if isinstance(msgid, tuple) else "",
                            context=context)
        write_catalog(catalog, domain)
        sizes[domain] = (before, len(catalog))
    return sizes


def is_translated(message: Message) -> bool:
    """Whether every form of a message has a translation."""
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def jed_json(catalog: Catalog, domain: str, version: str) -> str:
    """The ``<domain>.json`` that JupyterLab's front end loads (as the official packs ship it)."""
    data: dict[str, object] = {"": {"domain": domain, "language": LOCALE.replace("_", "-"),
                                    "plural_forms": catalog.plural_forms, "version": version}}
    for message in sorted((m for m in catalog if m.id and is_translated(m) and not m.fuzzy),
                          key=lambda m: (m.context or "", str(m.id))):
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        key = f"{message.context}{CONTEXT_GLUE}{msgid}" if message.context else msgid
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        data[key] = list(strings)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def mo_bytes(catalog: Catalog) -> bytes:
    """The ``<domain>.mo`` that the server's gettext reads (translated entries only)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def pack_version() -> str:
    """The pack's version, from its ``__init__.py``."""
    text = (PACK / MODULE / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def compiled(domain: str) -> dict[Path, bytes]:
    """The compiled files of one domain and their expected content."""
    catalog = read_catalog(domain)
    return {MESSAGES_DIR / f"{domain}.json": jed_json(catalog, domain, pack_version()).encode(),
            MESSAGES_DIR / f"{domain}.mo": mo_bytes(catalog)}


def compile_all(check: bool = False) -> list[Path]:
    """Write (or with ``check`` only list) the compiled files that differ from their .po."""
    stale = []
    for domain in DOMAINS:
        for path, content in compiled(domain).items():
            if not path.exists() or path.read_bytes() != content:
                stale.append(path)
                if not check:
                    path.write_bytes(content)
    return stale


def coverage() -> dict[str, tuple[int, int]]:
    """Translated and total messages per domain."""
    result = {}
    for domain in DOMAINS:
        messages = [m for m in read_catalog(domain) if m.id]
        result[domain] = (sum(is_translated(m) and not m.fuzzy for m in messages), len(messages))
    return result


def print_coverage() -> None:
    """Print the coverage table."""
    rows = coverage()
    total_done = sum(done for done, _ in rows.values())
    total = sum(count for _, count in rows.values())
    print(f"{'domain':<22} {'translated':>10} {'total':>6} {'share':>7}")
    for domain, (done, count) in rows.items():
        print(f"{domain:<22} {done:>10} {count:>6} {done / count:>7.1%}")
    print(f"{'all':<22} {total_done:>10} {total:>6} {total_done / total:>7.1%}")


def main(argv: list[str]) -> int:
    """Dispatch the sub-command."""
    if argv[:1] == ["template"] and len(argv) == 2:
        for domain, (before, after) in template(Path(argv[1])).items():
            print(f"{domain}: {before} -> {after} messages")
        compile_all()
        return 0
    if argv[:1] == ["compile"]:
        check = "--check" in argv
        stale = compile_all(check=check)
        for path in stale:
            print(f"{'stale' if check else 'wrote'}: {path.relative_to(ROOT)}")
        return 1 if check and stale else 0
    if argv[:1] == ["coverage"]:
        print_coverage()
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
