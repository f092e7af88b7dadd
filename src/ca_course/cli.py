"""Parse ``ca-course`` command lines and call one package function per command.

Every text the commands print comes from :mod:`ca_course.messages` in the user's
language (Kazakh, or English with ``LANG=en``; see :mod:`ca_course.cli_locale`). The
course folder and the keys come from :mod:`ca_course.paths`, so the commands work from
any folder; each run starts by saying which ones are in use. A problem the instructor
can fix ends in :class:`CourseError` (a message, exit code 1); any other exception ends
in the same way, naming the file involved, with the traceback written to a log file.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ca_course.cli_locale import click_language, click_text, language, localize
from ca_course.messages import msg
from ca_course.paths import CourseNotFound, CoursePaths, config_file, course_paths

if TYPE_CHECKING:
    from ca_course.data import ContentError

__all__ = ["CourseError", "main"]

LOG_ENV = "CA_COURSE_LOG_DIR"
_FILE_META = "ca_course.file"


def say(key: str, /, *, err: bool = False, **fields: object) -> None:
    """Print message ``key`` in the user's language (to stderr with ``err=True``)."""
    click.echo(msg(key, lang=language(), **fields), err=err)


class CourseError(click.ClickException):
    """A problem the instructor can fix; shown as ``Қате: <message>``, exit code 1."""

    def __init__(self, key: str, /, **fields: object) -> None:
        super().__init__(msg(key, lang=language(), **fields))


def _log_dir() -> Path:
    if os.environ.get(LOG_ENV):
        return Path(os.environ[LOG_ENV])
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "ca-course" / "logs"


def write_log(err: BaseException) -> Path | None:
    """Write the traceback of ``err`` with the command line to a new log file; return it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = (f"ca-course {' '.join(sys.argv[1:])}\ncwd: {Path.cwd()}\n"
            f"python: {sys.version.split()[0]}\n\n"
            + "".join(traceback.format_exception(err)))
    for folder in (_log_dir(), Path(tempfile.gettempdir()) / "ca-course-logs"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"error-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


def _involved_file(err: BaseException, ctx: click.Context | None) -> str:
    """Return the file an error is about: its own filename, the command's input, or code."""
    seen: BaseException | None = err
    while seen is not None:
        for attr in ("filename", "filename2"):
            name = getattr(seen, attr, None)
            if isinstance(name, str | os.PathLike) and str(name):
                return str(name)
        seen = seen.__cause__ or seen.__context__
    if ctx is not None and ctx.find_root().meta.get(_FILE_META):
        return str(ctx.find_root().meta[_FILE_META])
    frames = traceback.extract_tb(err.__traceback__)
    ours = [f for f in frames if "ca_course" in f.filename] or frames
    return f"{ours[-1].filename}:{ours[-1].lineno}" if ours else "?"


def unexpected(err: BaseException, ctx: click.Context | None = None) -> CourseError:
    """Turn an unexpected exception into a message naming the file and the log file."""
    log = write_log(err)
    detail = f"{type(err).__name__}: {err}".strip().splitlines()[0][:300]
    return CourseError("cli.unexpected", error=detail, file=_involved_file(err, ctx),
                       log=log or "-")


def _content_error(err: ContentError) -> CourseError:
    lines = "\n".join(f"  {problem}" for problem in err.problems)
    return CourseError("cli.content_problems", n=len(err.problems), problems=lines)


class _Localized:
    """The help option's text follows the run's language (click caches the option)."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = click_text("Show this message and exit.", language())
        return option


class CourseCommand(_Localized, click.Command):
    """A ``ca-course`` command."""


class CourseGroup(_Localized, click.Group):
    """The ``ca-course`` group: localizes the tree, wraps every error into a message."""

    command_class = CourseCommand
    group_class = type

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             *rest: Any, **extra: Any) -> Any:
        """Run the command line in the user's language; never end in a traceback."""
        lang = language()
        with click_language(lang):
            localize(self, lang)
            try:
                return super().main(args, prog_name or "ca-course", *rest, **extra)
            except Exception as err:  # raised outside a command: report it the same way
                if extra.get("standalone_mode", True) is False:
                    raise
                unexpected(err).show()
                sys.exit(1)

    def invoke(self, ctx: click.Context) -> Any:
        """Invoke the chosen command; turn content and unexpected errors into messages."""
        from ca_course.data import ContentError

        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ContentError as err:
            raise _content_error(err) from err
        except CourseNotFound as err:
            raise CourseError(err.key, **err.fields) from err
        except Exception as err:
            raise unexpected(err, ctx) from err


def _origin(paths: CoursePaths) -> str:
    if paths.origin == "config":
        return msg("cli.origin.config", lang=language(), path=config_file())
    return msg(f"cli.origin.{paths.origin}", lang=language())


def start(*, keys: Path | None = None, need_root: bool = False,
          need_keys: bool = False) -> CoursePaths | None:
    """Say which course folder and which keys this run uses; return the course paths.

    Raises
    ------
    CourseError
        When ``CA_COURSE_ROOT`` or the config file is wrong, or when the course folder is
        needed (``need_root``, or ``need_keys`` without ``keys``) and none is found, or
        when the keys folder does not exist.
    """
    try:
        paths: CoursePaths | None = course_paths()
    except CourseNotFound as err:
        if err.key != "paths.not_found" or need_root or (need_keys and keys is None):
            raise CourseError(err.key, **err.fields) from err
        paths = None
    if paths is None:
        say("cli.course_none", err=True)
    else:
        say("cli.course", err=True, path=paths.root, origin=_origin(paths))
    chosen = keys if keys is not None else (paths.keys if paths else None)
    if chosen is None:
        say("cli.keys_none", err=True)
    else:
        say("cli.keys", err=True, path=chosen.resolve())
        if need_keys and not chosen.is_dir():
            raise CourseError("cli.no_keys", path=chosen)
    return paths


def _report_problems(problems: Sequence[object]) -> None:
    say("cli.problems", err=True, n=len(problems))
    for problem in problems:
        click.echo(f"  {problem}", err=True)


def _make_parent(out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)


def _lecture_ids() -> list[str]:
    from ca_course import data

    return [lecture.id for lecture in data.lectures()]


@click.group(cls=CourseGroup, name="ca-course")
def main() -> None:
    """Course tools (help texts: ``cli.help.*`` in the message catalog)."""


@main.command()
def validate() -> None:
    """Validate every content file; list all problems and exit non-zero if any."""
    from ca_course.data import content_file_count, validate_content

    start()
    problems = validate_content()
    if problems:
        _report_problems(problems)
        click.get_current_context().exit(1)
    say("cli.valid", n=content_file_count())


@main.group()
def quiz() -> None:
    """Question banks: validate, export."""


@quiz.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def quiz_validate(paths: tuple[Path, ...]) -> None:
    """Validate question banks (all package banks when no PATHS are given)."""
    from ca_course.quiz.bank import validate_banks

    start()
    problems, count = validate_banks(list(paths) or None)
    if problems:
        _report_problems(problems)
        click.get_current_context().exit(1)
    say("cli.valid", n=count)


@quiz.command("export")
@click.option("--format", "fmt", type=click.Choice(["moodle-xml", "gift", "qti"]),
              required=True)
@click.option("--lecture", default=None)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def quiz_export(fmt: str, lecture: str | None, out: Path) -> None:
    """Write question banks in a format Moodle imports."""
    from ca_course import data
    from ca_course.export import write_export

    start()
    known = _lecture_ids()
    if lecture is not None and lecture not in known:
        raise CourseError("cli.unknown_lecture", lecture=lecture, known=", ".join(known))
    _make_parent(out)
    banks = [data.quiz_bank(lecture)] if lecture else list(data.quiz_banks().values())
    titles = {item.id: item.title for item in data.lectures()}
    count = write_export(banks, fmt, out, lecture_titles=titles)  # type: ignore[arg-type]
    say("cli.exported", n=count, path=out)


@main.group()
def notebooks() -> None:
    """Lecture notebooks."""


@notebooks.command("execute")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False,
                                                     path_type=Path))
def notebooks_execute(paths: tuple[Path, ...]) -> None:
    """Re-run notebooks in place with the book's static rendering (all when no PATHS)."""
    from ca_course.notebooks import execute_in_place, lecture_notebooks

    course = start(need_root=not paths)
    chosen = list(paths) or lecture_notebooks(course.root)  # type: ignore[union-attr]
    for path in chosen:
        click.get_current_context().find_root().meta[_FILE_META] = path
        execute_in_place([path])
        say("cli.executed", path=path)


@main.command()
@click.argument("submissions", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--json", "out_json", type=click.Path(dir_okay=False, path_type=Path),
              default=None)
@click.option("--keys", "keys_dir", type=click.Path(exists=True, file_okay=False,
                                                    path_type=Path), default=None)
@click.option("--lecture", default=None)
@click.option("--workers", type=click.IntRange(min=1), default=None)
@click.option("--cell-timeout", type=click.FloatRange(min=0, min_open=True), default=30,
              show_default=True)
@click.option("--total-timeout", type=click.FloatRange(min=0, min_open=True), default=120,
              show_default=True)
@click.option("--memory-mb", type=click.IntRange(min=64), default=1024, show_default=True)
@click.option("--redo", is_flag=True)
@click.option("--scheduler", default=None)
@click.option("--require-sandbox", is_flag=True)
def grade(submissions: Path, out: Path, out_json: Path | None, keys_dir: Path | None,
          lecture: str | None, **grader_options: Any) -> None:
    """Grade a folder of submitted notebooks; every submission gets a row.

    Options not named here (limits, ``--redo``, ``--scheduler`` …) go unchanged to
    :func:`ca_course.grading.grade` as keyword arguments of the same name: a new grader
    option is one ``@click.option`` line plus its help ``cli.opt.grade.<name>`` in
    ``MESSAGES`` and ``ENGLISH`` (:mod:`ca_course.messages`).
    """
    from ca_course import data
    from ca_course.grading import grade as run_grade
    from ca_course.grading import load_key_sources
    from ca_course.grading.containment import KeysReadable
    from ca_course.grading.grade import SandboxUnavailable, submission_paths
    from ca_course.grading.lectures import LectureChoiceError, choose_lecture, lectures_in

    course = start(keys=keys_dir, need_keys=True)
    keys_dir = keys_dir if keys_dir is not None else course.keys  # type: ignore[union-attr]
    click.get_current_context().find_root().meta[_FILE_META] = submissions
    paths = submission_paths(submissions)
    if not paths:
        raise CourseError("cli.no_submissions", path=submissions)
    known = sorted(set(load_key_sources(keys_dir)) & set(data.exercise_sets()))
    evidence = lectures_in(paths)
    try:
        chosen = choose_lecture(evidence, chosen=lecture, known=known)
    except LectureChoiceError as err:
        raise CourseError(err.key, **err.fields) from err
    say("cli.lecture_given" if lecture else "cli.lecture_found", err=True, lecture=chosen)
    if len(evidence.lectures) > 1:
        say("cli.lecture_others", err=True, found=evidence.describe())
    _make_parent(out)
    def show_protections(protections: Any) -> None:
        say("sandbox.header", err=True)
        click.echo(protections.describe(lang=language()), err=True)

    try:
        report = run_grade(submissions, out_csv=out, out_json=out_json, keys_dir=keys_dir,
                           lecture=chosen, on_start=show_protections, **grader_options)
    except (SandboxUnavailable, KeysReadable) as err:
        raise click.ClickException(str(err)) from err
    counts = report.status_counts()
    total = len(report.results)
    say("grade.summary", n=total, ok=counts.get("ok", 0), failed=total - counts.get("ok", 0),
        path=report.csv_path)


@main.command()
@click.argument("csvs", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None)
@click.option("--moodle", is_flag=True)
@click.option("--canvas", is_flag=True)
def gradebook(csvs: tuple[Path, ...], out: Path, roster: Path | None, moodle: bool,
              canvas: bool) -> None:
    """Merge several grades.csv files into one gradebook with statistics and a histogram."""
    from ca_course.grading import histogram, merge_gradebook, summary
    from ca_course.grading.gradebook import write_csv_safely, write_lms_grades

    start()
    if (moodle or canvas) and roster is None:
        raise CourseError("cli.gradebook.no_roster")
    try:
        book = merge_gradebook(list(csvs))
    except ValueError as err:  # pandas' parser errors are ValueErrors too
        raise CourseError("cli.bad_grades", error=str(err).splitlines()[0]) from err
    out.mkdir(parents=True, exist_ok=True)
    write_csv_safely(book, out / "gradebook.csv", index=False)
    write_csv_safely(summary(book), out / "summary.csv")
    histogram(book, out / "histogram.png")
    say("cli.gradebook", n=len(book), path=out)
    if roster is not None:
        try:
            lms = write_lms_grades(book, roster, out, moodle=moodle, canvas=canvas)
        except ValueError as err:
            raise CourseError("cli.bad_grades", error=str(err).splitlines()[0]) from err
        for path in lms.files:
            say("cli.gradebook.lms", path=path)
        say("cli.gradebook.unmatched", n=len(lms.problems), path=lms.problems_path)
        for problem, who in lms.problems:
            say("cli.gradebook.unmatched_item", problem=problem, who=who)


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--keys", "keys_dir", type=click.Path(exists=True, file_okay=False,
                                                    path_type=Path), default=None)
@click.argument("notebooks", nargs=-1, type=click.Path(exists=True, dir_okay=False,
                                                       path_type=Path))
def solutions(out: Path, keys_dir: Path | None, notebooks: tuple[Path, ...]) -> None:
    """Write solution notebooks (answer cells filled from the keys) for instructors."""
    from ca_course.grading import build_solutions
    from ca_course.grading.lectures import exercise_ids
    from ca_course.grading.read import InvalidSubmission, parse_submission
    from ca_course.notebooks import lecture_notebooks

    course = start(keys=keys_dir, need_root=not notebooks, need_keys=True)
    keys_dir = keys_dir if keys_dir is not None else course.keys  # type: ignore[union-attr]
    chosen = list(notebooks) or [p for p in lecture_notebooks(course.root)  # type: ignore
                                 if p.name[:1] == "l" and p.name[1:3].isdigit()]
    for path in chosen:
        try:
            notebook = parse_submission(path.read_bytes())
        except InvalidSubmission as err:
            raise CourseError("cli.not_notebook", path=path, error=err.message) from err
        if not exercise_ids(notebook):
            raise CourseError("cli.no_exercises", path=path)
        if path.resolve().parent == out.resolve():
            raise CourseError("cli.out_is_source", path=out)
    written = build_solutions(chosen, keys_dir, out)
    for item in written:
        if item.unmatched_cells:
            say("cli.solutions_unmatched", err=True, path=item.source,
                cells=", ".join(map(str, item.unmatched_cells)))
    say("cli.solutions", n=len(written), path=out)


@main.command()
@click.option("--singlehtml", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
def pdf(singlehtml: Path | None, out: Path | None) -> None:
    """Print the single-page build of the book to the PDF edition."""
    from ca_course.pdf import print_pdf

    course = start(need_root=singlehtml is None or out is None)
    singlehtml = singlehtml or course.build / "singlehtml"  # type: ignore[union-attr]
    out = out or course.build / "html" / "course-kk.pdf"  # type: ignore[union-attr]
    if not singlehtml.is_dir():
        raise CourseError("cli.no_singlehtml", path=singlehtml)
    _make_parent(out)
    say("cli.pdf", path=print_pdf(singlehtml, out))


if __name__ == "__main__":
    main()
