#!/usr/bin/env bash
# Every pair of project writers, as separate `hongtu` processes, racing on one GeoPackage:
# progress record x import, x style save, x store-layout, and import x import. Then a writer of
# each kind killed (SIGKILL) at a random moment. After each run: every change a process reported
# as saved is in the file, the file passes PRAGMA integrity_check, and no temporary file is left.
#
# usage: writer_pairs.sh HONGTU DEMO.gpkg TABLE.csv [ROUNDS] [SEED]
set -u
HT=$1 DEMO=$2 TABLE=$3 ROUNDS=${4:-6} SEED=${5:-20261202}
RANDOM=$SEED
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
P="$work/p.gpkg"
cp "$DEMO" "$P"
problems=0
finished=0
interrupted=0
written=0
found=0
runs=0
problem() { echo "PROBLEM: $*"; problems=$((problems + 1)); }
q() { sqlite3 -cmd ".timeout 20000" "$P" "$1"; }
now() { date +%s%N; }

mapfile -t IDS < <(q "select project_id from venue_projects where project_id not in
  (select project_id from status_history where status in ('completed','accepted')) order by project_id")
next_id=0

"$HT" export --print-layout > "$work/layout.json" || { echo "cannot print a layout"; exit 2; }
printf '{"symbol":{"kind":"fill"},"opacity":0.5}' > "$work/style.json"
"$HT" style set --project "$P" --layer probe --json "$work/style.json" --at 2026-12-02T00:00:00Z >/dev/null ||
  { echo "the style CLI cannot save a style"; exit 2; }

# One writer invocation: kind and a unique tag. Logs "ok KIND TAG START END" on success.
writer() {
  local kind=$1 tag=$2 start rc
  start=$(now)
  case $kind in
    rec) "$HT" progress record --project "$P" --project-id "${IDS[$tag]}" --status completed --date 2019-07-01 \
           --note "race-$tag" --who test >/dev/null 2>"$work/err.$kind.$tag" ;;
    imp) "$HT" import "$TABLE" --project "$P" --layer "race_imp_$tag" --to county --key-column 县代码 \
           --rows-per-unit many >/dev/null 2>"$work/err.$kind.$tag" ;;
    sty) "$HT" style set --project "$P" --layer "race_style_$tag" --json "$work/style.json" \
           --at 2026-12-02T00:00:00Z >/dev/null 2>"$work/err.$kind.$tag" ;;
    lay) sed "0,/\"name\": *\"[^\"]*\"/s//\"name\": \"race_layout_$tag\"/" "$work/layout.json" > "$work/l.$tag.json" &&
         "$HT" export --project "$P" --layout "$work/l.$tag.json" --store-layout >/dev/null 2>"$work/err.$kind.$tag" ;;
  esac
  rc=$?
  [ $rc -eq 0 ] && echo "ok $kind $tag $start $(now)"
  return $rc
}

# Is the change of a successful writer in the file?
present() {
  local kind=$1 tag=$2
  case $kind in
    rec) [ "$(q "select count(*) from status_history where note = 'race-$tag'")" = 1 ] ;;
    imp) [ "$(q "select count(*) from hongtu_imports where layer = 'race_imp_$tag'")" = 1 ] &&
         [ "$(q "select count(*) from race_imp_$tag")" = "$IMPORT_ROWS" ] ;;
    sty) [ "$(q "select count(*) from hongtu_layer_styles where layer_id = 'race_style_$tag'")" = 1 ] ;;
    lay) [ "$(q "select count(*) from hongtu_layouts where name = 'race_layout_$tag'")" = 1 ] ;;
  esac
}

no_leftovers() {
  local left
  # Hongtu's temporary files, and a hot SQLite journal (a transaction nobody rolled back). A
  # journal whose header SQLite has zeroed belongs to a committed transaction and is ignored.
  left=$(cd "$work" && ls -A | grep -E '^\.~|\.tmp' || true)
  if [ -s "$P-journal" ] && [ "$(head -c 8 "$P-journal" | od -An -tx1 | tr -d ' \n')" != 0000000000000000 ]; then
    left="$left p.gpkg-journal (a hot journal: $(stat -c %s "$P-journal") bytes)"
  fi
  [ -z "$left" ] || problem "left behind after $1: $left"
  [ "$(q 'PRAGMA integrity_check')" = ok ] || problem "integrity_check failed after $1"
}

# The number of rows an import of TABLE writes.
writer imp 0 >/dev/null || { cat "$work/err.imp.0"; exit 2; }
IMPORT_ROWS=$(q "select count(*) from race_imp_0")

# --- pairs ---------------------------------------------------------------------------------
tag=100
for pair in "rec imp" "rec sty" "rec lay" "imp imp" "sty lay"; do
  set -- $pair
  a=$1 b=$2
  : > "$work/log.a"; : > "$work/log.b"
  tags_a=() tags_b=()
  for i in $(seq 1 "$ROUNDS"); do
    tag=$((tag + 1)); [ "$a" = rec ] && { tags_a+=("$next_id"); next_id=$((next_id + 1)); } || tags_a+=("$tag")
    tag=$((tag + 1)); [ "$b" = rec ] && { tags_b+=("$next_id"); next_id=$((next_id + 1)); } || tags_b+=("$tag")
  done
  ( for t in "${tags_a[@]}"; do writer "$a" "$t"; done >> "$work/log.a" ) &
  ( for t in "${tags_b[@]}"; do writer "$b" "$t"; done >> "$work/log.b" ) &
  wait
  runs=$((runs + 2 * ROUNDS))
  ok=$(cat "$work/log.a" "$work/log.b" | wc -l)
  [ "$ok" -eq $((2 * ROUNDS)) ] || { problem "$pair: only $ok of $((2 * ROUNDS)) writers succeeded"; cat "$work"/err.* | sort -u | head -5; }
  # The two writers really ran at the same time: some pair of their runs overlapped.
  overlap=$(awk 'NR==FNR {s[NR]=$4; e[NR]=$5; n=NR; next} {for (i=1;i<=n;i++) if ($4 < e[i] && s[i] < $5) c++} END {print c+0}' \
    "$work/log.a" "$work/log.b")
  [ "$overlap" -gt 0 ] || problem "$pair: the two writers never overlapped"
  while read -r _ kind t _ _; do
    written=$((written + 1))
    if present "$kind" "$t"; then found=$((found + 1)); else problem "$pair: $kind $t reported saved but is missing"; fi
  done < <(cat "$work/log.a" "$work/log.b")
  no_leftovers "$pair"
  echo "pair $pair: $ok saved, overlapping runs: $overlap"
done

# --- a writer of each kind killed at a random moment --------------------------------------
for kind in rec imp sty lay; do
  for i in $(seq 1 "$ROUNDS"); do
    if [ "$kind" = rec ]; then t=$next_id; next_id=$((next_id + 1)); else tag=$((tag + 1)); t=$tag; fi
    before=$(q "select (select count(*) from status_history), (select count(*) from hongtu_imports),
                       (select count(*) from hongtu_layer_styles), (select count(*) from hongtu_layouts)")
    writer "$kind" "$t" > "$work/killed.log" &
    pid=$!
    sleep "0.$(printf '%03d' $((RANDOM % 600)))"
    pkill -9 -P "$pid" 2>/dev/null
    kill -9 "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null
    # Let SQLite roll back what the killed writer left (any reader does).
    "$HT" info "$P" >/dev/null 2>&1
    runs=$((runs + 1))
    after=$(q "select (select count(*) from status_history), (select count(*) from hongtu_imports),
                      (select count(*) from hongtu_layer_styles), (select count(*) from hongtu_layouts)")
    if present "$kind" "$t"; then
      written=$((written + 1)); found=$((found + 1)); finished=$((finished + 1))
    else
      interrupted=$((interrupted + 1))
      [ "$before" = "$after" ] || problem "killed $kind $t: half a change is in the file ($before -> $after)"
      if [ "$kind" = imp ] && [ "$(q "select count(*) from sqlite_master where name = 'race_imp_$t'")" != 0 ]; then
        problem "killed import $t: its layer is there without its log row"
      fi
      grep -q '^ok' "$work/killed.log" && problem "killed $kind $t reported saved but is missing"
    fi
    no_leftovers "killed $kind"
  done
done

echo "killed writers: $interrupted killed before their change was saved (the file was as before), $finished after"
echo "writer pairs and killed writers: $runs runs, $written changes reported saved, $found found in the file, $problems problems"
[ "$problems" -eq 0 ]
