#include "cli/info_command.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <ostream>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/encoding.hpp"
#include "hongtu/geo/layer_checks.hpp"

namespace hongtu::cli {

namespace {

const char* typeName(geo::FieldType t) {
    switch (t) {
        case geo::FieldType::Integer: return "integer";
        case geo::FieldType::Real: return "real";
        case geo::FieldType::Date: return "date";
        case geo::FieldType::Text: return "text";
    }
    return "text";
}

std::string geometryName(const geo::LayerInfo& l) {
    if (l.geometryKind == geo::Geometry::Kind::Empty) return "table";
    return std::string(l.multi ? "Multi" : "") + geo::kindName(l.geometryKind);
}

std::string extentText(const geo::Box& b) {
    if (b.empty()) return "-";
    return geo::coordinateText(b.minX) + ", " + geo::coordinateText(b.minY) + " - " + geo::coordinateText(b.maxX) + ", " +
           geo::coordinateText(b.maxY);
}

// Names and text that reach the terminal or JSON are UTF-8: broken bytes (a binary file, a
// DBF in another encoding) become U+FFFD and are reported, never passed on (nlohmann::json
// threw on them and the process aborted).
struct Utf8Guard {
    std::vector<std::string> broken;
    std::string operator()(const std::string& s, const std::string& what) {
        if (geo::isValidUtf8(s)) return s;
        auto r = geo::repairUtf8(s);
        std::string shown = r.text;
        if (shown.size() > 60) {  // a binary header is no name: show its start
            std::size_t cut = 60;
            while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
            shown = shown.substr(0, cut) + "…";
        }
        broken.push_back(what + " '" + shown + "'");
        return r.text;
    }
};

struct LayerReport {
    geo::LayerInfo info;
    std::vector<geo::Finding> findings;
};

// The layer's checks (read into memory); a layer that cannot be read is a problem, named once.
// A layer whose driver declares no geometry type (GeoJSON with mixed types) takes the type of
// its first geometry, as the reader does.
std::vector<geo::Finding> checksOf(const geo::DataSource& ds, geo::LayerInfo& l) {
    auto layer = ds.readLayer(l.name);
    if (layer && l.geometryKind == geo::Geometry::Kind::Empty) l.geometryKind = layer->geometryKind;
    std::vector<geo::Finding> out;
    if (!l.problem.empty()) out.push_back({true, l.problem});
    if (!layer) {
        if (l.problem.empty()) out.push_back({true, "the features cannot be read: " + layer.error().toString()});
        return out;
    }
    for (auto& f : geo::checkLayer(*layer, l.crs)) out.push_back(std::move(f));
    return out;
}

}  // namespace

int runInfo(const InfoOptions& options, std::ostream& out, std::ostream& err) {
    geo::OpenOptions oo;
    if (!options.encoding.empty()) {
        auto enc = geo::parseEncodingName(options.encoding);
        if (!enc) {
            err << "hongtu info: " << enc.error().message << "\n";
            return 2;
        }
        oo.shapefileEncoding = *enc == geo::Encoding::Gb18030 ? "GB18030" : "UTF-8";
    }
    const auto sidecars = geo::checkShapefileSidecars(options.path);
    auto ds = geo::DataSource::open(options.path, oo);
    if (!ds) {
        err << "hongtu info: " << geo::redactConnectionString(ds.error().toString()) << "\n";
        for (const auto& f : sidecars) err << "  " << (f.problem ? "PROBLEM:  " : "note:     ") << f.message << "\n";
        return 2;
    }
    Utf8Guard utf8;
    std::vector<LayerReport> layers;
    for (auto& l : ds->layers()) {
        LayerReport r;
        r.findings = checksOf(*ds, l);
        r.info = std::move(l);
        r.info.name = utf8(r.info.name, "layer name");
        for (auto& f : r.info.fields) f.name = utf8(f.name, "field name in layer " + r.info.name);
        for (auto& f : r.findings) f.message = utf8(f.message, "text");
        layers.push_back(std::move(r));
    }
    std::vector<geo::Finding> general = sidecars;
    if (!utf8.broken.empty()) {
        std::string list;
        for (const auto& b : utf8.broken) list += (list.empty() ? "" : "; ") + b;
        general.push_back({true, "text that is not UTF-8 (shown with \xEF\xBF\xBD): " + list +
                                     ". Is this a binary file, or text in another encoding? (try --encoding gb18030)"});
    }
    const std::string encoding = options.encoding.empty() ? ds->encodingNote() : options.encoding + " (chosen)";
    int rc = 0;
    const auto count = [&rc](const std::vector<geo::Finding>& fs) {
        for (const auto& f : fs)
            if (f.problem) rc = 1;
    };
    count(general);
    for (const auto& l : layers) count(l.findings);

    if (options.json) {
        const auto findingsJson = [](const std::vector<geo::Finding>& fs, bool problems) {
            auto a = nlohmann::ordered_json::array();
            for (const auto& f : fs)
                if (f.problem == problems) a.push_back(f.message);
            return a;
        };
        nlohmann::ordered_json j;
        j["path"] = utf8(geo::redactConnectionString(options.path), "path");
        j["driver"] = ds->driverName();
        if (!encoding.empty()) j["text_encoding"] = encoding;
        j["problems"] = findingsJson(general, true);
        j["notes"] = findingsJson(general, false);
        j["layers"] = nlohmann::ordered_json::array();
        for (const auto& r : layers) {
            const auto& l = r.info;
            nlohmann::ordered_json lj;
            lj["name"] = l.name;
            lj["geometry"] = geometryName(l);
            lj["features"] = l.featureCount;
            lj["crs"] = l.crs.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(l.crs);
            if (l.extent.empty()) lj["extent"] = nullptr;
            else lj["extent"] = {l.extent.minX, l.extent.minY, l.extent.maxX, l.extent.maxY};
            auto fields = nlohmann::ordered_json::array();
            for (const auto& f : l.fields) fields.push_back({{"name", f.name}, {"type", typeName(f.type)}});
            lj["fields"] = fields;
            if (!l.problem.empty()) lj["problem"] = l.problem;  // kept for scripts written against 0.1
            lj["problems"] = findingsJson(r.findings, true);
            lj["notes"] = findingsJson(r.findings, false);
            j["layers"].push_back(lj);
        }
        // replace: a last guard, every string above was checked already
        out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
        return rc;
    }
    out << utf8(geo::redactConnectionString(options.path), "path") << "  (" << ds->driverName() << ", " << layers.size()
        << (layers.size() == 1 ? " layer" : " layers") << ")\n";
    if (!encoding.empty()) out << "text encoding: " << encoding << "\n";
    for (const auto& f : general) out << (f.problem ? "PROBLEM:  " : "note:     ") << f.message << "\n";
    for (const auto& r : layers) {
        const auto& l = r.info;
        out << "\n"
            << l.name << "\n"
            << "  geometry: " << geometryName(l) << "\n"
            << "  features: " << l.featureCount << "\n";
        if (l.geometryKind != geo::Geometry::Kind::Empty) {
            out << "  crs:      " << (l.crs.empty() ? "(none declared)" : l.crs) << "\n"
                << "  extent:   " << extentText(l.extent) << "\n";
        }
        out << "  fields:   ";
        for (std::size_t i = 0; i < l.fields.size(); ++i)
            out << (i ? ", " : "") << l.fields[i].name << " (" << typeName(l.fields[i].type) << ")";
        out << "\n";
        for (const auto& f : r.findings) out << (f.problem ? "  PROBLEM:  " : "  note:     ") << f.message << "\n";
    }
    return rc;
}

Command addInfoCommand(CLI::App& app) {
    auto options = std::make_shared<InfoOptions>();
    auto* sub = app.add_subcommand("info",
                                   "List the layers of a vector source (feature counts, CRS, extent) and check them: invalid or empty geometries, "
                                   "NaN coordinates, a CRS the numbers contradict, mixed geometry types, duplicate codes, missing shapefile files. "
                                   "Exit code 1 when a PROBLEM was found");
    sub->add_option("path", options->path, "File, folder or connection string (e.g. PG:service=hongtu)")->required();
    sub->add_flag("--json", options->json, "Print JSON instead of text");
    sub->add_option("--encoding", options->encoding,
                    "Text encoding of a shapefile's .dbf: utf-8 or gb18030 (default: the .cpg file, else detected)");
    return {sub, [options] { return runInfo(*options, std::cout, std::cerr); }};
}

}  // namespace hongtu::cli
