#!/usr/bin/env bash
# Two `hongtu progress record` processes edit the same PostGIS project at the same time.
# 1) Each saves 15 different projects, interleaved: every one of the 30 changes must be in the
#    history afterwards (no lost update), each exactly once.
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
editor 编辑甲 "${a[@]}" 2>"$pgdir/../editor-a.err" & pa=$!
editor 编辑乙 "${b[@]}" 2>"$pgdir/../editor-b.err" & pb=$!
wait $pa; wait $pb
cat "$pgdir/../editor-a.err" "$pgdir/../editor-b.err"
after=$(q "select count(*) from status_history")
saved=$(q "select count(distinct project_id) from status_history where recorded_at = '2025-06-02T08:00:00Z'")
dups=$(q "select count(*) from (select project_id from status_history where recorded_at = '2025-06-02T08:00:00Z'
  group by project_id having count(*) > 1) d")
# the two processes really overlapped: their recorded rows interleave in fid order
switches=$(q "select count(*) from (select who, lag(who) over (order by fid) prev from status_history
  where recorded_at = '2025-06-02T08:00:00Z') s where prev is not null and prev <> who")
echo "history rows: $before -> $after; projects saved: $saved; duplicates: $dups; editor switches in the history: $switches"
[ $((after - before)) -eq 30 ] && [ "$saved" -eq 30 ] && [ "$dups" -eq 0 ] || { echo "FAIL: lost or doubled updates"; exit 1; }

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
