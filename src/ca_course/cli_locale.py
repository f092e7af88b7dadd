"""Speak Kazakh (or English with ``LANG=en``) on the command line, click's own words included.

Two kinds of text appear in ``ca-course``'s terminal output:

* the course's own: command and option help, metavars, run messages. They are keys of
  :mod:`ca_course.messages` (``cli.help.<command>``, ``cli.opt.<command>.<option>``,
  ``cli.arg.<command>.<argument>``, ``cli.metavar.*``); :func:`localize` writes them
  into the click command tree before each run;
* click's: "Usage:", "Options:", "Error: …", "Missing argument …", "Directory … does
  not exist.". Click looks each one up through :func:`gettext.gettext` (imported as
  ``_`` in its modules). :func:`click_language` installs a
  :class:`gettext.NullTranslations` built from :data:`ca_course.messages.CLICK_KK`
  in those modules for the duration of one run, then puts click's back.

The language is Kazakh unless the locale variables (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``, the first one set) name English.
"""

from __future__ import annotations

import contextlib
import gettext
import importlib
import os
from collections.abc import Iterator, Mapping

import click

from ca_course.messages import CLICK_KK, MESSAGES, msg

__all__ = ["CatalogTranslations", "click_language", "click_text", "language", "localize"]

_CLICK_MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting",
                  "click.parser", "click.types", "click.termui", "click.utils",
                  "click.shell_completion")
_LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language(environ: Mapping[str, str] | None = None) -> str:
    """Return ``"en"`` when the locale asks for English, else ``"kk"``.

    Examples
    --------
    >>> language({"LANG": "en"}), language({"LANG": "en_US.UTF-8"})
    ('en', 'en')
    >>> language({"LANG": "C.UTF-8"}), language({}), language({"LC_ALL": "kk_KZ", "LANG": "en"})
    ('kk', 'kk', 'kk')
    """
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARS:
        value = env.get(name, "")
        if value:
            first = value.split(":", 1)[0]
            return "en" if first.split("_", 1)[0].split(".", 1)[0].lower() == "en" else "kk"
    return "kk"


class CatalogTranslations(gettext.NullTranslations):
    """A gettext translation read from a dict of ``msgid -> text`` (plural msgids too).

    Examples
    --------
    >>> t = CatalogTranslations({"Usage:": "Қолданылуы:"})
    >>> t.gettext("Usage:"), t.gettext("Options")
    ('Қолданылуы:', 'Options')
    >>> t.ngettext("one {n}", "many {n}", 2)
    'many {n}'
    """

    def __init__(self, catalog: Mapping[str, str]) -> None:
        super().__init__()
        self._catalog = dict(catalog)

    def gettext(self, message: str) -> str:
        """Return the translation of ``message``, or ``message`` itself."""
        return self._catalog.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """Return the translation of the singular or the plural form."""
        chosen = msgid1 if n == 1 else msgid2
        return self._catalog.get(chosen, chosen)


def click_text(message: str, lang: str) -> str:
    """Return click's string ``message`` in ``lang``.

    Examples
    --------
    >>> click_text("Usage:", "kk"), click_text("Usage:", "en")
    ('Қолданылуы:', 'Usage:')
    """
    return (CLICK_KK if lang == "kk" else {}).get(message, message)


@contextlib.contextmanager
def click_language(lang: str) -> Iterator[None]:
    """Within the block, click's own strings are in ``lang`` (Kazakh ``"kk"``, or English)."""
    translations = CatalogTranslations(CLICK_KK if lang == "kk" else {})
    saved: list[tuple[object, str, object]] = []
    for name in _CLICK_MODULES:
        module = importlib.import_module(name)
        for attr, replacement in (("_", translations.gettext),
                                  ("ngettext", translations.ngettext)):
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, replacement)
    try:
        yield
    finally:
        for module, attr, original in reversed(saved):
            setattr(module, attr, original)


def _path_kind(kind: click.Path) -> str:
    return "folder" if not kind.file_okay else "file" if not kind.dir_okay else "path"


def _metavar_key(param: click.Parameter) -> str | None:
    kind = param.type
    if isinstance(kind, click.Path):
        key = f"cli.metavar.{_path_kind(kind)}"
    elif isinstance(kind, click.types.IntParamType):
        key = "cli.metavar.integer"
    elif isinstance(kind, click.types.FloatParamType):
        key = "cli.metavar.number"
    elif isinstance(kind, click.types.StringParamType):
        key = "cli.metavar.text"
    else:
        return None
    return key


def _text(key: str, lang: str, fallback: str | None = None) -> str | None:
    """Return catalog text ``key``; ``fallback`` when the catalog lacks it."""
    return msg(key, lang=lang) if key in MESSAGES else fallback


def localize(command: click.Command, lang: str, path: tuple[str, ...] = ()) -> None:
    """Write the catalog's help texts and metavars for ``lang`` into a command tree.

    A text missing from the catalog leaves the decorator's own (English) text in place;
    ``tests/test_cli_misuse.py`` checks that none is missing.
    """
    dotted = ".".join(path) or "main"
    command.help = _text(f"cli.help.{dotted}", lang, command.help)
    command.short_help = None
    if command.options_metavar:
        command.options_metavar = _text("cli.metavar.options", lang)
    for param in command.params:
        if isinstance(param.type, click.Path):  # "Directory '/x' does not exist."
            param.type.name = _text(f"cli.pathkind.{_path_kind(param.type)}", lang)
        if isinstance(param, click.Argument):
            param.help = _text(f"cli.arg.{dotted}.{param.name}", lang, param.help)
            name = _text(f"cli.metavar.{param.name}", lang, (param.name or "").upper())
            if not param.required:
                name = f"[{name}]"
            param.metavar = f"{name}..." if param.nargs != 1 else name
        else:
            param.help = _text(f"cli.opt.{dotted}.{param.name}", lang, param.help)
            if not getattr(param, "is_flag", False):
                own = f"cli.metavar.{param.name}"
                key = own if own in MESSAGES else _metavar_key(param)
                if key is not None:
                    param.metavar = _text(key, lang)
    if isinstance(command, click.Group):
        command.subcommand_metavar = _text("cli.metavar.subcommand", lang)
        for name, sub in command.commands.items():
            localize(sub, lang, (*path, name))

