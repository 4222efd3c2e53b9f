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
#include "render/release_memory.hpp"
#include "render/style_io.hpp"
#include "render/symbology.hpp"

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

// Adds collective_income_status to the villages: "with"/"without" for 村委会 (or every village
// when the layer has no kind), "community" for 社区居委会 and other kinds, which the statistic
// does not cover; NULL when has_collective_income is NULL.
void addCollectiveIncomeStatus(geo::Layer& villages) {
    const auto income = villages.fieldIndex("has_collective_income");
    const auto kind = villages.fieldIndex("kind");
    if (!income || villages.fieldIndex(kIncomeStatusField)) return;
    villages.fields.push_back({kIncomeStatusField, geo::FieldType::Text});
    for (auto& v : villages.features) {
        if (kind && geo::toText(v.values[*kind]) != "村委会")
            v.values.emplace_back(std::string("community"));
        else if (geo::isNull(v.values[*income]))
            v.values.emplace_back(std::monostate{});
        else
            v.values.emplace_back(std::string(geo::toText(v.values[*income]) == "1" ? "with" : "without"));
    }
}

// Adds collective_income_share (percent, Real) to the counties from the villages' 0/1
// has_collective_income, counting 村委会 only when the villages say their kind (communities
// have no collective-income statistic). Counties without such villages get NULL (no data).
void addCollectiveIncomeShare(geo::Layer& counties, const geo::Layer& villages) {
    const auto countyCode = counties.fieldIndex("county_code");
    const auto villageCounty = villages.fieldIndex("county_code");
    const auto income = villages.fieldIndex("has_collective_income");
    const auto kind = villages.fieldIndex("kind");
    if (!countyCode || !villageCounty || !income || counties.fieldIndex(kIncomeShareField)) return;
    std::map<std::string, std::pair<int, int>> tally;  // county -> (with income, counted)
    for (const auto& v : villages.features) {
        if (kind && geo::toText(v.values[*kind]) != "村委会") continue;
        if (geo::isNull(v.values[*income])) continue;
        auto& t = tally[geo::toText(v.values[*villageCounty])];
        t.first += geo::toText(v.values[*income]) == "1" ? 1 : 0;
        ++t.second;
    }
    counties.fields.push_back({kIncomeShareField, geo::FieldType::Real});
    for (auto& c : counties.features) {
        const auto it = tally.find(geo::toText(c.values[*countyCode]));
        if (it == tally.end() || it->second.second == 0)
            c.values.emplace_back(std::monostate{});
        else
            c.values.emplace_back(100.0 * it->second.first / it->second.second);
    }
}

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

struct ReadLayer {
    const LayerToRead* definition;
    geo::Layer layer;
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
    // As addCollectiveIncomeStatus / addCollectiveIncomeShare compute them.
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
    const std::vector<std::string> present = source->layerNames();
    std::vector<std::string> ids;
    for (const auto& def : projectLayerDefinitions()) {
        ids.push_back(def.id);
        shownName[def.id] = QCoreApplication::translate("hongtu::render::LoadedProject", def.displayNameSource);
    }
    for (const auto& imported : importedLayers(*source, present)) {
        ids.push_back(imported.id);
        shownName[imported.id] = imported.displayName;
    }
    for (const auto& name : present) {
        if (std::find(ids.begin(), ids.end(), name) == ids.end()) continue;  // tables, metadata
        auto info = source->layerInfo(name);
        if (!info) {
            add(name, true, QString::fromStdString(info.error().toString()));
            continue;
        }
        if (!info->problem.empty()) {  // reading refuses such a layer with the same words
            add(name, true, QString::fromStdString(info->problem));
            continue;
        }
        // Feature by feature: a national layer is not held a second time while the viewer shows it.
        geo::LayerChecker checker(info->name, info->fields, info->geometryKind, info->crs);
        std::int64_t dropped = 0;
        if (auto read = source->forEachFeature(
                name,
                [&](geo::Feature& f) {
                    checker.add(f);
                    return true;
                },
                &dropped);
            !read) {
            add(name, true, QString::fromStdString(read.error().toString()));
            continue;
        }
        for (const auto& f : checker.finish(dropped))
            add(name, f.problem, QString::fromStdString(chinese && !f.messageZh.empty() ? f.messageZh : f.message));
    }
    return out;
}

std::vector<ProjectLayerDefinition> projectLayerDefinitions() {
    const std::vector<std::string> nameFields{"name", "name_zh", "名称", "NAME"};
    return {
        {"counties", QT_TRANSLATE_NOOP("hongtu::render::LoadedProject", "Counties"), countyStyle(), nameFields, {"label_lon", "label_lat"}},
        {"admin_areas", QT_TRANSLATE_NOOP("hongtu::render::LoadedProject", "Taiwan, Hong Kong and Macau (no division codes, no data)"), adminAreaStyle(), {"label"}, {"label_lon", "label_lat"}},
        {"sea_boundary", QT_TRANSLATE_NOOP("hongtu::render::LoadedProject", "South China Sea dashed line"), seaBoundaryStyle(), {}},
        {"villages", QT_TRANSLATE_NOOP("hongtu::render::LoadedProject", "Villages"), villageStyle(), nameFields},
        {"townships", QT_TRANSLATE_NOOP("hongtu::render::LoadedProject", "Townships"), townshipStyle(), nameFields},
        {"memorial_sites", QT_TRANSLATE_NOOP("hongtu::render::LoadedProject", "Revolutionary memorial sites"), memorialStyle(),
         nameFields},
    };
}

namespace {

const char* const kFirstPhaseLayers[] = {"counties", "admin_areas", "sea_boundary"};

// What every phase of a load needs: the layers the source has, what to read and how to style
// them, which are synthetic. Built once by the first phase; the second reads from it.
struct LoadPlan {
    std::string path;
    ProjectOptions options;
    std::vector<geo::LayerInfo> infos;
    std::vector<std::string> present;
    std::vector<LayerToRead> definitions;  // drawing order
    std::vector<std::string> synthetic;
    bool demoData = false;
    bool hasProgress = false;

    [[nodiscard]] bool has(const std::string& id) const { return std::find(present.begin(), present.end(), id) != present.end(); }
    [[nodiscard]] const geo::LayerInfo* info(const std::string& id) const {
        const auto it = std::find_if(infos.begin(), infos.end(), [&](const geo::LayerInfo& i) { return i.name == id; });
        return it == infos.end() ? nullptr : &*it;
    }
};

LoadPlan planLoad(const geo::DataSource& source, const std::string& path, const ProjectOptions& options, QStringList& warnings) {
    LoadPlan plan;
    plan.path = path;
    plan.options = options;
    plan.present = source.layerNames();
    for (const auto& def : projectLayerDefinitions())
        plan.definitions.push_back({def.id, QCoreApplication::translate("hongtu::render::LoadedProject", def.displayNameSource), def.style,
                                    def.labelFieldCandidates, def.labelAnchorFields});
    for (auto& imported : importedLayers(source, plan.present)) plan.definitions.push_back(std::move(imported));
    // Only the map layers are measured: counting a GeoPackage view reads the whole view.
    for (const auto& def : plan.definitions)
        if (plan.has(def.id))
            if (auto info = source.layerInfo(def.id)) plan.infos.push_back(std::move(info).value());
    plan.synthetic = syntheticLayers(source, plan.present);
    // A project made with `hongtu new` (hongtu_project metadata) holds the planner's own data; the
    // demo's income shares are generated (datasets/generator), so its income theme is synthetic.
    plan.demoData = geo::readProjectMetadata(path).empty();
    plan.hasProgress = plan.has("status_history");

    // Saved styles replace the defaults; an unreadable one is a warning, the default stays.
    std::vector<geo::Error> skippedStyles;
    if (auto stored = geo::readLayerStyles(source, &skippedStyles); !stored) {
        warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "The saved layer styles could not be read, default styles are used: %1")
                        .arg(QString::fromStdString(stored.error().toString()));
    } else {
        for (const auto& saved : *stored) {
            auto def = std::find_if(plan.definitions.begin(), plan.definitions.end(), [&](const LayerToRead& d) { return d.id == saved.layerId; });
            if (def == plan.definitions.end()) continue;  // a style of a layer the project no longer has
            auto style = styleFromJson(saved.styleJson, def->style);
            if (style) {
                def->style = std::move(style).value();
                def->savedScaleRange = styleSetsScaleRange(saved.styleJson);
            } else
                warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "The saved style of layer '%1' is not used (%2); the layer keeps its default style.")
                                .arg(QString::fromStdString(saved.layerId), QString::fromStdString(style.error().message));
        }
    }
    for (const auto& skipped : skippedStyles)
        warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "A saved layer style is ignored: %1").arg(QString::fromStdString(skipped.toString()));
    return plan;
}

// The layers the first frame needs: the counties and the small polygon layers. The progress
// theme (the opening map of a project with progress) is placed on the villages and townships,
// and the counties' income share is counted from the villages: then those come first too.
bool inFirstPhase(const LoadPlan& plan, const std::string& id) {
    if (std::find(std::begin(kFirstPhaseLayers), std::end(kFirstPhaseLayers), id) != std::end(kFirstPhaseLayers)) return true;
    if (plan.hasProgress && (id == "villages" || id == "townships")) return true;
    if (id == "villages" && plan.has("counties")) {
        const geo::LayerInfo* villages = plan.info("villages");
        const auto hasField = [](const geo::LayerInfo& info, const char* name) {
            return std::any_of(info.fields.begin(), info.fields.end(), [&](const geo::Field& f) { return f.name == name; });
        };
        if (villages && hasField(*villages, "has_collective_income")) return true;
    }
    return false;
}

std::vector<ReadLayer> readLayers(const geo::DataSource& source, const LoadPlan& plan, const std::vector<std::string>& ids, QStringList& warnings) {
    std::vector<ReadLayer> read;
    for (const auto& def : plan.definitions) {
        if (std::find(ids.begin(), ids.end(), def.id) == ids.end() || !plan.has(def.id)) continue;
        auto layer = source.readLayer(def.id);
        if (!layer) {
            warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' could not be read: %2")
                            .arg(QString::fromStdString(def.id), QString::fromStdString(layer.error().toString()));
            continue;
        }
        if (layer->crs.empty()) {
            warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' has no coordinate reference system and is not drawn.")
                            .arg(QString::fromStdString(def.id));
            continue;
        }
        read.push_back({&def, std::move(layer).value()});
    }
    // Derived indicators for the thematic map.
    geo::Layer* counties = nullptr;
    geo::Layer* villages = nullptr;
    for (auto& r : read) {
        if (r.definition->id == "counties") counties = &r.layer;
        if (r.definition->id == "villages") villages = &r.layer;
    }
    if (counties && villages) addCollectiveIncomeShare(*counties, *villages);
    if (villages) addCollectiveIncomeStatus(*villages);
    return read;
}

// Transformers by source CRS, each made once per load step (creating one searches PROJ's
// database: tens of milliseconds, several times over in the first phase).
class TransformerCache {
public:
    explicit TransformerCache(std::string target) : target_(std::move(target)) {}
    const geo::Result<geo::Transformer>& from(const std::string& source) {
        auto it = made_.find(source);
        if (it == made_.end()) it = made_.emplace(source, geo::Transformer::create(source, target_)).first;
        return it->second;
    }

private:
    std::string target_;
    std::map<std::string, geo::Result<geo::Transformer>> made_;
};

geo::Box lonLatExtentOf(const std::vector<ReadLayer>& read) {
    geo::Box extent;
    TransformerCache toLonLatFrom(kLonLatCrs);
    for (const auto& r : read) {
        const auto& toLonLat = toLonLatFrom.from(r.layer.crs);
        const geo::Box bounds = r.layer.bounds();
        if (!toLonLat || bounds.empty()) continue;
        if (const auto box = lonLatBounds(bounds, *toLonLat)) extent.expand(*box);
    }
    return extent;
}

// More than three zones wide (a province or the country): one equal-area projection.
bool isNational(const geo::Box& lonLatExtent) {
    constexpr double kMaxGaussKrugerWidthDegrees = 9;
    return lonLatExtent.width() > kMaxGaussKrugerWidthDegrees;
}

std::string automaticCrsFor(const geo::Box& lonLatExtent, const geo::GaussKrugerZone& zone) {
    return isNational(lonLatExtent) ? std::string(kNationalDisplayCrs) : "EPSG:" + std::to_string(zone.cmEpsg);
}

QString zoneWarning(const geo::GaussKrugerZone& zone) {
    return QCoreApplication::translate("hongtu::render::LoadedProject",
                                       "The data reaches beyond the Gauss-Krüger zone %1 (central meridian %2°E); "
                                       "distances and areas near its edges are distorted.")
        .arg(zone.zone)
        .arg(zone.centralMeridian);
}

bool wantsZoneWarning(const LoadedProject& project, const geo::GaussKrugerZone& zone) {
    return !zone.extentFits && !isNational(project.lonLatExtent) && project.scene.displayCrs == project.automaticDisplayCrs;
}

// The display CRS: the Gauss-Krüger zone of the data's lon/lat extent (project.lonLatExtent).
geo::Status chooseDisplayCrs(LoadedProject& project, const ProjectOptions& options) {
    auto zone = geo::gaussKrugerZoneFor(project.lonLatExtent);
    if (!zone) {
        geo::Error e = zone.error();
        if (e.file.empty()) e.file = geo::redactConnectionString(project.path);
        return e;
    }
    project.zone = *zone;
    project.automaticDisplayCrs = automaticCrsFor(project.lonLatExtent, *zone);
    project.scene.displayCrs = options.displayCrs.empty() ? project.automaticDisplayCrs : options.displayCrs;
    if (wantsZoneWarning(project, *zone)) project.warnings << zoneWarning(*zone);
    return geo::Done{};
}

// A polygon or line layer of ProjectOptions::previewMinVertices or more is drawn in the first
// frame from a coarse copy: projecting and tracing every vertex would take seconds before the
// window shows anything. The detailed layer replaces it when the second phase has built it
// (addRemainingLayers).
std::size_t vertexCount(const geo::Layer& layer) {
    std::size_t n = 0;
    for (const auto& f : layer.features)
        for (const auto& part : f.geometry.parts)
            for (const auto& ring : part) n += ring.size();
    return n;
}

// Every feature of `layer` with each ring thinned to vertices at least `tolerance` apart (its
// first and last kept); a ring that would collapse keeps all its vertices. Same features, same
// order, same attributes: the items of the preview and of the detailed layer are the same.
geo::Layer coarseCopy(const geo::Layer& layer, double tolerance) {
    geo::Layer out;
    out.name = layer.name;
    out.fields = layer.fields;
    out.geometryKind = layer.geometryKind;
    out.crs = layer.crs;
    out.features.reserve(layer.features.size());
    const double tol2 = tolerance * tolerance;
    for (const auto& f : layer.features) {
        geo::Feature copy;
        copy.fid = f.fid;
        copy.values = f.values;
        copy.geometry.kind = f.geometry.kind;
        copy.geometry.parts.reserve(f.geometry.parts.size());
        for (const auto& part : f.geometry.parts) {
            auto& outPart = copy.geometry.parts.emplace_back();
            outPart.reserve(part.size());
            for (const auto& ring : part) {
                std::vector<geo::XY> thin;
                for (std::size_t i = 0; i < ring.size(); ++i) {
                    const geo::XY p = ring[i];
                    const bool last = i + 1 == ring.size();
                    if (!thin.empty() && !last) {
                        const double dx = p.x - thin.back().x, dy = p.y - thin.back().y;
                        if (dx * dx + dy * dy < tol2) continue;
                    }
                    thin.push_back(p);
                }
                const std::size_t minimum = copy.geometry.kind == geo::Geometry::Kind::Polygon ? 4 : 2;
                outPart.push_back(thin.size() >= minimum ? std::move(thin) : ring);
            }
        }
        out.features.push_back(std::move(copy));
    }
    return out;
}

// What building a scene layer needs of a source layer before its features, and a function
// that gives the builder every feature (from a layer in memory, or read feature by feature).
struct LayerShape {
    std::string name;
    std::vector<geo::Field> fields;
    geo::Geometry::Kind kind = geo::Geometry::Kind::Empty;
    std::string crs;
    std::size_t featureCount = 0;
};
using FeedFeatures = std::function<geo::Status(SceneLayerBuilder&)>;

bool hasField(const std::vector<geo::Field>& fields, const std::string& name) {
    return std::any_of(fields.begin(), fields.end(), [&](const geo::Field& f) { return f.name == name; });
}

// The scene layer of one source layer in the display CRS (toDisplayFrom's target), or nothing
// with a warning.
std::optional<SceneLayer> buildLayer(const LayerToRead& definition, const LayerShape& shape, const FeedFeatures& feed, const LoadPlan& plan,
                                     TransformerCache& toDisplayFrom, QStringList& warnings) {
    const QString layerName = QString::fromStdString(definition.id);
    const auto& toDisplay = toDisplayFrom.from(shape.crs);
    if (!toDisplay) {
        warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' cannot be reprojected: %2")
                        .arg(layerName, QString::fromStdString(toDisplay.error().toString()));
        return std::nullopt;
    }
    if (toDisplay->isApproximate())
        warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' is reprojected only approximately (no exact transformation is known).")
                        .arg(layerName);
    const bool isSynthetic = std::find(plan.synthetic.begin(), plan.synthetic.end(), definition.id) != plan.synthetic.end();
    // Honest about made-up data wherever the layer's name appears (layer list, legend).
    const QString displayName = isSynthetic ? definition.displayName + QCoreApplication::translate("hongtu::render::LoadedProject", " (synthetic positions)")
                                            : definition.displayName;
    // A theme needs its field: without it the layer keeps its plain symbol (no false "no data")
    // and loses the theme's legend title (the national counties have no income share).
    LayerStyle style = definition.style;
    if (const std::string field = symbologyField(style.symbology); !field.empty() && !hasField(shape.fields, field)) {
        style.symbology = SingleSymbology{};
        style.legendTitle.clear();
    }
    std::string labelField;
    for (const auto& name : definition.labelFieldCandidates)
        if (labelField.empty() && hasField(shape.fields, name)) labelField = name;
    SceneLayerSpec spec{definition.id, displayName, style, labelField, true, definition.labelAnchorFields};
    SceneLayerBuilder builder(shape.name, shape.fields, shape.kind, *toDisplay, spec);
    builder.reserve(shape.featureCount);
    geo::Result<SceneLayer> sceneLayer = geo::Error{};
    if (auto fed = feed(builder); !fed)
        sceneLayer = fed.error();
    else
        sceneLayer = std::move(builder).finish();
    if (sceneLayer) {
        sceneLayer->syntheticPositions = isSynthetic;
        sceneLayer->plainName = definition.displayName;
        sceneLayer->syntheticValues = plan.demoData && symbologyField(sceneLayer->style.symbology) == kIncomeShareField;
    }
    // Dense point layers (a national village list) are drawn only when zoomed in, unless the
    // planner's saved style says otherwise: at national scale they would cover every county.
    if (sceneLayer && !definition.savedScaleRange && sceneLayer->points.size() > kDensePointLayer)
        sceneLayer->style.maxScaleDenominator = definition.id == "townships" ? 8'000'000 : 2'000'000;
    if (!sceneLayer) {
        warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' is not drawn: %2")
                        .arg(layerName, QString::fromStdString(sceneLayer.error().toString()));
        return std::nullopt;
    }
    if (const int skipped = static_cast<int>(sceneLayer->skippedFeatures); skipped > 0)
        warnings << QCoreApplication::translate("hongtu::render::LoadedProject",
                                                "Layer '%1': %n feature(s) could not be reprojected and are not drawn.", "", skipped)
                        .arg(layerName);
    return std::move(sceneLayer).value();
}

// The scene layers of `read` in `displayCrs`, in the order read.
std::vector<SceneLayer> buildLayers(const std::vector<ReadLayer>& read, const LoadPlan& plan, const std::string& displayCrs, QStringList& warnings) {
    std::vector<SceneLayer> out;
    TransformerCache toDisplayFrom(displayCrs);
    for (const auto& r : read) {
        const LayerShape shape{r.layer.name, r.layer.fields, r.layer.geometryKind, r.layer.crs, r.layer.features.size()};
        const FeedFeatures feed = [&r](SceneLayerBuilder& builder) -> geo::Status {
            for (const auto& feature : r.layer.features) builder.add(feature.geometry, feature.values);
            return geo::Done{};
        };
        if (auto layer = buildLayer(*r.definition, shape, feed, plan, toDisplayFrom, warnings)) out.push_back(std::move(*layer));
    }
    return out;
}

geo::Error noLayersError(const std::string& path) {
    return geo::Error{
        "this source holds none of the project's map layers (counties, townships, villages, "
        "memorial_sites), or none of them could be read",
        geo::redactConnectionString(path),
        "",
        {}};
}

}  // namespace

// What the second phase reads (loadRemainingLayers), and what the first decided.
struct RemainingLoad {
    std::shared_ptr<const LoadPlan> plan;
    std::vector<std::string> layerIds;  // drawing order
    geo::Box lonLatExtent;              // of the first phase's layers
    geo::GaussKrugerZone zone;
    std::string automaticDisplayCrs;
    std::string displayCrs;
    // Layers the first phase drew from a coarse copy (ProjectOptions::previewMinVertices): read
    // again here feature by feature (holding the read layer until then would cost more memory
    // than reading it twice costs time), they replace their previews.
    std::vector<std::string> detailedIds;
};

namespace {

// Both loads: `split` reads only the first phase's layers when the project has any of them.
geo::Result<FirstPhase> load(const std::string& path, const ProjectOptions& options, bool split) {
    auto source = geo::DataSource::open(path);
    if (!source) return source.error();

    LoadedProject project;
    project.path = path;
    auto plan = std::make_shared<LoadPlan>(planLoad(*source, path, options, project.warnings));

    std::vector<std::string> first, rest;
    for (const auto& def : plan->definitions)
        if (plan->has(def.id)) (!split || inFirstPhase(*plan, def.id) ? first : rest).push_back(def.id);
    std::vector<ReadLayer> read = readLayers(*source, *plan, first, project.warnings);
    if (read.empty() && !rest.empty()) {  // nothing of the first phase could be read: one phase
        auto more = readLayers(*source, *plan, rest, project.warnings);
        read = std::move(more);
        rest.clear();
    }
    if (read.empty()) return noLayersError(path);

    project.lonLatExtent = lonLatExtentOf(read);
    if (auto st = chooseDisplayCrs(project, options); !st) return st.error();
    std::vector<ReadLayer> detailed;  // shown from a coarse copy until the second phase
    if (split)
        for (auto& r : read) {
            if (r.layer.geometryKind == geo::Geometry::Kind::Point || vertexCount(r.layer) < options.previewMinVertices) continue;
            const geo::Box bounds = r.layer.bounds();
            ReadLayer coarse{r.definition, coarseCopy(r.layer, std::max(bounds.width(), bounds.height()) * options.previewTolerance)};
            detailed.push_back(std::move(r));
            r = std::move(coarse);
        }
    project.scene.layers = buildLayers(read, *plan, project.scene.displayCrs, project.warnings);
    read.clear();  // the geometries are in the scene now
    if (plan->hasProgress) addProgress(project, options.progressDate, options.clock);
    if (project.scene.layers.empty() && rest.empty())
        return geo::Error{"none of the project's map layers could be drawn: " + project.warnings.join(QStringLiteral("; ")).toStdString(),
                          geo::redactConnectionString(path),
                          "",
                          {}};

    FirstPhase out;
    if (!rest.empty() || !detailed.empty()) {
        auto remaining = std::make_shared<RemainingLoad>();
        for (const auto& r : detailed)
            out.pending.push_back({r.definition->id,
                                   QCoreApplication::translate("hongtu::render::LoadedProject", "%1 (detailed boundaries)").arg(r.definition->displayName),
                                   static_cast<std::int64_t>(r.layer.features.size())});
        for (const auto& r : detailed) remaining->detailedIds.push_back(r.definition->id);
        detailed.clear();
        for (const auto& id : rest) {
            const auto def = std::find_if(plan->definitions.begin(), plan->definitions.end(), [&](const LayerToRead& d) { return d.id == id; });
            const geo::LayerInfo* info = plan->info(id);
            out.pending.push_back({id, def->displayName, info ? info->featureCount : 0});
        }
        remaining->plan = std::move(plan);
        remaining->layerIds = std::move(rest);
        remaining->lonLatExtent = project.lonLatExtent;
        remaining->zone = project.zone;
        remaining->automaticDisplayCrs = project.automaticDisplayCrs;
        remaining->displayCrs = project.scene.displayCrs;
        out.rest = std::move(remaining);
    }
    out.project = std::move(project);
    return out;
}

}  // namespace

geo::Result<LoadedProject> loadProject(const std::string& path, const ProjectOptions& options) {
    auto loaded = load(path, options, false);
    if (!loaded) return loaded.error();
    return std::move(loaded->project);
}

geo::Result<FirstPhase> loadFirstPhase(const std::string& path, const ProjectOptions& options) { return load(path, options, true); }

geo::Result<RemainingLayers> loadRemainingLayers(const RemainingLoad& rest, const std::function<bool()>& cancelled) {
    const LoadPlan& plan = *rest.plan;
    RemainingLayers out;
    for (const auto& def : plan.definitions) out.drawingOrder.push_back(def.id);
    const auto cancelledError = [&] { return geo::Error{"loading was cancelled", geo::redactConnectionString(plan.path), "", {}}; };
    auto source = geo::DataSource::open(plan.path);
    if (!source) return source.error();
    // The layers are described first (fields, CRS, extent), and each is read feature by feature
    // while its scene layer is built, so no layer is held whole (the second phase needs no
    // derived indicator: the villages that feed one come in the first phase).
    struct ToRead {
        const LayerToRead* definition;
        geo::LayerInfo info;
    };
    std::vector<ToRead> toRead;
    const auto listed = [](const std::vector<std::string>& ids, const std::string& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
    // First what the first frame showed coarsely, then the rest in drawing order.
    std::vector<const LayerToRead*> order;
    for (const auto& def : plan.definitions)
        if (listed(rest.detailedIds, def.id)) order.push_back(&def);
    for (const auto& def : plan.definitions)
        if (listed(rest.layerIds, def.id)) order.push_back(&def);
    for (const LayerToRead* defPtr : order) {
        const LayerToRead& def = *defPtr;
        if (!plan.has(def.id)) continue;
        auto info = source->layerInfo(def.id);
        if (info && !info->problem.empty()) info = geo::Error{info->problem, geo::redactConnectionString(plan.path), def.id, {}};
        if (!info) {
            out.warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' could not be read: %2")
                                .arg(QString::fromStdString(def.id), QString::fromStdString(info.error().toString()));
            continue;
        }
        if (info->crs.empty()) {
            out.warnings << QCoreApplication::translate("hongtu::render::LoadedProject", "Layer '%1' has no coordinate reference system and is not drawn.")
                                .arg(QString::fromStdString(def.id));
            continue;
        }
        toRead.push_back({&def, std::move(info).value()});
    }
    // The display CRS was chosen from the first phase's extent; when the rest reaches so far
    // that one phase would have chosen another, the whole project is read in one phase instead.
    out.lonLatExtent = rest.lonLatExtent;
    {
        TransformerCache toLonLatFrom(kLonLatCrs);
        for (const auto& r : toRead) {
            const auto& toLonLat = toLonLatFrom.from(r.info.crs);
            if (!toLonLat || r.info.extent.empty()) continue;
            if (const auto box = lonLatBounds(r.info.extent, *toLonLat)) out.lonLatExtent.expand(*box);
        }
    }
    auto zone = geo::gaussKrugerZoneFor(out.lonLatExtent);
    if (!zone || automaticCrsFor(out.lonLatExtent, *zone) != rest.automaticDisplayCrs) {
        auto whole = loadProject(plan.path, plan.options);
        if (!whole) return whole.error();
        out.whole = std::move(whole).value();
        return out;
    }
    out.zone = *zone;
    LoadedProject probe;  // the warning one phase gives for the whole extent, when the first phase's did not
    probe.lonLatExtent = out.lonLatExtent;
    probe.scene.displayCrs = rest.displayCrs;
    probe.automaticDisplayCrs = rest.automaticDisplayCrs;
    if (wantsZoneWarning(probe, *zone) && rest.zone.extentFits) out.warnings << zoneWarning(*zone);
    TransformerCache toDisplayFrom(rest.displayCrs);
    for (const auto& r : toRead) {
        if (cancelled && cancelled()) return cancelledError();
        const LayerShape shape{r.info.name, r.info.fields, r.info.geometryKind, r.info.crs, static_cast<std::size_t>(std::max<std::int64_t>(0, r.info.featureCount))};
        bool stopped = false;
        const FeedFeatures feed = [&](SceneLayerBuilder& builder) {
            std::size_t n = 0;
            return source->forEachFeature(r.info.name, [&](geo::Feature& f) {
                builder.add(std::move(f.geometry), f.values);
                if (++n % 65536 == 0 && cancelled && cancelled()) stopped = true;  // between layers and every 65,536 features
                return !stopped;
            });
        };
        QStringList givenAlready;  // a detailed layer's warnings were given with its preview
        auto layer = buildLayer(*r.definition, shape, feed, plan, toDisplayFrom, listed(rest.detailedIds, r.definition->id) ? givenAlready : out.warnings);
        if (stopped) return cancelledError();
        if (layer) out.layers.push_back(std::move(*layer));
        releaseFreedMemory();  // the features read (each layer's reading leaves 50-100 MB free in this thread's arena)
    }
    return out;
}

void addRemainingLayers(LoadedProject& project, RemainingLayers rest) {
    // A map layer goes before the first map layer that comes after it in the drawing order, or
    // last: the progress layers one phase puts above the townships stay below it, as there.
    const auto rank = [&](const std::string& id) -> std::optional<std::size_t> {
        const auto it = std::find(rest.drawingOrder.begin(), rest.drawingOrder.end(), id);
        if (it == rest.drawingOrder.end()) return std::nullopt;  // progress layers: placed by their own rule
        return static_cast<std::size_t>(it - rest.drawingOrder.begin());
    };
    auto& layers = project.scene.layers;
    for (auto& layer : rest.layers) {
        // A detailed layer gives its preview its geometry: the preview keeps its attributes (with
        // what the first phase derived, e.g. the income share counted from the villages), its
        // style (the planner may have changed it meanwhile) and its visibility.
        if (const auto preview = std::find_if(layers.begin(), layers.end(), [&](const SceneLayer& l) { return l.id == layer.id; });
            preview != layers.end()) {
            if (layer.itemCount() != preview->itemCount()) {  // features lost on the way: the detailed layer as it is
                layer.style = preview->style;
                layer.initiallyVisible = preview->initiallyVisible;
                resolveSymbology(layer);
                *preview = std::move(layer);
                continue;
            }
            preview->paths = std::move(layer.paths);
            preview->pathBounds = std::move(layer.pathBounds);
            preview->extent = layer.extent;
            preview->labels = std::move(layer.labels);
            preview->renderCache = std::make_shared<LayerRenderCache>();  // its aids were built for the coarse paths
            // The progress choropleth draws the county polygons again (addProgressLayers): the
            // detailed ones now.
            if (preview->id == "counties")
                for (SceneLayer& derived : layers)
                    if (derived.id == kCountyProgressLayer && derived.itemCount() == preview->itemCount()) {
                        derived.paths = preview->paths;
                        derived.pathBounds = preview->pathBounds;
                        derived.extent = preview->extent;
                        derived.labels = preview->labels;
                        derived.renderCache = std::make_shared<LayerRenderCache>();
                    }
            continue;
        }
        const auto r = rank(layer.id);
        const auto before = std::find_if(layers.begin(), layers.end(), [&](const SceneLayer& l) {
            const auto other = rank(l.id);
            return r && other && *other > *r;
        });
        layers.insert(before, std::move(layer));
    }
    project.lonLatExtent = rest.lonLatExtent;
    project.zone = rest.zone;
    project.warnings << rest.warnings;
}

}  // namespace hongtu::render
