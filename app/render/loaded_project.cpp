#include "render/loaded_project.hpp"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <chrono>
#include <map>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/layer_checks.hpp"
#include "hongtu/geo/layer_styles.hpp"
#include "hongtu/geo/new_project.hpp"
#include "hongtu/geo/progress/store.hpp"
#include "render/progress_theme.hpp"
#include "render/style_io.hpp"

namespace hongtu::render {

namespace {

const std::string kLonLatCrs = "EPSG:4490";

// The demo map's theme: share of villages (村委会) with collective income, by county.
const std::string kIncomeShareField = "collective_income_share";
// More points than this: the layer gets a scale limit by default (a province or the country).
constexpr std::size_t kDensePointLayer = 20'000;
const std::string kIncomeStatusField = "collective_income_status";  // villages: with / without / community

LayerStyle countyStyle() {
    LayerStyle s;
    s.symbol = FillSymbol{QColor(0xf6, 0xef, 0xdc), QColor(0x8c, 0x5a, 0x32), 0.35};
    GraduatedSymbology g;
    g.field = kIncomeShareField;
    g.method = ClassMethod::NaturalBreaks;
    g.classCount = 4;
    // The lighter five of the seven greens, so village dots stay visible on every class; the
    // darkest green is kept for 100%.
    g.palette = sequentialPalette(Palette::YellowGreen, 7);
    g.palette.resize(5);
    g.separateValue = 100;
    g.separateLabel = QStringLiteral("100%");
    g.separateColor = QColor(0x00, 0x45, 0x29);
    g.decimals = 1;
    g.unit = QStringLiteral("%");
    s.symbology = g;
    s.legendTitle = QCoreApplication::translate("hongtu::render::LoadedProject", "Share of village committees with collective income (synthetic data)");
    s.label.enabled = true;
    s.label.sizePt = 10;
    s.label.color = QColor(0x3a, 0x24, 0x12);
    s.labelPriority = LabelPriority::County;
    return s;
}

LayerStyle villageStyle() {
    LayerStyle s;
    s.symbol = MarkerSymbol{MarkerShape::Circle, 1.0, QColor(0x4d, 0x4d, 0x4d), QColor(Qt::white), 0.12};
    CategorizedSymbology c;
    c.field = kIncomeStatusField;
    c.categories = {
        {"with", QCoreApplication::translate("hongtu::render::LoadedProject", "Village committee with collective income"), QColor(0x33, 0x33, 0x33)},
        {"without", QCoreApplication::translate("hongtu::render::LoadedProject", "Village committee without collective income"), QColor(0xe6, 0x55, 0x0d)},
        {"community", QCoreApplication::translate("hongtu::render::LoadedProject", "Community or other kind (not counted)"), QColor(0x6b, 0xae, 0xd6)},
    };
    c.otherColor = QColor(0x99, 0x99, 0x99);
    s.symbology = c;
    s.label.enabled = true;
    s.label.sizePt = 7.5;
    s.label.maxScaleDenominator = 60'000;
    s.labelPriority = LabelPriority::Village;
    return s;
}

LayerStyle townshipStyle() {
    LayerStyle s;
    s.symbol = MarkerSymbol{MarkerShape::Square, 1.4, QColor(0x1f, 0x5f, 0x99), QColor(Qt::white), 0.2};
    s.label.enabled = true;
    s.label.sizePt = 8.5;
    s.label.color = QColor(0x1f, 0x3f, 0x66);
    s.label.maxScaleDenominator = 350'000;
    s.labelPriority = LabelPriority::Township;
    return s;
}

LayerStyle memorialStyle() {
    LayerStyle s;
    s.symbol = MarkerSymbol{MarkerShape::Star, 4.2, QColor(0xd7, 0x26, 0x1e), QColor(0xff, 0xf1, 0xb0), 0.25};
    s.label.enabled = true;
    s.label.sizePt = 8.5;
    s.label.color = QColor(0x9b, 0x11, 0x0b);
    s.label.maxScaleDenominator = 600'000;
    s.labelPriority = LabelPriority::Site;
    return s;
}

std::optional<std::size_t> fieldIndexIn(const std::vector<geo::Field>& fields, const std::string& name) {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == name) return i;
    return std::nullopt;
}

std::string pickField(const std::vector<geo::Field>& fields, const std::vector<std::string>& candidates) {
    for (const auto& name : candidates)
        if (fieldIndexIn(fields, name)) return name;
    return {};
}

// The lon/lat box of `bounds` (in `crs`), from its corners and edge midpoints: enough for
// choosing a Gauss-Krüger zone, not a rigorous densified envelope.
std::optional<geo::Box> lonLatBounds(const geo::Box& bounds, const geo::Transformer& toLonLat) {
    geo::Box out;
    const geo::XY c = bounds.center();
    for (geo::XY p : {geo::XY{bounds.minX, bounds.minY}, geo::XY{bounds.maxX, bounds.minY}, geo::XY{bounds.minX, bounds.maxY},
                      geo::XY{bounds.maxX, bounds.maxY}, geo::XY{c.x, bounds.minY}, geo::XY{c.x, bounds.maxY},
                      geo::XY{bounds.minX, c.y}, geo::XY{bounds.maxX, c.y}}) {
        const auto q = toLonLat.forward(p);
        if (!q) return std::nullopt;
        out.expand(*q);
    }
    return out;
}

// Areas without division codes (Taiwan, Hong Kong, Macau): the fill of counties without data,
// one label per region, never left blank on a map of China.
LayerStyle adminAreaStyle() {
    LayerStyle s;
    s.symbol = FillSymbol{QColor(0xf6, 0xef, 0xdc), QColor(0x8c, 0x5a, 0x32), 0.35};
    s.label.enabled = true;
    s.label.sizePt = 10;
    s.label.color = QColor(0x3a, 0x24, 0x12);
    s.labelPriority = LabelPriority::County;
    return s;
}

// The South China Sea dashed line as the source gives it (thin polygons, one per dash), drawn
// dark with an outline so each dash shows at national scale.
LayerStyle seaBoundaryStyle() {
    LayerStyle s;
    s.symbol = FillSymbol{QColor(0x5a, 0x4a, 0x5e), QColor(0x5a, 0x4a, 0x5e), 0.45};
    s.label.enabled = false;
    return s;
}

LayerStyle importStyle() {
    LayerStyle s;
    s.symbol = MarkerSymbol{MarkerShape::Triangle, 3.4, QColor(0x7b, 0x3f, 0x9e), QColor(Qt::white), 0.35};
    s.label.enabled = true;
    s.label.sizePt = 8;
    s.label.color = QColor(0x4e, 0x1f, 0x6b);
    s.label.maxScaleDenominator = 150'000;
    s.labelPriority = LabelPriority::Village;
    return s;
}

// The derived indicators of the thematic map, computed while the layers stream past (the
// villages before the counties), so no layer is held whole:
//  - collective_income_status of the villages: "with"/"without" for 村委会 (or every village
//    when the layer has no kind), "community" for 社区居委会 and other kinds, which the statistic
//    does not cover; NULL when has_collective_income is NULL.
//  - collective_income_share of the counties (percent, Real), from the villages' 0/1
//    has_collective_income, counting 村委会 only when the villages say their kind (communities
//    have no collective-income statistic). Counties without such villages get NULL (no data).
class IncomeIndicators {
public:
    // The villages' fields, before their first feature (nullptr: no villages layer).
    void villageFields(std::vector<geo::Field>* villages) {
        if (!villages) return;
        income_ = fieldIndexIn(*villages, "has_collective_income");
        kind_ = fieldIndexIn(*villages, "kind");
        villageCounty_ = fieldIndexIn(*villages, "county_code");
        if (income_ && !fieldIndexIn(*villages, kIncomeStatusField)) {
            addStatus_ = true;
            villages->push_back({kIncomeStatusField, geo::FieldType::Text});
        }
    }
    // After every village was added.
    void countyFields(std::vector<geo::Field>* counties) {
        if (!counties) return;
        countyCode_ = fieldIndexIn(*counties, "county_code");
        if (!countyCode_ || !villageCounty_ || !income_ || fieldIndexIn(*counties, kIncomeShareField)) return;
        addShare_ = true;
        counties->push_back({kIncomeShareField, geo::FieldType::Real});
    }
    void addVillage(std::vector<geo::Value>& v) {
        if (!income_) return;
        const bool committee = !kind_ || geo::toText(v[*kind_]) == "村委会";
        if (villageCounty_ && committee && !geo::isNull(v[*income_])) {
            auto& t = tally_[geo::toText(v[*villageCounty_])];
            t.first += geo::toText(v[*income_]) == "1" ? 1 : 0;
            ++t.second;
        }
        if (!addStatus_) return;
        if (!committee)
            v.emplace_back(std::string("community"));
        else if (geo::isNull(v[*income_]))
            v.emplace_back(std::monostate{});
        else
            v.emplace_back(std::string(geo::toText(v[*income_]) == "1" ? "with" : "without"));
    }
    void addCounty(std::vector<geo::Value>& c) const {
        if (!addShare_) return;
        const auto it = tally_.find(geo::toText(c[*countyCode_]));
        if (it == tally_.end() || it->second.second == 0)
            c.emplace_back(std::monostate{});
        else
            c.emplace_back(100.0 * it->second.first / it->second.second);
    }

private:
    std::optional<std::size_t> income_, kind_, villageCounty_, countyCode_;
    bool addStatus_ = false, addShare_ = false;
    std::map<std::string, std::pair<int, int>> tally_;  // county -> (with income, counted)
};

std::string symbologyField(const Symbology& symbology) {
    return std::visit(
        [](const auto& s) -> std::string {
            if constexpr (std::is_same_v<std::decay_t<decltype(s)>, SingleSymbology>) return {};
            else return s.field;
        },
        symbology);
}

// A layer to read: a built-in project layer, or a table imported with `hongtu import` / the
// import dialog (listed in hongtu_imports).
struct LayerToRead {
    std::string id;
    QString displayName;
    LayerStyle style;
    std::vector<std::string> labelFieldCandidates;
    std::pair<std::string, std::string> labelAnchorFields{};
    bool savedScaleRange = false;  // the planner's saved style sets the layer's scale range
};

// A layer to draw: its description (fields, CRS, extent); its features are read once, while
// its scene layer is built.
struct ReadLayer {
    const LayerToRead* definition;
    geo::LayerInfo info;
};

// Text of `field` in every feature of an attribute table, or nothing when absent.
std::vector<std::string> column(const geo::Layer& table, const std::string& field) {
    std::vector<std::string> out;
    const auto index = table.fieldIndex(field);
    if (!index) return out;
    for (const auto& f : table.features) out.push_back(geo::toText(f.values[*index]));
    return out;
}

// Imported layers in the order they were imported, each with "(imported from FILE)".
std::vector<LayerToRead> importedLayers(const geo::DataSource& source, const std::vector<std::string>& present) {
    std::vector<LayerToRead> out;
    if (std::find(present.begin(), present.end(), "hongtu_imports") == present.end()) return out;
    auto imports = source.readLayer("hongtu_imports");
    if (!imports) return out;
    const auto layers = column(*imports, "layer");
    const auto files = column(*imports, "source_file");
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (std::find(present.begin(), present.end(), layers[i]) == present.end()) continue;
        const QString file = i < files.size() ? QString::fromStdString(files[i]) : QString();
        out.push_back({layers[i],
                       QCoreApplication::translate("hongtu::render::LoadedProject", "%1 (imported from %2)")
                           .arg(QString::fromStdString(layers[i]), file),
                       importStyle(),
                       {"joined_name"},
                       {}});
    }
    return out;
}

// Layers whose layer_metadata row says synthetic = 1, and imports joined by code or name to a
// level whose positions are synthetic: their points sit at those made-up positions too.
std::vector<std::string> syntheticLayers(const geo::DataSource& source, const std::vector<std::string>& present) {
    std::vector<std::string> out;
    const auto has = [&](const char* name) { return std::find(present.begin(), present.end(), name) != present.end(); };
    if (!has("layer_metadata")) return out;
    auto metadata = source.readLayer("layer_metadata");
    if (!metadata) return out;
    const auto layers = column(*metadata, "layer");
    const auto synthetic = column(*metadata, "synthetic");
    for (std::size_t i = 0; i < layers.size() && i < synthetic.size(); ++i)
        if (synthetic[i] == "1") out.push_back(layers[i]);
    if (!has("hongtu_imports")) return out;
    auto imports = source.readLayer("hongtu_imports");
    if (!imports) return out;
    const auto imported = column(*imports, "layer");
    const auto method = column(*imports, "method");
    const auto level = column(*imports, "level");
    const std::map<std::string, std::string> levelLayer{{"village", "villages"}, {"township", "townships"}, {"county", "counties"}};
    for (std::size_t i = 0; i < imported.size() && i < method.size() && i < level.size(); ++i) {
        const auto target = levelLayer.find(level[i]);
        if (method[i] != "location" && target != levelLayer.end() &&
            std::find(out.begin(), out.end(), target->second) != out.end())
            out.push_back(imported[i]);
    }
    return out;
}

// Progress layers (issue 5) over the map layers. They become the opening theme: the
// collective-income layers stay in the layer list, switched off.
void addProgress(LoadedProject& project, std::optional<geo::Date> progressDate, const geo::Clock& clock) {
    auto model = geo::progress::loadProgress(project.path);
    if (!model) {
        project.warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Construction progress could not be read: %1")
                                .arg(QString::fromStdString(model.error().toString()));
        return;
    }
    auto shared = std::make_shared<const geo::progress::ProgressModel>(std::move(model).value());
    project.progressDate = progressDate ? *progressDate : defaultAsOf(*shared, clock.today());
    const SceneLayer* villages = project.scene.find("villages");
    const SceneLayer* townships = project.scene.find("townships");
    const bool synthetic = (villages && villages->syntheticPositions) || (townships && townships->syntheticPositions);
    // A project made with `hongtu new` (hongtu_project metadata) holds the planner's own ledgers, not made-up data.
    const bool syntheticData = geo::readProjectMetadata(project.path).empty();
    const auto placed = addProgressLayers(project.scene, shared, project.progressDate, synthetic, syntheticData);
    if (!placed.unplaced.empty())
        project.warnings << QCoreApplication::translate("hongtu::render::LoadedProject",
                                                        "%n project(s) have no village or township point and are not drawn (first: %1).",
                                                        "", static_cast<int>(placed.unplaced.size()))
                                .arg(QString::fromStdString(placed.unplaced.front()));
    for (SceneLayer& layer : project.scene.layers)
        if (layer.id == "counties" || layer.id == "villages") layer.initiallyVisible = false;
    project.progress = std::move(shared);
}

}  // namespace

std::string qgisFieldExpression(const Scene& scene, const std::string& layerId, const std::string& field) {
    // As IncomeIndicators computes them.
    const SceneLayer* villages = scene.find("villages");
    const bool villageKind = villages && villages->fieldIndex("kind");
    if (layerId == "villages" && field == kIncomeStatusField)
        return std::string("CASE ") + (villageKind ? "WHEN \"kind\" IS NULL OR \"kind\" <> '村委会' THEN 'community' " : "") +
               "WHEN \"has_collective_income\" IS NULL THEN NULL WHEN \"has_collective_income\" = 1 THEN 'with' ELSE 'without' END";
    if (layerId == "counties" && field == kIncomeShareField) {
        const std::string filter = std::string("\"county_code\" = attribute(@parent, 'county_code') AND \"has_collective_income\" IS NOT NULL") +
                                   (villageKind ? " AND \"kind\" = '村委会'" : "");
        return "with_variable('n', aggregate(layer:='villages', aggregate:='count', expression:=\"has_collective_income\", filter:=" + filter +
               "), if(@n = 0, NULL, 100.0 * aggregate(layer:='villages', aggregate:='sum', expression:=if(\"has_collective_income\" = 1, 1, 0), "
               "filter:=" +
               filter + ") / @n))";
    }
    return {};
}

std::vector<DataFinding> checkProjectData(const std::string& path) {
    const bool chinese = QLocale().language() == QLocale::Chinese;
    std::vector<DataFinding> out;
    std::map<std::string, QString> shownName;  // the name the layer list shows
    const auto add = [&](const std::string& id, bool problem, const QString& text) {
        const QString name = QString::fromStdString(id);
        const auto shown = shownName.find(id);
        out.push_back({name, problem,
                       QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1': %2")
                           .arg(shown == shownName.end() ? name : shown->second, text)});
    };
    auto source = geo::DataSource::open(path);
    if (!source) {
        out.push_back({QString(), true, QString::fromStdString(geo::redactConnectionString(source.error().toString()))});
        return out;
    }
    const auto infos = source->layers();
    std::vector<std::string> present, ids;
    for (const auto& info : infos) present.push_back(info.name);
    for (const auto& def : projectLayerDefinitions()) {
        ids.push_back(def.id);
        shownName[def.id] = QCoreApplication::translate("hongtu::render::LoadedProject", def.displayNameSource);
    }
    for (const auto& imported : importedLayers(*source, present)) {
        ids.push_back(imported.id);
        shownName[imported.id] = imported.displayName;
    }
    for (const auto& info : infos) {
        if (std::find(ids.begin(), ids.end(), info.name) == ids.end()) continue;  // tables, metadata
        if (!info.problem.empty()) add(info.name, true, QString::fromStdString(info.problem));
        auto layer = source->readLayer(info.name);
        if (!layer) {
            add(info.name, true, QString::fromStdString(layer.error().toString()));
            continue;
        }
        for (const auto& f : geo::checkLayer(*layer, layer->crs))
            add(info.name, f.problem, QString::fromStdString(chinese && !f.messageZh.empty() ? f.messageZh : f.message));
    }
    return out;
}

std::vector<ProjectLayerDefinition> projectLayerDefinitions() {
    const std::vector<std::string> nameFields{"name", "name_zh", "名称", "NAME"};
    return {
        {"counties", QT_TRANSLATE_NOOP("hongtu::render::LoadedProject", "Counties"), countyStyle(), nameFields},
        {"admin_areas", QT_TRANSLATE_NOOP("hongtu::render::LoadedProject", "Taiwan, Hong Kong and Macau (no division codes, no data)"), adminAreaStyle(), {"label"}, {"label_lon", "label_lat"}},
        {"sea_boundary", QT_TRANSLATE_NOOP("hongtu::render::LoadedProject", "South China Sea dashed line"), seaBoundaryStyle(), {}},
        {"villages", QT_TRANSLATE_NOOP("hongtu::render::LoadedProject", "Villages"), villageStyle(), nameFields},
        {"townships", QT_TRANSLATE_NOOP("hongtu::render::LoadedProject", "Townships"), townshipStyle(), nameFields},
        {"memorial_sites", QT_TRANSLATE_NOOP("hongtu::render::LoadedProject", "Revolutionary memorial sites"), memorialStyle(),
         nameFields},
    };
}

geo::Result<LoadedProject> loadProject(const std::string& path, const ProjectOptions& options) {
    const std::optional<geo::Date>& progressDate = options.progressDate;
    auto source = geo::DataSource::open(path);
    if (!source) return source.error();

    LoadedProject project;
    project.path = path;

    std::vector<std::string> present;
    for (const auto& info : source->layers()) present.push_back(info.name);

    std::vector<LayerToRead> definitions;
    for (const auto& def : projectLayerDefinitions())
        definitions.push_back({def.id, QCoreApplication::translate("hongtu::render::LoadedProject", def.displayNameSource), def.style,
                               def.labelFieldCandidates, def.labelAnchorFields});
    for (auto& imported : importedLayers(*source, present)) definitions.push_back(std::move(imported));
    const std::vector<std::string> synthetic = syntheticLayers(*source, present);
    // A project made with `hongtu new` (hongtu_project metadata) holds the planner's own data; the
    // demo's income shares are generated (datasets/generator), so its income theme is synthetic.
    const bool demoData = geo::readProjectMetadata(project.path).empty();

    // Saved styles replace the defaults; an unreadable one is a warning, the default stays.
    std::vector<geo::Error> skippedStyles;
    if (auto stored = geo::readLayerStyles(*source, &skippedStyles); !stored) {
        project.warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "The saved layer styles could not be read, default styles are used: %1")
                                .arg(QString::fromStdString(stored.error().toString()));
    } else {
        for (const auto& saved : *stored) {
            auto def = std::find_if(definitions.begin(), definitions.end(), [&](const LayerToRead& d) { return d.id == saved.layerId; });
            if (def == definitions.end()) continue;  // a style of a layer the project no longer has
            auto style = styleFromJson(saved.styleJson, def->style);
            if (style) {
                def->style = std::move(style).value();
                def->savedScaleRange = styleSetsScaleRange(saved.styleJson);
            } else
                project.warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "The saved style of layer '%1' is not used (%2); the layer keeps its default style.")
                                        .arg(QString::fromStdString(saved.layerId), QString::fromStdString(style.error().message));
        }
    }
    for (const auto& skipped : skippedStyles)
        project.warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "A saved layer style is ignored: %1")
                                .arg(QString::fromStdString(skipped.toString()));

    std::vector<ReadLayer> read;
    for (const auto& def : definitions) {
        if (std::find(present.begin(), present.end(), def.id) == present.end()) continue;
        auto info = source->layerInfo(def.id);
        if (info && !info->problem.empty()) info = geo::Error{info->problem, geo::redactConnectionString(path), def.id, {}};
        if (!info) {
            project.warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' could not be read: %2")
                                    .arg(QString::fromStdString(def.id), QString::fromStdString(info.error().toString()));
            continue;
        }
        if (info->crs.empty()) {
            project.warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' has no coordinate reference system and is not drawn.")
                                    .arg(QString::fromStdString(def.id));
            continue;
        }
        read.push_back({&def, std::move(info).value()});
    }
    if (read.empty())
        return geo::Error{
            "this source holds none of the project's map layers (counties, townships, villages, "
            "memorial_sites), or none of them could be read",
            geo::redactConnectionString(path),
            "",
            {}};

    // The display CRS: the Gauss-Krüger zone of the data's lon/lat extent.
    for (const auto& r : read) {
        auto toLonLat = geo::Transformer::create(r.info.crs, kLonLatCrs);
        const geo::Box bounds = r.info.extent;
        if (!toLonLat || bounds.empty()) continue;
        if (const auto box = lonLatBounds(bounds, *toLonLat)) project.lonLatExtent.expand(*box);
    }
    auto zone = geo::gaussKrugerZoneFor(project.lonLatExtent);
    if (!zone) {
        geo::Error e = zone.error();
        if (e.file.empty()) e.file = geo::redactConnectionString(path);
        return e;
    }
    project.zone = *zone;
    // More than three zones wide (a province or the country): one equal-area projection.
    constexpr double kMaxGaussKrugerWidthDegrees = 9;
    const bool national = project.lonLatExtent.width() > kMaxGaussKrugerWidthDegrees;
    project.automaticDisplayCrs = national ? std::string(kNationalDisplayCrs) : "EPSG:" + std::to_string(zone->cmEpsg);
    project.scene.displayCrs = options.displayCrs.empty() ? project.automaticDisplayCrs : options.displayCrs;
    if (!zone->extentFits && !national && project.scene.displayCrs == project.automaticDisplayCrs)
        project.warnings << QCoreApplication::translate("hongtu::render::LoadedProject",
                                                        "The data reaches beyond the Gauss-Krüger zone %1 (central meridian %2°E); "
                                                        "distances and areas near its edges are distorted.")
                                .arg(zone->zone)
                                .arg(zone->centralMeridian);

    // The villages first: the counties' share is counted from them. Each layer's scene layer
    // and warnings go where the layer is in `read`.
    std::vector<std::size_t> order(read.size());
    for (std::size_t i = 0; i < read.size(); ++i) order[i] = i;
    std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return read[i].definition->id == "villages"; });
    std::vector<std::optional<SceneLayer>> built(read.size());
    IncomeIndicators indicators;  // derived indicators for the thematic map
    bool villagesRead = false;
    std::vector<QStringList> layerWarnings(read.size());
    for (const std::size_t index : order) {
        const ReadLayer& r = read[index];
        QStringList& warnings = layerWarnings[index];
        const QString layerName = QString::fromStdString(r.definition->id);
        auto toDisplay = geo::Transformer::create(r.info.crs, project.scene.displayCrs);
        if (!toDisplay) {
            warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' cannot be reprojected: %2")
                            .arg(layerName, QString::fromStdString(toDisplay.error().toString()));
            continue;
        }
        if (toDisplay->isApproximate())
            warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' is reprojected only approximately (no exact transformation is known).")
                            .arg(layerName);
        const bool isSynthetic = std::find(synthetic.begin(), synthetic.end(), r.definition->id) != synthetic.end();
        // Honest about made-up data wherever the layer's name appears (layer list, legend).
        const QString displayName =
            isSynthetic ? r.definition->displayName + QCoreApplication::translate("hongtu::render::LoadedProject", " (synthetic positions)")
                        : r.definition->displayName;
        // A theme needs its field: without it the layer keeps its plain symbol (no false "no data")
        // and loses the theme's legend title (the national counties have no income share).
        const bool isVillages = r.definition->id == "villages", isCounties = r.definition->id == "counties";
        std::vector<geo::Field> fields = r.info.fields;
        if (isVillages) indicators.villageFields(&fields);
        if (isCounties && villagesRead) indicators.countyFields(&fields);
        LayerStyle style = r.definition->style;
        if (const std::string field = symbologyField(style.symbology); !field.empty() && !fieldIndexIn(fields, field)) {
            style.symbology = SingleSymbology{};
            style.legendTitle.clear();
        }
        SceneLayerSpec spec{r.definition->id, displayName, style,
                            pickField(fields, r.definition->labelFieldCandidates), true, r.definition->labelAnchorFields};
        // Feature by feature: the layer is never in memory twice (geo::Layer and scene layer).
        SceneLayerBuilder builder(r.info.name, std::move(fields), r.info.geometryKind, *toDisplay, spec);
        builder.reserve(static_cast<std::size_t>(std::max<std::int64_t>(0, r.info.featureCount)));
        const auto streamed = source->forEachFeature(r.definition->id, [&](geo::Feature& f) {
            if (isVillages) indicators.addVillage(f.values);
            if (isCounties) indicators.addCounty(f.values);
            builder.add(std::move(f.geometry), f.values);
            return true;
        });
        if (!streamed) {
            warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' could not be read: %2")
                            .arg(layerName, QString::fromStdString(streamed.error().toString()));
            continue;
        }
        villagesRead = villagesRead || isVillages;
        auto sceneLayer = std::move(builder).finish();
        if (sceneLayer) {
            sceneLayer->syntheticPositions = isSynthetic;
            sceneLayer->plainName = r.definition->displayName;
            sceneLayer->syntheticValues = demoData && symbologyField(sceneLayer->style.symbology) == kIncomeShareField;
        }
        // Dense point layers (a national village list) are drawn only when zoomed in, unless the
        // planner's saved style says otherwise: at national scale they would cover every county.
        if (sceneLayer && !r.definition->savedScaleRange && sceneLayer->points.size() > kDensePointLayer)
            sceneLayer->style.maxScaleDenominator = r.definition->id == "townships" ? 8'000'000 : 2'000'000;
        if (!sceneLayer) {
            warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' is not drawn: %2")
                            .arg(layerName, QString::fromStdString(sceneLayer.error().toString()));
            continue;
        }
        if (const int skipped = static_cast<int>(sceneLayer->skippedFeatures); skipped > 0)
            warnings << QCoreApplication::translate(
                            "hongtu::render::LoadedProject",
                            "Layer '%1': %n feature(s) could not be reprojected and are not drawn.", "", skipped)
                            .arg(layerName);
        built[index] = std::move(sceneLayer).value();
    }
    for (std::size_t i = 0; i < read.size(); ++i) {
        project.warnings << layerWarnings[i];
        if (built[i]) project.scene.layers.push_back(std::move(*built[i]));
    }
    if (std::find(present.begin(), present.end(), "status_history") != present.end()) addProgress(project, progressDate, options.clock);
    if (project.scene.layers.empty())
        return geo::Error{"none of the project's map layers could be drawn: " +
                              project.warnings.join(QStringLiteral("; ")).toStdString(),
                          geo::redactConnectionString(path),
                          "",
                          {}};
    return project;
}

}  // namespace hongtu::render
