#!/usr/bin/env python3
"""Opens a Hongtu project with QGIS's Python bindings and checks that each layer loads the default
style Hongtu wrote into QGIS's layer_styles table. Exit 77 (CTest: skipped) when python3-qgis is
not installed; it is not in scripts/install-deps (about 200 Debian packages).
usage: qgis_open.py PROJECT.gpkg"""
import os, sys

try:
    from qgis.core import QgsApplication, QgsVectorLayer
except ImportError:
    print("skipped: python3-qgis is not installed (apt-get install python3-qgis to run this test)")
    sys.exit(77)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
expected = {"counties": "#f6efdc", "townships": "#1f5f99", "villages": "#4d4d4d"}
for name, colour in expected.items():
    layer = QgsVectorLayer(f"{sys.argv[1]}|layername={name}", name, "ogr")
    if not layer.isValid():
        print(f"FAILED: QGIS cannot open layer {name}")
        sys.exit(1)
    got = layer.renderer().symbol().color().name()
    if got != colour:
        print(f"FAILED: layer {name} has colour {got}, the default style says {colour}")
        sys.exit(1)
    print(f"{name}: default style loaded ({got}), labels {'on' if layer.labelsEnabled() else 'off'}")
app.exitQgis()
print("qgis ok")
