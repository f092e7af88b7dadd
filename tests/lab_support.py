"""Start a real JupyterLab on loopback and drive it with Debian's Chromium (Playwright).

One server per test module: ``lab_server(tmp_dir, ...)`` is a context manager meant for a
module-scoped fixture. It starts ``jupyter lab`` from the project's ``.venv`` on 127.0.0.1
at a free port, with a random token, no browser, and its own configuration, data, settings
and workspace folders (nothing is read from or written to the user's ``~/.jupyter``). Its
root folder holds copies of the book's notebooks, so a test may run, edit and save them.

Typical use::

    @pytest.fixture(scope="module")
    def lab(tmp_path_factory):
        with lab_server(tmp_path_factory.mktemp("lab"), notebooks=["l01_security_concept"]) as s:
            yield s

    @pytest.fixture(scope="module")
    def browser():
        with chromium() as b:
            yield b

    def test_x(lab, browser):
        page, log = open_lab_page(browser, lab.notebook_url("l01_security_concept.ipynb"))
        wait_for_notebook(page)
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from browser_support import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, PageLog, attach

__all__ = ["BOOK", "LabServer", "chromium", "lab_server", "open_lab_page", "screenshot",
           "wait_for_notebook"]

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
VENV_BIN = Path(sys.prefix) / "bin"
#: Settings every test Lab starts with: no news or update checks (they would reach the
#: network and open a notification over the notebook).
QUIET_SETTINGS: dict[str, dict[str, Any]] = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                    "checkForUpdates": False},
}


@dataclass
class LabServer:
    """A running JupyterLab: its base URL, token, root folder and environment."""

    url: str
    token: str
    root: Path
    env: dict[str, str]
    settings_dir: Path

    def lab_url(self, path: str = "", workspace: str = "") -> str:
        """Return the URL that opens Lab (on ``path`` under the root, if given).

        A named ``workspace`` starts empty: documents other tests opened are not restored.
        """
        tail = f"/tree/{path}" if path else ""
        space = f"/workspaces/{workspace}" if workspace else ""
        return f"{self.url}/lab{space}{tail}?token={self.token}"

    def notebook_url(self, name: str, workspace: str = "") -> str:
        """Return the URL that opens one notebook of the root folder in Lab."""
        return self.lab_url(name, workspace)

    def api(self, path: str) -> Any:
        """GET a JSON resource of the server's REST API (``path`` starts with ``/api``)."""
        request = urllib.request.Request(f"{self.url}{path}",
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_settings(settings_dir: Path, settings: Mapping[str, Mapping[str, Any]]) -> None:
    """Write user settings (``"pkg:plugin" -> values``) the way Lab stores them."""
    for plugin_id, values in settings.items():
        package, plugin = plugin_id.split(":")
        path = settings_dir / package / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(dict(values), indent=2), encoding="utf-8")


def copy_notebooks(root: Path, notebooks: Iterable[str] | None,
                   book: Path = BOOK) -> list[Path]:
    """Copy book notebooks (stems or file names; all of them if None) into ``root``."""
    if notebooks is None:
        sources = sorted(book.glob("*.ipynb"))
    else:
        sources = [book / (n if n.endswith(".ipynb") else f"{n}.ipynb") for n in notebooks]
    copies = []
    for source in sources:
        copies.append(Path(shutil.copy2(source, root / source.name)))
    if (book / "rise.css").exists():  # the slides' stylesheet, which RISE reads beside them
        shutil.copy2(book / "rise.css", root / "rise.css")
    return copies


@contextlib.contextmanager
def lab_server(tmp_dir: Path, notebooks: Iterable[str] | None = None, *,
               settings: Mapping[str, Mapping[str, Any]] | None = None,
               trust: bool = True, env: Mapping[str, str] | None = None,
               timeout: float = 90.0, book: Path = BOOK) -> Iterator[LabServer]:
    """Run ``jupyter lab`` on 127.0.0.1 over copies of the book notebooks; stop it after.

    ``settings`` are written as user settings before start (e.g.
    ``{"@jupyterlab/translation-extension:plugin": {"locale": "kk_KZ"}}``); ``trust``
    signs the copies with ``jupyter trust`` in the server's own data folder, as the
    project's set-up does for ``book/``; ``env`` adds or overrides environment variables;
    ``book`` is the folder the notebooks are copied from.
    The kernel does not inherit ``CA_COURSE_RENDER`` (the notebook tests set it to
    ``static``): an instructor's kernel renders live widgets.
    """
    root = tmp_dir / "root"
    dirs = {name: tmp_dir / name for name in ("config", "data", "runtime", "settings",
                                               "workspaces")}
    for folder in (root, *dirs.values()):
        folder.mkdir(parents=True, exist_ok=True)
    copies = copy_notebooks(root, notebooks, book)
    write_settings(dirs["settings"], {**QUIET_SETTINGS, **(settings or {})})
    token = secrets.token_hex(16)
    port = free_port()
    server_env = {k: v for k, v in os.environ.items() if k != "CA_COURSE_RENDER"}
    server_env.update({
        "JUPYTER_CONFIG_DIR": str(dirs["config"]),
        "JUPYTER_DATA_DIR": str(dirs["data"]),
        "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
        "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
        "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
        "JUPYTER_PLATFORM_DIRS": "1",
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    })
    server_env.update(env or {})
    if trust and copies:
        subprocess.run([str(VENV_BIN / "jupyter"), "trust", *map(str, copies)], env=server_env,
                       check=True, capture_output=True)
    log_path = tmp_dir / "jupyter-lab.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(VENV_BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1",
             f"--port={port}", "--port-retries=0", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={dirs['settings']}",
             f"--LabApp.workspaces_dir={dirs['workspaces']}",
             "--ServerApp.quit_button=False", "--allow-root",
             "--LabApp.extension_manager=readonly", "--LabApp.expose_app_in_browser=True"],
            cwd=root, env=server_env, stdout=log, stderr=subprocess.STDOUT)
    server = LabServer(url=f"http://127.0.0.1:{port}", token=token, root=root,
                       env=server_env, settings_dir=dirs["settings"])
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited ({process.returncode}):\n"
                                   + log_path.read_text(errors="replace")[-3000:])
            try:
                server.api("/api/status")
                break
            except OSError as error:
                if time.monotonic() > deadline:
                    raise RuntimeError("jupyter lab did not answer /api/status in "
                                       f"{timeout:.0f} s:\n"
                                       + log_path.read_text(errors="replace")[-3000:]) from error
                time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Launch Debian's Chromium headless through Playwright; yield the browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                    headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_lab_page(browser: Any, url: str, *, width: int = 1400,
                  height: int = 900) -> tuple[Any, PageLog]:
    """Open ``url`` in a new page whose requests may not leave 127.0.0.1 (network cut)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    log = PageLog()
    attach(page, log)
    page.goto(url, wait_until="domcontentloaded")
    return page, log


#: True once the notebook on screen has a kernel that is started, connected and idle.
#: The toolbar's execution indicator is no proof: it reads ``idle`` before any kernel
#: exists, and a Run All sent then makes Lab ask "Select Kernel" once per code cell.
KERNEL_READY = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const context = panel && panel.sessionContext;
    const kernel = context && context.session && context.session.kernel;
    return !!(context && context.isReady && kernel && !context.hasNoKernel
              && kernel.connectionStatus === "connected" && kernel.status === "idle");
}"""


def wait_for_notebook(page: Any, *, kernel_idle: bool = False,
                      timeout: float = 120_000) -> None:
    """Wait until Lab shows a notebook's cells (and, if asked, its kernel is up and idle)."""
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=timeout)
    if kernel_idle:
        page.wait_for_function(KERNEL_READY, timeout=timeout)


def screenshot(page: Any, name: str) -> Path:
    """Save a screenshot of the window for a person to look at; return its path.

    It goes to ``_build/screenshots`` like the site's, or to ``$CA_COURSE_SCREENSHOTS``.
    """
    folder = Path(os.environ.get("CA_COURSE_SCREENSHOTS") or SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    return path
