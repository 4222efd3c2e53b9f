#!/bin/sh
# Regenerates the malformed-file corpus (issue 17), in the spirit of GDAL's autotest: every file
# is small, and each one is something an office really sends. Needs ogr2ogr (gdal-bin), python3
# and iconv. Run from this folder; the files are committed, so the tests never run this.
set -eu
cd "$(dirname "$0")"
find . -mindepth 1 ! -name make_bad.sh ! -name README.md -exec rm -rf {} +

# --- GeoJSON: cut off, empty, HTML, absurd, NaN, swapped, GK eastings, mixed, invalid rings ----
good='{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"141123100001","name":"蔚汾村"},"geometry":{"type":"Point","coordinates":[111.1,38.4]}},{"type":"Feature","properties":{"code":"141123100002","name":"裴家湾村"},"geometry":{"type":"Point","coordinates":[111.2,38.5]}}]}'
printf '%s' "$good" | head -c 150 > cut_off.geojson
: > empty.geojson
printf '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n' > html_saved_as.geojson
printf '%s' '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"141123100001"},"geometry":{"type":"Point","coordinates":[1e300,-1e300]}}]}' > absurd_coordinates.geojson
printf '%s' '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"141123100001","name":"蔚汾村"},"geometry":{"type":"Point","coordinates":[38.4,111.1]}},{"type":"Feature","properties":{"code":"141123100002","name":"裴家湾村"},"geometry":{"type":"Point","coordinates":[38.5,111.2]}}]}' > swapped_axes.geojson
printf '%s' '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"141123100001"},"geometry":{"type":"Point","coordinates":[37409876.5,4252345.25]}}]}' > gk_zone_easting_as_degrees.geojson
printf '%s' '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"141123"},"geometry":{"type":"Polygon","coordinates":[[[111,38],[112,39],[112,38],[111,39],[111,38]]]}},{"type":"Feature","properties":{"code":"141124"},"geometry":{"type":"Polygon","coordinates":[[[111,38],[111,38.1],[111,38]]]}}]}' > invalid_rings.geojson
printf '%s' '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"141123"},"geometry":{"type":"Polygon","coordinates":[[[111,38],[112,38],[112,39],[111,39],[111,38]]]}},{"type":"Feature","properties":{"code":"141123"},"geometry":{"type":"Point","coordinates":[111.5,38.5]}},{"type":"Feature","properties":{"code":"141124"},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Polygon","coordinates":[[[111,38],[111.5,38],[111.5,38.5],[111,38]]]},{"type":"LineString","coordinates":[[111,38],[112,39]]}]}},{"type":"Feature","properties":{"code":"141125"},"geometry":null}]}' > mixed_types_duplicate_codes.geojson

# --- CSV: binary data, cut-off quote, one stray byte, NaN coordinates, UTF-16 --------------
python3 - <<'PY'
import random
random.seed(17)
open("binary_named.csv", "wb").write(bytes(random.randrange(256) for _ in range(600)))
open("binary_without_nul.csv", "wb").write(bytes(random.randrange(128, 256) for _ in range(300)) + b",x\n1,2\n")
open("utf16_excel_unicode_text.csv", "wb").write("村代码\t名称\n141123100001\t蔚汾村\n".encode("utf-16"))
rows = "村代码,名称,经度,纬度\n" + "".join(f"1411231000{i:02d},村{i},111.{i},38.{i}\n" for i in range(1, 30))
b = rows.encode("utf-8")
open("utf8_one_stray_byte.csv", "wb").write(b[:60] + b"\xff" + b[60:])
PY
printf '村代码,名称\n141123100001,"蔚汾村\n141123100002,裴家湾村\n' > cut_off_quote.csv
printf '村代码,名称,经度,纬度\n141123100001,蔚汾村,nan,nan\n141123100002,裴家湾村,inf,38.5\n141123100003,东庄村,111.1,38.4\n' > nan_coordinates.csv
: > empty.csv

# --- KML cut off ------------------------------------------------------------------------------
printf '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>蔚汾村</name><Point><coordinates>111.1,38.4' > cut_off.kml

# --- GeoPackage: damaged and not SQLite ---------------------------------------------------------
ogr2ogr -q -f GPKG -nln villages tmp.gpkg swapped_axes.geojson
head -c 3000 tmp.gpkg > damaged_cut_off.gpkg
rm -f tmp.gpkg
printf 'This is not a database, it is a note saved with the wrong name.\n' > not_sqlite.gpkg

# --- Shapefiles: each sidecar missing, GBK without .cpg, a lying .prj ------------------------
mk() {  # mk DIR [ogr2ogr options...]: villages.shp from swapped_axes.geojson with the axes right
  d=$1; shift
  mkdir -p "$d"
  printf '%s' "$good" > "$d/src.geojson"
  ogr2ogr -q -f "ESRI Shapefile" "$@" -lco ENCODING=UTF-8 "$d/villages.shp" "$d/src.geojson"
  rm -f "$d/src.geojson"
}
mk shp_without_shx; rm shp_without_shx/villages.shx
mk shp_without_dbf; rm shp_without_dbf/villages.dbf
mk shp_without_prj; rm shp_without_prj/villages.prj
mk gbk_without_cpg -lco ENCODING=CP936; rm -f gbk_without_cpg/villages.cpg
# Chinese software leaves the DBF's language byte at 0 ("unknown"): only the bytes tell GBK.
python3 -c "f=open('gbk_without_cpg/villages.dbf','r+b'); f.seek(29); f.write(b'\\0')"
mk lying_prj -s_srs EPSG:4326 -t_srs EPSG:4525   # GK metres (zone 37) ...
cp shp_without_shx/villages.prj lying_prj/villages.prj             # ... under a lon/lat .prj
mk shp_cut_off; head -c 120 shp_cut_off/villages.shp > shp_cut_off/x && mv shp_cut_off/x shp_cut_off/villages.shp

# --- Spreadsheets: cut off, empty ----------------------------------------------------------------
head -c 1000 ../join/merged_header.xlsx > cut_off.xlsx
: > empty.xlsx
