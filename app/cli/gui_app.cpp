#include "cli/gui_app.hpp"

#include <cstdlib>

namespace hongtu::cli {

std::unique_ptr<QGuiApplication> makeGuiApp() {
    if (QGuiApplication::instance()) return nullptr;
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    const char* x = std::getenv("DISPLAY");
    const char* w = std::getenv("WAYLAND_DISPLAY");
    if (!(platform && *platform) && !(x && *x) && !(w && *w)) qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "hongtu";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QGuiApplication>(argc, argv);
}

ChineseGuiApp makeChineseGuiApp() {
    ChineseGuiApp out{makeGuiApp(), std::make_unique<QTranslator>()};
    if (out.translator->load(QStringLiteral(":/i18n/hongtu_zh_CN"))) QCoreApplication::installTranslator(out.translator.get());
    return out;
}

}  // namespace hongtu::cli
