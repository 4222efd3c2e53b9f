#!/bin/sh
# End to end on a prefecture other than Lüliang (阳泉市): hongtu new from the planner's own files,
# three monthly ledgers, then hongtu progress and hongtu export --each-county. The figures below are
# counted by hand from the ledgers that tests/data/ledger/make_fixtures.py writes (see its table P):
#   as of 2018-06-30   planned  started  completed  accepted
#   城区 140302            4        4         3          1    (P01 完工, P02 在建, P03 竣工, P04 验收)
#   矿区 140303            4        3         2          1    (P08's June 在建 is backwards: not applied)
#   郊区 140311            4        4         1          0    (P09 vanished in June: kept as 在建)
#   平定县 140321          5        5         2          0    (P21 new in May)
#   盂县 140322            5        5         2          0    (P22 new in May)
# usage: own_data_e2e.sh HONGTU FIXTURES DIVISION WORKDIR
set -u
HT="$1"; FX="$2"; DIV="$3"; W="$4"
rm -rf "$W"; mkdir -p "$W"
fail() { echo "FAILED: $*"; exit 1; }
P="$W/阳泉.gpkg"

"$HT" new "$P" --counties "$FX/boundary/阳泉县界.shp" --villages "$FX/villages.xlsx" --division "$DIV" \
    --now 2018-04-01T00:00:00Z > "$W/new.txt" 2>&1
rc=$?; cat "$W/new.txt"
[ $rc -eq 1 ] || fail "hongtu new should exit 1 (one village outside its county), got $rc"
grep -q "代码字段: XZQDM" "$W/new.txt" || fail "code field not detected"
grep -q "GBK" "$W/new.txt" || fail "GBK not detected"
grep -q "项目名称: 阳泉市" "$W/new.txt" || fail "title not from the data"
grep -q "1 个不在" "$W/new.txt" || fail "location check"

for m in 2018-04-30:ledger_2018-04.xlsx 2018-05-31:ledger_2018-05.csv 2018-06-30:ledger_2018-06.xlsx; do
    d="${m%%:*}"; f="${m#*:}"
    "$HT" ledger import "$FX/$f" --project "$P" --as-of "$d" --now "${d}T12:00:00Z" > "$W/$f.txt" 2>&1
    rc=$?; cat "$W/$f.txt"
    [ $rc -le 1 ] || fail "ledger import $f exit $rc"
done
grep -q "新增 20" "$W/ledger_2018-04.xlsx.txt" || fail "April: 20 added"
grep -q "新增 2，状态推进 10" "$W/ledger_2018-05.csv.txt" || fail "May: 2 added, 10 moved"
grep -q "状态倒退 1，消失 1，计划日期变更 1" "$W/ledger_2018-06.xlsx.txt" || fail "June: backwards/vanished/plan change"

cp "$P" "$W/before-reimport.gpkg"
"$HT" ledger import "$FX/ledger_2018-06.xlsx" --project "$P" --as-of 2018-06-30 --now 2018-07-01T00:00:00Z > "$W/again.txt" 2>&1
grep -q "将写入 0 个项目、0 条状态记录" "$W/again.txt" || fail "re-import should write nothing"
cmp -s "$P" "$W/before-reimport.gpkg" || fail "re-import changed the file"

"$HT" progress --project "$P" --as-of 2018-06-30 --format csv > "$W/progress.csv" || fail "progress"
cat "$W/progress.csv"
for line in "140302,城区,4,0,4,1,3,1" "140303,矿区,4,1,3,1,2,1" "140311,郊区,4,0,4,3,1,0" \
            "140321,平定县,5,0,5,3,2,0" "140322,盂县,5,0,5,3,2,0"; do
    grep -q "county,$line," "$W/progress.csv" || fail "progress line $line"
done
grep -q ",22,1,21,11,10,2," "$W/progress.csv" || fail "city total 22 planned, 10 completed"
"$HT" progress --project "$P" --as-of 2018-06-30 > "$W/progress.txt" || fail "progress text"
grep -q "吕梁\|778" "$W/progress.txt" && fail "progress text mentions Lüliang or its targets"

mkdir -p "$W/pages"
"$HT" export --project "$P" --each-county --as-of 2018-06-30 --today 2018-07-01 --dpi 40 --out-dir "$W/pages" || fail "export"
n=$(ls "$W/pages" | grep -c '_1403[0-9][0-9].pdf$')
[ "$n" -eq 5 ] || fail "5 county pages expected, got $n"
"$HT" export --project "$P" --as-of 2018-06-30 --today 2018-07-01 --dpi 40 -o "$W/pages/whole.pdf" || fail "export whole"
for f in "$W"/pages/*.pdf; do
    pdftotext -raw "$f" - > "$f.txt" || fail "pdftotext $f"  # -raw: the content-stream order (the table rows stay whole)
    grep -q "吕梁" "$f.txt" && fail "$f says 吕梁"
    grep -q "合成" "$f.txt" && fail "$f calls the planner's own data synthetic"
done
grep -q "阳泉市" "$W/pages/whole.pdf.txt" || fail "the whole-project page does not say 阳泉市"
# The page's table: planned, completed, rate, overdue per county, as counted by hand above.
flat=$(tr '\n' ' ' < "$W/pages/whole.pdf.txt" | sed 's/  */ /g')
for row in "城区 4 3 75.0 0" "矿区 4 2 50.0 0" "郊区 4 1 25.0 0" "平定县 5 2 40.0 0" "盂县 5 2 40.0 0"; do
    echo "$flat" | grep -q "$row" || fail "the whole-project page lacks the row '$row'"
done
grep -q "平定县" "$W/pages/平定县_140321.pdf.txt" || fail "平定县 page"
echo "own data e2e: ok"
