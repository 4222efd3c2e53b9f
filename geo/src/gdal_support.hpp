#pragma once
// Private helpers around GDAL shared by geo's .cpp files (not a public header).

#include <string>

namespace hongtu::geo::detail {

// Registers GDAL drivers once and sets process-wide defaults (traditional axis order).
void ensureGdal();

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
