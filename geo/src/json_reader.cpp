#include "hongtu/geo/json_reader.hpp"

#include <cmath>

namespace hongtu::geo {

using nlohmann::json;

void failAtKey(const std::string& path, const std::string& message) { throw JsonKeyError{path, message}; }

std::string jsonKeyPath(const std::string& parent, const std::string& key) { return parent.empty() ? key : parent + "." + key; }

std::string jsonIndexPath(const std::string& parent, std::size_t index) { return parent + "[" + std::to_string(index) + "]"; }

const json& jsonObjectAt(const json& value, const std::string& path, const JsonWording& w) {
    if (!value.is_object()) failAtKey(path.empty() ? w.topLevel : path, w.notObject);
    return value;
}

std::string jsonTextAt(const json& value, const std::string& path, const JsonWording& w) {
    if (!value.is_string()) failAtKey(path, w.notText);
    return value.get<std::string>();
}

double jsonNumberAt(const json& value, const std::string& path, double min, double max, const JsonWording& w) {
    if (!value.is_number()) failAtKey(path, w.notNumber);
    const double v = value.get<double>();
    if (!std::isfinite(v) || v < min || v > max) failAtKey(path, w.outOfRange(value, min, max));
    return v;
}

bool jsonBooleanAt(const json& value, const std::string& path, const JsonWording& w) {
    if (!value.is_boolean()) failAtKey(path, w.notBoolean);
    return value.get<bool>();
}

JsonObjectReader::JsonObjectReader(const json& j, std::string path, const JsonWording& wording)
    : j_(j), path_(std::move(path)), wording_(wording) {
    (void)jsonObjectAt(j_, path_, wording_);
}

const json* JsonObjectReader::find(const std::string& key) {
    used_.insert(key);
    const auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
}

const json& JsonObjectReader::require(const std::string& key) {
    const json* v = find(key);
    if (!v) failAtKey(pathOf(key), wording_.missing);
    return *v;
}

std::string JsonObjectReader::text(const std::string& key, std::string fallback) {
    const json* v = find(key);
    return v ? jsonTextAt(*v, pathOf(key), wording_) : fallback;
}

double JsonObjectReader::number(const std::string& key, double fallback, double min, double max) {
    const json* v = find(key);
    return v ? jsonNumberAt(*v, pathOf(key), min, max, wording_) : fallback;
}

bool JsonObjectReader::boolean(const std::string& key, bool fallback) {
    const json* v = find(key);
    return v ? jsonBooleanAt(*v, pathOf(key), wording_) : fallback;
}

void JsonObjectReader::rejectUnknown() const {
    for (const auto& [key, value] : j_.items())
        if (!used_.count(key)) failAtKey(pathOf(key), wording_.unknownKey);
}

}  // namespace hongtu::geo
