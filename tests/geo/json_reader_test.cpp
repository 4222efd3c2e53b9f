#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <string>

#include "hongtu/geo/json_reader.hpp"

using namespace hongtu::geo;
using nlohmann::json;

namespace {

std::string outside(const json& value, double min, double max) {
    return "between " + json(min).dump() + " and " + json(max).dump() + ", not " + value.dump();
}
constexpr JsonWording kWords{"(top)", "not an object", "not text", "not a number", "not a boolean", "missing", "unknown", &outside};

// The complaint a read raises, "path: message", or "" when it reads.
template <typename F>
std::string complaint(F&& read) {
    try {
        read();
    } catch (const JsonKeyError& e) {
        return e.text();
    }
    return "";
}

}  // namespace

TEST_CASE("json_reader: key paths join keys with dots and indexes with brackets", "[json_reader]") {
    CHECK(jsonKeyPath("", "dpi") == "dpi");
    CHECK(jsonKeyPath("paper", "size") == "paper.size");
    CHECK(jsonIndexPath("items", 5) == "items[5]");
    CHECK(jsonKeyPath(jsonIndexPath("items", 5), "scale") == "items[5].scale");
}

TEST_CASE("json_reader: a bad value deep in a document is named by its key path", "[json_reader]") {
    const json doc = json::parse(R"({"items": [{"scale": 1}, {"scale": "big"}], "paper": {"size": "A4", "colour": "red"}})");
    CHECK(complaint([&] {
              JsonObjectReader top(doc, "", kWords);
              const json& items = top.require("items");
              for (std::size_t i = 0; i < items.size(); ++i) {
                  JsonObjectReader item(items[i], jsonIndexPath("items", i), kWords);
                  (void)item.number("scale", 0, 0, 10);
              }
          }) == "items[1].scale: not a number");
    CHECK(complaint([&] {
              JsonObjectReader paper(doc["paper"], "paper", kWords);
              CHECK(paper.text("size", "") == "A4");
              paper.rejectUnknown();
          }) == "paper.colour: unknown");
}

TEST_CASE("json_reader: missing keys, wrong types and ranges in the format's words", "[json_reader]") {
    const json doc = json::parse(R"({"dpi": 2000, "bold": 1, "name": 7})");
    JsonObjectReader r(doc, "", kWords);
    CHECK(complaint([&] { (void)r.require("paper"); }) == "paper: missing");
    CHECK(complaint([&] { (void)r.number("dpi", 300, 30, 1200); }) == "dpi: between 30.0 and 1200.0, not 2000");
    CHECK(complaint([&] { (void)r.boolean("bold", false); }) == "bold: not a boolean");
    CHECK(complaint([&] { (void)r.text("name", ""); }) == "name: not text");
    CHECK(r.number("margin", 10, 0, 200) == 10);           // absent: the fallback
    CHECK(complaint([&] { r.rejectUnknown(); }).empty());  // every key was read
    CHECK(complaint([&] { JsonObjectReader top(json::array(), "", kWords); }) == "(top): not an object");
    CHECK(complaint([&] { (void)jsonNumberAt(json::parse("1e300"), "x", 0, 1e300, kWords); }).empty());
}

TEST_CASE("json_reader: withJsonKey calls back only for a present key, with its path", "[json_reader]") {
    const json doc = json::parse(R"({"label": {"size_pt": 9}})");
    std::string seen;
    withJsonKey(doc, "", "label", [&](const json& v, const std::string& path) {
        withJsonKey(v, path, "size_pt", [&](const json&, const std::string& p) { seen += p; });
        withJsonKey(v, path, "color", [&](const json&, const std::string& p) { seen += p; });
    });
    CHECK(seen == "label.size_pt");
}
