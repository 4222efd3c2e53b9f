#include "gdal_support.hpp"

#include <cpl_string.h>
#include <gdal_priv.h>

namespace hongtu::geo::detail {

void DatasetCloser::operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }

Result<DatasetPtr> openVector(const std::string& path, bool update, const std::vector<std::string>& options) {
    ensureGdal();
    GdalErrorCapture capture;
    CPLStringList openOptions;
    for (const auto& o : options) openOptions.AddString(o.c_str());
    const unsigned flags = GDAL_OF_VECTOR | GDAL_OF_VERBOSE_ERROR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
    DatasetPtr ds(GDALDataset::Open(path.c_str(), flags, nullptr, options.empty() ? nullptr : openOptions.List(), nullptr));
    if (!ds) {
        std::string why = capture.lastError();
        if (why.empty()) why = "no GDAL driver recognises it as vector data";
        return Error{std::string("cannot be opened as map data") + (update ? " for writing" : "") + ": " + redactConnectionString(why),
                     redactConnectionString(path),
                     {},
                     {}};
    }
    return ds;
}

}  // namespace hongtu::geo::detail
