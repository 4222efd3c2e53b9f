#!/bin/sh
# Rebuilds the progress fixtures from csv/ (hand-checked cases: see docs/progress.md, "Fixture").
#   fixture.gpkg            dates as GeoPackage DATE columns (types from the .csvt files)
#   fixture_textdates.gpkg  the same data with every column TEXT (dates as ISO text)
set -eu
cd "$(dirname "$0")"
build() {  # $1 output, $2 csv folder
  rm -f "$1"
  ogr2ogr -f GPKG "$1" "$2/counties.csv" -nln counties -a_srs EPSG:4490 -nlt POLYGON
  ogr2ogr -f GPKG -update "$1" "$2/townships.csv" -nln townships -a_srs EPSG:4490 \
    -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y
  for t in venue_projects housing_projects housing_facilities status_history; do
    ogr2ogr -f GPKG -update "$1" "$2/$t.csv" -nln "$t"
  done
}
build fixture.gpkg csv
tmp=$(mktemp -d)
for f in csv/*.csv; do cp "$f" "$tmp/"; done
printf '"WKT","String","String"\n' > "$tmp/counties.csvt"
printf '"Real","Real","String","String","String"\n' > "$tmp/townships.csvt"
build fixture_textdates.gpkg "$tmp"
rm -rf "$tmp"
