"""Parse ``ca-course`` command lines and call one package function per command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ca_course.messages import msg

REPO = Path.cwd()


def _report_problems(problems: list) -> None:
    click.echo(msg("cli.problems", n=len(problems)), err=True)
    for problem in problems:
        click.echo(f"  {problem}", err=True)


@click.group()
def main() -> None:
    """Course tools: validate content, export quizzes, execute notebooks, grade."""


@main.command()
def validate() -> None:
    """Validate every content file; list all problems and exit non-zero if any."""
    from ca_course.data import content_file_count, validate_content

    problems = validate_content()
    if problems:
        _report_problems(problems)
        sys.exit(1)
    click.echo(msg("cli.valid", n=content_file_count()))


@main.group()
def quiz() -> None:
    """Question banks: validate, export."""


@quiz.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def quiz_validate(paths: tuple[Path, ...]) -> None:
    """Validate question banks (all package banks when no PATHS are given)."""
    from ca_course.quiz.bank import validate_banks

    problems, count = validate_banks(list(paths) or None)
    if problems:
        _report_problems(problems)
        sys.exit(1)
    click.echo(msg("cli.valid", n=count))


@quiz.command("export")
@click.option("--format", "fmt", type=click.Choice(["moodle-xml", "gift", "qti"]),
              required=True)
@click.option("--lecture", default=None, help="One lecture id such as l01; all when omitted.")
@click.option("--out", type=click.Path(path_type=Path), required=True)
def quiz_export(fmt: str, lecture: str | None, out: Path) -> None:
    """Write question banks in a format Moodle (moodle-xml, gift) or Canvas (qti) imports."""
    from ca_course import data
    from ca_course.export import write_export

    banks = [data.quiz_bank(lecture)] if lecture else list(data.quiz_banks().values())
    titles = {lecture.id: lecture.title for lecture in data.lectures()}
    count = write_export(banks, fmt, out, lecture_titles=titles)  # type: ignore[arg-type]
    click.echo(msg("cli.exported", n=count, path=out))


@main.group()
def notebooks() -> None:
    """Lecture notebooks."""


@notebooks.command("execute")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def notebooks_execute(paths: tuple[Path, ...]) -> None:
    """Re-run notebooks in place with the book's static rendering (all when no PATHS)."""
    from ca_course.notebooks import execute_in_place, lecture_notebooks

    for path in execute_in_place(list(paths) or lecture_notebooks(REPO)):
        click.echo(msg("cli.executed", path=path))


@main.command()
@click.argument("submissions", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="grades.csv: one row per submission.")
@click.option("--json", "out_json", type=click.Path(path_type=Path), default=None,
              help="JSON report with per-exercise feedback (default: next to --out).")
@click.option("--keys", "keys_dir", type=click.Path(exists=True, path_type=Path),
              default=Path("instructor/keys"), show_default=True)
@click.option("--lecture", default=None, help="The lecture the submissions answer, e.g. l02.")
@click.option("--workers", type=int, default=None, help="Parallel kernels (default: all cores).")
@click.option("--cell-timeout", type=float, default=30, show_default=True)
@click.option("--total-timeout", type=float, default=120, show_default=True)
@click.option("--memory-mb", type=int, default=1024, show_default=True)
@click.option("--redo", is_flag=True, help="Grade again submissions already graded.")
@click.option("--scheduler", default=None, help="A Dask scheduler address, tcp://host:port.")
def grade(submissions: Path, out: Path, out_json: Path | None, keys_dir: Path,
          lecture: str | None, workers: int | None, cell_timeout: float, total_timeout: float,
          memory_mb: int, redo: bool, scheduler: str | None) -> None:
    """Grade a folder of submitted notebooks; every submission gets a row."""
    from ca_course.grading import grade as run_grade

    report = run_grade(submissions, out_csv=out, out_json=out_json, keys_dir=keys_dir,
                       lecture=lecture, workers=workers, cell_timeout=cell_timeout,
                       total_timeout=total_timeout, memory_mb=memory_mb, redo=redo,
                       scheduler=scheduler)
    counts = report.status_counts()
    total = len(report.results)
    click.echo(msg("grade.summary", n=total, ok=counts.get("ok", 0),
                   failed=total - counts.get("ok", 0), path=report.csv_path))


@main.command()
@click.argument("csvs", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Roster CSV: file or student, email, idnumber, username, "
              "name, canvas_id, sis_user_id, sis_login_id, section.")
@click.option("--moodle", is_flag=True, help="Also write moodle_grades.csv for Moodle.")
@click.option("--canvas", is_flag=True, help="Also write canvas_grades.csv for Canvas.")
def gradebook(csvs: tuple[Path, ...], out: Path, roster: Path | None, moodle: bool,
              canvas: bool) -> None:
    """Merge several grades.csv files into one gradebook with statistics and a histogram."""
    from ca_course.grading import histogram, merge_gradebook, summary
    from ca_course.grading.gradebook import write_csv_safely, write_lms_grades

    if (moodle or canvas) and roster is None:
        raise click.UsageError(msg("cli.gradebook.no_roster"))
    out.mkdir(parents=True, exist_ok=True)
    book = merge_gradebook(list(csvs))
    write_csv_safely(book, out / "gradebook.csv", index=False)
    write_csv_safely(summary(book), out / "summary.csv")
    histogram(book, out / "histogram.png")
    click.echo(msg("cli.gradebook", n=len(book), path=out))
    if roster is not None:
        lms = write_lms_grades(book, roster, out, moodle=moodle, canvas=canvas)
        for path in lms.files:
            click.echo(msg("cli.gradebook.lms", path=path))
        click.echo(msg("cli.gradebook.unmatched", n=len(lms.problems), path=lms.problems_path))
        for problem, who in lms.problems:
            click.echo(msg("cli.gradebook.unmatched_item", problem=problem, who=who))


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--keys", "keys_dir", type=click.Path(exists=True, path_type=Path),
              default=Path("instructor/keys"), show_default=True)
@click.argument("notebooks", nargs=-1, type=click.Path(exists=True, path_type=Path))
def solutions(out: Path, keys_dir: Path, notebooks: tuple[Path, ...]) -> None:
    """Write solution notebooks (answer cells filled from the keys) for instructors."""
    from ca_course.grading import build_solutions
    from ca_course.notebooks import lecture_notebooks

    chosen = list(notebooks) or [p for p in lecture_notebooks(REPO)
                                 if p.name[:1] == "l" and p.name[1:3].isdigit()]
    written = build_solutions(chosen, keys_dir, out)
    click.echo(msg("cli.solutions", n=len(written), path=out))


@main.command()
@click.option("--singlehtml", type=click.Path(exists=True, path_type=Path),
              default=Path("_build/singlehtml"), show_default=True)
@click.option("--out", type=click.Path(path_type=Path),
              default=Path("_build/html/course-kk.pdf"), show_default=True)
def pdf(singlehtml: Path, out: Path) -> None:
    """Print the single-page build of the book to the PDF edition."""
    from ca_course.pdf import print_pdf

    click.echo(msg("cli.pdf", path=print_pdf(singlehtml, out)))


if __name__ == "__main__":
    main()
