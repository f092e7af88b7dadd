"""Outputs stored in the notebooks work in JupyterLab before anything runs; the site stays light."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest

from ca_course import maps, quiz
from ca_course.messages import msg
from ca_course.render import ENV_VAR, inline_assets, mode

BOOK = Path(__file__).resolve().parents[1] / "book"
LECTURES = sorted(BOOK.glob("l[0-9][0-9]_*.ipynb"))


def html_outputs(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html:
                found.append("".join(html) if isinstance(html, list) else html)
    return found


@pytest.mark.parametrize("path", LECTURES, ids=lambda p: p.stem)
def test_stored_maps_and_quiz_need_nothing_from_the_site(path: Path) -> None:
    outputs = html_outputs(path)
    stored_maps = [h for h in outputs if 'class="ca-map"' in h]
    quizzes = [h for h in outputs if 'class="caq"' in h]
    assert stored_maps and len(quizzes) == 1, f"{path.name}: no stored map or quiz output"
    for html in stored_maps:
        assert "vendor/" not in html, f"{path.name}: a stored map loads a site-only path"
        assert "L.map(" in html or "L.map =" in html or "window.L" in html
        assert escape(msg("map.run_cell")) in html  # shown only where Lab strips the map
    assert escape(msg("quiz.run_cell")) in quizzes[0]


def test_render_modes(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, expected in (("static", "static"), ("notebook", "notebook"), ("", "live")):
        monkeypatch.setenv(ENV_VAR, value)
        assert mode() == expected
        assert inline_assets() == (expected != "static")


def test_the_site_keeps_its_shared_leaflet_and_no_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "static")
    site_map = maps.region()._repr_html_()
    site_quiz = quiz.Quiz(quiz.show("l01").bank)._repr_mimebundle_()["text/html"]
    monkeypatch.setenv(ENV_VAR, "notebook")
    stored_map = maps.region()._repr_html_()
    assert "../vendor/leaflet/leaflet.js" in site_map and "ca-untrusted" not in site_map
    assert "caq-untrusted" not in site_quiz
    assert len(site_map) < 150_000 < len(stored_map)  # Leaflet travels with the stored map
