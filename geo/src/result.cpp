#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

std::string Error::toString() const {
    std::string where;
    auto add = [&where](const std::string& part) {
        if (!where.empty()) where += ", ";
        where += part;
    };
    if (!file.empty()) add("file '" + file + "'");
    if (!layer.empty()) add("layer '" + layer + "'");
    if (row) add("row " + std::to_string(*row));
    return where.empty() ? message : where + ": " + message;
}

}  // namespace hongtu::geo
