#!/usr/bin/python3
"""Renders a Hongtu project with QGIS (python3-qgis) as it opens there: every layer with its default
style from the GeoPackage's layer_styles table (written by Hongtu), nothing set by this script but
the layer order, the map CRS (the demo's Gauss-Krüger zone) and the extent (all counties). For the
docs: docs/images/qgis-demo.png next to Hongtu's city page (docs/own_data.md, "QGIS").

With --progress: the progress views instead (geo/progress_views.hpp: the county completion rate and
the venue and housing points by status as of the newest change), for docs/images/qgis-progress.png.

usage: /usr/bin/python3 scripts/qgis-screenshot.py [--progress] PROJECT.gpkg OUT.png [WIDTH_PX HEIGHT_PX]"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsMapRendererParallelJob,
                       QgsMapSettings, QgsProject, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

args = [a for a in sys.argv[1:] if a != "--progress"]
progress = len(args) != len(sys.argv) - 1
project_path, out = args[0], args[1]
width, height = (int(args[2]), int(args[3])) if len(args) > 3 else (900, 1000)
QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
project = QgsProject.instance()
layers = []
names = ("township_housing_projects", "community_venue_projects", "village_venue_projects", "county_progress") if progress else \
    ("memorial_sites", "townships", "villages", "counties")
for name in names:  # top first
    layer = QgsVectorLayer(f"{project_path}|layername={name}", name, "ogr")
    if layer.isValid():
        project.addMapLayer(layer)
        layers.append(layer)
crs = QgsCoordinateReferenceSystem("EPSG:4546")
counties = layers[-1]
extent = QgsCoordinateTransform(counties.crs(), crs, project).transformBoundingBox(counties.extent())
extent.scale(1.04)
settings = QgsMapSettings()
settings.setLayers(layers)
settings.setDestinationCrs(crs)
settings.setExtent(extent)
settings.setOutputSize(QSize(width, height))
settings.setOutputDpi(120)
settings.setBackgroundColor(QColor("white"))
job = QgsMapRendererParallelJob(settings)
job.start()
job.waitForFinished()
job.renderedImage().save(out, "png")
print(f"qgis-screenshot: wrote {out} ({width} x {height} px; {', '.join(l.name() + ': ' + l.renderer().type() for l in layers)})",
      flush=True)
app.exitQgis()
os._exit(0)  # QGIS 3.22's bindings can abort while Python tears them down
