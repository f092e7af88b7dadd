"""The atlas helpers: layers, features, Kazakh labels, vendored assets, weight."""

from __future__ import annotations

import itertools
import json
import math
import re

import folium
import pytest

from ca_course import data, maps
from ca_course.messages import msg
from ca_course.render import ENV_VAR

KB = 1024


def walk(element: object) -> list[object]:
    out = []
    for child in getattr(element, "_children", {}).values():
        out.append(child)
        out += walk(child)
    return out


def markers(course_map: maps.CourseMap) -> list[folium.CircleMarker]:
    return [e for e in walk(course_map.map) if isinstance(e, folium.CircleMarker)]


def test_region_has_the_five_states_in_kazakh() -> None:
    region = maps.region()
    fc = maps.outlines([c.id for c in data.countries() if c.central_asia])
    names = sorted(f["properties"]["name"] for f in fc["features"])
    assert names == sorted(["Қазақстан", "Өзбекстан", "Қырғызстан", "Тәжікстан",
                            "Түрікменстан"])
    capitals = {f["properties"]["capital"] for f in fc["features"]}
    assert "Астана" in capitals and "Нұр-Сұлтан" not in capitals
    assert region.layer_names() == [msg("map.countries"), msg("map.capital")]
    assert len(markers(region)) == sum(p.kind == "capital" for p in data.places())


@pytest.mark.parametrize("theme", list(maps.THEME_COLORS))
def test_theme_map_shows_every_place_of_the_theme(theme: str) -> None:
    course_map = maps.theme(theme)
    expected = [p for p in data.places() if theme in p.themes and maps._in_region(p)]
    assert len(markers(course_map)) == len(expected)
    assert course_map.layer_names()[-1] == msg(f"map.theme.{theme}")


def test_popups_name_their_source_and_notes() -> None:
    doc = maps.theme("ecology").document(inline_assets=False)
    for place in data.places():
        if "ecology" in place.themes and maps._in_region(place):
            assert f"{msg('map.source')}: {place.source.label()}" in doc, place.id


def test_places_map_rejects_unknown_ids() -> None:
    with pytest.raises(KeyError, match="place-nowhere"):
        maps.places(["place-nowhere"], title="x")


def test_enclaves_map_holds_the_fergana_enclaves() -> None:
    course_map = maps.enclaves()
    enclaves = [p for p in data.places() if p.kind == "enclave"]
    assert len(enclaves) >= 4
    shown = {m.location[0] for m in markers(course_map)}
    assert all(p.lat in shown for p in enclaves)


def test_membership_has_one_layer_per_period_with_the_right_members() -> None:
    org = next(o for o in data.organizations() if o.id == "org-csto")
    years = maps.membership_years(org)
    course_map = maps.membership("org-csto")
    expected = [msg("map.members_until", org=org.abbr, year=years[0])]
    expected += [msg("map.members_since", org=org.abbr, year=y) for y in years]
    assert course_map.layer_names() == expected
    first, last = maps.membership_periods(org)[0][1], maps.membership_periods(org)[-1][1]
    assert "UZB" in maps.members_in(org, first) and "UZB" not in maps.members_in(org, last)
    for ms in org.members:
        if ms.left:
            assert ms.country not in maps.members_in(org, ms.left)
            assert ms.country in maps.members_in(org, ms.left - 1)


def test_static_maps_link_the_vendored_assets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "static")
    html = maps.region()._repr_html_()
    links = set(re.findall(r"(?:src|href)=&quot;([^&]+)&quot;", html))
    assert links == {"../vendor/leaflet/leaflet.js", "../vendor/leaflet/leaflet.css",
                     *(f"../{maps.outline_file(key)}" for key in
                       ("KAZ", "UZB", "KGZ", "TJK", "TKM", "RUS", "CHN", "AFG", "IRN"))}
    # folium's one jQuery call gets the stand-in, not the 87 kB library.
    assert "jquery.min.js" not in html and "window.$ = window.jQuery" in html
    assert "cdn" not in html and "Make this Notebook Trusted" not in html


def test_site_maps_share_outlines_and_describe_themselves(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "static")
    course_map = maps.enclaves()
    doc = course_map.document(inline_assets=False)
    # The outlines are references into the shared file, which defines every one of them.
    keys = set(re.findall(r'CA_OUTLINES\["([A-Z]{3}~?)"\]', doc))
    assert {"KAZ", "UZB", "KGZ", "TJK"} <= keys
    assert '"coordinates"' not in doc
    files = maps.outline_scripts()
    for key in keys:
        assert f'[{json.dumps(key)}] = {{' in files[maps.outline_file(key)]
        assert f'<script src="../{maps.outline_file(key)}"></script>' in doc
    assert doc.index("leaflet.js") < doc.index(maps.outline_file("KAZ"))
    # The frame is named and zoomable; the page gets a list of what the map shows.
    assert '<html lang="kk">' in doc and f"<title>{course_map.title}</title>" in doc
    assert "user-scalable=no" not in doc
    assert f"<style>{maps.ATTRIBUTION_CSS}</style>" in doc  # links not told by colour only
    text = course_map.text_alternative()
    assert "Қазақстан" in text and "Сох" in text and msg("map.legend") in text
    assert text in course_map.to_html()
    assert course_map.text_alternative() not in course_map.to_html(inline_assets=True)


def test_live_maps_inline_the_vendored_assets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    html = maps.region()._repr_html_()
    assert "../vendor/" not in html
    assert "Leaflet" in html and "https://cdn" not in html


def test_live_membership_map_has_a_year_slider(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    course_map = maps.membership("org-csto")
    bundle = course_map._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    slider, view = course_map._live.children
    before = view.value
    slider.value = slider.options[0][1]  # the first period: Uzbekistan still a member
    assert view.value != before and "leaflet" in view.value.lower()
    monkeypatch.setenv(ENV_VAR, "static")
    assert set(maps.membership("org-csto")._repr_mimebundle_()) == {"text/html", "text/plain"}


@pytest.mark.parametrize("build", [maps.region, maps.enclaves, maps.corridors,
                                   lambda: maps.theme("ecology"),
                                   lambda: maps.membership("org-csto")])
def test_one_map_adds_at_most_150_kb(build: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "static")
    assert len(build()._repr_html_().encode("utf-8")) <= 150 * KB  # type: ignore[operator]


def _inside(lat: float, lon: float, rings: list) -> bool:
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


def _distance(lat: float, lon: float, rings: list) -> float:
    return min(math.hypot(lat - y, lon - x) for ring in rings for x, y in ring)


def test_places_lie_in_their_country() -> None:
    """At the outlines' 1:110m scale a border place may sit up to 0.6° outside."""
    outlines = {f["properties"]["id"]: f["geometry"] for f in maps.outlines()["features"]}
    wrong = []
    for place in data.places():
        if place.country not in outlines or place.kind in {"river", "sea", "lake", "region"}:
            continue
        geometry = outlines[place.country]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [
            geometry["coordinates"]]
        rings = [ring for polygon in polygons for ring in polygon]
        if not _inside(place.lat, place.lon, rings) and _distance(place.lat, place.lon,
                                                                   rings) > 0.6:
            wrong.append(place.id)
    assert not wrong


def test_outlines_draw_the_fergana_enclaves() -> None:
    """Sokh and Shakhimardan are Uzbek polygons inside Kyrgyzstan, which has holes for them."""
    shapes = {f["properties"]["id"]: f["geometry"] for f in maps.outlines(
        ["UZB", "KGZ", "TJK"])["features"]}
    assert len(shapes["UZB"]["coordinates"]) >= 3
    assert len(shapes["TJK"]["coordinates"]) >= 2
    kyrgyz_rings = [len(polygon) for polygon in shapes["KGZ"]["coordinates"]]
    assert max(kyrgyz_rings) >= 3  # the outer ring and the holes of the enclaves
    sokh = next(p for p in data.places() if p.id == "place-sokh")
    uzbek = [ring for polygon in shapes["UZB"]["coordinates"] for ring in polygon[:1]]
    assert any(_inside(sokh.lat, sokh.lon, [ring]) for ring in uzbek)
