#include "ui/viewer.hpp"

#include <QApplication>
#include <QFont>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QScreen>
#include <QTranslator>

#include "hongtu/geo/datasource.hpp"
#include "render/loaded_project.hpp"
#include "ui/guarded_application.hpp"
#include "ui/main_window.hpp"

namespace hongtu::ui {

namespace {

// The viewer's own strings from :/i18n, then Qt's (standard dialog buttons) from the system.
void installTranslators(QApplication& app, const QString& language, QTranslator& ours, QTranslator& qt) {
    if (language == QStringLiteral("en")) return;  // the source strings are English
    if (ours.load(QStringLiteral(":/i18n/hongtu_") + language)) app.installTranslator(&ours);
    if (qt.load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qt);
    QLocale::setDefault(QLocale(language));
}

}  // namespace

int runViewer(int argc, char** argv, const ViewerOptions& options) {
    GuardedApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Hongtu"));
    QApplication::setOrganizationName(QStringLiteral("Hongtu"));  // QSettings: ~/.config/Hongtu/Hongtu.conf
    // Noto Sans CJK SC has every glyph the Chinese UI and labels need (OFL licence).
    QFont font(QStringLiteral("Noto Sans CJK SC"));
    font.setPointSizeF(10);
    QApplication::setFont(font);

    QTranslator ours, qt;
    installTranslators(app, QString::fromStdString(options.language), ours, qt);

    const auto asOf = options.asOf.empty() ? std::nullopt : geo::Date::parseIso(options.asOf);
    auto project = render::loadProject(options.projectPath, render::ProjectOptions{.displayCrs = {}, .progressDate = asOf, .clock = options.clock});
    if (!project) {
        // The one place a load error reaches the user.
        QMessageBox::critical(nullptr, QCoreApplication::translate("hongtu::ui::Viewer", "Hongtu"),
                              QCoreApplication::translate("hongtu::ui::Viewer", "The project could not be opened.") +
                                  QStringLiteral("\n\n") + QString::fromStdString(geo::redactConnectionString(project.error().toString())));
        return 2;
    }

    MainWindow window(std::move(project).value());
    const QSize available = window.screen()->availableSize();
    window.resize(std::min(1400, available.width()), std::min(900, available.height()));
    window.arrangeForScreen(available);
    window.show();
    return QApplication::exec();
}

}  // namespace hongtu::ui
