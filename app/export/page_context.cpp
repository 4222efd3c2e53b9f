#include "export/page_context.hpp"

#include <QCoreApplication>
#include <QDate>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "hongtu/geo/datasource.hpp"

namespace hongtu::exporting {

namespace {

geo::Box toBox(const QRectF& r) { return {r.left(), r.top(), r.right(), r.bottom()}; }

std::string percent(int with, int counted) {
    if (counted == 0) return "—";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f", 100.0 * with / counted);
    return buf;
}

// Per-group tally of village committees (村委会) and those with collective income.
struct Tally {
    int committees = 0, withIncome = 0;
};

// Sources of the drawn layers from layer_metadata, shortened to their first clause.
std::vector<std::string> layerSources(const std::string& path, const std::vector<std::string>& layers) {
    std::vector<std::string> out;
    auto source = geo::DataSource::open(path);
    if (!source) return out;
    auto meta = source->readLayer("layer_metadata");
    if (!meta) return out;
    const auto layerField = meta->fieldIndex("layer");
    const auto sourceField = meta->fieldIndex("source");
    if (!layerField || !sourceField) return out;
    for (const auto& f : meta->features) {
        const std::string layer = geo::toText(f.values[*layerField]);
        if (std::find(layers.begin(), layers.end(), layer) == layers.end()) continue;
        std::string s = geo::toText(f.values[*sourceField]);
        const auto cut = s.find_first_of(",;(");
        if (cut != std::string::npos) s = s.substr(0, cut);
        while (!s.empty() && s.back() == ' ') s.pop_back();
        if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    }
    return out;
}

}  // namespace

std::vector<Unit> countyUnits(const render::Scene& scene) {
    std::vector<Unit> out;
    const render::SceneLayer* counties = scene.find("counties");
    if (!counties) return out;
    for (std::size_t i = 0; i < counties->paths.size(); ++i)
        out.push_back({Unit::Level::County, counties->text(i, "county_code"), counties->text(i, "name"),
                       toBox(counties->pathBounds[i])});
    std::sort(out.begin(), out.end(), [](const Unit& a, const Unit& b) { return a.code < b.code; });
    return out;
}

std::vector<Unit> townshipUnits(const render::Scene& scene) {
    std::vector<Unit> out;
    const render::SceneLayer* townships = scene.find("townships");
    if (!townships) return out;
    std::map<std::string, geo::Box> extent;
    if (const render::SceneLayer* villages = scene.find("villages"))
        for (std::size_t i = 0; i < villages->points.size(); ++i)
            extent[villages->text(i, "township_code")].expand(geo::XY{villages->points[i].x(), villages->points[i].y()});
    for (std::size_t i = 0; i < townships->points.size(); ++i) {
        Unit u{Unit::Level::Township, townships->text(i, "township_code"), townships->text(i, "name"), {}};
        u.extent = extent[u.code];
        u.extent.expand(geo::XY{townships->points[i].x(), townships->points[i].y()});
        out.push_back(std::move(u));
    }
    std::sort(out.begin(), out.end(), [](const Unit& a, const Unit& b) { return a.code < b.code; });
    return out;
}

geo::Result<Unit> findUnit(const std::vector<Unit>& units, const std::string& key) {
    std::vector<const Unit*> hits;
    for (const auto& u : units)
        if (u.name == key || u.code == key) hits.push_back(&u);
    if (hits.size() == 1) return *hits.front();
    std::string some;
    for (std::size_t i = 0; i < units.size() && i < 13; ++i) some += (some.empty() ? "" : ", ") + units[i].name;
    if (hits.empty()) return geo::Error{"no unit named or coded '" + key + "' (for example: " + some + ")", "", "", {}};
    std::string codes;
    for (const Unit* u : hits) codes += (codes.empty() ? "" : ", ") + u->code;
    return geo::Error{"the name '" + key + "' is shared by several units (" + codes + "); give the code instead", "", "", {}};
}

std::string wholeProjectName(const render::Scene& scene) {
    std::set<std::string> cities, provinces;
    if (const render::SceneLayer* counties = scene.find("counties"))
        for (std::size_t i = 0; i < counties->paths.size(); ++i) {
            const std::string code = counties->text(i, "county_code");
            if (code.size() < 6) continue;
            cities.insert(code.substr(0, 4));
            provinces.insert(code.substr(0, 2));
        }
    if (cities.size() == 1 && *cities.begin() == "1411") return "吕梁市";
    if (provinces.size() > 1) return "全国";
    return "项目范围";
}

TableRows incomeStatistics(const render::Scene& scene, const Unit* unit) {
    TableRows t;
    const render::SceneLayer* villages = scene.find("villages");
    if (!villages || !villages->fieldIndex("has_collective_income")) return t;
    const bool byVillage = unit && unit->level == Unit::Level::Township;
    const bool byTownship = unit && unit->level == Unit::Level::County;
    std::map<std::string, std::string> names;  // group code -> name
    if (byTownship) {
        if (const render::SceneLayer* ts = scene.find("townships"))
            for (std::size_t i = 0; i < ts->points.size(); ++i) names[ts->text(i, "township_code")] = ts->text(i, "name");
        t.header = {"乡镇（街道）", "村委会", "有集体经济收入", "占比（%）"};
    } else if (!byVillage) {
        if (const render::SceneLayer* cs = scene.find("counties"))
            for (std::size_t i = 0; i < cs->paths.size(); ++i) names[cs->text(i, "county_code")] = cs->text(i, "name");
        t.header = {"县（市、区）", "村委会", "有集体经济收入", "占比（%）"};
    } else {
        t.header = {"村（社区）", "类别", "集体经济收入"};
    }
    std::map<std::string, Tally> tally;
    Tally total;
    for (std::size_t i = 0; i < villages->points.size(); ++i) {
        if (unit && unit->level == Unit::Level::County && villages->text(i, "county_code") != unit->code) continue;
        if (byVillage && villages->text(i, "township_code") != unit->code) continue;
        const std::string kind = villages->text(i, "kind");
        const std::string income = villages->text(i, "has_collective_income");
        if (byVillage) {
            t.rows.push_back({villages->text(i, "name"), kind,
                              kind != "村委会" ? "不统计" : (income.empty() ? "无数据" : (income == "1" ? "有" : "无"))});
            continue;
        }
        if (kind != "村委会" && !kind.empty()) continue;
        if (income.empty()) continue;
        auto& g = tally[villages->text(i, byTownship ? "township_code" : "county_code")];
        ++g.committees;
        ++total.committees;
        if (income == "1") ++g.withIncome, ++total.withIncome;
    }
    if (byVillage) return t;
    for (const auto& [code, g] : tally) {
        const auto it = names.find(code);
        t.rows.push_back({it == names.end() ? code : it->second, std::to_string(g.committees), std::to_string(g.withIncome),
                          percent(g.withIncome, g.committees)});
    }
    t.rows.push_back({"合计", std::to_string(total.committees), std::to_string(total.withIncome),
                      percent(total.withIncome, total.committees)});
    return t;
}

std::vector<std::string> syntheticLayerNames(const PageContext& c) {
    std::vector<std::string> out;
    const auto check = [&](const render::SceneLayer& l) {
        const QString title = l.style.legendTitle;
        const bool synthetic = l.syntheticPositions || title.contains(QStringLiteral("synthetic"), Qt::CaseInsensitive) ||
                               title.contains(QStringLiteral("合成"));
        if (!synthetic) return;
        std::string name = l.displayName.toStdString();
        for (const char* suffix : {"（示意位置）", " (synthetic positions)"}) {
            const std::string s = suffix;
            if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) name.resize(name.size() - s.size());
        }
        if (l.syntheticPositions) name += "位置";
        else if (!title.isEmpty()) name = title.toStdString();
        out.push_back(name);
    };
    if (c.scene)
        for (const auto& l : c.scene->layers)
            if (c.map.isLayerVisible(l.id) && !(c.frameScaleDenominator > l.style.maxScaleDenominator)) check(l);
    for (const auto& l : c.overlays) check(l);
    return out;
}

TableRows progressStatistics(const geo::ProgressModel& model, const Unit* unit, geo::Date asOf) {
    TableRows t;
    if (unit && unit->level == Unit::Level::Township) return t;
    const bool byTownship = unit != nullptr;
    t.header = {byTownship ? "乡镇（街道）" : "县（市、区）", "计划项目", "已完工", "完工率（%）", "逾期"};
    const geo::Snapshot snapshot = model.evaluate(asOf);
    geo::Tally total;
    for (const auto& area : model.tallies(snapshot, byTownship ? geo::Level::Township : geo::Level::County)) {
        if (byTownship && area.area.countyCode != unit->code) continue;
        const geo::Tally& a = area.tally.all;
        if (a.planned == 0) continue;  // none planned: no row (not 0%)
        total.add(a);
        char rate[32];
        std::snprintf(rate, sizeof rate, "%.1f", 100.0 * *a.completionRate());
        t.rows.push_back({area.area.name.empty() ? area.area.code : area.area.name, std::to_string(a.planned),
                          std::to_string(a.completed), rate, std::to_string(a.overdue)});
    }
    if (!t.rows.empty()) {
        char rate[32];
        std::snprintf(rate, sizeof rate, "%.1f", 100.0 * total.completionRate().value_or(0));
        t.rows.push_back({"合计", std::to_string(total.planned), std::to_string(total.completed), rate, std::to_string(total.overdue)});
    }
    return t;
}

PageContext makeContext(const render::Project& project, const Unit* unit, const ContextOptions& options) {
    PageContext c;
    c.scene = &project.scene;
    c.projectExtent = project.scene.extent();
    c.map.displayCrs = project.scene.displayCrs;
    c.map.visibleLayerIds = options.visibleLayerIds ? *options.visibleLayerIds : project.scene.initiallyVisibleLayerIds();
    c.today = options.today.empty() ? QDate::currentDate().toString(Qt::ISODate).toStdString() : options.today;
    // The day the page reports on: asked for, else the day the project's progress map opens on,
    // else today. The map draws the projects' status as of that day (one render path).
    c.asOf = !options.asOf.empty() ? options.asOf : project.progress ? project.progressDate.iso() : c.today;
    if (project.progress) c.map.asOf = geo::Date::parseIso(c.asOf);
    geo::Box extent = unit ? unit->extent : c.projectExtent;
    // A township of few villages still shows its surroundings: at least 6 km across.
    const double minSize = unit && unit->level == Unit::Level::Township ? 6000 : 1000;
    if (extent.width() < minSize || extent.height() < minSize) {
        const geo::XY m = extent.center();
        const double half = std::max({extent.width(), extent.height(), minSize}) / 2;
        extent = {m.x - half, m.y - half, m.x + half, m.y + half};
    }
    const double pad = 0.04 * std::max(extent.width(), extent.height());
    c.map.extent = {extent.minX - pad, extent.minY - pad, extent.maxX + pad, extent.maxY + pad};
    if (unit) {
        c.unitName = unit->name;
        c.unitCode = unit->code;
        // The unit's own outline, drawn over the map so it stands out among its neighbours.
        if (unit->level == Unit::Level::County)
            if (const render::SceneLayer* counties = project.scene.find("counties"))
                for (std::size_t i = 0; i < counties->paths.size(); ++i) {
                    if (counties->text(i, "county_code") != unit->code) continue;
                    render::SceneLayer outline;
                    outline.id = "unit_outline";
                    // Listed in the legend like every symbol the map draws.
                    outline.displayName = QString::fromStdString(unit->name) + QStringLiteral("界");
                    outline.kind = geo::Geometry::Kind::Polygon;
                    outline.style.symbol = render::LineSymbol{QColor(0xc0, 0x1b, 0x12), 0.8};
                    outline.paths.push_back(counties->paths[i]);
                    outline.pathBounds.push_back(counties->pathBounds[i]);
                    outline.extent = unit->extent;
                    c.overlays.push_back(std::move(outline));
                }
    } else {
        c.unitName = wholeProjectName(project.scene);
    }
    if (project.progress && c.map.asOf && !(unit && unit->level == Unit::Level::Township)) {
        c.statistics = progressStatistics(*project.progress, unit, *c.map.asOf);
        c.theme = "三基建设项目完工率";
    } else {
        c.statistics = incomeStatistics(project.scene, unit);
        if (c.statistics.rows.empty()) c.theme = "村级组织分布";  // no indicator to report: what the map shows
    }
    c.breakdown = !unit ? "按县（市、区）统计" : unit->level == Unit::Level::County ? "按乡镇统计" : "按村统计";
    c.sources = layerSources(project.path, c.map.visibleLayerIds);
    return c;
}

}  // namespace hongtu::exporting
