"""Draw folium maps from the course's place, country and membership data.

Every map is a :class:`CourseMap`: a folium map plus the way it is shown. In the book
it is an ``<iframe srcdoc>`` whose Leaflet and jQuery come from the site's vendored
copies (``vendor/`` at the site root, shared and cached by all maps); in the outputs
stored in the notebooks and in a live kernel the same files are inlined (see
:mod:`ca_course.render`), so nothing is fetched from a CDN either way.
Country outlines and places are vectors, so a map stays readable without tiles. The
outlines are Natural Earth's (1:10m for the Central Asian states, which draws the Fergana
enclaves; 1:50m for their neighbours), packaged in ``content/outlines.geojson``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import cache
from html import escape, unescape
from importlib import resources
from typing import Any

import folium
from jinja2 import Template

from ca_course import data
from ca_course import models as m
from ca_course.messages import msg
from ca_course.render import NOTEBOOK, display_helper, inline_assets, is_static, mode

__all__ = [
    "THEME_COLORS",
    "CourseMap",
    "corridors",
    "enclaves",
    "membership",
    "outlines",
    "places",
    "region",
    "theme",
]

# Pages live one folder below the site root (book/*.html); vendor/ sits at the root.
SITE_PREFIX = "../"
VENDOR_JS = (("leaflet", "vendor/leaflet/leaflet.js"), ("jquery", "vendor/jquery/jquery.min.js"))
VENDOR_CSS = (("leaflet_css", "vendor/leaflet/leaflet.css"),)
REGION_BOUNDS = ((35.0, 46.0), (55.5, 88.0))  # (south, west), (north, east)
FERGANA_BOUNDS = ((39.6, 69.8), (41.4, 73.6))
NEIGHBOURS = ("RUS", "CHN", "AFG", "IRN")
THEME_COLORS: dict[str, str] = {
    "ecology": "#1b7f3a", "conflict": "#b3261e", "military": "#5b3a8e",
    "economy": "#b36b00", "diplomacy": "#1a5f7a", "silk-road": "#8a6d3b",
}
# Each Fergana valley state in its own colour, so that an enclave stands out in its host.
FERGANA_FILLS = {"UZB": "#cfe3ec", "KGZ": "#f6dfb8", "TJK": "#d5ead0"}
ORG_COLORS = {"member": "#1a5f7a", "observer": "#e0a526", "partner": "#7fb3c9"}
OUTLINE_DIGITS = 2


class CourseMap:
    """A folium map that renders itself for the book or for a live notebook."""

    def __init__(self, fmap: folium.Map, *, title: str, height: int = 460,
                 live: Any = None) -> None:
        self.map = fmap
        self.title = title
        self.height = height
        self._live = live  # an optional ipywidgets control shown above the map in Jupyter

    def __repr__(self) -> str:
        return f"<CourseMap {self.title!r}>"

    def layer_names(self) -> list[str]:
        """Return the names of the map's feature groups, in order."""
        return [child.layer_name for child in self.map._children.values()
                if isinstance(child, folium.FeatureGroup)]

    def document(self, *, inline_assets: bool) -> str:
        """Return the map as a standalone HTML document."""
        html = self.map.get_root().render()
        return _inline_assets(html) if inline_assets else _site_document(html, self.title)

    def text_alternative(self) -> str:
        """Return a list, for screen readers, of what the map shows: layers, places, legend.

        It is read from the folium map itself (the same data the map draws), in Kazakh.
        """
        items = []
        for child in self.map._children.values():
            if not isinstance(child, folium.FeatureGroup):
                continue
            names = [name for sub in child._children.values() for name in _shown_names(sub)]
            if names:
                items.append(f"<li>{escape(child.layer_name)}: {escape(', '.join(names))}</li>")
        legend = getattr(self.map, "_ca_legend", ())
        if legend:
            labels = ", ".join(label for label, _ in legend)
            items.append(f"<li>{escape(msg('map.legend'))}: {escape(labels)}</li>")
        return (f'<div class="ca-sr-only ca-map-text"><p>{escape(msg("map.described"))} '
                f'«{escape(self.title)}»:</p><ul>{"".join(items)}</ul></div>')

    def to_html(self, *, inline_assets: bool = False, untrusted_note: bool = False) -> str:
        """Return the iframe that shows the map inside a page.

        ``untrusted_note`` adds a line, removed by a script as soon as the output is
        shown with scripts allowed, that tells a JupyterLab user who opened an untrusted
        notebook (Lab then strips the map) to run the cell.
        """
        doc = self.document(inline_assets=inline_assets)
        note = (f'<span class="ca-untrusted"> {escape(msg("map.run_cell"))}</span>'
                "<script>document.currentScript.parentNode.querySelectorAll('.ca-untrusted')"
                ".forEach(function (e) { e.remove(); });</script>" if untrusted_note else
                f'<noscript> {escape(msg("map.no_iframe"))}</noscript>')
        return (f'<figure class="ca-map" style="margin:1rem 0">'
                f'<iframe title="{escape(self.title)}" srcdoc="{escape(doc, quote=True)}" '
                f'style="width:100%;height:{self.height}px;border:1px solid #d0d7de;'
                f'border-radius:6px" sandbox="allow-scripts allow-popups"></iframe>'
                f'{"" if inline_assets else self.text_alternative()}'
                f'<figcaption style="font-size:.9rem;color:#555">{escape(self.title)}{note}'
                "</figcaption></figure>")

    def _repr_html_(self) -> str:
        return self.to_html(inline_assets=inline_assets(), untrusted_note=mode() == NOTEBOOK)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        if self._live is not None and not is_static():
            return self._live._repr_mimebundle_(include=include, exclude=exclude)
        return {"text/html": self._repr_html_(), "text/plain": repr(self)}


@cache
def _vendor_text(path: str) -> str:
    return (resources.files("ca_course") / "assets" / "site" / path).read_text(encoding="utf-8")


#: folium uses jQuery only as ``$(`<html>`)[0]`` (to build a popup's element). A map that
#: carries its scripts inline gets this 0.2 kB stand-in instead of 87 kB of jQuery.
JQUERY_STANDIN = ("window.$ = window.jQuery = function (html) { var t = document.createElement("
                  "'template'); t.innerHTML = String(html).trim(); "
                  "return [t.content.firstElementChild]; };")


def _inline_assets(html: str) -> str:
    jquery_calls = re.findall(r"\$\((.)", html)
    for name, path in VENDOR_JS:
        tag = re.compile(r'<script src="' + re.escape(SITE_PREFIX + path) + r'"></script>')
        if name == "jquery" and all(c == "`" for c in jquery_calls):
            html = tag.sub(lambda _m: f"<script>{JQUERY_STANDIN}</script>", html)
            continue
        html = tag.sub(lambda _m, p=path: f"<script>{_vendor_text(p)}</script>", html)
    for _, path in VENDOR_CSS:
        tag = re.compile(r'<link rel="stylesheet" href="' + re.escape(SITE_PREFIX + path)
                         + r'"\s*/?>')
        html = tag.sub(lambda _m, p=path: f"<style>{_vendor_text(p)}</style>", html)
    return html


#: Country outlines shared by every map of the site, one file per outline (written by
#: book/_ext/ca_sphinx.py into ``vendor/outlines/``): a map loads only the outlines it
#: draws, and a page with several maps loads each of them once.
OUTLINES_DIR = "vendor/outlines"


@cache
def _shared_geometries() -> dict[str, str]:
    """Return ``{key: geometry JSON as folium writes it}`` for every outline a map can draw."""
    shared = {}
    for country in data.countries():
        for detailed, suffix in ((True, ""), (False, "~")):
            feature = _outline(country, detailed)
            if feature is not None:
                shared.setdefault(json.dumps(feature["geometry"], sort_keys=True),
                                  country.id + suffix)
    return {key: text for text, key in shared.items()}


def outline_file(key: str) -> str:
    """Return the site path of the file that defines ``CA_OUTLINES[key]``.

    >>> outline_file("KAZ"), outline_file("KAZ~")
    ('vendor/outlines/KAZ.js', 'vendor/outlines/KAZ-small.js')
    """
    return f"{OUTLINES_DIR}/{key.replace('~', '-small')}.js"


def outline_scripts() -> dict[str, str]:
    """Return ``{site path: JavaScript}``: one file per outline, each adding to ``CA_OUTLINES``."""
    return {outline_file(key): f"(window.CA_OUTLINES = window.CA_OUTLINES || {{}})"
                               f"[{json.dumps(key)}] = {text};\n"
            for key, text in _shared_geometries().items()}


ATTRIBUTION_CSS = ".leaflet-control-attribution a { text-decoration: underline; }"


def _site_document(html: str, title: str) -> str:
    """Make a map document fit for the site: named, zoomable, outlines shared, no jQuery.

    The frame gets ``lang`` and a ``<title>``, its viewport lets a reader zoom (WCAG 1.4.4),
    every country outline becomes a reference into its file under ``vendor/outlines/``
    (loaded after Leaflet), and folium's one use of jQuery (``$(`<html>`)[0]``) gets the
    0.2 kB :data:`JQUERY_STANDIN` instead of the 87 kB library.
    """
    html = html.replace("<html>", '<html lang="kk">', 1)
    html = html.replace("<head>", f"<head>\n<title>{escape(title)}</title>", 1)
    html = re.sub(r",\s*maximum-scale=1\.0,\s*user-scalable=no", "", html, count=1)
    used = []
    for key, text in _shared_geometries().items():
        if text in html:
            html = html.replace(text, f"CA_OUTLINES[{json.dumps(key)}]")
            used.append(key)
    if used:
        leaflet = f'<script src="{SITE_PREFIX}{VENDOR_JS[0][1]}"></script>'
        scripts = "".join(f'\n<script src="{SITE_PREFIX}{outline_file(key)}"></script>'
                          for key in used)
        html = html.replace(leaflet, leaflet + scripts, 1)
    # Leaflet's attribution links differ from their text by colour only (2.55:1 against the
    # text, WCAG 1.4.1 wants 3:1 or another cue): underline them.
    html = html.replace("</head>", f"<style>{ATTRIBUTION_CSS}</style>\n</head>", 1)
    if all(c == "`" for c in re.findall(r"\$\((.)", html)):
        jquery = f'<script src="{SITE_PREFIX}{VENDOR_JS[1][1]}"></script>'
        html = html.replace(jquery, f"<script>{JQUERY_STANDIN}</script>", 1)
    return html


def _shown_names(element: Any) -> list[str]:
    """Return the names a map element shows: a marker's or line's tooltip, a layer's states."""
    if isinstance(element, folium.GeoJson):
        names = []
        for feature in element.data.get("features", []):
            props = feature.get("properties", {})
            role = props.get("role")
            if role == "":  # a membership layer: a state without a role is not shown as one
                continue
            names.append(f"{props.get('name', '')} ({role})" if role else props.get("name", ""))
        return [n for n in names if n]
    return [unescape(sub.text) for sub in element._children.values()
            if isinstance(sub, folium.Tooltip)]


def _new_map(bounds: tuple[tuple[float, float], tuple[float, float]]) -> folium.Map:
    fmap = folium.Map(tiles=None, control_scale=True, zoom_control=True, prefer_canvas=False)
    # Per instance, never the class-level lists: vendored files instead of CDNs.
    fmap.default_js = [(name, SITE_PREFIX + path) for name, path in VENDOR_JS]
    fmap.default_css = [(name, SITE_PREFIX + path) for name, path in VENDOR_CSS]
    folium.TileLayer("OpenStreetMap", name=msg("map.tiles"), control=False,
                     attr="© OpenStreetMap").add_to(fmap)
    fmap.fit_bounds([list(bounds[0]), list(bounds[1])])
    _RefitOnResize(bounds).add_to(fmap)
    return fmap


class _RefitOnResize(folium.MacroElement):
    """Fit the map to its bounds again whenever its frame changes size.

    A map laid out while hidden or off-screen (a phone rotating, the PDF printer) would
    otherwise keep the world-wide zoom it computed for a zero-sized frame.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var bounds = {{ this.bounds|tojson }};
            function refit() { map.invalidateSize(); map.fitBounds(bounds); }
            window.addEventListener("resize", refit);
            window.addEventListener("load", refit);
            window.matchMedia("print").addEventListener("change", refit);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, bounds: tuple[tuple[float, float], tuple[float, float]]) -> None:
        super().__init__()
        self._name = "RefitOnResize"
        self.bounds = [list(bounds[0]), list(bounds[1])]


def _round(coords: Any) -> Any:
    if isinstance(coords, list | tuple) and coords and isinstance(coords[0], int | float):
        return [round(float(c), OUTLINE_DIGITS) for c in coords]
    return [_round(c) for c in coords]


@cache
def _natural_earth() -> dict[str, dict[str, Any]]:
    """Return the packaged outlines by country id (see tools/make_outlines.py)."""
    path = resources.files("ca_course") / "content" / "outlines.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["id"]: f["geometry"] for f in collection["features"]}


@cache
def _outline(country: m.Country, detailed: bool = True) -> dict[str, Any] | None:
    """Return a state's outline: detailed for Central Asia, 1:110m otherwise."""
    geometry = _natural_earth().get(country.id) if detailed and country.central_asia else None
    if geometry is None:  # a neighbour, or a light map: countryinfo's 1:110m outline
        from countryinfo import CountryInfo  # imported lazily: it reads its data files

        try:
            collection = CountryInfo((country.name.en or "").lower()).geo_json()
        except (KeyError, AttributeError, TypeError, ValueError):
            return None
        features = collection.get("features") or []
        if not features:
            return None
        raw = features[0]["geometry"]
        geometry = {"type": raw["type"], "coordinates": _round(raw["coordinates"])}
    return {"type": "Feature", "geometry": geometry,
            "properties": {"id": country.id, "name": country.name.kk,
                           "capital": country.capital}}


def outlines(ids: Iterable[str] | None = None, *, detailed: bool = True) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection of country outlines with Kazakh names.

    Examples
    --------
    >>> fc = outlines(["KAZ", "UZB"])
    >>> [f["properties"]["name"] for f in fc["features"]]
    ['Қазақстан', 'Өзбекстан']
    """
    wanted = None if ids is None else list(ids)
    features = []
    for country in data.countries():
        if wanted is not None and country.id not in wanted:
            continue
        feature = _outline(country, detailed)
        if feature is not None:
            features.append(feature)
    if wanted is not None:
        features.sort(key=lambda f: wanted.index(f["properties"]["id"]))
    return {"type": "FeatureCollection", "features": features}


def _countries_layer(fmap: folium.Map, *, highlight: Sequence[str] = (),
                     fills: dict[str, str] | None = None) -> None:
    ca = [c.id for c in data.countries() if c.central_asia]
    collection = outlines([*ca, *NEIGHBOURS])
    hl = set(highlight) or set(ca)
    fills = fills or {}
    group = folium.FeatureGroup(name=msg("map.countries"), control=False)
    folium.GeoJson(
        collection,
        style_function=lambda f: {
            "color": "#555", "weight": 1.2,
            "fillColor": fills.get(f["properties"]["id"],
                                   "#cfe3ec" if f["properties"]["id"] in hl else "#eeeeee"),
            "fillOpacity": 0.55},
        tooltip=folium.GeoJsonTooltip(fields=["name", "capital"],
                                      aliases=["", msg("map.capital") + ":"], labels=True),
        name=msg("map.countries"),
    ).add_to(group)
    group.add_to(fmap)


def _js_safe(text: str) -> str:
    """Escape text for folium templates that place it inside a JS template literal."""
    return escape(text).replace("`", "&#96;").replace("${", "&#36;{")


def _popup(place: m.Place) -> folium.Popup:
    parts = [f"<b>{_js_safe(place.name)}</b>", f"<p>{_js_safe(place.description)}</p>"]
    if place.text_form:
        parts.append(f"<p><i>«{_js_safe(place.text_form)}»</i></p>")
    if place.note:
        parts.append(f"<p><b>{_js_safe(msg('map.note'))}:</b> {_js_safe(place.note)}</p>")
    parts.append(f"<p>{_js_safe(msg('map.source'))}: {_js_safe(place.source.label())}</p>")
    return folium.Popup("".join(parts), max_width=280)


def _place_marker(place: m.Place, color: str) -> folium.CircleMarker:
    return folium.CircleMarker(
        location=(place.lat, place.lon), radius=7, color="#ffffff", weight=1.5,
        fill=True, fill_color=color, fill_opacity=0.95,
        tooltip=folium.Tooltip(_js_safe(place.name)), popup=_popup(place))


def _legend(fmap: folium.Map, entries: Sequence[tuple[str, str]]) -> None:
    rows = "".join(
        f'<div><span style="display:inline-block;width:12px;height:12px;border-radius:50%;'
        f'background:{color};margin-right:6px"></span>{escape(label)}</div>'
        for label, color in entries)
    html = (f'<div style="position:absolute;bottom:26px;right:8px;z-index:1000;max-width:60%;'
            f'background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;'
            f'font:12px/1.4 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)">'
            f'<b>{escape(msg("map.legend"))}</b>{rows}</div>')
    fmap.get_root().html.add_child(folium.Element(html))
    fmap._ca_legend = list(entries)  # read by CourseMap.text_alternative


def _by_id(ids: Iterable[str]) -> list[m.Place]:
    known = {p.id: p for p in data.places()}
    missing = [i for i in ids if i not in known]
    if missing:
        raise KeyError(f"unknown place ids: {', '.join(missing)}; see content/places.yaml")
    return [known[i] for i in ids]


def _themed(fmap: folium.Map, chosen: Sequence[m.Place], themes: Sequence[str],
            extra_legend: Sequence[tuple[str, str]] = ()) -> None:
    for name in themes:
        group = folium.FeatureGroup(name=msg(f"map.theme.{name}"), show=True)
        for place in chosen:
            if (place.themes[0] if place.themes else None) == name:
                _place_marker(place, THEME_COLORS[name]).add_to(group)
        group.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    _legend(fmap, [(msg(f"map.theme.{t}"), THEME_COLORS[t]) for t in themes]
            + list(extra_legend))


@display_helper
def region(*, title: str | None = None) -> CourseMap:
    """Return the region: the five states, their neighbours and capitals."""
    fmap = _new_map(REGION_BOUNDS)
    _countries_layer(fmap)
    capitals = [p for p in data.places() if p.kind == "capital"]
    group = folium.FeatureGroup(name=msg("map.capital"))
    for place in capitals:
        _place_marker(place, THEME_COLORS["diplomacy"]).add_to(group)
    group.add_to(fmap)
    return CourseMap(fmap, title=title or msg("map.countries"))


@display_helper
def places(ids: Sequence[str], *, title: str) -> CourseMap:
    """Return a map of the given places, grouped by their first theme."""
    chosen = _by_id(ids)
    fmap = _new_map(_bounds(chosen))
    _countries_layer(fmap)
    themes = [t for t in THEME_COLORS if any(p.themes and p.themes[0] == t for p in chosen)]
    _themed(fmap, chosen, themes)
    return CourseMap(fmap, title=title)


@display_helper
def theme(name: str, *, title: str | None = None) -> CourseMap:
    """Return every place of one theme (ecology, conflict, military, economy, …)."""
    if name not in THEME_COLORS:
        raise ValueError(f"unknown theme {name!r}; choose one of {', '.join(THEME_COLORS)}")
    chosen = [p for p in data.places() if name in p.themes and _in_region(p)]
    fmap = _new_map(_bounds(chosen))
    _countries_layer(fmap)
    group = folium.FeatureGroup(name=msg(f"map.theme.{name}"))
    for place in chosen:
        _place_marker(place, THEME_COLORS[name]).add_to(group)
    group.add_to(fmap)
    _legend(fmap, [(msg(f"map.theme.{name}"), THEME_COLORS[name])])
    return CourseMap(fmap, title=title or msg(f"map.theme.{name}"))


@display_helper
def enclaves(*, title: str | None = None) -> CourseMap:
    """Return the Fergana valley with its enclaves and conflict sites."""
    chosen = [p for p in data.places() if _inside(p, FERGANA_BOUNDS)
              and ("conflict" in p.themes or p.kind == "enclave")]
    fmap = _new_map(FERGANA_BOUNDS)
    _countries_layer(fmap, fills=FERGANA_FILLS)
    names = {c.id: c.name.kk for c in data.countries()}
    _themed(fmap, chosen, ["conflict"],
            [(names[iso], color) for iso, color in FERGANA_FILLS.items()])
    return CourseMap(fmap, title=title or msg("map.theme.conflict"))


@display_helper
def corridors(*, title: str | None = None) -> CourseMap:
    """Return the transport corridors the sources describe, as lines through places."""
    known = {p.id: p for p in data.places()}
    lines = data.corridors()
    stops = [known[i] for c in lines for i in c.places]
    fmap = _new_map(_bounds(stops) if stops else REGION_BOUNDS)
    _countries_layer(fmap)
    group = folium.FeatureGroup(name=msg("map.corridors"))
    for corridor in lines:
        points = [(known[i].lat, known[i].lon) for i in corridor.places]
        text = f"{corridor.name}: {corridor.description} ({msg('map.source')}: " \
               f"{corridor.source.label()})"
        folium.PolyLine(points, color=THEME_COLORS["economy"], weight=4,
                        tooltip=folium.Tooltip(_js_safe(corridor.name)),
                        popup=folium.Popup(_js_safe(text), max_width=280)).add_to(group)
        for place in (known[i] for i in corridor.places):
            _place_marker(place, THEME_COLORS["economy"]).add_to(group)
    group.add_to(fmap)
    _legend(fmap, [(msg("map.corridors"), THEME_COLORS["economy"])])
    return CourseMap(fmap, title=title or msg("map.corridors"))


def membership_years(org: m.Organization) -> list[int]:
    """Return the years at which the organization's membership changes."""
    years = {y for ms in org.members for y in (ms.joined, ms.left) if y}
    return sorted(years)


def membership_periods(org: m.Organization) -> list[tuple[str, int]]:
    """Return ``(label, year)`` for each period of unchanged membership, oldest first.

    ``year`` is a year inside the period, for :func:`members_in`. When the sources give
    some members no joining year, the first period runs up to the first change.
    """
    label = org.abbr or org.name.kk
    years = membership_years(org)
    periods = []
    if not years or any(ms.joined is None for ms in org.members):
        if years:
            periods.append((msg("map.members_until", org=label, year=years[0]), years[0] - 1))
        else:
            periods.append((msg("map.members_now", org=label), 0))
    periods += [(msg("map.members_since", org=label, year=y), y) for y in years]
    return periods


def members_in(org: m.Organization, year: int) -> dict[str, str]:
    """Return ``{country: role}`` of the organization in ``year``, as the sources state.

    A membership without a joining year counts from the start; one with a leaving
    year stops in that year.
    """
    out = {}
    for ms in org.members:
        if (ms.joined is None or ms.joined <= year) and (ms.left is None or year < ms.left):
            out[ms.country] = ms.role
    return out


def _org(org_id: str) -> m.Organization:
    for org in data.organizations():
        if org.id == org_id:
            return org
    raise KeyError(f"unknown organization {org_id!r}; see content/orgs.yaml")


def _membership_map(org: m.Organization,
                    periods: Sequence[tuple[str, int]]) -> folium.Map:
    fmap = _new_map(REGION_BOUNDS)
    all_ids = {ms.country for ms in org.members}
    shapes = outlines(sorted(all_ids | {c.id for c in data.countries() if c.central_asia}),
                      detailed=False)
    for index, (name, year) in enumerate(periods):
        roles = members_in(org, year)
        group = folium.FeatureGroup(name=name, overlay=False, show=index == len(periods) - 1)
        collection = {"type": "FeatureCollection", "features": [
            {**f, "properties": {**f["properties"], "role": msg(
                "map." + roles[f["properties"]["id"]]) if f["properties"]["id"] in roles else ""}}
            for f in shapes["features"]]}
        folium.GeoJson(
            collection,
            style_function=lambda f, roles=roles: {
                "color": "#555", "weight": 1,
                "fillColor": ORG_COLORS.get(roles.get(f["properties"]["id"], ""), "#eeeeee"),
                "fillOpacity": 0.7},
            tooltip=folium.GeoJsonTooltip(fields=["name", "role"], aliases=["", ""]),
        ).add_to(group)
        group.add_to(fmap)
    if len(periods) > 1:
        folium.LayerControl(collapsed=False).add_to(fmap)
    roles_used = {ms.role for ms in org.members}
    _legend(fmap, [(msg(f"map.{role}"), ORG_COLORS[role]) for role in ORG_COLORS
                   if role in roles_used])
    return fmap


@display_helper
def membership(org_id: str, *, title: str | None = None) -> CourseMap:
    """Return the member states of an organization, period by period.

    In the book: one layer per period, chosen with the layer control. In a live
    kernel: a slider over the periods above the map.
    """
    org = _org(org_id)
    periods = membership_periods(org)
    caption = title or f"{org.abbr or org.name.kk}: {org.name.kk}"
    course_map = CourseMap(_membership_map(org, periods), title=caption)
    if not is_static() and len(periods) > 1:
        course_map._live = _membership_slider(org, periods, caption)
    return course_map


def _membership_slider(org: m.Organization, periods: Sequence[tuple[str, int]],
                       caption: str) -> Any:
    import ipywidgets as w

    slider = w.SelectionSlider(options=list(periods), value=periods[-1][1],
                               description=msg("map.year"), continuous_update=False,
                               layout=w.Layout(width="95%"))
    view = w.HTML()
    by_year = {year: (label, year) for label, year in periods}

    def draw(year: int) -> None:
        single = CourseMap(_membership_map(org, [by_year[year]]), title=caption)
        view.value = single.to_html(inline_assets=True)

    slider.observe(lambda change: draw(change["new"]), names="value")
    draw(periods[-1][1])
    return w.VBox([slider, view])


def _in_region(place: m.Place) -> bool:
    return _inside(place, REGION_BOUNDS)


def _inside(place: m.Place, bounds: tuple[tuple[float, float], tuple[float, float]]) -> bool:
    (south, west), (north, east) = bounds
    return south <= place.lat <= north and west <= place.lon <= east


def _bounds(chosen: Sequence[m.Place]) -> tuple[tuple[float, float], tuple[float, float]]:
    if not chosen:
        return REGION_BOUNDS
    lats = [p.lat for p in chosen]
    lons = [p.lon for p in chosen]
    pad = 1.0
    return (min(lats) - pad, min(lons) - pad), (max(lats) + pad, max(lons) + pad)



