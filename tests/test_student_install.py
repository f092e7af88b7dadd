"""A student at home: the published wheel installs into a fresh venv and runs a lecture.

The book build publishes ``_downloads/ca_course-<version>-py3-none-any.whl`` (see
``book/_ext/ca_wheel.py``); the student guide links it with the exact ``pip install``
command. Here a new venv (no system site-packages) gets ipykernel, then a lecture copied out
of the repository runs in it twice with nbclient: first without the course package (its
setup cell must print the Kazakh install instruction and stop), then after installing the
published wheel with its bounded dependencies (it must run with no error and show the quiz
and the map). The installs read only ``.venv/wheelhouse``, which ``dev.py``'s set-up fills
with the pinned wheels, so the test needs no network.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
import yaml
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from ca_course import data

ROOT = Path(__file__).resolve().parents[1]
WHEELHOUSE = ROOT / ".venv" / "wheelhouse"
LECTURE = data.lectures()[0]

_spec = importlib.util.spec_from_file_location("setup_cell", ROOT / "tools" / "setup_cell.py")
setup_cell = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(setup_cell)


def requirement_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)$", line.strip())
        if match:
            pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return pins


def published_wheel(site: Path) -> Path:
    wheel = site / "_downloads" / setup_cell.wheel_name()
    assert wheel.is_file(), f"the build did not publish {wheel}"
    return wheel


def test_runtime_dependencies_are_bounded_by_the_pins() -> None:
    """A fresh install resolves every dependency to at most the version the book used."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = requirement_pins()
    for requirement in project["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0)
        pin = pins.get(re.sub(r"[-_.]+", "-", name).lower())
        assert pin, f"{name} is a runtime dependency but not pinned in requirements.txt"
        assert f"<={pin}" in requirement or f"=={pin}" in requirement, \
            f"pyproject.toml: {requirement!r} must be bounded by requirements.txt's {name}=={pin}"


def solution_lines() -> list[str]:
    lines = []
    for path in sorted((ROOT / "instructor" / "keys").glob("*.yaml")):
        for key in yaml.safe_load(path.read_text(encoding="utf-8"))["keys"]:
            lines += [line.strip() for line in key["solution"].splitlines()
                      if len(line.strip()) >= 25 and not line.strip().startswith(
                          ("import ", "from ", "#"))]
    return lines


def test_published_wheel_holds_the_content_but_no_key(site_dir: Path) -> None:
    with zipfile.ZipFile(published_wheel(site_dir)) as wheel:
        names = wheel.namelist()
        texts = {name: wheel.read(name).decode("utf-8", errors="replace") for name in names}
    for folder in ("content/quizzes", "content/exercises"):
        assert any(n.startswith(f"ca_course/{folder}/") and n.endswith(".yaml") for n in names)
    assert "ca_course/content/lectures.yaml" in names
    assert any(n.endswith(".geojson") for n in names), "map outlines missing"
    assert any(n.startswith("ca_course/assets/") and n.endswith(".js") for n in names)
    assert not [n for n in names if "instructor" in n or "/keys/" in n]
    keys_shaped = [n for n, t in texts.items() if n.endswith(".yaml") and "solution:" in t]
    assert not keys_shaped, f"files shaped like instructor keys: {keys_shaped}"
    snippets = solution_lines()
    assert len(snippets) >= 8
    leaks = [(n, s) for n, t in texts.items() for s in snippets if s in t]
    assert not leaks, f"solution lines in the wheel: {leaks[:3]}"


def test_student_guide_links_the_wheel_and_the_command(site_dir: Path) -> None:
    page = (site_dir / "book" / "student_guide.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]+\.whl)"', page)
    assert hrefs, "the student guide has no link to the wheel"
    for href in hrefs:
        assert ((site_dir / "book" / href).resolve() == published_wheel(site_dir).resolve())
    command = setup_cell.install_command()
    assert command in page.replace("\n", " ") or command in re.sub(r"<[^>]+>", "", page)


def test_readme_gives_the_students_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", readme, flags=re.S)
    assert blocks[0] == "python3 dev.py build\npython3 dev.py test\n", \
        "the README's first code block must stay the two set-up commands"
    # Near the top: right after the set-up commands' block, before the course description.
    top = readme.split("\n## ", 1)[0]
    assert f"```bash\n{setup_cell.install_command()}\n```" in top
    assert setup_cell.wheel_name() in (ROOT / "book" / "student_guide.md").read_text(
        encoding="utf-8")


@dataclass
class HomeRuns:
    """Two runs of the same downloaded lecture in a student's fresh venv."""

    venv: Path
    without_package: nbformat.NotebookNode
    without_error: str
    with_package: nbformat.NotebookNode


def run_lecture(path: Path, kernel_dir: Path) -> tuple[nbformat.NotebookNode, str]:
    """Execute a notebook with the venv's kernel; return it and the error text (or "")."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:  # what this run shows, not the outputs stored in the book
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    manager = KernelManager(kernel_name="student-home",
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernel_dir)]))
    client = NotebookClient(notebook, km=manager, timeout=300,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        return notebook, str(error)
    return notebook, ""


def pip_install(venv: Path, *requirements: str) -> None:
    """Install from the wheelhouse only (no index); skip byte-compiling, which is slow."""
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                    "--no-compile", "--disable-pip-version-check", "--no-index",
                    "--find-links", str(WHEELHOUSE), *requirements], check=True, timeout=600)


@pytest.fixture(scope="module")
def home(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> HomeRuns:
    """A student's computer: a new venv, a downloaded lecture, then the published wheel."""
    assert WHEELHOUSE.is_dir(), "run `python3 dev.py build` (its set-up fills .venv/wheelhouse)"
    wheel = published_wheel(site_dir)
    home_dir = tmp_path_factory.mktemp("student-home")
    venv = home_dir / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip_install(venv, "ipykernel")
    kernel_dir = home_dir / "kernels"
    (kernel_dir / "student-home").mkdir(parents=True)
    (kernel_dir / "student-home" / "kernel.json").write_text(
        '{"argv": ["%s", "-m", "ipykernel_launcher", "-f", "{connection_file}"],'
        ' "display_name": "student", "language": "python"}' % (venv / "bin" / "python"),
        encoding="utf-8")
    downloads = home_dir / "Downloads"
    downloads.mkdir()
    lecture = downloads / Path(LECTURE.file).name
    shutil.copy2(ROOT / LECTURE.file, lecture)
    shutil.copy2(wheel, downloads / wheel.name)

    with pytest.MonkeyPatch.context() as patch:
        # At home nothing selects the book's static rendering, and nothing points at src/.
        patch.delenv("CA_COURSE_RENDER", raising=False)
        patch.delenv("PYTHONPATH", raising=False)
        without, error = run_lecture(lecture, kernel_dir)
        pip_install(venv, str(downloads / wheel.name))
        nb = nbformat.read(lecture, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(
            "import sys, ca_course\nprint(sys.prefix)\nprint(ca_course.__file__)"))
        nbformat.write(nb, lecture)
        with_package, error_after = run_lecture(lecture, kernel_dir)
    assert not error_after, f"the lecture failed after installing the wheel:\n{error_after}"
    return HomeRuns(venv, without, error, with_package)


def test_home_venv_is_isolated(home: HomeRuns) -> None:
    config = (home.venv / "pyvenv.cfg").read_text(encoding="utf-8")
    assert "include-system-site-packages = false" in config


def test_without_the_package_the_setup_cell_says_what_to_install(home: HomeRuns) -> None:
    assert "ModuleNotFoundError" in home.without_error
    first = home.without_package.cells[0]
    printed = "".join(o.get("text", "") for o in first.outputs if o.output_type == "stream")
    assert printed.strip() == setup_cell.install_message().strip()
    assert setup_cell.install_command() in printed and "орнатылмаған" in printed
    assert [o.ename for o in first.outputs if o.output_type == "error"] == ["ModuleNotFoundError"]
    # Run All stops at the setup cell instead of piling NameErrors below it.
    assert not any(c.get("outputs") for c in home.without_package.cells[1:]
                   if c.cell_type == "code")


def test_with_the_wheel_the_lecture_runs_with_quiz_and_map(home: HomeRuns) -> None:
    cells = [c for c in home.with_package.cells if c.cell_type == "code"]
    errors = [o for c in cells for o in c.outputs if o.output_type == "error"]
    assert not errors
    prefix, module = cells[-1].outputs[0]["text"].split()
    assert Path(prefix).resolve() == home.venv.resolve(), "the kernel ran outside the new venv"
    assert Path(module).resolve().is_relative_to(home.venv.resolve()), \
        "ca_course was not imported from the installed wheel"
    quiz_cell = next(c for c in cells if f'quiz.show("{LECTURE.id}")' in c.source)
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
               for o in quiz_cell.outputs), "the live quiz widget is missing"
    map_cells = [c for c in cells if re.search(r"\bmaps\.\w+\(", c.source)]
    assert map_cells
    map_html = "".join(str(o.get("data", {})) for c in map_cells for o in c.outputs)
    assert "<iframe" in map_html and "srcdoc" in map_html, "the map output is missing"
    assert "vendor/leaflet" not in map_html, "a map at home cannot load the site's vendor/ folder"
