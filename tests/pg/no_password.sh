#!/usr/bin/env bash
# The password lives only in the service file: no hongtu db output or error shows it.
set -uo pipefail
hongtu=$1; pgdir=$2
if [ -f "$pgdir/skip-reason" ]; then echo "SKIPPED: $(cat "$pgdir/skip-reason")"; exit 77; fi
[ -f "$pgdir/pg_service.conf" ] || { echo "SKIPPED: no test server"; exit 77; }
export PGSERVICEFILE="$pgdir/pg_service.conf"
pw=$(awk -F= '$1=="password" {print $2}' "$pgdir/pg_service.conf")
port=$(cat "$pgdir/port")
out=$( { "$hongtu" db status --db "PG:service=hongtu_test"
         "$hongtu" db status --db "PG:host=127.0.0.1 port=$port dbname=hongtu_test user=hongtu password=$pw"
         "$hongtu" db status --db "PG:host=127.0.0.1 port=$port dbname=hongtu_test user=hongtu password=wrong$pw"
         "$hongtu" info "PG:host=127.0.0.1 port=$port dbname=nosuchdb user=hongtu password=$pw"
       } 2>&1 )
echo "$out"
echo "$out" | grep -q "schema version" || { echo "FAIL: status did not run"; exit 1; }
if echo "$out" | grep -qF "$pw"; then echo "FAIL: the password was printed"; exit 1; fi
echo "OK"
