"""Make src/ca_course/content/outlines.geojson from Natural Earth country outlines.

Source: the npm package world-atlas 2.0.2 (ISC licence; the outlines are Natural Earth's,
public domain). Central Asian states and Afghanistan come from the 1:10m outlines (which
draw the Fergana valley enclaves), the other states from 1:50m, clipped to the part of
Eurasia the course maps show. Run once by hand when the outlines need to change:

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-*.tgz
    python3 /path/to/repo/tools/make_outlines.py package/ > outlines.geojson
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

# ISO 3166-1 numeric code (world-atlas ids) -> alpha-3 code (the course's country ids).
DETAILED = {"398": "KAZ", "860": "UZB", "417": "KGZ", "762": "TJK", "795": "TKM", "004": "AFG"}
OTHERS = {"643": "RUS", "156": "CHN", "364": "IRN", "051": "ARM", "112": "BLR", "031": "AZE",
          "268": "GEO", "804": "UKR", "792": "TUR", "356": "IND", "586": "PAK", "496": "MNG"}
CLIP = (20.0, 5.0, 125.0, 72.0)  # west, south, east, north
TOLERANCE = {"detailed": 0.01, "others": 0.05}  # degrees, Douglas-Peucker
DIGITS = 3


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode the quantized, delta-encoded arcs of a TopoJSON topology."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """Join arcs into one ring; a negative index means the reversed arc ~i."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def clip(points: list[tuple[float, float]], box: tuple[float, float, float, float]
         ) -> list[tuple[float, float]]:
    """Clip a ring to a rectangle (Sutherland–Hodgman)."""
    west, south, east, north = box
    edges = [(lambda p: p[0] >= west, lambda a, b: _cut_x(a, b, west)),
             (lambda p: p[0] <= east, lambda a, b: _cut_x(a, b, east)),
             (lambda p: p[1] >= south, lambda a, b: _cut_y(a, b, south)),
             (lambda p: p[1] <= north, lambda a, b: _cut_y(a, b, north))]
    for inside, cut in edges:
        if not points:
            break
        out = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    out.append(cut(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cut(previous, current))
            previous = current
        points = out
    return points


def _cut_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cut_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker simplification of a closed ring, split at its farthest point."""
    if len(points) < 5:
        return points
    x0, y0 = points[0]
    far = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - x0,
                                                           points[i][1] - y0))
    return _polyline(points[:far + 1], tolerance) + _polyline(points[far:], tolerance)[1:]


def _polyline(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker simplification of an open polyline."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1) or 1e-12
        best, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def features(topology: dict, wanted: dict[str, str], tolerance: float) -> list[dict]:
    """Return GeoJSON features for the wanted countries of one topology."""
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso3 = wanted.get(str(geometry.get("id")))
        if iso3 is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [
            geometry["arcs"]]
        shapes = []
        for polygon in polygons:
            rings = []
            for indexes in polygon:
                points = simplify(clip(ring(arcs, indexes), CLIP), tolerance)
                if len(points) >= 4:
                    rings.append([[round(x, DIGITS), round(y, DIGITS)] for x, y in points])
            if rings:
                shapes.append(rings)
        if shapes:
            out.append({"type": "Feature", "properties": {"id": iso3},
                        "geometry": {"type": "MultiPolygon", "coordinates": shapes}})
    return out


def main(folder: Path) -> None:
    """Print the outlines GeoJSON to standard output."""
    detailed = json.loads((folder / "countries-10m.json").read_text())
    coarse = json.loads((folder / "countries-50m.json").read_text())
    collection = {"type": "FeatureCollection", "features":
                  features(detailed, DETAILED, TOLERANCE["detailed"])
                  + features(coarse, OTHERS, TOLERANCE["others"])}
    json.dump(collection, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
