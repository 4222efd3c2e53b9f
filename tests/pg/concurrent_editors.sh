#!/usr/bin/env bash
# Two `hongtu progress record` processes edit the same PostGIS project at the same time, while a
# third process runs `hongtu db import` of the original GeoPackage again and again.
# 1) Each editor saves 15 different projects, interleaved: every one of the 30 changes must be in
#    the history afterwards (no lost update: the imports merge, they never truncate), each exactly
#    once. The test fails unless it proves the processes overlapped: the two editors' rows
#    interleave in the history, and at least one import ran from start to end while both editors
#    were still saving.
# 2) Both editors saw version V of one project; the first saves, the second (stale) is refused
#    with a conflict naming the first editor, and its change is not in the history.
# Usage: concurrent_editors.sh HONGTU PG_DIR DEMO.gpkg   (exit 77 = skipped: no server)
set -uo pipefail
hongtu=$1; pgdir=$2; demo=$3
if [ -f "$pgdir/skip-reason" ]; then echo "SKIPPED: $(cat "$pgdir/skip-reason")"; exit 77; fi
[ -f "$pgdir/pg_service.conf" ] || { echo "SKIPPED: no test server ($pgdir/pg_service.conf missing)"; exit 77; }
export PGSERVICEFILE="$pgdir/pg_service.conf"
dbname="t_editors_$$"
psql "service=hongtu_test" -qX -c "CREATE DATABASE $dbname" || exit 1
trap 'psql "service=hongtu_test" -qX -c "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" >/dev/null 2>&1' EXIT
db="PG:service=hongtu_test dbname=$dbname"
q() { psql "service=hongtu_test dbname=$dbname" -qXAt -c "$1"; }
"$hongtu" db import "$demo" --db "$db" >/dev/null || { echo "FAIL: import"; exit 1; }

# 30 projects whose latest status is under construction; editor A takes the odd ones, B the even.
mapfile -t ids < <(sqlite3 "$demo" "select h.project_id from status_history h join (select project_id, max(fid) m
  from status_history group by project_id) x on h.fid = x.m where h.status = 'under_construction' order by 1 limit 30")
[ ${#ids[@]} -eq 30 ] || { echo "FAIL: fixture has ${#ids[@]} candidate projects"; exit 1; }
before=$(q "select count(*) from status_history")
editor() {  # name, then project ids
  local who=$1; shift
  for id in "$@"; do
    "$hongtu" progress record --project "$db" --project-id "$id" --status completed --date 2025-06-01 \
      --who "$who" --recorded-at 2025-06-02T08:00:00Z >/dev/null || echo "$who: $id refused" >&2
  done
}
a=(); b=()
for i in "${!ids[@]}"; do if (( i % 2 )); then a+=("${ids[$i]}"); else b+=("${ids[$i]}"); fi; done
now() { date +%s%N; }
t0=$(now)
editor 编辑甲 "${a[@]}" 2>"$pgdir/../editor-a.err" & pa=$!
editor 编辑乙 "${b[@]}" 2>"$pgdir/../editor-b.err" & pb=$!
# The importer: re-imports the demo file while the editors save (start and end of each run logged).
importer() {
  while kill -0 "$pa" 2>/dev/null || kill -0 "$pb" 2>/dev/null; do
    local s; s=$(now)
    if "$hongtu" db import "$demo" --db "$db" >"$pgdir/../importer.out" 2>&1; then echo "$s $(now) ok"; else echo "$s $(now) failed"; cat "$pgdir/../importer.out" >&2; fi
  done
}
importer >"$pgdir/../imports.log" 2>"$pgdir/../importer.err" & pi=$!
wait $pa; ta=$(now); wait $pb; tb=$(now); wait $pi
cat "$pgdir/../editor-a.err" "$pgdir/../editor-b.err" "$pgdir/../importer.err"
editors_end=$(( ta < tb ? ta : tb ))
imports=$(grep -c ' ok$' "$pgdir/../imports.log")
inside=$(awk -v t0="$t0" -v e="$editors_end" '$3 == "ok" && $1 >= t0 && $2 <= e' "$pgdir/../imports.log" | wc -l)
echo "imports while editing: $imports completed, $inside of them entirely while both editors were saving"
after=$(q "select count(*) from status_history")
saved=$(q "select count(distinct project_id) from status_history where recorded_at = '2025-06-02T08:00:00Z'")
dups=$(q "select count(*) from (select project_id from status_history where recorded_at = '2025-06-02T08:00:00Z'
  group by project_id having count(*) > 1) d")
# the two processes really overlapped: their recorded rows interleave in fid order
switches=$(q "select count(*) from (select who, lag(who) over (order by fid) prev from status_history
  where recorded_at = '2025-06-02T08:00:00Z') s where prev is not null and prev <> who")
echo "history rows: $before -> $after; projects saved: $saved; duplicates: $dups; editor switches in the history: $switches"
[ $((after - before)) -eq 30 ] && [ "$saved" -eq 30 ] && [ "$dups" -eq 0 ] || { echo "FAIL: lost or doubled updates"; exit 1; }
[ "$switches" -ge 2 ] || { echo "FAIL: the two editors did not overlap (their rows do not interleave), nothing was proven"; exit 1; }
[ "$inside" -ge 1 ] || { echo "FAIL: no import ran while both editors were saving, nothing was proven"; exit 1; }
[ "$(q "select count(*) from pg_namespace where nspname like 'hongtu_import_%'")" -eq 0 ] || { echo "FAIL: staging left behind"; exit 1; }

# Stale version: both load version V, A saves, B is refused.
p=${ids[0]}
v=$("$hongtu" db search --db "$db" "$p" | awk -F'\t' 'NR==1 {sub("version ", "", $4); print $4}')
[ -n "$v" ] || { echo "FAIL: no version for $p"; exit 1; }
"$hongtu" progress record --project "$db" --project-id "$p" --status accepted --date 2025-06-10 --who 编辑甲 \
  --expect-version "$v" --recorded-at 2025-06-10T08:00:00Z || { echo "FAIL: first editor refused"; exit 1; }
out=$("$hongtu" progress record --project "$db" --project-id "$p" --status accepted --date 2025-06-11 --who 编辑乙 \
  --expect-version "$v" --recorded-at 2025-06-11T08:00:00Z 2>&1); rc=$?
echo "$out"
[ $rc -eq 1 ] || { echo "FAIL: the stale edit exited $rc, expected 1"; exit 1; }
echo "$out" | grep -q "changed by someone else" && echo "$out" | grep -q "编辑甲" || { echo "FAIL: conflict not reported"; exit 1; }
[ "$(q "select count(*) from status_history where who = '编辑乙' and status = 'accepted'")" -eq 0 ] ||
  { echo "FAIL: the stale edit was written"; exit 1; }
echo "OK"
