"""Find the course folder the instructor's commands work on, wherever they are run from.

The course folder is the repository clone that holds ``book/`` (the lecture notebooks)
and ``instructor/keys/`` (the exercise keys). It is looked up in this order:

1. the environment variable ``CA_COURSE_ROOT``;
2. the config file ``$XDG_CONFIG_HOME/ca-course/config.toml`` (by default
   ``~/.config/ca-course/config.toml``; ``CA_COURSE_CONFIG`` names another file) with a
   line ``root = "/path/to/course"``, optionally ``keys = "/path/to/keys"``;
3. the folder the package itself belongs to (an editable install, ``pip install -e .``,
   of a clone);
4. the current folder or one of its parents.

A folder named by the variable or the config file must be a course folder: a wrong
setting is an error, never silently skipped. The content YAML always comes from the
installed package (:func:`ca_course.data.content_root`).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CONFIG_ENV", "ENV_VAR", "CourseNotFound", "CoursePaths", "config_file",
           "course_paths", "is_course_folder"]

ENV_VAR = "CA_COURSE_ROOT"
CONFIG_ENV = "CA_COURSE_CONFIG"
PACKAGE_DIR = Path(__file__).resolve().parent


class CourseNotFound(LookupError):
    """No course folder was found, or a configured one is not a course folder.

    ``key`` and ``fields`` name the message in :mod:`ca_course.messages`.
    """

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(f"{key}: {fields}")
        self.key = key
        self.fields = fields


@dataclass(frozen=True)
class CoursePaths:
    """The course folder, where it was found (``origin``), and the folders inside it."""

    root: Path
    origin: str  # "env", "config", "package" or "cwd"
    keys: Path

    @property
    def book(self) -> Path:
        """Return the folder of the lecture notebooks."""
        return self.root / "book"

    @property
    def build(self) -> Path:
        """Return the folder the book is built into."""
        return self.root / "_build"


def is_course_folder(folder: Path) -> bool:
    """Return whether ``folder`` holds the course's book and its table of contents.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> is_course_folder(root)
    False
    >>> (root / "book").mkdir(); _ = (root / "_toc.yml").write_text("root: book/intro\\n")
    >>> is_course_folder(root)
    True
    """
    return (folder / "book").is_dir() and (folder / "_toc.yml").is_file()


def config_file(environ: Mapping[str, str] | None = None) -> Path:
    """Return the config file's path (it need not exist)."""
    env = os.environ if environ is None else environ
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV]).expanduser()
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "ca-course" / "config.toml"


def _read_config(path: Path) -> dict[str, str]:
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise CourseNotFound("paths.bad_config", path=path, error=err) from err
    return {k: str(v) for k, v in raw.items() if k in {"root", "keys"} and isinstance(v, str)}


def _paths(root: Path, origin: str, keys: str | None = None) -> CoursePaths:
    root = root.expanduser().resolve()
    keys_dir = Path(keys).expanduser() if keys else root / "instructor" / "keys"
    if not keys_dir.is_absolute():
        keys_dir = root / keys_dir
    return CoursePaths(root, origin, keys_dir)


def course_paths(environ: Mapping[str, str] | None = None,
                 cwd: Path | None = None) -> CoursePaths:
    """Return the course folder in use and the folders inside it.

    Raises
    ------
    CourseNotFound
        When ``CA_COURSE_ROOT`` or the config file names a folder that is not a course
        folder, or when no course folder is found at all.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "book").mkdir(); _ = (root / "_toc.yml").write_text("root: book/intro\\n")
    >>> found = course_paths({"CA_COURSE_ROOT": str(root)})
    >>> found.origin, found.keys == root.resolve() / "instructor" / "keys"
    ('env', True)
    >>> try:
    ...     course_paths({"CA_COURSE_ROOT": str(root / "nowhere")})
    ... except CourseNotFound as err:
    ...     print(err.key)
    paths.bad_env
    """
    env = os.environ if environ is None else environ
    if env.get(ENV_VAR):
        root = Path(env[ENV_VAR]).expanduser()
        if not is_course_folder(root):
            raise CourseNotFound("paths.bad_env", var=ENV_VAR, path=root)
        return _paths(root, "env")
    config = config_file(env)
    settings = _read_config(config)
    if "root" in settings:
        root = Path(settings["root"]).expanduser()
        if not is_course_folder(root):
            raise CourseNotFound("paths.bad_config_root", path=root, config=config)
        return _paths(root, "config", settings.get("keys"))
    own = PACKAGE_DIR.parents[1]  # <clone>/src/ca_course -> <clone>
    if PACKAGE_DIR.parent.name == "src" and is_course_folder(own):
        return _paths(own, "package", settings.get("keys"))
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_course_folder(folder):
            return _paths(folder, "cwd", settings.get("keys"))
    raise CourseNotFound("paths.not_found", var=ENV_VAR, config=config)
