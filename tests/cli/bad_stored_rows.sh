#!/usr/bin/env bash
# One bad stored layout or style row is reported by name and skipped: built-in templates still
# export, the bad layout can be overwritten and deleted, style saves still work.
# usage: bad_stored_rows.sh HONGTU DEMO.gpkg
set -u
HT=$1 DEMO=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
P="$work/p.gpkg"
cp "$DEMO" "$P"
fail() { echo "FAILED: $*"; exit 1; }

"$HT" export --print-layout | sed '0,/"name": *"[^"]*"/s//"name": "周报"/' > "$work/l.json"
"$HT" export --project "$P" --layout "$work/l.json" --store-layout >/dev/null || fail "cannot store a layout"
sqlite3 "$P" "UPDATE hongtu_layouts SET json = '{\"items\": [{\"kind\": \"lgend\"}]}' WHERE name = '周报'"

# A built-in template still exports, with a warning that names the bad layout.
"$HT" export --project "$P" --layout county-briefing --county 兴县 --dpi 40 -o "$work/a.png" 2>"$work/err" ||
  fail "a bad stored layout blocked a built-in template: $(cat "$work/err")"
grep -q "stored layout '周报' is ignored" "$work/err" || fail "no warning naming the bad layout: $(cat "$work/err")"
[ -s "$work/a.png" ] || fail "no page written"
# Asked for by name, it is an error naming it (exit 2), not a silent fallback.
"$HT" export --project "$P" --layout 周报 --county 兴县 -o "$work/b.png" 2>"$work/err"
[ $? -eq 2 ] && grep -q "周报" "$work/err" || fail "the bad layout asked for by name: $(cat "$work/err")"
# It can be overwritten, then deleted.
"$HT" export --project "$P" --layout "$work/l.json" --store-layout >/dev/null 2>&1 || fail "cannot overwrite the bad layout"
"$HT" export --project "$P" --layout 周报 --county 兴县 --dpi 40 -o "$work/c.png" 2>/dev/null || fail "the overwritten layout does not export"
"$HT" export --project "$P" --delete-layout 周报 >/dev/null || fail "cannot delete the layout"
[ "$(sqlite3 "$P" "select count(*) from hongtu_layouts where name = '周报'")" = 0 ] || fail "the layout is still stored"
"$HT" export --project "$P" --delete-layout 周报 2>/dev/null && fail "deleting a layout that is not there succeeded"

# A style row without a layer id: listed as a warning, and other styles still save.
printf '{"opacity":0.5}' > "$work/s.json"
"$HT" style set --project "$P" --layer counties --json "$work/s.json" --at 2026-12-02T00:00:00Z >/dev/null || fail "style set"
sqlite3 "$P" "INSERT INTO hongtu_layer_styles (layer_id, style_json, updated_at) VALUES (NULL, '{}', 'x')"
"$HT" style set --project "$P" --layer villages --json "$work/s.json" --at 2026-12-02T00:00:00Z >/dev/null 2>"$work/err" ||
  fail "a bad style row blocked a style save: $(cat "$work/err")"
"$HT" style list --project "$P" >"$work/out" 2>"$work/err" || fail "style list"
grep -q "no layer_id" "$work/err" || fail "no warning for the bad style row"
[ "$(grep -c . "$work/out")" = 2 ] || fail "expected 2 styles: $(cat "$work/out")"
[ "$(sqlite3 "$P" 'PRAGMA integrity_check')" = ok ] || fail "integrity"
echo "bad stored rows: all checks passed"
