#include "hongtu/geo/project_store.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "gdal_support.hpp"
#include "hongtu/geo/datasource.hpp"

namespace hongtu::geo {

using detail::GdalErrorCapture;

namespace {

std::string quoted(const std::string& identifier) {
    std::string out = "\"";
    for (char c : identifier) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string literal(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

bool looksLocked(const std::string& gdalError) {
    return gdalError.find("locked") != std::string::npos || gdalError.find("BUSY") != std::string::npos ||
           gdalError.find("busy") != std::string::npos;
}

Error lockedError(const std::string& path, const std::string& shown, int timeoutMs) {
    const std::string holder = describeLockHolder(path);
    return Error{"the project is being changed by another program" + (holder.empty() ? std::string() : " (" + holder + ")") +
                     "; waited " + (timeoutMs >= 1000 ? std::to_string(timeoutMs / 1000) + " s" : std::to_string(timeoutMs) + " ms") +
                     " and saved nothing. Try again when it has finished",
                 shown,
                 {},
                 {}};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// ProjectWriter

bool ProjectWriter::hasTable(const std::string& name) const {
    return detail::gdalDataset(source_).GetLayerByName(name.c_str()) != nullptr;
}

Result<Layer> ProjectWriter::read(const std::string& name) const { return source_.readLayer(name); }

Status ProjectWriter::replaceLayer(const Layer& layer, const WriteOptions& options) {
    return detail::writeLayersInto(detail::gdalDataset(source_), {layer}, options, shown_, false);
}

Result<std::int64_t> ProjectWriter::deleteRows(const std::string& table, const std::string& column, const std::string& value) {
    GdalErrorCapture capture;
    OGRLayer* layer = detail::gdalDataset(source_).GetLayerByName(table.c_str());
    if (!layer) return std::int64_t{0};
    if (layer->GetLayerDefn()->GetFieldIndex(column.c_str()) < 0)
        return Error{"the table has no column '" + column + "'", shown_, table, {}};
    if (layer->SetAttributeFilter((quoted(column) + " = " + literal(value)).c_str()) != OGRERR_NONE)
        return Error{"cannot select rows: " + capture.lastError(), shown_, table, {}};
    std::vector<GIntBig> fids;
    layer->ResetReading();
    while (OGRFeatureUniquePtr f{layer->GetNextFeature()}) fids.push_back(f->GetFID());
    layer->SetAttributeFilter(nullptr);
    for (GIntBig fid : fids)
        if (layer->DeleteFeature(fid) != OGRERR_NONE)
            return Error{"cannot delete a row: " + capture.lastError(), shown_, table, static_cast<std::int64_t>(fid)};
    return static_cast<std::int64_t>(fids.size());
}

namespace {

void setValues(OGRFeature& of, const Feature& f, const std::vector<int>& index) {
    for (std::size_t i = 0; i < index.size() && i < f.values.size(); ++i) detail::setFieldValue(of, index[i], f.values[i]);
}

// The attribute table `rows.name` with every column of `rows`, created when missing.
Result<OGRLayer*> tableFor(GDALDataset& ds, const Layer& rows, const std::string& shown) {
    GdalErrorCapture capture;
    OGRLayer* layer = ds.GetLayerByName(rows.name.c_str());
    if (!layer) {
        CPLStringList lco;
        lco.AddNameValue("FID", "fid");
        layer = ds.CreateLayer(rows.name.c_str(), nullptr, wkbNone, lco.List());
        if (!layer) return Error{"cannot create the table: " + capture.lastError(), shown, rows.name, {}};
    }
    for (const auto& field : rows.fields) {
        if (layer->GetLayerDefn()->GetFieldIndex(field.name.c_str()) >= 0) continue;
        OGRFieldDefn fd(field.name.c_str(), detail::ogrFieldType(field.type));
        if (layer->CreateField(&fd) != OGRERR_NONE)
            return Error{"cannot add the column '" + field.name + "': " + capture.lastError(), shown, rows.name, {}};
    }
    return layer;
}

std::vector<int> columnIndex(OGRLayer& layer, const Layer& rows) {
    std::vector<int> index;
    for (const auto& field : rows.fields) index.push_back(layer.GetLayerDefn()->GetFieldIndex(field.name.c_str()));
    return index;
}

}  // namespace

Status ProjectWriter::appendRows(const Layer& rows) {
    GdalErrorCapture capture;
    auto layer = tableFor(detail::gdalDataset(source_), rows, shown_);
    if (!layer) return layer.error();
    const auto index = columnIndex(**layer, rows);
    std::int64_t row = 0;
    for (const auto& f : rows.features) {
        ++row;
        OGRFeatureUniquePtr of(OGRFeature::CreateFeature((*layer)->GetLayerDefn()));
        setValues(*of, f, index);
        if ((*layer)->CreateFeature(of.get()) != OGRERR_NONE)
            return Error{"cannot write a row: " + capture.lastError(), shown_, rows.name, row};
    }
    return Done{};
}

Status ProjectWriter::upsertRows(const Layer& rows, const std::string& keyColumn) {
    GdalErrorCapture capture;
    auto layer = tableFor(detail::gdalDataset(source_), rows, shown_);
    if (!layer) return layer.error();
    const auto index = columnIndex(**layer, rows);
    const auto key = rows.fieldIndex(keyColumn);
    if (!key) return Error{"the rows to save have no column '" + keyColumn + "'", shown_, rows.name, {}};
    std::int64_t row = 0;
    for (const auto& f : rows.features) {
        ++row;
        const std::string keyText = toText(f.values.at(*key));
        if ((*layer)->SetAttributeFilter((quoted(keyColumn) + " = " + literal(keyText)).c_str()) != OGRERR_NONE)
            return Error{"cannot select rows: " + capture.lastError(), shown_, rows.name, row};
        (*layer)->ResetReading();
        OGRFeatureUniquePtr existing((*layer)->GetNextFeature());
        (*layer)->SetAttributeFilter(nullptr);
        OGRErr err;
        if (existing) {
            setValues(*existing, f, index);
            err = (*layer)->SetFeature(existing.get());
        } else {
            OGRFeatureUniquePtr of(OGRFeature::CreateFeature((*layer)->GetLayerDefn()));
            setValues(*of, f, index);
            err = (*layer)->CreateFeature(of.get());
        }
        if (err != OGRERR_NONE) return Error{"cannot write a row: " + capture.lastError(), shown_, rows.name, row};
    }
    return Done{};
}

// ---------------------------------------------------------------------------------------------
// ProjectStore

ProjectStore::ProjectStore(std::string path, std::unique_ptr<DataSource> source, bool sqlite, int lockTimeoutMs)
    : path_(std::move(path)), source_(std::move(source)), sqlite_(sqlite), lockTimeoutMs_(lockTimeoutMs) {}
ProjectStore::ProjectStore(ProjectStore&&) noexcept = default;
ProjectStore& ProjectStore::operator=(ProjectStore&&) noexcept = default;
ProjectStore::~ProjectStore() = default;

Result<ProjectStore> ProjectStore::open(const std::string& path, const StoreOptions& options) {
    const bool server = isPostgresSource(path);
    if (!server && !std::filesystem::exists(path))
        return Error{"the project file does not exist", redactConnectionString(path), {}, {}};
    OpenOptions oo;
    oo.update = true;
    oo.lockTimeoutMs = options.lockTimeoutMs >= 0 ? options.lockTimeoutMs : defaultLockTimeoutMs();
    auto source = DataSource::open(path, oo);
    if (!source) return source.error();
    const std::string driver = source->driverName();
    if (!server && driver != "GPKG")
        return Error{"a project is a GeoPackage (.gpkg) or a PostGIS database; this file is read by GDAL's " + driver +
                         " driver and cannot be changed as a project",
                     redactConnectionString(path),
                     {},
                     {}};
    ProjectStore store(path, std::make_unique<DataSource>(std::move(source).value()), !server, oo.lockTimeoutMs);
    return store;
}

bool ProjectStore::hasTable(const std::string& name) const {
    return source_ && detail::gdalDataset(*source_).GetLayerByName(name.c_str()) != nullptr;
}

Result<Layer> ProjectStore::read(const std::string& name) const {
    if (!source_) return Error{"the project could not be opened again after a failed change", shownPath(), name, {}};
    return source_->readLayer(name);
}

Status ProjectStore::write(const std::function<Status(ProjectWriter&)>& change) {
    if (!source_) return Error{"the project could not be opened again after a failed change", shownPath(), {}, {}};
    GDALDataset& ds = detail::gdalDataset(*source_);
    const std::string shown = shownPath();
    GdalErrorCapture capture;
    const int timeout = lockTimeoutMs_;
    if (ds.StartTransaction(FALSE) != OGRERR_NONE) {
        const std::string why = capture.lastError();
        if (looksLocked(why)) return lockedError(path_, shown, timeout);
        return Error{"cannot start a transaction on the project: " + why, shown, {}, {}};
    }
    // SQLite's BEGIN is deferred: take the write lock now, before anything is read, so two
    // writers queue behind each other instead of one of them failing when it upgrades its lock.
    if (sqlite_) {
        ds.ExecuteSQL("UPDATE gpkg_contents SET table_name = table_name WHERE 0", nullptr, nullptr);
        const std::string why = capture.lastError();
        if (!why.empty()) {
            rollBack();
            if (looksLocked(why)) return lockedError(path_, shown, timeout);
            return Error{"cannot lock the project for writing: " + why, shown, {}, {}};
        }
    }
    ProjectWriter writer(*source_, shown);
    Status status = Done{};
    try {
        status = change(writer);
    } catch (...) {
        rollBack();
        throw;
    }
    if (!status) {
        rollBack();
        return status;
    }
    if (ds.CommitTransaction() != OGRERR_NONE) {
        const std::string why = capture.lastError();
        rollBack();
        if (looksLocked(why)) return lockedError(path_, shown, timeout);
        return Error{"the change could not be saved (commit failed): " + why, shown, {}, {}};
    }
    return Done{};
}

void ProjectStore::rollBack() {
    detail::gdalDataset(*source_).RollbackTransaction();
    // GDAL keeps layers created or changed inside the rolled-back transaction in its own
    // memory; the file no longer has them. Open the project again so the next change starts
    // from what the file holds.
    OpenOptions oo;
    oo.update = true;
    oo.lockTimeoutMs = lockTimeoutMs_;
    source_.reset();
    if (auto fresh = DataSource::open(path_, oo)) source_ = std::make_unique<DataSource>(std::move(fresh).value());
}

// ---------------------------------------------------------------------------------------------

std::string describeLockHolder(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return {};
    // SQLite's lock bytes: PENDING at 0x40000000, RESERVED at +1, the SHARED range after them.
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = 0x40000000;
    lock.l_len = 512;
    const int rc = ::fcntl(fd, F_GETLK, &lock);
    ::close(fd);
    if (rc != 0 || lock.l_type == F_UNLCK || lock.l_pid <= 0) return {};
    std::string command;
    std::ifstream in("/proc/" + std::to_string(lock.l_pid) + "/cmdline", std::ios::binary);
    for (char c; in.get(c);) command += c == '\0' ? ' ' : c;
    while (!command.empty() && command.back() == ' ') command.pop_back();
    if (command.size() > 120) command = command.substr(0, 117) + "...";
    std::string out = "process " + std::to_string(lock.l_pid);
    if (!command.empty()) out += " (" + redactConnectionString(command) + ")";
    return out;
}

Status replaceLayersAtomically(const std::string& path, const std::vector<Layer>& layers, const WriteOptions& options) {
    auto store = ProjectStore::open(path);
    if (!store) return store.error();
    return store->write([&](ProjectWriter& w) -> Status {
        for (const auto& layer : layers)
            if (auto st = w.replaceLayer(layer, options); !st) return st;
        return Done{};
    });
}

}  // namespace hongtu::geo
