#!/bin/sh
# QGIS opens a Hongtu project and draws what Hongtu draws (tests/cli/qgis_open.py), in three cases:
#   new     a project made by `hongtu new` from the 阳泉市 fixtures (no projects yet: the county
#           progress view only)
#   ledger  the same after the three monthly ledgers (tests/cli/own_data_e2e.sh): every progress view
#   demo    the bundled Lüliang demo as committed (its layer_styles written by the generator)
#   set   a copy of the demo after `hongtu style set` of three layers: memorial sites sized by their
#         visit minutes (proportional: QGIS's data-defined size), villages categorized by their
#         kind, counties graduated (quantiles, whose breaks are data values) by label latitude
#         (the default style's separate class "100" stays: a saved style overrides only its keys)
# usage: qgis_styles.sh MODE HONGTU PYTHON3 QGIS_OPEN.py WORKDIR [DEMO.gpkg | FIXTURES DIVISION]
# (new, ledger: FIXTURES DIVISION; demo, set: DEMO.gpkg)
# Exit 77 (skipped) when PYTHON3 has no QGIS bindings (python3-qgis).
set -u
mode=$1 ht=$2 py=$3 check=$4 work=$5
shift 5
if ! "$py" -c "import qgis.core" 2>/dev/null; then
  echo "skipped: $py has no QGIS bindings (apt-get install python3-qgis; configure -DHONGTU_PYTHON3=/usr/bin/python3)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" || exit 1
p="$work/p.gpkg"
expect=""
views=""
case "$mode" in
  new)
    "$ht" new "$p" --counties "$1/boundary" --division "$2" --now 2018-04-01T00:00:00Z >/dev/null || { echo "FAILED: hongtu new"; exit 1; }
    views="county_progress" ;;
  ledger)
    "$ht" new "$p" --counties "$1/boundary" --villages "$1/villages.xlsx" --division "$2" --now 2018-04-01T00:00:00Z >/dev/null
    [ $? -le 1 ] || { echo "FAILED: hongtu new"; exit 1; }
    for m in 2018-04-30:ledger_2018-04.xlsx 2018-05-31:ledger_2018-05.csv 2018-06-30:ledger_2018-06.xlsx; do
      "$ht" ledger import "$1/${m#*:}" --project "$p" --as-of "${m%%:*}" --now "${m%%:*}T12:00:00Z" >/dev/null
      [ $? -le 1 ] || { echo "FAILED: ledger import ${m#*:}"; exit 1; }
    done
    views="county_progress,community_venue_projects" ;;  # the six village venues have no village point yet
  demo)
    cp "$1" "$p" || exit 1
    views="county_progress,village_venue_projects,community_venue_projects,township_housing_projects" ;;
  set)
    cp "$1" "$p" || exit 1
    cat > "$work/villages.json" <<'JSON'
{"version": 1, "symbol": {"type": "marker", "shape": "circle", "size_mm": 1.2, "fill": "#4d4d4d", "stroke": "#ffffff", "stroke_width_mm": 0.1},
 "symbology": {"type": "categorized", "field": "kind", "categories": [
   {"value": "村委会", "label": "村委会", "color": "#1b9e77"}, {"value": "社区居委会", "label": "社区居委会", "color": "#d95f02"}],
   "other_color": "#7570b3"},
 "label": {"enabled": false}, "opacity": 0.8}
JSON
    cat > "$work/counties.json" <<'JSON'
{"version": 1, "symbol": {"type": "fill", "fill": "#eeeeee", "stroke": "#555555", "stroke_width_mm": 0.3},
 "symbology": {"type": "graduated", "field": "label_lat", "method": "quantile", "classes": 3,
   "palette": ["#fee8c8", "#fdbb84", "#e34a33"], "decimals": 2, "unit": "°N"}}
JSON
    cat > "$work/memorials.json" <<'JSON'
{"version": 1, "symbology": {"type": "proportional", "field": "visit_minutes", "max_size_mm": 6, "min_size_mm": 1}}
JSON
    "$ht" style set --project "$p" --layer memorial_sites --json "$work/memorials.json" --at 2026-12-02T00:00:02Z || { echo "FAILED: style set memorial_sites"; exit 1; }
    "$ht" style set --project "$p" --layer villages --json "$work/villages.json" --at 2026-12-02T00:00:00Z || { echo "FAILED: style set villages"; exit 1; }
    "$ht" style set --project "$p" --layer counties --json "$work/counties.json" --at 2026-12-02T00:00:01Z || { echo "FAILED: style set counties"; exit 1; }
    [ "$(sqlite3 "$p" "select count(*) from layer_styles where styleName in ('villages','counties') and update_time like '2026-12-02%'")" = 2 ] ||
      { echo "FAILED: the QGIS rows were not replaced by the style set"; exit 1; }
    expect="--expect villages=categorizedSymbol:#1b9e77,#d95f02,#7570b3 --expect counties=graduatedSymbol:#fee8c8,#fdbb84,#e34a33,#004529 --expect memorial_sites=singleSymbol:#d7261e" ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
"$ht" style list --project "$p" --classes > "$work/classes.json" || { echo "FAILED: style list --classes"; exit 1; }
progress=""
if [ -n "$views" ]; then
  # GDAL lists the views as layers of the file (ogrinfo), and Hongtu's tallies on the views' day.
  for v in $(echo "$views" | tr , ' '); do
    ogrinfo -ro -q "$p" 2>/dev/null | grep -q "^[0-9]*: $v " || { echo "FAILED: ogrinfo does not list the progress view $v"; exit 1; }
  done
  asof=$(sqlite3 "$p" "select as_of from county_progress limit 1")
  "$ht" progress --project "$p" --as-of "$asof" --format json > "$work/progress.json" || { echo "FAILED: hongtu progress"; exit 1; }
  progress="--views $views --progress $work/progress.json"
fi
# shellcheck disable=SC2086
QT_QPA_PLATFORM=offscreen "$py" "$check" "$p" "$work/classes.json" $expect $progress > "$work/qgis.out" 2>&1
rc=$?
grep -v XDG_RUNTIME_DIR "$work/qgis.out"
exit $rc
