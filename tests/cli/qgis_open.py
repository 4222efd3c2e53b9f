#!/usr/bin/env python3
"""Opens a Hongtu project with QGIS's Python bindings and checks that each layer loads the default
style Hongtu wrote into QGIS's layer_styles table, and that QGIS draws what Hongtu draws: the same
renderer type, the same classes (legend label and colour, in order), and each feature in the class
of the same colour (per-colour feature counts equal to Hongtu's), labels and opacity as in Hongtu.
What Hongtu draws comes from `hongtu style list --classes` (its resolved classes and counts).
Exit 77 (CTest: skipped) when python3-qgis is not installed; it is not in scripts/install-deps
(about 200 Debian packages).

usage: qgis_open.py PROJECT.gpkg CLASSES.json [--expect LAYER=TYPE:#rrggbb,#rrggbb ...]
                   [--views NAME,NAME ...] [--progress PROGRESS.json]
  --expect    an independent expectation (e.g. the colours of a style just set with `hongtu style
              set`): QGIS's renderer type for LAYER and the colours of its classes, in order.
  --views     the progress views (geo/progress/views.hpp) the project must have: each opens as a
              layer with features, loads its default style from layer_styles, and is checked
              against Hongtu's classes like any other layer (so Hongtu must draw it too).
  --progress  `hongtu progress --format json --as-of DAY` for the views' as_of day: the county
              view's planned / completed projects and the point views' features per category
              must equal Hongtu's tallies."""
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
views = []
progress_path = None
args = sys.argv[3:]
while args:
    if args[0] == "--expect" and len(args) > 1:
        layer, spec = args[1].split("=", 1)
        kind, colours = spec.split(":", 1)
        expect[layer] = (kind, colours.split(","))
        args = args[2:]
    elif args[0] == "--views" and len(args) > 1:
        views = [v for v in args[1].split(",") if v]
        args = args[2:]
    elif args[0] == "--progress" and len(args) > 1:
        progress_path = args[1]
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

# The progress views: QGIS lists them as layers of the file, each loads its own default style,
# and Hongtu draws each of them (so the loop above compared their classes and colours).
drawn_by_hongtu = {entry["layer"] for entry in hongtu}
for view in views:
    layer = layers.get(view) or QgsVectorLayer(f"{project_path}|layername={view}", view, "ogr")
    if not layer.isValid():
        problems.append(f"progress view {view}: QGIS cannot open it")
        continue
    if view not in drawn_by_hongtu:
        problems.append(f"progress view {view}: Hongtu draws no layer of that name (nothing to compare with)")
    if layer.featureCount() <= 0:
        problems.append(f"progress view {view}: no features")
    count, ids, names, descriptions, error = layer.listStylesInDatabase()
    if view not in names[:count] if count >= 0 else True:
        problems.append(f"progress view {view}: no default style in layer_styles ({error or names})")
    print(f"{view}: progress view, {layer.featureCount()} features, {layer.renderer().type()}")

# Hongtu's own tallies (`hongtu progress --format json`) against the views' rows.
if progress_path:
    report = json.load(open(progress_path, encoding="utf-8"))
    as_of = report.get("as_of")
    kind_of_view = {"village_venue_projects": "village_venue", "community_venue_projects": "community_venue",
                    "township_housing_projects": "township_housing"}
    for view, layer in layers.items():
        if view == "county_progress":
            for f in layer.getFeatures():
                if f["as_of"] != as_of:
                    problems.append(f"county_progress: as_of {f['as_of']}, hongtu progress {as_of}")
                    break
            want = {a["code"]: (a["all"]["planned"], a["all"]["completed"]) for a in report["areas"]}
            for f in layer.getFeatures():
                code = f["county_code"]
                got = (int(f["projects_planned"]), int(f["projects_completed"]))  # computed columns: text to GDAL
                if got != want.get(code, (0, 0)):
                    problems.append(f"county_progress {code}: planned/completed {got} in the view, {want.get(code)} in hongtu progress")
            print(f"county_progress: planned and completed per county as hongtu progress ({len(want)} counties)")
        elif view in kind_of_view:
            counts = {}
            for f in layer.getFeatures():
                counts[f["category"]] = counts.get(f["category"], 0) + 1
            tally = {}
            for a in report["areas"]:
                for key, n in a["by_kind"][kind_of_view[view]].items():
                    if isinstance(n, int):
                        tally[key] = tally.get(key, 0) + n
            # The tallies count overdue and due-soon projects inside not started / in progress;
            # the map's categories take them out: compare what both say.
            got = {"late or due soon": counts.get("overdue", 0) + counts.get("due_soon", 0),
                   "overdue": counts.get("overdue", 0), "due_soon": counts.get("due_soon", 0),
                   "unfinished, on time": counts.get("not_started", 0) + counts.get("in_progress", 0),
                   "completed": counts.get("completed", 0), "accepted": counts.get("accepted", 0)}
            want = {"late or due soon": tally["overdue"] + tally["due_soon"], "overdue": tally["overdue"], "due_soon": tally["due_soon"],
                    "unfinished, on time": tally["planned"] - tally["completed"] - tally["overdue"] - tally["due_soon"],
                    "completed": tally["completed"] - tally["accepted"], "accepted": tally["accepted"]}
            if got != want:
                problems.append(f"{view}: {got} in the view, {want} in hongtu progress")
            print(f"{view}: features per category as hongtu progress ({sum(counts.values())} projects)")
app.exitQgis()
if problems or not layers:
    for p in problems or ["no layer to check"]:
        print("FAILED:", p)
    sys.exit(1)
print("qgis ok")
