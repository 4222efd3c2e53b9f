#include "cli/info_command.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <ostream>

#include "hongtu/geo/datasource.hpp"

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
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.6f, %.6f - %.6f, %.6f", b.minX, b.minY, b.maxX, b.maxY);
    return buf;
}

}  // namespace

int runInfo(const InfoOptions& options, std::ostream& out, std::ostream& err) {
    auto ds = geo::DataSource::open(options.path);
    if (!ds) {
        err << "hongtu info: " << geo::redactConnectionString(ds.error().toString()) << "\n";
        return 2;
    }
    const auto layers = ds->layers();
    int rc = 0;
    if (options.json) {
        nlohmann::ordered_json j;
        j["path"] = geo::redactConnectionString(options.path);
        j["driver"] = ds->driverName();
        j["layers"] = nlohmann::ordered_json::array();
        for (const auto& l : layers) {
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
            if (!l.problem.empty()) {
                lj["problem"] = l.problem;
                rc = 1;
            }
            j["layers"].push_back(lj);
        }
        out << j.dump(2) << "\n";
        return rc;
    }
    out << geo::redactConnectionString(options.path) << "  (" << ds->driverName() << ", " << layers.size()
        << (layers.size() == 1 ? " layer" : " layers") << ")\n";
    for (const auto& l : layers) {
        out << "\n" << l.name << "\n"
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
        if (!l.problem.empty()) {
            out << "  PROBLEM:  " << l.problem << "\n";
            rc = 1;
        }
    }
    return rc;
}

Command addInfoCommand(CLI::App& app) {
    auto options = std::make_shared<InfoOptions>();
    auto* sub = app.add_subcommand("info", "List the layers of a vector source: feature counts, CRS, extent");
    sub->add_option("path", options->path, "File, folder or connection string (e.g. PG:service=hongtu)")->required();
    sub->add_flag("--json", options->json, "Print JSON instead of text");
    return {sub, [options] { return runInfo(*options, std::cout, std::cerr); }};
}

}  // namespace hongtu::cli
