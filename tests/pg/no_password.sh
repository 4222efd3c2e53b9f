#!/usr/bin/env bash
# No secret leaves the process: EVERY hongtu subcommand is run against a PG: project whose
# connection string carries the password (plain, quoted, and once wrong), successes and failures
# alike, and the password must appear nowhere in stdout, stderr or any file written.
# Usage: no_password.sh HONGTU PG_DIR DEMO.gpkg SOURCE_DIR   (exit 77 = skipped: no server)
set -uo pipefail
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
hongtu=$(abs "$1"); pgdir=$(abs "$2"); demo=$(abs "$3"); src=$(abs "$4")
if [ -f "$pgdir/skip-reason" ]; then echo "SKIPPED: $(cat "$pgdir/skip-reason")"; exit 77; fi
[ -f "$pgdir/pg_service.conf" ] || { echo "SKIPPED: no test server"; exit 77; }
export PGSERVICEFILE="$pgdir/pg_service.conf"
export QT_QPA_PLATFORM=offscreen
pw=$(awk -F= '$1=="password" {print $2}' "$pgdir/pg_service.conf")
port=$(cat "$pgdir/port")
[ ${#pw} -ge 8 ] || { echo "FAIL: the test server's password is too short to search for"; exit 1; }
dbname="t_nopw_$$"
psql "service=hongtu_test" -qX -c "CREATE DATABASE $dbname" || exit 1
work=$(mktemp -d "$(dirname "$pgdir")/no-password.XXXXXX")
trap 'psql "service=hongtu_test" -qX -c "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" >/dev/null 2>&1; rm -rf "$work"' EXIT
# The password written three ways: plain, quoted with an escaped quote next to it, and wrong.
db="PG:host=127.0.0.1 port=$port dbname=$dbname user=hongtu password=$pw"
dbq="PG:host=127.0.0.1 port=$port dbname=$dbname user=hongtu password='$pw'"
bad="PG:host=127.0.0.1 port=$port dbname=$dbname user=hongtu password=${pw}x"
nodb="PG:host=127.0.0.1 port=$port dbname=nosuchdb user=hongtu password=$pw"
cd "$work" || exit 1

declare -A rc
run() {  # name, then the arguments of hongtu; output in NAME.out / NAME.err
  local name=$1; shift
  "$hongtu" "$@" >"$name.out" 2>"$name.err"; rc[$name]=$?
  printf '%-22s exit %s  %s\n' "$name" "${rc[$name]}" "$(head -c 160 "$name.err" | head -1)"
}
run db-init         db init --db "$db"
run db-migrate      db migrate --db "$dbq"
run db-import       db import "$demo" --db "$db"
run db-import-file  db import "$demo" --db "$db" --prefer file
run db-status       db status --db "$db"
run db-status-bad   db status --db "$bad"
run db-status-nodb  db status --db "$nodb"
run db-search       db search --db "$db" 刘家
run db-export       db export --db "$db" -o "$work/field.gpkg"
run db-export-again db export --db "$db" -o "$work/field.gpkg"
run db-export-force db export --db "$dbq" -o "$work/field.gpkg" --force
run info            info "$db"
run info-json       info "$db" --json
run info-nodb       info "$nodb"
run progress        progress --project "$db" --as-of 2018-06-30
run progress-json   progress --project "$db" --as-of 2018-06-30 --format json -o "$work/progress.json"
run progress-csv    progress --project "$dbq" --as-of 2018-06-30 --format csv --overdue
run progress-xlsx   progress --project "$db" --as-of 2018-06-30 --format xlsx -o "$work/progress.xlsx"
run progress-bad    progress --project "$bad" --as-of 2018-06-30
run record          progress record --project "$db" --project-id CV-141181-0007 --status completed --date 2019-01-05 \
                      --who 测试 --recorded-at 2019-01-06T09:00:00Z
run record-refused  progress record --project "$db" --project-id NO-SUCH-PROJECT --status completed --date 2019-01-05
run record-stale    progress record --project "$db" --project-id CV-141181-0007 --status accepted --date 2019-01-07 \
                      --expect-version 1
run join            join "$src/tests/data/join/venues_bom.csv" --project "$db" --key-column 村代码 \
                      --report "$work/join-report.csv"
run join-bad        join "$src/tests/data/join/venues_bom.csv" --project "$bad"
run import          import "$src/tests/data/join/venues_bom.csv" --project "$db" --key-column 村代码 --layer venues_extra
run route           route --project "$db" --stops all --start 离石 --depart "2025-05-01 08:00" --days 3 --format json \
                      -o "$work/route.json"
run route-bad       route --project "$bad" --stops all --start 离石 --depart "2025-05-01 08:00"
run export          export --project "$db" --layout county-briefing --county 兴县 --as-of 2018-06-30 --today 2018-07-01 \
                      -o "$work/page.pdf"
run export-bad      export --project "$bad" --layout county-briefing --county 兴县 -o "$work/bad.pdf"
run store-layout    export --project "$db" --layout county-briefing --store-layout

# The commands that must work against this project did (so the search below is not vacuous).
fail=0
for name in db-init db-migrate db-import db-import-file db-status db-search db-export db-export-force info info-json \
            progress progress-json progress-csv progress-xlsx record join route export; do
  [ "${rc[$name]}" -le 1 ] || { echo "FAIL: $name exited ${rc[$name]}:"; cat "$name.err"; fail=1; }
done
for name in db-status-bad db-status-nodb db-export-again info-nodb progress-bad record-refused record-stale join-bad \
            route-bad export-bad; do
  [ "${rc[$name]}" -ne 0 ] || { echo "FAIL: $name should have failed"; fail=1; }
done
grep -q "schema version" db-status.out || { echo "FAIL: db status printed no schema version"; fail=1; }
[ -s "$work/field.gpkg" ] && [ -s "$work/progress.json" ] && [ -s "$work/page.pdf" ] ||
  { echo "FAIL: an output file was not written"; fail=1; }

# The search: every byte the commands printed or wrote (also inside the GeoPackage/XLSX/PDF).
leaks=$(grep -rlaF -- "$pw" "$work" 2>/dev/null)
if [ -n "$leaks" ]; then
  echo "FAIL: the password appears in:"
  for f in $leaks; do echo "--- $f"; grep -aF -- "$pw" "$f" | head -3 | sed "s/$pw/<PASSWORD>/g"; done
  fail=1
fi
# Compressed outputs (XLSX is a zip): look inside too.
if command -v unzip >/dev/null && [ -s "$work/progress.xlsx" ]; then
  if unzip -p "$work/progress.xlsx" | grep -qaF -- "$pw"; then echo "FAIL: the password is inside progress.xlsx"; fail=1; fi
fi
[ $fail -eq 0 ] && echo "OK: $(ls "$work" | wc -l) outputs of ${#rc[@]} runs, no password"
exit $fail
