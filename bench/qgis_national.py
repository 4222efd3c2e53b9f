#!/usr/bin/python3
"""National scale, hongtu against QGIS 3.22 on the same data, same machine, same run.

Two jobs, each run as a whole process (start to file on disk), hongtu and QGIS back to back,
several repetitions; the medians, each side's peak RSS (wait4's ru_maxrss of that process) and
output size are printed, and a RESULT line per job for bench/run's table:

  export_a3_png_national_qgis  the national A3 300-dpi PNG: `hongtu export --project national.gpkg
                               --layout city-overview --paper A3 --dpi 300 [--layers counties,villages]`
                               against QGIS's map render (QgsMapRendererCustomPainterJob, as its
                               layout exporter does) of the same counties (fill, outline, county
                               names) and every village (1 mm circles) to a PNG of the same pixel
                               size and DPI, in the same Albers projection.
  pip_national_qgis            every village to its county: `hongtu join villages.csv --to county
                               --lon-column X --lat-column Y --rows-per-unit many --report out.csv`
                               against processing's native:joinattributesbylocation (intersects,
                               first match, invalid-geometry check "no check"; some echarts county
                               polygons are invalid) from the same CSV to a CSV.

Not a test: nothing asserts on time. Must run with Debian's python (/usr/bin/python3) where
python3-qgis is installed (bench/run installs it when missing).

  /usr/bin/python3 bench/qgis_national.py bench --hongtu build/app/hongtu --gpkg national.gpkg \
      --work DIR [--repeat 3] [--jobs export,pip] [--layers counties,villages]
  /usr/bin/python3 bench/qgis_national.py render --gpkg national.gpkg --out map.png --width 4961 --height 3508 --dpi 300
  /usr/bin/python3 bench/qgis_national.py join --csv villages.csv --gpkg national.gpkg --out joined.csv
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

# The display CRS of national projects (app/render/loaded_project.hpp, kNationalDisplayCrs).
NATIONAL_CRS = "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs"


def start_qgis():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    return app


def render(args):
    app = start_qgis()
    from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFillSymbol, QgsMapRendererCustomPainterJob,
                           QgsMapSettings, QgsMarkerSymbol, QgsPalLayerSettings, QgsProject, QgsTextBufferSettings, QgsTextFormat,
                           QgsVectorLayer, QgsVectorLayerSimpleLabeling, QgsUnitTypes)
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter

    counties = QgsVectorLayer(f"{args.gpkg}|layername=counties", "counties", "ogr")
    villages = QgsVectorLayer(f"{args.gpkg}|layername=villages", "villages", "ogr")
    if not counties.isValid() or not villages.isValid():
        sys.exit(f"qgis_national: cannot open the counties/villages layers of {args.gpkg}")
    # hongtu's styles (app/render/loaded_project.cpp: countyStyle, villageStyle), sizes in mm.
    counties.renderer().setSymbol(QgsFillSymbol.createSimple(
        {"color": "246,239,220", "outline_color": "140,90,50", "outline_width": "0.35", "outline_width_unit": "MM"}))
    villages.renderer().setSymbol(QgsMarkerSymbol.createSimple(
        {"name": "circle", "size": "1.0", "size_unit": "MM", "color": "77,77,77", "outline_color": "255,255,255",
         "outline_width": "0.12", "outline_width_unit": "MM"}))
    if args.labels:
        fmt = QgsTextFormat()
        fmt.setFont(QFont("Noto Sans CJK SC"))
        fmt.setSize(10)
        fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
        fmt.setColor(QColor(0x3a, 0x24, 0x12))
        buf = QgsTextBufferSettings()
        buf.setEnabled(True)
        buf.setSize(0.5)
        buf.setSizeUnit(QgsUnitTypes.RenderMillimeters)
        buf.setColor(QColor("white"))
        fmt.setBuffer(buf)
        pal = QgsPalLayerSettings()
        pal.fieldName = "name"
        pal.setFormat(fmt)
        counties.setLabeling(QgsVectorLayerSimpleLabeling(pal))
        counties.setLabelsEnabled(True)

    crs = QgsCoordinateReferenceSystem.fromProj(NATIONAL_CRS)
    settings = QgsMapSettings()
    settings.setLayers([villages, counties])  # top first
    settings.setDestinationCrs(crs)
    settings.setOutputSize(QSize(args.width, args.height))
    settings.setOutputDpi(args.dpi)
    settings.setBackgroundColor(QColor("white"))
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    to_albers = QgsCoordinateTransform(counties.crs(), crs, QgsProject.instance())
    settings.setExtent(to_albers.transformBoundingBox(counties.extent()))

    image = QImage(QSize(args.width, args.height), QImage.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(round(args.dpi / 0.0254))
    image.setDotsPerMeterY(round(args.dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    job = QgsMapRendererCustomPainterJob(settings, painter)
    job.renderSynchronously()
    painter.end()
    if not image.save(args.out, "PNG"):
        sys.exit(f"qgis_national: cannot write {args.out}")
    sys.stdout.flush()
    os._exit(0)  # QgsApplication.exitQgis() crashes (signal 11) after a render in 3.22; the file is written


def join(args):
    app = start_qgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing
    from qgis.analysis import QgsNativeAlgorithms
    from qgis.core import QgsApplication, QgsFeatureRequest, QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer
    Processing.initialize()
    QgsApplication.processingRegistry().addProvider(QgsNativeAlgorithms())

    uri = f"file://{os.path.abspath(args.csv)}?delimiter=,&xField=X&yField=Y&crs=EPSG:4490&detectTypes=no&spatialIndex=yes"
    villages = QgsVectorLayer(uri, "villages", "delimitedtext")
    counties = QgsVectorLayer(f"{args.gpkg}|layername=counties", "counties", "ogr")
    if not villages.isValid() or not counties.isValid():
        sys.exit(f"qgis_national: cannot open {args.csv} or the counties of {args.gpkg}")
    if args.memory_counties:  # a copy in memory: requests against the GeoPackage per village leak in 3.22
        counties = counties.materialize(QgsFeatureRequest())
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    params = {"INPUT": villages, "JOIN": counties, "PREDICATE": [0], "JOIN_FIELDS": ["county_code", "name"],
              "METHOD": 1, "DISCARD_NONMATCHING": False, "PREFIX": "county_", "OUTPUT": args.out}
    result = processing.run("native:joinattributesbylocation", params, context=context, feedback=QgsProcessingFeedback())
    print(f"joined {result.get('JOINED_COUNT')} of {villages.featureCount()} villages -> {args.out}")
    sys.stdout.flush()
    os._exit(0)


def timed(cmd, env=None):
    """Runs cmd as a child; returns (wall s, peak RSS MB of that child, exit code)."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024.0, proc.returncode, out.decode("utf-8", "replace")


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def compare(name, what, hongtu_cmd, hongtu_out, ref_cmd, ref_out, reference, repeat, ok_codes=(0,)):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    rows = {"hongtu": [], "qgis": []}
    for r in range(repeat):
        for side, cmd, out in (("hongtu", hongtu_cmd, hongtu_out), ("qgis", ref_cmd, ref_out)):
            if os.path.exists(out):
                os.remove(out)
            wall, rss, rc, text = timed(cmd, env)
            size = os.path.getsize(out) if os.path.exists(out) else 0
            print(f"  {name} run {r + 1} {side}: {wall:.2f} s, peak RSS {rss:.0f} MB, {size / 1e6:.2f} MB written, exit {rc}, "
                  f"load {os.getloadavg()[0]:.2f}", flush=True)
            if rc not in ok_codes or size == 0:
                print(f"  {side} failed: {' '.join(cmd)}\n{text[-2000:]}")
                return
            if r == 0 and side == "hongtu":
                for line in text.splitlines()[:6]:
                    print("    | " + line)
            rows[side].append((wall, rss, size))
    med = {s: statistics.median(w for w, _, _ in v) for s, v in rows.items()}
    rss = {s: max(m for _, m, _ in v) for s, v in rows.items()}
    size = {s: v[-1][2] for s, v in rows.items()}
    ratio = med["qgis"] / med["hongtu"]
    print(f"  {name}: median of {repeat}: hongtu {med['hongtu']:.2f} s ({rss['hongtu']:.0f} MB RSS, {size['hongtu'] / 1e6:.2f} MB), "
          f"QGIS {med['qgis']:.2f} s ({rss['qgis']:.0f} MB RSS, {size['qgis'] / 1e6:.2f} MB); QGIS / hongtu = {ratio:.2f}x")
    print(f'RESULT name={name} what="{what}; RSS hongtu {rss["hongtu"]:.0f} MB / QGIS {rss["qgis"]:.0f} MB; '
          f'file {size["hongtu"] / 1e6:.1f} / {size["qgis"] / 1e6:.1f} MB" hongtu_s={med["hongtu"]:.4f} '
          f'reference="{reference}" reference_s={med["qgis"]:.4f} ratio={ratio:.3f} '
          f'hongtu_rss_mb={rss["hongtu"]:.0f} reference_rss_mb={rss["qgis"]:.0f} '
          f'hongtu_bytes={size["hongtu"]} reference_bytes={size["qgis"]}', flush=True)


def bench(args):
    os.makedirs(args.work, exist_ok=True)
    me = os.path.abspath(__file__)
    py = sys.executable
    jobs = args.jobs.split(",")
    print(f"qgis_national: load average {os.getloadavg()}, {args.repeat} repetitions, medians", flush=True)
    if "export" in jobs:
        out_h = os.path.join(args.work, "national_a3_hongtu.png")
        out_q = os.path.join(args.work, "national_a3_qgis.png")
        cmd_h = [args.hongtu, "export", "--project", args.gpkg, "--layout", "city-overview", "--paper", "A3", "--dpi", "300",
                 "--today", "2026-12-01", "-o", out_h]
        if args.layers:
            cmd_h += ["--layers", args.layers]
        # The page's pixel size, from a first hongtu run (A3 landscape 300 dpi: 4961 x 3508).
        subprocess.run(cmd_h, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        w, h = png_size(out_h) if os.path.exists(out_h) else (4961, 3508)
        cmd_q = [py, me, "render", "--gpkg", args.gpkg, "--out", out_q, "--width", str(w), "--height", str(h), "--dpi", "300"]
        drawn = "counties + every village" if args.layers and "villages" in args.layers else "counties (villages hidden by scale range)"
        compare("export_a3_png_national_qgis", f"national A3 300-dpi PNG {w}x{h}, hongtu page ({drawn}) vs QGIS map (counties, names, every village)",
                cmd_h, out_h, cmd_q, out_q, "QGIS 3.22 map render to PNG", args.repeat)
    if "pip" in jobs:
        csv = os.path.join(args.work, "national_villages_xy.csv")
        if not os.path.exists(csv):
            subprocess.run(["ogr2ogr", "-f", "CSV", csv, args.gpkg, "villages", "-lco", "GEOMETRY=AS_XY"], check=True)
        out_h = os.path.join(args.work, "pip_hongtu.csv")
        out_q = os.path.join(args.work, "pip_qgis.csv")
        cmd_h = [args.hongtu, "join", csv, "--project", args.gpkg, "--to", "county", "--lon-column", "X", "--lat-column", "Y",
                 "--rows-per-unit", "many", "--report", out_h]
        cmd_q = [py, me, "join", "--csv", csv, "--gpkg", args.gpkg, "--out", out_q]
        compare("pip_national_qgis", "every national village to its county (point in polygon), CSV in, CSV out",
                cmd_h, out_h, cmd_q, out_q, "QGIS 3.22 native:joinattributesbylocation", args.repeat, ok_codes=(0, 1))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("bench")
    b.add_argument("--hongtu", required=True)
    b.add_argument("--gpkg", required=True)
    b.add_argument("--work", required=True)
    b.add_argument("--repeat", type=int, default=3)
    b.add_argument("--jobs", default="export,pip")
    b.add_argument("--layers", default="counties,villages")
    r = sub.add_parser("render")
    r.add_argument("--gpkg", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--width", type=int, default=4961)
    r.add_argument("--height", type=int, default=3508)
    r.add_argument("--dpi", type=float, default=300)
    r.add_argument("--no-labels", dest="labels", action="store_false")
    j = sub.add_parser("join")
    j.add_argument("--csv", required=True)
    j.add_argument("--gpkg", required=True)
    j.add_argument("--out", required=True)
    j.add_argument("--gpkg-counties", dest="memory_counties", action="store_false")
    a = p.parse_args()
    {"bench": bench, "render": render, "join": join}[a.cmd](a)


if __name__ == "__main__":
    main()
