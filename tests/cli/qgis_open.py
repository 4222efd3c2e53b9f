#!/usr/bin/env python3
"""Opens a Hongtu project with QGIS's Python bindings and checks that each layer loads the default
style Hongtu wrote into QGIS's layer_styles table, and that QGIS draws what Hongtu draws: the same
renderer type, the same classes (legend label and colour, in order), and each feature in the class
of the same colour (per-colour feature counts equal to Hongtu's), labels and opacity as in Hongtu.
What Hongtu draws comes from `hongtu style list --classes` (its resolved classes and counts).
Exit 77 (CTest: skipped) when python3-qgis is not installed; it is not in scripts/install-deps
(about 200 Debian packages).

usage: qgis_open.py PROJECT.gpkg CLASSES.json [--expect LAYER=TYPE:#rrggbb,#rrggbb ...]
  --expect  an independent expectation (e.g. the colours of a style just set with `hongtu style
            set`): QGIS's renderer type for LAYER and the colours of its classes, in order."""
import json, os, sys

try:
    from qgis.core import (QgsApplication, QgsExpressionContext, QgsExpressionContextUtils, QgsProject, QgsRenderContext, QgsSymbolLayer,
                           QgsVectorLayer)
except ImportError:
    print("skipped: python3-qgis is not installed (apt-get install python3-qgis to run this test; "
          "with a pyenv python first on PATH, configure with -DHONGTU_PYTHON3=/usr/bin/python3)")
    sys.exit(77)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()

project_path, classes_path = sys.argv[1], sys.argv[2]
expect = {}
args = sys.argv[3:]
while args:
    if args[0] == "--expect" and len(args) > 1:
        layer, spec = args[1].split("=", 1)
        kind, colours = spec.split(":", 1)
        expect[layer] = (kind, colours.split(","))
        args = args[2:]
    else:
        sys.exit(f"unknown argument {args[0]}")

hongtu = json.load(open(classes_path, encoding="utf-8"))
renderer_of = {"single": "singleSymbol", "proportional": "singleSymbol", "categorized": "categorizedSymbol",
               "graduated": "graduatedSymbol"}
problems = []
layers = {}
# All layers in one QGIS project, named as the tables: a field Hongtu derives from another layer
# (the counties' share of villages with income) is a QGIS aggregate over the 'villages' layer.
for entry in hongtu:
    name = entry["layer"]
    layer = QgsVectorLayer(f"{project_path}|layername={name}", name, "ogr")
    if not layer.isValid():
        problems.append(f"QGIS cannot open layer {name}")
        continue
    QgsProject.instance().addMapLayer(layer)
    layers[name] = layer


def qgis_classes(renderer):
    kind = renderer.type()
    if kind == "categorizedSymbol":
        return [(c.label(), c.symbol().color().name()) for c in renderer.categories()]
    if kind == "graduatedSymbol":
        return [(r.label(), r.symbol().color().name()) for r in renderer.ranges()]
    return [("", renderer.symbol().color().name())]


def counts_by_colour(layer):
    renderer = layer.renderer().clone()
    ctx = QgsRenderContext()
    ctx.expressionContext().appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    renderer.startRender(ctx, layer.fields())
    counts = {}
    for f in layer.getFeatures():
        if not f.hasGeometry() or f.geometry().isEmpty():
            continue  # a village whose position is unknown: drawn by neither program
        ctx.expressionContext().setFeature(f)
        symbol = renderer.symbolForFeature(f, ctx)
        if symbol is None:
            continue
        colour = symbol.color().name()
        counts[colour] = counts.get(colour, 0) + 1
    renderer.stopRender(ctx)
    return counts


for entry in hongtu:
    name = entry["layer"]
    if name not in layers:
        continue
    layer = layers[name]
    renderer = layer.renderer()
    want_type = renderer_of[entry["symbology"]]
    if renderer.type() != want_type:
        problems.append(f"layer {name}: QGIS's renderer is {renderer.type()}, Hongtu draws {entry['symbology']} ({want_type})")
        continue
    got = qgis_classes(renderer)
    want = [(c["label"], c["color"]) for c in entry["classes"]]
    if entry["symbology"] in ("single", "proportional"):
        want = want[:1]
        got = [("", got[0][1])]
        want = [("", want[0][1])]
    if sorted(got) != sorted(want):
        problems.append(f"layer {name}: QGIS's classes {got} differ from Hongtu's {want}")
    if entry["symbology"] == "proportional":
        dd = renderer.symbol().symbolLayer(0).dataDefinedProperties().property(QgsSymbolLayer.PropertySize)
        if not dd.isActive():
            problems.append(f"layer {name}: QGIS's markers have no data-defined size")
        else:  # the largest marker is the style's largest size, as Hongtu draws it
            ctx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
            sizes = []
            for f in layer.getFeatures():
                ctx.setFeature(f)
                sizes.append(dd.valueAsDouble(ctx, 0)[0])
            print(f"{name}: marker sizes {min(sizes):.2f}–{max(sizes):.2f} mm (QGIS expression)")
            if "max_size_mm" in entry and abs(max(sizes) - entry["max_size_mm"]) > 1e-6:
                problems.append(f"layer {name}: QGIS's largest marker is {max(sizes)} mm, Hongtu's {entry['max_size_mm']} mm")
    else:
        want_counts = {}
        for c in entry["classes"]:
            if c["count"]:
                want_counts[c["color"]] = want_counts.get(c["color"], 0) + c["count"]
        got_counts = counts_by_colour(layer)
        if got_counts != want_counts:
            problems.append(f"layer {name}: QGIS draws {got_counts} features per colour, Hongtu {want_counts}")
    if layer.labelsEnabled() != entry["labels"]:
        problems.append(f"layer {name}: labels {'on' if layer.labelsEnabled() else 'off'} in QGIS, "
                        f"{'on' if entry['labels'] else 'off'} in Hongtu")
    want_scale = entry.get("label_max_scale", 0)
    if layer.labelsEnabled() and want_scale and layer.labeling().settings().minimumScale != want_scale:
        problems.append(f"layer {name}: QGIS shows labels up to 1:{layer.labeling().settings().minimumScale}, Hongtu 1:{want_scale}")
    if abs(layer.opacity() - entry["opacity"]) > 1e-9:
        problems.append(f"layer {name}: opacity {layer.opacity()} in QGIS, {entry['opacity']} in Hongtu")
    if name in expect:
        kind, colours = expect[name]
        if renderer.type() != kind or [c for _, c in got] != colours:
            problems.append(f"layer {name}: expected {kind} with {colours}, QGIS has {renderer.type()} with {[c for _, c in got]}")
    print(f"{name}: {renderer.type()}, {len(got)} classes as in Hongtu "
          f"({', '.join(f'{l or c} {c}' for l, c in got[:6])}{' …' if len(got) > 6 else ''}), "
          f"labels {'on' if layer.labelsEnabled() else 'off'}")

for layer in expect:
    if layer not in layers:
        problems.append(f"layer {layer}: expected in the project, not found")
app.exitQgis()
if problems or not layers:
    for p in problems or ["no layer to check"]:
        print("FAILED:", p)
    sys.exit(1)
print("qgis ok")
