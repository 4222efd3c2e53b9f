#include "hongtu/geo/progress/store.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>

#include "gdal_support.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/dates.hpp"
#include "hongtu/geo/project_schema.hpp"
#include "hongtu/geo/project_store.hpp"

namespace hongtu::geo::progress {

namespace {

using detail::GdalErrorCapture;

constexpr const char* kHistory = schema::kStatusHistory;
constexpr const char* kVenues = schema::kVenueProjects;
constexpr const char* kHousing = schema::kHousingProjects;

// One table's columns by name, read tolerant of their storage type (codes and dates may be TEXT).
class LayerColumns {
public:
    LayerColumns(OGRLayer& layer, std::string file) : layer_(layer), file_(std::move(file)) {
        auto* defn = layer.GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) columns_[defn->GetFieldDefn(i)->GetNameRef()] = i;
    }
    [[nodiscard]] OGRLayer& layer() const { return layer_; }
    [[nodiscard]] std::string name() const { return layer_.GetName(); }
    [[nodiscard]] int column(const std::string& name) const {
        auto it = columns_.find(name);
        return it == columns_.end() ? -1 : it->second;
    }
    [[nodiscard]] Status require(std::initializer_list<const char*> names) const {
        for (const char* n : names)
            if (column(n) < 0) return Error{std::string("the table has no column '") + n + "'", file_, name(), {}};
        return Done{};
    }
    [[nodiscard]] static std::string text(OGRFeature& f, int i) {
        if (i < 0 || !f.IsFieldSetAndNotNull(i)) return {};
        return f.GetFieldAsString(i);
    }
    [[nodiscard]] static std::int64_t integer(OGRFeature& f, int i) {
        if (i < 0 || !f.IsFieldSetAndNotNull(i)) return 0;
        if (f.GetFieldDefnRef(i)->GetType() == OFTReal) return std::llround(f.GetFieldAsDouble(i));
        return f.GetFieldAsInteger64(i);
    }
    // A date in a DATE/DATETIME or TEXT column. Null -> nullopt with ok = true; unreadable text -> ok = false.
    [[nodiscard]] static std::optional<Date> date(OGRFeature& f, int i, bool& ok) {
        ok = true;
        if (i < 0 || !f.IsFieldSetAndNotNull(i)) return std::nullopt;
        const auto type = f.GetFieldDefnRef(i)->GetType();
        if (type == OFTDate || type == OFTDateTime) {
            int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
            float ss = 0;
            f.GetFieldAsDateTime(i, &y, &m, &d, &hh, &mm, &ss, &tz);
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
            auto parsed = Date::parseIso(buf);
            ok = parsed.has_value();
            return parsed;
        }
        auto parsed = parseFlexibleDate(f.GetFieldAsString(i), false);
        ok = parsed.has_value();
        return parsed;
    }

private:
    OGRLayer& layer_;
    std::string file_;
    std::map<std::string, int> columns_;
};

Result<std::optional<Date>> readDate(OGRFeature& f, const LayerColumns& t, const char* column, const std::string& file,
                                     const std::string& projectId) {
    bool ok = true;
    auto d = LayerColumns::date(f, t.column(column), ok);
    if (!ok)
        return Error{std::string("the ") + column + " '" + LayerColumns::text(f, t.column(column)) + "' of project '" + projectId +
                         "' is not a date",
                     file, t.name(), f.GetFID()};
    return d;
}

// Budget and planned dates, the columns venue and housing projects share.
Status readCommon(OGRFeature& f, const LayerColumns& t, const std::string& file, Project& p) {
    p.budgetYuan = LayerColumns::integer(f, t.column("budget_yuan"));
    auto start = readDate(f, t, "planned_start", file, p.id);
    if (!start) return start.error();
    auto end = readDate(f, t, "planned_completion", file, p.id);
    if (!end) return end.error();
    p.plannedStart = *start;
    p.plannedCompletion = *end;
    return Done{};
}

Status readProjects(GDALDataset& ds, const std::string& file, ProgressData& out) {
    bool any = false;
    if (auto* layer = ds.GetLayerByName(kVenues)) {
        any = true;
        LayerColumns t(*layer, file);
        if (auto s = t.require({"project_id", "kind", "county_code", "planned_completion"}); !s) return s;
        layer->ResetReading();
        while (OGRFeatureUniquePtr f{layer->GetNextFeature()}) {
            Project p;
            p.id = LayerColumns::text(*f, t.column("project_id"));
            p.table = kVenues;
            p.row = f->GetFID();
            const std::string kind = LayerColumns::text(*f, t.column("kind"));
            if (kind == "village_venue") p.kind = ProjectKind::VillageVenue;
            else if (kind == "community_venue") p.kind = ProjectKind::CommunityVenue;
            else
                return Error{"project '" + p.id + "' has the kind '" + kind + "'; expected village_venue or community_venue",
                             file, kVenues, p.row};
            p.name = LayerColumns::text(*f, t.column("village_name"));
            p.villageCode = LayerColumns::text(*f, t.column("village_code"));
            p.townshipCode = LayerColumns::text(*f, t.column("township_code"));
            p.countyCode = LayerColumns::text(*f, t.column("county_code"));
            p.version = LayerColumns::integer(*f, t.column("row_version"));
            if (auto s = readCommon(*f, t, file, p); !s) return s.error();
            out.projects.push_back(std::move(p));
        }
    }
    if (auto* layer = ds.GetLayerByName(kHousing)) {
        any = true;
        LayerColumns t(*layer, file);
        if (auto s = t.require({"project_id", "county_code", "planned_completion"}); !s) return s;
        layer->ResetReading();
        while (OGRFeatureUniquePtr f{layer->GetNextFeature()}) {
            Project p;
            p.id = LayerColumns::text(*f, t.column("project_id"));
            p.kind = ProjectKind::TownshipHousing;
            p.table = kHousing;
            p.row = f->GetFID();
            p.name = LayerColumns::text(*f, t.column("township_name"));
            p.townshipCode = LayerColumns::text(*f, t.column("township_code"));
            p.countyCode = LayerColumns::text(*f, t.column("county_code"));
            p.version = LayerColumns::integer(*f, t.column("row_version"));
            if (auto s = readCommon(*f, t, file, p); !s) return s.error();
            out.projects.push_back(std::move(p));
        }
    }
    if (!any) return Error{"the project has neither a venue_projects nor a housing_projects table", file, {}, {}};
    return Done{};
}

Status readHistory(GDALDataset& ds, const std::string& file, ProgressData& out) {
    auto* layer = ds.GetLayerByName(kHistory);
    if (!layer) return Error{"the project has no status_history table", file, {}, {}};
    LayerColumns t(*layer, file);
    if (auto s = t.require({"project_id", "status", "date"}); !s) return s;
    layer->ResetReading();
    while (OGRFeatureUniquePtr f{layer->GetNextFeature()}) {
        StatusChange c;
        c.row = f->GetFID();
        c.projectId = LayerColumns::text(*f, t.column("project_id"));
        const std::string word = LayerColumns::text(*f, t.column("status"));
        auto stage = parseStage(word);
        if (!stage)
            return Error{"unknown status '" + word + "' for project '" + c.projectId +
                             "'; expected planned, under_construction, completed or accepted",
                         file, kHistory, c.row};
        c.stage = *stage;
        auto date = readDate(*f, t, "date", file, c.projectId);
        if (!date) return date.error();
        if (!*date) return Error{"the status change of project '" + c.projectId + "' has no date", file, kHistory, c.row};
        c.date = **date;
        c.note = LayerColumns::text(*f, t.column("note"));
        c.who = LayerColumns::text(*f, t.column("who"));
        c.recordedAt = LayerColumns::text(*f, t.column("recorded_at"));
        const std::string prev = LayerColumns::text(*f, t.column("previous_status"));
        if (!prev.empty()) c.previous = parseStage(prev);
        out.history.push_back(std::move(c));
    }
    // Recording order = row order (fids only grow: rows are appended, never rewritten).
    std::stable_sort(out.history.begin(), out.history.end(),
                     [](const StatusChange& a, const StatusChange& b) { return a.row < b.row; });
    return Done{};
}

void readAreas(GDALDataset& ds, ProgressData& out) {
    if (auto* layer = ds.GetLayerByName("counties")) {
        LayerColumns t(*layer, {});
        const int code = t.column("county_code"), name = t.column("name");
        if (code >= 0) {
            const char* skip[] = {"OGR_GEOMETRY", nullptr};  // names only: the polygons are not needed
            layer->SetIgnoredFields(skip);
            layer->ResetReading();
            while (OGRFeatureUniquePtr f{layer->GetNextFeature()})
                out.counties.push_back({LayerColumns::text(*f, code), LayerColumns::text(*f, name), {}});
        }
    }
    if (auto* layer = ds.GetLayerByName("townships")) {
        LayerColumns t(*layer, {});
        const int code = t.column("township_code"), name = t.column("name"), county = t.column("county_code");
        if (code >= 0) {
            layer->ResetReading();
            while (OGRFeatureUniquePtr f{layer->GetNextFeature()})
                out.townships.push_back({LayerColumns::text(*f, code), LayerColumns::text(*f, name), LayerColumns::text(*f, county)});
        }
    }
    auto byCode = [](const Area& a, const Area& b) { return a.code < b.code; };
    std::stable_sort(out.counties.begin(), out.counties.end(), byCode);
    std::stable_sort(out.townships.begin(), out.townships.end(), byCode);
}

Result<ProgressData> readFrom(GDALDataset& ds, const std::string& path) {
    ProgressData data;
    data.source = path;
    if (auto s = readProjects(ds, path, data); !s) return s.error();
    if (auto s = readHistory(ds, path, data); !s) return s.error();
    readAreas(ds, data);
    return data;
}

}  // namespace

Result<std::vector<StatusChange>> validateForSave(Result<ProgressData> data, const std::vector<ChangeRequest>& batch,
                                                  const RecordOptions& options, const std::string& shownFile) {
    if (!data) return data.error();
    auto model = ProgressModel::create(std::move(data).value());
    if (!model) return model.error();
    BatchCheck check = validateChanges(*model, batch, options.recordedAt, options.batchSource);
    if (!check.ok()) {
        Error e = check.summary();
        if (e.file.empty()) e.file = shownFile;
        return e;
    }
    return std::move(check.changes);
}

Result<ProgressData> readProgressData(const std::string& path) {
    detail::ensureGdal();
    if (!isPostgresSource(path) && !std::filesystem::exists(path))
        return Error{"the file does not exist", redactConnectionString(path), {}, {}};
    auto source = DataSource::open(path);  // waits for a writer's lock (busy timeout), rolls back a hot journal
    if (!source) return source.error();
    GdalErrorCapture capture;
    auto data = readFrom(detail::gdalDataset(*source), redactConnectionString(path));
    if (data && !capture.lastError().empty())
        return Error{"reading failed: " + redactConnectionString(capture.lastError()), redactConnectionString(path), {}, {}};
    return data;
}

Result<ProgressModel> loadProgress(const std::string& path) {
    auto data = readProgressData(path);
    if (!data) return data.error();
    return ProgressModel::create(std::move(*data));
}

Result<RecordSummary> recordStatusChanges(const std::string& path, const std::vector<ChangeRequest>& batch,
                                          const RecordOptions& options) {
    if (isPostgresSource(path))
        return Error{
            "this is a PostGIS project: its status changes are saved by the PostGIS store (saveStatusChanges), "
            "not as a GeoPackage",
            redactConnectionString(path),
            {},
            {}};
    if (!parseFlexibleDate(options.recordedAt, false))
        return Error{"the recording time '" + options.recordedAt + "' is not an ISO date-time", path, {}, {}};
    auto store = ProjectStore::open(path);
    if (!store) return store.error();
    if (store->source().driverName() != "GPKG")
        return Error{"status changes can only be saved into a GeoPackage project (this file is " + store->source().driverName() + ")",
                     path,
                     {},
                     {}};
    RecordSummary summary;
    // One transaction, with the write lock taken first: the validation reads what the file holds
    // now, and no other writer can change it until the new rows are committed.
    auto st = store->write([&](ProjectWriter& w) -> Status {
        GDALDataset& ds = detail::gdalDataset(w.source());
        GdalErrorCapture capture;
        auto validated = validateForSave(readFrom(ds, path), batch, options, path);
        if (!validated) return validated.error();

        OGRLayer* layer = ds.GetLayerByName(kHistory);
        // Migration: the history columns, added once, in this same transaction.
        for (const char* column : {"who", "recorded_at", "previous_status"}) {
            if (layer->GetLayerDefn()->GetFieldIndex(column) >= 0) continue;
            OGRFieldDefn fd(column, OFTString);
            if (layer->CreateField(&fd) != OGRERR_NONE)
                return Error{std::string("cannot add the column '") + column + "': " + capture.lastError(), path, kHistory, {}};
            summary.migrated = true;
        }
        auto* defn = layer->GetLayerDefn();
        const int iProject = defn->GetFieldIndex("project_id"), iStatus = defn->GetFieldIndex("status"),
                  iDate = defn->GetFieldIndex("date"), iNote = defn->GetFieldIndex("note"), iWho = defn->GetFieldIndex("who"),
                  iRecorded = defn->GetFieldIndex("recorded_at"), iPrevious = defn->GetFieldIndex("previous_status"),
                  iSynthetic = defn->GetFieldIndex("synthetic");
        const OGRFieldType dateType = defn->GetFieldDefn(iDate)->GetType();
        for (auto& c : *validated) {
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(defn));
            f->SetField(iProject, c.projectId.c_str());
            f->SetField(iStatus, stageWord(c.stage));
            if (dateType == OFTDate || dateType == OFTDateTime) f->SetField(iDate, c.date.year, c.date.month, c.date.day);
            else f->SetField(iDate, c.date.iso().c_str());
            if (iNote >= 0) f->SetField(iNote, c.note.c_str());
            f->SetField(iWho, c.who.c_str());
            f->SetField(iRecorded, c.recordedAt.c_str());
            if (c.previous) f->SetField(iPrevious, stageWord(*c.previous));
            else f->SetFieldNull(iPrevious);
            if (iSynthetic >= 0) f->SetField(iSynthetic, 0);  // a real edit, not generated
            if (layer->CreateFeature(f.get()) != OGRERR_NONE)
                return Error{"cannot write the change of project '" + c.projectId + "': " + capture.lastError(), path, kHistory, {}};
            c.row = f->GetFID();
            summary.saved.push_back(c);
            if (options.afterRow) options.afterRow(summary.saved.size());
        }
        return Done{};
    });
    if (!st) return st.error();
    return summary;
}

std::vector<ChangeRequest> toRequests(const std::vector<StatusChange>& changes) {
    std::vector<ChangeRequest> out;
    for (const auto& c : changes) out.push_back({c.projectId, stageWord(c.stage), c.date.iso(), c.note, c.who, 0});
    return out;
}

Result<std::vector<ChangeRequest>> readChangeRequests(const std::string& path, const std::string& defaultWho) {
    auto ds = DataSource::open(path);
    if (!ds) return ds.error();
    const auto layers = ds->layers();
    if (layers.empty()) return Error{"the file holds no table", path, {}, {}};
    auto layer = ds->readLayer(layers.front().name);
    if (!layer) return layer.error();
    for (const char* column : {"project_id", "status", "date"})
        if (!layer->fieldIndex(column))
            return Error{std::string("the table has no column '") + column + "' (needed: project_id, status, date; optional: note, who)",
                         path,
                         layer->name,
                         {}};
    auto get = [&](std::size_t i, const char* column) -> std::string {
        return layer->fieldIndex(column) ? toText(layer->at(i, column)) : std::string();
    };
    std::vector<ChangeRequest> out;
    for (std::size_t i = 0; i < layer->features.size(); ++i) {
        ChangeRequest r{get(i, "project_id"), get(i, "status"), get(i, "date"), get(i, "note"), get(i, "who"),
                        static_cast<std::int64_t>(i) + 2};
        if (r.who.empty()) r.who = defaultWho;
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace hongtu::geo::progress
