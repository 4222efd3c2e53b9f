#!/usr/bin/env python3
"""Writes the messy join fixtures in this folder, shaped like the files county offices send.
Run once; the outputs are committed. Needs only the Python standard library.
The GCJ-02 conversion here is an independent implementation of the published formula, so the
tests cross-check Hongtu's C++ version against it."""
import math, zipfile, os

HERE = os.path.dirname(os.path.abspath(__file__))

def write(name, text, encoding, bom=False, newline="\r\n"):
    data = text.replace("\n", newline).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)

# 1. Excel "CSV" on a Chinese Windows: GB18030, CRLF, mixed date styles, every problem once.
write("venues_gbk.csv", """项目编号,村代码,村名称,县（市、区）,计划完工,预算（元）
VV-1,141123205200,蔡家崖村委会,兴县,2018/6/30,1200000
VV-2,141123102222,裴家湾村委会,兴县,2018年9月30日,2500000
VV-3,141124105206,双塔村委会,临县,43281,800000
VV-4,141123205203,北坡村委会,兴县,2018-06-30,900000
VV-5,141124105206,双塔村委会,临县,43281,800000
VV-6,141123999999,不存在村,兴县,2018-06-30,100000
VV-7,141124105206,双塔村委会,兴县,2018-06-30,100000
VV-8,1.41123E+11,某村,兴县,2018-06-30,100000
VV-9,14112320520,短码村,兴县,2018-06-30,100000

VV-10,141182100200,贾家庄村委会,汾阳市,2018-12-31,3000000
""", "gb18030")

# 2. Excel "CSV UTF-8": a BOM in front of the first header.
write("venues_bom.csv", """村代码,村名称,预算（元）
141123205200,蔡家崖村委会,1200000
141182100200,贾家庄村委会,3000000
141121104200,刘胡兰村委会,500000
""", "utf-8", bom=True)

# 3. Keyed by name only, with the county written in several ways.
write("villages_by_name.csv", """村名称,县
东庄村,文水县
东庄,孝义
东庄村委会,
东 庄 村,石楼县
蔡家崖村,兴县
蔡家涯村,兴县
东庄村,兴县
北坡村,方山县
刘胡兰村,文水
""", "utf-8", newline="\n")

# 4. Memorial sites copied from Amap (GCJ-02); one is in Shaanxi, one has lon/lat swapped.
A, EE = 6378245.0, 0.00669342162296594323
def _tlat(x, y):
    r = -100.0 + 2.0*x + 3.0*y + 0.2*y*y + 0.1*x*y + 0.2*math.sqrt(abs(x))
    r += (20.0*math.sin(6.0*x*math.pi) + 20.0*math.sin(2.0*x*math.pi))*2.0/3.0
    r += (20.0*math.sin(y*math.pi) + 40.0*math.sin(y/3.0*math.pi))*2.0/3.0
    r += (160.0*math.sin(y/12.0*math.pi) + 320*math.sin(y*math.pi/30.0))*2.0/3.0
    return r
def _tlon(x, y):
    r = 300.0 + x + 2.0*y + 0.1*x*x + 0.1*x*y + 0.1*math.sqrt(abs(x))
    r += (20.0*math.sin(6.0*x*math.pi) + 20.0*math.sin(2.0*x*math.pi))*2.0/3.0
    r += (20.0*math.sin(x*math.pi) + 40.0*math.sin(x/3.0*math.pi))*2.0/3.0
    r += (150.0*math.sin(x/12.0*math.pi) + 300.0*math.sin(x/30.0*math.pi))*2.0/3.0
    return r
def wgs_to_gcj(lon, lat):
    dlat, dlon = _tlat(lon-105.0, lat-35.0), _tlon(lon-105.0, lat-35.0)
    rad = lat/180.0*math.pi
    magic = 1 - EE*math.sin(rad)**2
    sm = math.sqrt(magic)
    dlat = (dlat*180.0)/((A*(1-EE))/(magic*sm)*math.pi)
    dlon = (dlon*180.0)/(A/sm*math.cos(rad)*math.pi)
    return lon+dlon, lat+dlat
sites = [("晋绥边区革命纪念馆", "兴县", 111.081, 38.476), ("刘胡兰纪念馆", "文水县", 112.200, 37.410),
         ("红军东征纪念馆(石楼)", "石楼县", 110.845, 37.000), ("延安革命纪念馆", "陕西延安", 109.4920, 36.6080)]
rows = ["名称,县,经度,纬度"]
for name, county, lon, lat in sites:
    g = wgs_to_gcj(lon, lat)
    rows.append(f"{name},{county},{g[0]:.6f},{g[1]:.6f}")
g = wgs_to_gcj(110.885, 37.445)
rows.append(f"贺昌故居,柳林县,{g[1]:.6f},{g[0]:.6f}")  # swapped
write("memorials_gcj02.csv", "\n".join(rows) + "\n", "utf-8", newline="\n")

# 5. XLSX with a merged title row above the header, codes stored as numbers, a blank row.
def cell(ref, v):
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
data = [["吕梁市2018年村级组织活动场所建设项目表（兴县）"],
        ["村代码", "村名称", "县", "计划完工", "预算（元）"],
        [141123205200, "蔡家崖村委会", "兴县", 43281, 1200000],
        ["141123102222", "裴家湾村委会", "兴县", "2018-09-30", 2500000],
        [],
        [141123205203, "北坡村委会", "兴县", 43465, 900000]]
sheet_rows = []
for i, r in enumerate(data, start=1):
    cells = "".join(cell(f"{chr(65+j)}{i}", v) for j, v in enumerate(r))
    sheet_rows.append(f'<row r="{i}">{cells}</row>')
sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         f'<sheetData>{"".join(sheet_rows)}</sheetData><mergeCells count="1"><mergeCell ref="A1:E1"/></mergeCells></worksheet>')
files = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="兴县" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": sheet,
}
with zipfile.ZipFile(os.path.join(HERE, "merged_header.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    for name, content in files.items():
        info = zipfile.ZipInfo(name, date_time=(2018, 6, 30, 0, 0, 0))
        z.writestr(info, content)
