#!/bin/sh
# Runs hongtu info, join and import on every entry of tests/data/bad (issue 17) and checks, for
# each: no crash (exit code 0, 1 or 2; a signal or an abort gives 128+), a message that names the
# file, and, for import, the project copy byte-identical after a refused import (exit 2).
# Usage: bad_corpus.sh HONGTU BAD_DIR DEMO_PROJECT
set -u
HT=$1; BAD=$2; DEMO=$3
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp "$DEMO" "$work/project.gpkg"
cp "$DEMO" "$work/pristine.gpkg"
fail=0; n=0
check() {  # check NAME RC LOGFILE WHAT
  name=$1; rc=$2; log=$3; what=$4
  if [ "$rc" -gt 2 ]; then echo "CRASH: $what $name: exit $rc"; sed 's/^/    /' "$log" | tail -5; fail=1; return; fi
  if ! grep -qF "$name" "$log"; then echo "UNNAMED: $what $name (exit $rc) does not name the file:"; sed 's/^/    /' "$log" | head -5; fail=1; fi
}
for f in "$BAD"/*; do
  name=$(basename "$f")
  case "$name" in make_bad.sh|README.md) continue;; esac
  n=$((n + 1))
  "$HT" info "$f" > "$work/log" 2>&1; rc=$?; check "$name" $rc "$work/log" info
  "$HT" info --json "$f" > "$work/log" 2>/dev/null; rc=$?  # stdout alone must be JSON (GDAL may warn on stderr)
  [ "$rc" -gt 2 ] && { echo "CRASH: info --json $name: exit $rc"; fail=1; }
  if [ "$rc" -ne 2 ] && ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/log" 2>/dev/null; then
    echo "BAD JSON: info --json $name"; fail=1
  fi
  # join/import take tables: for a shapefile folder, its .dbf
  t="$f"; [ -d "$f" ] && t=$(ls "$f"/*.dbf "$f"/*.shp 2>/dev/null | head -1)
  [ -z "$t" ] && t="$f"
  tname=$(basename "$t")
  "$HT" join "$t" --project "$work/project.gpkg" --key-column code > "$work/log" 2>&1; rc=$?; check "$tname" $rc "$work/log" join
  "$HT" import "$t" --project "$work/project.gpkg" --layer bad_import --key-column code > "$work/log" 2>&1; rc=$?
  check "$tname" $rc "$work/log" import
  if [ "$rc" -eq 2 ] && ! cmp -s "$work/project.gpkg" "$work/pristine.gpkg"; then
    echo "CHANGED: import $name was refused but the project file changed"; fail=1
  fi
  cp "$work/pristine.gpkg" "$work/project.gpkg"
done
echo "bad corpus: $n entries, info/join/import each: $([ $fail -eq 0 ] && echo 'no crash, every file named, project untouched' || echo FAILED)"
exit $fail
