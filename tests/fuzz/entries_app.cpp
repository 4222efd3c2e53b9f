#include <string>

#include "entries.hpp"
#include "export/layout.hpp"
#include "render/style_io.hpp"

namespace hongtu::fuzz {

int layoutJson(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto layout = exporting::layoutFromJson(text, "fuzz");
    if (!layout) {
        if (layout.error().message.empty()) broken("a refused layout says why", text);
        return 0;
    }
    // What was accepted is written and read back.
    auto again = exporting::layoutFromJson(exporting::layoutToJson(*layout), "fuzz");
    if (!again) broken("an accepted layout reads back", again.error().toString());
    return 0;
}

int styleJson(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const render::LayerStyle base;
    (void)render::styleSetsScaleRange(text);
    auto style = render::styleFromJson(text, base);
    if (!style) return 0;
    auto again = render::styleFromJson(render::styleToJson(*style), base);
    if (!again) broken("an accepted style reads back", again.error().toString());
    return 0;
}

std::vector<Target> appTargets() { return {{"layout_json", layoutJson}, {"style_json", styleJson}}; }

}  // namespace hongtu::fuzz
