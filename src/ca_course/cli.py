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
    from ca_course.data import validate_content

    problems = validate_content()
    if problems:
        _report_problems(problems)
        sys.exit(1)
    click.echo(msg("cli.valid", n=len(list((REPO / "src").glob("**/content/**/*.yaml")))
                   or "—"))


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
@click.option("--format", "fmt", type=click.Choice(["moodle-xml", "gift"]), required=True)
@click.option("--lecture", default=None, help="One lecture id such as l01; all when omitted.")
@click.option("--out", type=click.Path(path_type=Path), required=True)
def quiz_export(fmt: str, lecture: str | None, out: Path) -> None:
    """Write question banks in a format Moodle imports."""
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


if __name__ == "__main__":
    main()
