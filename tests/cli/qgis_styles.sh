#!/bin/sh
# QGIS opens a Hongtu project and draws what Hongtu draws (tests/cli/qgis_open.py), in three cases:
#   new   a project made by `hongtu new` from the 阳泉市 fixtures
#   demo  the bundled Lüliang demo as committed (its layer_styles written by the generator)
#   set   a copy of the demo after `hongtu style set` of three layers: memorial sites sized by their
#         visit minutes (proportional: QGIS's data-defined size), villages categorized by their
#         kind, counties graduated (quantiles, whose breaks are data values) by label latitude
#         (the default style's separate class "100" stays: a saved style overrides only its keys)
# usage: qgis_styles.sh MODE HONGTU PYTHON3 QGIS_OPEN.py WORKDIR [DEMO.gpkg | FIXTURES DIVISION]
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
case "$mode" in
  new)
    "$ht" new "$p" --counties "$1/boundary" --division "$2" --now 2018-04-01T00:00:00Z >/dev/null || { echo "FAILED: hongtu new"; exit 1; } ;;
  demo)
    cp "$1" "$p" || exit 1 ;;
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
# shellcheck disable=SC2086
QT_QPA_PLATFORM=offscreen "$py" "$check" "$p" "$work/classes.json" $expect > "$work/qgis.out" 2>&1
rc=$?
grep -v XDG_RUNTIME_DIR "$work/qgis.out"
exit $rc
