#pragma once
// Private helpers around GDAL shared by geo's .cpp files (not a public header).

#include <memory>
#include <string>
#include <vector>

#include "hongtu/geo/datasource.hpp"

#include <cpl_conv.h>
#include <ogr_core.h>

class GDALDataset;
class OGRFeature;

namespace hongtu::geo::detail {

// The OGR field type a project column of type `t` is written as.
[[nodiscard]] OGRFieldType ogrFieldType(FieldType t);
// Sets field `index` of `feature` to `v` (null, integer, real, text or date).
void setFieldValue(OGRFeature& feature, int index, const Value& v);

// Writes `layers` into the open dataset `ds`, replacing layers of the same name. With
// `ownTransactions` each layer is written in a transaction of its own; without, the caller
// holds one transaction around everything (ProjectStore::write) and each layer is finished
// (spatial index, extent) inside it.
[[nodiscard]] Status writeLayersInto(GDALDataset& ds, const std::vector<Layer>& layers, const WriteOptions& options,
                                     const std::string& shownPath, bool ownTransactions);

// Registers GDAL drivers once and sets process-wide defaults (traditional axis order).
void ensureGdal();

// The one owner of an open GDAL dataset: gdal_support.cpp is the only place that closes one.
struct DatasetCloser {
    void operator()(GDALDataset* ds) const;
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// Opens `path` (a file or a connection string) as vector data, read-only or for update, with
// GDAL open options `options` ("NAME=VALUE"). The error names the file (connection strings
// redacted) and says why in GDAL's words. GDAL errors during the open are captured, so a caller
// holding its own GdalErrorCapture still finds the reason in lastError().
[[nodiscard]] Result<DatasetPtr> openVector(const std::string& path, bool update, const std::vector<std::string>& options = {});

// Sets a thread-local GDAL config option for its lifetime and restores the old value (an empty
// value leaves the option as it was).
class ScopedConfig {
public:
    ScopedConfig(const char* key, const std::string& value) : key_(key) {
        const char* old = CPLGetThreadLocalConfigOption(key, nullptr);
        if (old) old_ = old;
        had_ = old != nullptr;
        if (!value.empty()) CPLSetThreadLocalConfigOption(key, value.c_str());
    }
    ~ScopedConfig() { CPLSetThreadLocalConfigOption(key_, had_ ? old_.c_str() : nullptr); }
    ScopedConfig(const ScopedConfig&) = delete;
    ScopedConfig& operator=(const ScopedConfig&) = delete;

private:
    const char* key_;
    std::string old_;
    bool had_ = false;
};

// Captures GDAL errors raised during its lifetime instead of printing them.
class GdalErrorCapture {
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;
    // The last error message GDAL reported (failures only, not warnings), or "".
    [[nodiscard]] std::string lastError() const;
};

}  // namespace hongtu::geo::detail
