"""``ca-course`` used wrongly, from the wrong folder: every run ends in a Kazakh message.

One test per misuse: missing or extra arguments, wrong formats, missing files, empty
folders, a folder of another lecture, a mixed folder, a wrong course setting, an
unexpected error. Each must exit non-zero with a Kazakh message and no traceback. The
same runs also prove the good side: help is Kazakh by default and English with
``LANG=en``, and ``solutions`` and ``grade`` work from ``/`` with the default keys.
Most runs are in-process (``CliRunner``); the ``*_console_script`` tests start the
installed ``ca-course`` script itself.
"""

from __future__ import annotations

import ast
import csv
import gettext
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from ca_course import data, paths
from ca_course.cli import main
from ca_course.grading import build_solutions
from ca_course.messages import CLICK_KK, ENGLISH, MESSAGES, msg

ROOT = Path(__file__).resolve().parents[1]
KEYS = (ROOT / "instructor" / "keys").resolve()
LECTURE_01 = ROOT / "book" / "l01_security_concept.ipynb"
LECTURE_02 = ROOT / "book" / "l02_ecological_threats.ipynb"
CONSOLE_SCRIPT = Path(sys.executable).parent / "ca-course"
KAZAKH = re.compile(r"[әіңғүұқөһӘІҢҒҮҰҚӨҺ]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
CLICK_ENGLISH = ("Usage:", "Error:", "Options:", "Try '", "Show this message", "Missing ",
                 "does not exist", "is not one of", "Invalid value for")
LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Kazakh default locale, no course settings, logs in tmp, run from ``/``."""
    for name in (*LOCALE_VARS, paths.ENV_VAR, paths.CONFIG_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("CA_COURSE_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.chdir("/")


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Solution notebooks of l01 and l02: correct submissions of two lectures."""
    out = tmp_path_factory.mktemp("solved")
    written = build_solutions([LECTURE_01, LECTURE_02], KEYS, out)
    return {item.path.name[:3]: item.path for item in written}


def folder_of(tmp_path: Path, name: str, files: dict[str, Path | str]) -> Path:
    """Make a folder of submissions: file name -> notebook to copy, or text to write."""
    folder = tmp_path / name
    folder.mkdir()
    for file_name, source in files.items():
        if isinstance(source, Path):
            shutil.copy(source, folder / file_name)
        else:
            (folder / file_name).write_text(source, encoding="utf-8")
    return folder


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def console(*args: object, lang: str = "C.UTF-8", **env: str) -> subprocess.CompletedProcess:
    """Run the installed console script from ``/``."""
    environ = {k: v for k, v in os.environ.items()
               if k not in (*LOCALE_VARS, paths.ENV_VAR, paths.CONFIG_ENV)}
    environ.update(LANG=lang, **env)
    return subprocess.run([str(CONSOLE_SCRIPT), *map(str, args)], cwd="/", env=environ,
                          capture_output=True, text=True, timeout=600, check=False)


def assert_kazakh_failure(output: str, code: int | None, expected: str) -> None:
    """A non-zero exit, a Kazakh message containing ``expected``, no traceback, no English."""
    assert code not in (0, None), output
    assert KAZAKH.search(output), output
    assert "Traceback" not in output, output
    leaked = [word for word in CLICK_ENGLISH if re.search(rf"(^|\s){re.escape(word)}", output)]
    assert not leaked, f"English click text {leaked} in:\n{output}"
    assert expected in output, output


def assert_failure(result: Result, expected: str) -> None:
    assert isinstance(result.exception, SystemExit), result.exception  # nothing escaped
    assert_kazakh_failure(result.output, result.exit_code, expected)


def kk(key: str, **fields: object) -> str:
    return msg(key, **fields)


def click_kk(message: str, **fields: object) -> str:
    return CLICK_KK[message].format(**fields)


# --- the command line itself: arguments, options, formats ---------------------------

USAGE_MISUSES = {
    "no-command": ([], click_kk("Commands") + ":"),  # the group's help, exit code 2
    "unknown-command": (["gade"], click_kk("No such command {name!r}.", name="gade")),
    "grade-no-folder-argument": (["grade", "--out", "g.csv"],
                                 click_kk("Missing argument")),
    "grade-no-out": (["grade", "{tmp}"], click_kk("Missing option")),
    "grade-folder-missing": (["grade", "/nonexistent", "--out", "g.csv"],
                             click_kk("{name} {filename!r} does not exist.", name="Бума",
                                      filename="/nonexistent")),
    "grade-file-not-folder": (["grade", "{tmp}/notes.txt", "--out", "g.csv"],
                              click_kk("{name} {filename!r} is a file.", name="",
                                       filename="{tmp}/notes.txt")),
    "grade-workers-not-a-number": (["grade", "{tmp}", "--out", "g.csv", "--workers", "two"],
                                   click_kk("{value!r} is not a valid {number_type}.",
                                            value="two", number_type="")),
    "grade-workers-zero": (["grade", "{tmp}", "--out", "g.csv", "--workers", "0"],
                           "рұқсат етілген аралықта емес"),
    "grade-lecture-without-value": (["grade", "{tmp}", "--out", "g.csv", "--lecture"],
                                    click_kk("Option {name!r} requires an argument.",
                                             name="--lecture")),
    "grade-unknown-option": (["grade", "{tmp}", "--out", "g.csv", "--format", "csv"],
                             click_kk("No such option {name!r}.", name="--format")),
    "grade-keys-missing": (["grade", "{tmp}", "--out", "g.csv", "--keys", "/nonexistent"],
                           "/nonexistent"),
    "export-bad-format": (["quiz", "export", "--format", "xyz", "--out", "q.xml"],
                          click_kk("{value!r} is not one of {choices}.", value="xyz",
                                   choices="").split(":")[0]),
    "export-no-format": (["quiz", "export", "--out", "q.xml"], click_kk("Missing option")),
    "validate-extra-argument": (["validate", "extra"],
                                click_kk("Got unexpected extra argument ({args})",
                                         args="extra")),
    "quiz-validate-file-missing": (["quiz", "validate", "/nonexistent.yaml"],
                                   "/nonexistent.yaml"),
    "gradebook-no-csv": (["gradebook", "--out", "{tmp}/book"], click_kk("Missing argument")),
    "gradebook-csv-missing": (["gradebook", "/nonexistent.csv", "--out", "{tmp}/book"],
                              "/nonexistent.csv"),
    "gradebook-folder-not-csv": (["gradebook", "{tmp}", "--out", "{tmp}/book"],
                                 click_kk("{name} {filename!r} is a directory.", name="",
                                          filename="{tmp}")),
    "solutions-no-out": (["solutions"], click_kk("Missing option")),
    "solutions-keys-missing": (["solutions", "--out", "{tmp}/s", "--keys", "/nonexistent"],
                               "/nonexistent"),
    "notebooks-execute-missing": (["notebooks", "execute", "/nonexistent.ipynb"],
                                  "/nonexistent.ipynb"),
}


@pytest.mark.parametrize("case", USAGE_MISUSES, ids=str)
def test_usage_misuse_gets_a_kazakh_usage_error(case: str, tmp_path: Path) -> None:
    args, expected = USAGE_MISUSES[case]
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    result = run(*(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert result.exit_code == 2, result.output
    assert_failure(result, expected.replace("{tmp}", str(tmp_path)))


# --- grade: folders and lectures ------------------------------------------------------

def test_grade_empty_folder(tmp_path: Path) -> None:
    empty = folder_of(tmp_path, "empty", {"notes.txt": "no notebooks here"})
    assert_failure(run("grade", empty, "--out", tmp_path / "g.csv"),
                   kk("cli.no_submissions", path=empty))
    assert not (tmp_path / "g.csv").exists()


def test_grade_folder_of_another_lecture(tmp_path: Path, solved: dict[str, Path]) -> None:
    folder = folder_of(tmp_path, "l02", {"aida.ipynb": solved["l02"]})
    result = run("grade", folder, "--out", tmp_path / "g.csv", "--lecture", "l01")
    assert_failure(result, kk("grade.lecture_mismatch", lecture="l01",
                              found="  l02: 1 (aida.ipynb)"))


def test_grade_mixed_folder_lists_the_lectures_and_how_to_choose(
        tmp_path: Path, solved: dict[str, Path]) -> None:
    folder = folder_of(tmp_path, "mixed", {"aida.ipynb": solved["l01"],
                                           "bolat.ipynb": solved["l02"],
                                           "dana.ipynb": solved["l02"]})
    result = run("grade", folder, "--out", tmp_path / "g.csv")
    assert_failure(result, "  l01: 1 (aida.ipynb)\n  l02: 2 (bolat.ipynb, dana.ipynb)")
    assert "--lecture l01" in result.output


def test_grade_notebooks_without_exercise_ids(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, "plain", {"aida.ipynb": ROOT / "book" / "atlas.ipynb"})
    assert_failure(run("grade", folder, "--out", tmp_path / "g.csv"),
                   kk("grade.lecture_not_found", example="l01"))


def test_grade_unknown_lecture(tmp_path: Path, solved: dict[str, Path]) -> None:
    folder = folder_of(tmp_path, "l01", {"aida.ipynb": solved["l01"]})
    result = run("grade", folder, "--out", tmp_path / "g.csv", "--lecture", "l99")
    assert_failure(result, "«l99»")


def test_grade_keys_folder_without_the_lecture(tmp_path: Path,
                                               solved: dict[str, Path]) -> None:
    keys = folder_of(tmp_path, "keys", {"l01.yaml": KEYS / "l01.yaml"})
    folder = folder_of(tmp_path, "l02", {"aida.ipynb": solved["l02"]})
    result = run("grade", folder, "--out", tmp_path / "g.csv", "--keys", keys)
    assert_failure(result, kk("grade.lecture_no_keys", lecture="l02", known="l01"))


def test_grade_broken_keys_file(tmp_path: Path, solved: dict[str, Path]) -> None:
    keys = folder_of(tmp_path, "keys", {"l01.yaml": "lecture: l01\nkeys: [\n"})
    folder = folder_of(tmp_path, "l01", {"aida.ipynb": solved["l01"]})
    result = run("grade", folder, "--out", tmp_path / "g.csv", "--keys", keys)
    assert_failure(result, str(keys / "l01.yaml"))
    assert kk("cli.content_problems", n=1, problems="")[:20] in result.output


def test_grade_out_is_a_folder(tmp_path: Path, solved: dict[str, Path]) -> None:
    folder = folder_of(tmp_path, "l01", {"aida.ipynb": solved["l01"]})
    result = run("grade", folder, "--out", tmp_path)
    assert_failure(result, click_kk("{name} {filename!r} is a directory.", name="",
                                    filename=str(tmp_path)))


def test_grade_unexpected_error_names_the_folder_and_writes_a_log(
        tmp_path: Path, solved: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import ca_course.grading as grading

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kernel pool exploded")

    monkeypatch.setattr(grading, "grade", broken)
    folder = folder_of(tmp_path, "l01", {"aida.ipynb": solved["l01"]})
    result = run("grade", folder, "--out", tmp_path / "g.csv")
    logs = list((tmp_path / "logs").glob("error-*.log"))
    assert len(logs) == 1
    assert_failure(result, kk("cli.unexpected", file=folder, log=logs[0],
                              error="RuntimeError: kernel pool exploded"))
    assert "Traceback" in logs[0].read_text(encoding="utf-8")
    assert "RuntimeError: kernel pool exploded" in logs[0].read_text(encoding="utf-8")


# --- the other commands ---------------------------------------------------------------

def test_export_unknown_lecture(tmp_path: Path) -> None:
    result = run("quiz", "export", "--format", "gift", "--lecture", "l99",
                 "--out", tmp_path / "q.txt")
    assert_failure(result, "«l99»")
    assert not (tmp_path / "q.txt").exists()


def test_gradebook_csv_that_is_not_a_grades_table(tmp_path: Path) -> None:
    table = tmp_path / "marks.csv"
    table.write_text("name,mark\naida,5\n", encoding="utf-8")
    result = run("gradebook", table, "--out", tmp_path / "book")
    assert_failure(result, str(table))
    assert kk("cli.bad_grades", error="").split(":")[0] in result.output


def test_gradebook_empty_csv(tmp_path: Path) -> None:
    table = tmp_path / "grades.csv"
    table.write_text("", encoding="utf-8")
    result = run("gradebook", table, "--out", tmp_path / "book")
    assert_failure(result, kk("cli.bad_grades", error="").split(":")[0])


def test_solutions_of_a_file_that_is_not_a_notebook(tmp_path: Path) -> None:
    fake = tmp_path / "l01_fake.ipynb"
    fake.write_text("{not json", encoding="utf-8")
    result = run("solutions", "--out", tmp_path / "s", fake)
    assert_failure(result, str(fake))
    assert not (tmp_path / "s").exists()


def test_solutions_of_a_notebook_without_exercises(tmp_path: Path) -> None:
    atlas = ROOT / "book" / "atlas.ipynb"
    assert_failure(run("solutions", "--out", tmp_path / "s", atlas),
                   kk("cli.no_exercises", path=atlas))


def test_solutions_into_the_notebooks_own_folder(tmp_path: Path) -> None:
    copy = folder_of(tmp_path, "book", {LECTURE_01.name: LECTURE_01}) / LECTURE_01.name
    before = copy.read_bytes()
    assert_failure(run("solutions", "--out", copy.parent, copy),
                   kk("cli.out_is_source", path=copy.parent))
    assert copy.read_bytes() == before


def test_pdf_without_a_built_book(tmp_path: Path) -> None:
    missing = tmp_path / "singlehtml"
    assert_failure(run("pdf", "--singlehtml", missing, "--out", tmp_path / "c.pdf"),
                   kk("cli.no_singlehtml", path=missing))


def test_unexpected_error_names_the_file_and_writes_a_log(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    result = run("notebooks", "execute", broken)
    assert_failure(result, str(broken))
    log = next((tmp_path / "logs").glob("error-*.log"))
    assert f"{log}" in result.output
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")


# --- where the course is ------------------------------------------------------------

def test_course_root_variable_names_no_course(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path))
    assert_failure(run("solutions", "--out", tmp_path / "s"),
                   kk("paths.bad_env", var=paths.ENV_VAR, path=tmp_path))


def test_config_file_names_no_course(tmp_path: Path) -> None:
    config = tmp_path / "config" / "ca-course" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'root = "{tmp_path}"\n', encoding="utf-8")
    assert_failure(run("validate"), kk("paths.bad_config_root", path=tmp_path, config=config))


def test_config_file_that_is_not_toml(tmp_path: Path) -> None:
    config = tmp_path / "config" / "ca-course" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("root = /no/quotes\n", encoding="utf-8")
    assert_failure(run("validate"), str(config))


def test_no_course_folder_from_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    solved: dict[str, Path]) -> None:
    """An installed (non-editable) package run from ``/`` finds no course: say how to set it."""
    monkeypatch.setattr(paths, "PACKAGE_DIR", tmp_path / "site-packages" / "ca_course")
    config = tmp_path / "config" / "ca-course" / "config.toml"
    expected = kk("paths.not_found", var=paths.ENV_VAR, config=config)
    assert_failure(run("solutions", "--out", tmp_path / "s"), expected)
    folder = folder_of(tmp_path, "l01", {"aida.ipynb": solved["l01"]})
    assert_failure(run("grade", folder, "--out", tmp_path / "g.csv"), expected)


def test_config_file_sets_the_course_folder(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "PACKAGE_DIR", tmp_path / "site-packages" / "ca_course")
    config = tmp_path / "config" / "ca-course" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'root = "{ROOT}"\n', encoding="utf-8")
    result = run("solutions", "--out", tmp_path / "s", LECTURE_01)
    assert result.exit_code == 0, result.output
    assert kk("cli.course", path=ROOT, origin=kk("cli.origin.config", path=config)) in (
        result.output)
    assert kk("cli.keys", path=KEYS) in result.output


# --- help and language --------------------------------------------------------------

def commands(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p) or "ca-course")
def test_help_is_kazakh_by_default(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    for kazakh in (click_kk("Usage:"), click_kk("Options") + ":",
                   click_kk("Show this message and exit.")):
        assert kazakh in result.output, result.output
    for english in ("Usage:", "Options:", "Show this message and exit."):
        assert english not in result.output
    first = kk(f"cli.help.{'.'.join(path) or 'main'}").split()[:3]
    assert " ".join(first) in " ".join(result.output.split())


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p) or "ca-course")
def test_help_is_english_with_lang_en(path: tuple[str, ...],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en")
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and "Show this message and exit." in result.output
    assert not KAZAKH.search(result.output), result.output
    first = ENGLISH[f"cli.help.{'.'.join(path) or 'main'}"].split()[:3]
    assert " ".join(first) in " ".join(result.output.split())


def catalog_keys(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[str]:
    """The help keys :func:`ca_course.cli_locale.localize` looks up for the command tree."""
    dotted = ".".join(prefix) or "main"
    keys = [f"cli.help.{dotted}"]
    for param in group.params:
        kind = "arg" if isinstance(param, click.Argument) else "opt"
        keys.append(f"cli.{kind}.{dotted}.{param.name}")
        if kind == "arg":
            keys.append(f"cli.metavar.{param.name}")
    for name, command in getattr(group, "commands", {}).items():
        keys += catalog_keys(command, (*prefix, name))
    return keys


def test_every_command_option_and_argument_has_help_in_both_languages() -> None:
    keys = catalog_keys()
    assert len(keys) > 30
    assert [k for k in keys if k not in MESSAGES] == []
    assert [k for k in keys if k not in ENGLISH] == []


def test_english_usage_error_with_lang_en(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    result = run("grade", "/nonexistent", "--out", "g.csv")
    assert result.exit_code == 2
    assert "Error: Invalid value for 'SUBMISSIONS': Directory '/nonexistent' does not exist." \
        in result.output


def test_click_gets_its_own_strings_back_after_a_run() -> None:
    run("--help")
    import click.core
    import click.exceptions

    assert click.core._ is gettext.gettext
    assert click.exceptions.ngettext is gettext.ngettext


def test_every_command_line_message_has_an_english_counterpart() -> None:
    prefixes = ("cli.", "paths.", "grade.lecture_")
    kazakh = {k for k in MESSAGES if k.startswith(prefixes)}
    assert kazakh - set(ENGLISH) == set()
    assert set(ENGLISH) - set(MESSAGES) == set()
    for key, english in ENGLISH.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(MESSAGES[key]) if f}, key
    for message, kazakh_text in CLICK_KK.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(message) if f}
        assert {f for _, f, _, _ in string.Formatter().parse(kazakh_text) if f} <= fields
        assert CYRILLIC.search(kazakh_text), message


def test_every_message_key_the_cli_names_exists() -> None:
    sources = [ROOT / "src" / "ca_course" / name for name in
               ("cli.py", "paths.py", "grading/lectures.py")]
    keys: set[str] = set()
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and re.fullmatch(r"(cli|paths|grade)\.[a-z_.]+", node.args[0].value)):
                keys.add(node.args[0].value)
    assert len(keys) > 20
    assert keys - set(MESSAGES) == set()


# --- the installed console script, from / ---------------------------------------------

def test_console_script_help_is_kazakh() -> None:
    done = console("--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(click_kk("Usage:") + " ca-course")
    assert "Usage:" not in done.stdout


def test_console_script_help_is_english_with_lang_en() -> None:
    done = console("grade", "--help", lang="en")
    assert done.returncode == 0, done.stderr
    assert "Usage: ca-course grade [OPTIONS] SUBMISSIONS" in done.stdout
    assert "Options:" in done.stdout and not KAZAKH.search(done.stdout)


def test_console_script_usage_error_is_kazakh() -> None:
    done = console("quiz", "export", "--format", "xyz", "--out", "q.xml")
    assert_kazakh_failure(done.stderr, done.returncode, "'xyz'")
    assert done.returncode == 2


def test_console_script_mixed_folder(tmp_path: Path, solved: dict[str, Path]) -> None:
    folder = folder_of(tmp_path, "mixed", {"aida.ipynb": solved["l01"],
                                           "bolat.ipynb": solved["l02"]})
    done = console("grade", folder, "--out", tmp_path / "g.csv")
    assert_kazakh_failure(done.stderr, done.returncode, "  l02: 1 (bolat.ipynb)")


def test_console_script_bad_course_variable(tmp_path: Path) -> None:
    done = console("validate", **{paths.ENV_VAR: str(tmp_path / "nowhere")})
    assert_kazakh_failure(done.stderr, done.returncode, paths.ENV_VAR)


def test_console_script_solutions_from_root_with_default_keys(tmp_path: Path) -> None:
    done = console("solutions", "--out", tmp_path / "solutions")
    assert done.returncode == 0, done.stderr
    assert kk("cli.course", path=ROOT, origin=kk("cli.origin.package")) in done.stderr
    assert kk("cli.keys", path=KEYS) in done.stderr
    written = sorted(p.name for p in (tmp_path / "solutions").glob("*.ipynb"))
    assert len(written) == len(data.exercise_sets()) and LECTURE_01.name in written


def test_console_script_grades_from_root_with_default_keys_and_inferred_lecture(
        tmp_path: Path, solved: dict[str, Path]) -> None:
    folder = folder_of(tmp_path, "submissions", {"aida.ipynb": solved["l01"]})
    out = tmp_path / "grades.csv"
    done = console("grade", folder, "--out", out, "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert kk("cli.keys", path=KEYS) in done.stderr
    assert kk("cli.lecture_found", lecture="l01") in done.stderr
    row = next(csv.DictReader(out.open(encoding="utf-8")))
    full = sum(ex.points for ex in data.exercise_set("l01").exercises)
    assert (row["student"], row["status"], float(row["total"])) == ("aida", "ok", full)
