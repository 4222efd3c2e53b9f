#pragma once
// Reading a JSON document (a page layout, a saved layer style) value by value, with every
// complaint naming the key path where it is: "items[5].rect_mm: must be [x, y, width, height]".
//
// A reader throws JsonKeyError at the first bad value; the format's entry point catches it once
// and returns a geo::Error (export/layout.cpp, render/style_io.cpp). The words of a complaint are
// the format's own (JsonWording), the key path is always built the same way here.

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <utility>

namespace hongtu::geo {

// A bad value at `path` ("paper.size", "symbology.categories[2].color", "(top level)").
struct JsonKeyError {
    std::string path;
    std::string message;
    // "path: message"
    [[nodiscard]] std::string text() const { return path + ": " + message; }
};

// How a format words its complaints about a value.
struct JsonWording {
    const char* topLevel;   // the path shown for the document itself, e.g. "(top level)"
    const char* notObject;  // e.g. "must be an object { ... }"
    const char* notText;
    const char* notNumber;
    const char* notBoolean;
    const char* missing;  // a required key is absent
    const char* unknownKey;
    // A number outside [min, max].
    std::string (*outOfRange)(const nlohmann::json& value, double min, double max);
};

[[noreturn]] void failAtKey(const std::string& path, const std::string& message);

// "paper" + "size" -> "paper.size"; "" + "dpi" -> "dpi".
[[nodiscard]] std::string jsonKeyPath(const std::string& parent, const std::string& key);
// "items" + 5 -> "items[5]".
[[nodiscard]] std::string jsonIndexPath(const std::string& parent, std::size_t index);

// The value at `path` as the type asked for, or a JsonKeyError in the format's words.
[[nodiscard]] const nlohmann::json& jsonObjectAt(const nlohmann::json& value, const std::string& path, const JsonWording& w);
[[nodiscard]] std::string jsonTextAt(const nlohmann::json& value, const std::string& path, const JsonWording& w);
[[nodiscard]] double jsonNumberAt(const nlohmann::json& value, const std::string& path, double min, double max,
                                  const JsonWording& w);
[[nodiscard]] bool jsonBooleanAt(const nlohmann::json& value, const std::string& path, const JsonWording& w);

// Calls f(value, keyPath) when the object `obj` (at `path`) has `key`.
template <typename F>
void withJsonKey(const nlohmann::json& obj, const std::string& path, const std::string& key, F&& f) {
    const auto it = obj.find(key);
    if (it != obj.end()) std::forward<F>(f)(*it, jsonKeyPath(path, key));
}

// One JSON object at a key path; remembers which keys were read, so unknown keys can be named.
class JsonObjectReader {
public:
    // A JsonKeyError (notObject) when `j` is not an object.
    JsonObjectReader(const nlohmann::json& j, std::string path, const JsonWording& wording);

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] std::string pathOf(const std::string& key) const { return jsonKeyPath(path_, key); }
    [[nodiscard]] const JsonWording& wording() const { return wording_; }

    // The value of `key` (null when absent); either way the key counts as read.
    const nlohmann::json* find(const std::string& key);
    // The value of `key`, or a JsonKeyError (missing).
    const nlohmann::json& require(const std::string& key);
    // Optional typed values: `fallback` when the key is absent.
    std::string text(const std::string& key, std::string fallback);
    double number(const std::string& key, double fallback, double min, double max);
    bool boolean(const std::string& key, bool fallback);
    // A JsonKeyError (unknownKey) naming the first key that was never read.
    void rejectUnknown() const;

private:
    const nlohmann::json& j_;
    std::string path_;
    const JsonWording& wording_;
    std::set<std::string> used_;
};

}  // namespace hongtu::geo
