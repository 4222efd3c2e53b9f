#include "render/progress_theme.hpp"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace hongtu::render {

namespace {

// The legend order of the point classes; Unplanned (not yet in the programme) is not drawn.
constexpr std::array<geo::progress::Category, 6> kPointCategories{geo::progress::Category::NotStarted, geo::progress::Category::InProgress,
                                                                  geo::progress::Category::DueSoon, geo::progress::Category::Overdue,
                                                                  geo::progress::Category::Completed, geo::progress::Category::Accepted};

QString categoryLabel(geo::progress::Category c) {
    switch (c) {
        case geo::progress::Category::Unplanned: return QCoreApplication::translate("hongtu::render::ProgressTheme", "Not yet in the programme");
        case geo::progress::Category::NotStarted: return QCoreApplication::translate("hongtu::render::ProgressTheme", "Not started");
        case geo::progress::Category::InProgress: return QCoreApplication::translate("hongtu::render::ProgressTheme", "Under construction");
        case geo::progress::Category::DueSoon: return QCoreApplication::translate("hongtu::render::ProgressTheme", "Due soon");
        case geo::progress::Category::Overdue: return QCoreApplication::translate("hongtu::render::ProgressTheme", "Overdue");
        case geo::progress::Category::Completed: return QCoreApplication::translate("hongtu::render::ProgressTheme", "Completed");
        case geo::progress::Category::Accepted: return QCoreApplication::translate("hongtu::render::ProgressTheme", "Accepted");
    }
    return {};
}

std::int32_t pointClass(geo::progress::Category c) {
    for (std::size_t i = 0; i < kPointCategories.size(); ++i)
        if (kPointCategories[i] == c) return static_cast<std::int32_t>(i);
    return -1;
}

std::vector<SceneClass> pointClasses(geo::progress::ProjectKind kind) {
    std::vector<SceneClass> out;
    for (geo::progress::Category c : kPointCategories) out.push_back({categoryLabel(c), statusSymbol(c, kind), 0});
    return out;
}

// Project points of one kind: the class of each point is its project's category on the day.
class ProjectPointClassifier final : public AsOfClassifier {
public:
    ProjectPointClassifier(std::shared_ptr<const geo::progress::ProgressModel> model, geo::progress::ProjectKind kind,
                           std::vector<std::uint32_t> projectOfItem)
        : model_(std::move(model)), kind_(kind), projectOfItem_(std::move(projectOfItem)) {}

    LayerClasses classify(geo::Date asOf, int dueSoonDays) const override {
        LayerClasses out;
        out.classes = pointClasses(kind_);
        out.itemClass.resize(projectOfItem_.size(), -1);
        const auto day = static_cast<std::int32_t>(asOf.daysSinceEpoch());
        const geo::progress::ProgressOptions options{dueSoonDays};
        const geo::progress::ProgressIndex& index = model_->index();
        for (std::size_t i = 0; i < projectOfItem_.size(); ++i) {
            const std::int32_t cls = pointClass(index.stateAsOf(projectOfItem_[i], day, options).category);
            out.itemClass[i] = cls;
            if (cls >= 0) ++out.classes[static_cast<std::size_t>(cls)].count;
        }
        return out;
    }

    const std::shared_ptr<const geo::progress::ProgressModel>& model() const { return model_; }
    geo::progress::ProjectKind kind() const { return kind_; }
    const std::vector<std::uint32_t>& projectOfItem() const { return projectOfItem_; }

private:
    std::shared_ptr<const geo::progress::ProgressModel> model_;
    geo::progress::ProjectKind kind_;
    std::vector<std::uint32_t> projectOfItem_;  // item -> index into model_->projects()
};

// County polygons by completion rate on the day; "none planned" is its own class.
class CountyRateClassifier final : public AsOfClassifier {
public:
    CountyRateClassifier(std::shared_ptr<const geo::progress::ProgressModel> model, std::vector<std::int32_t> countyOfItem,
                         bool syntheticData = true)
        : model_(std::move(model)), countyOfItem_(std::move(countyOfItem)), syntheticData_(syntheticData) {}

    LayerClasses classify(geo::Date asOf, int dueSoonDays) const override {
        LayerClasses out;
        out.classes = completionClasses();
        out.itemClass.resize(countyOfItem_.size(), -1);
        const geo::progress::Snapshot snapshot = model_->evaluate(asOf, {dueSoonDays});
        for (std::size_t i = 0; i < countyOfItem_.size(); ++i) {
            const std::int32_t county = countyOfItem_[i];
            const std::optional<double> rate =
                county < 0 ? std::nullopt : snapshot.counties[static_cast<std::size_t>(county)].all.completionRate();
            const std::int32_t cls = completionClass(rate);
            out.itemClass[i] = cls;
            ++out.classes[static_cast<std::size_t>(cls)].count;
        }
        out.legendTitle = (syntheticData_ ? QCoreApplication::translate("hongtu::render::ProgressTheme", "Completion rate (completed / planned) as of %1 (synthetic data)")
                                          : QCoreApplication::translate("hongtu::render::ProgressTheme", "Completion rate (completed / planned) as of %1"))
                              .arg(QString::fromStdString(asOf.iso()));
        return out;
    }

    std::shared_ptr<CountyRateClassifier> withModel(std::shared_ptr<const geo::progress::ProgressModel> model) const {
        return std::make_shared<CountyRateClassifier>(std::move(model), countyOfItem_, syntheticData_);
    }

private:
    std::shared_ptr<const geo::progress::ProgressModel> model_;
    std::vector<std::int32_t> countyOfItem_;  // item -> index into model_->counties(), -1 unknown
    bool syntheticData_ = true;               // the legend says "(synthetic data)" (the demo)
};

const SceneLayer* findLayer(const Scene& scene, const char* id) { return scene.find(id); }

std::optional<std::size_t> fieldOf(const SceneLayer& layer, const std::string& name) { return layer.fieldIndex(name); }

// Item index per code of a point or polygon layer.
std::unordered_map<std::string, std::size_t> itemsByCode(const SceneLayer* layer, const std::string& field) {
    std::unordered_map<std::string, std::size_t> out;
    if (!layer) return out;
    const auto index = fieldOf(*layer, field);
    if (!index) return out;
    for (std::size_t i = 0; i < layer->attributes.rowCount(); ++i) out.emplace(layer->attributes.text(i, *index), i);
    return out;
}

geo::Value dateValue(const std::optional<geo::Date>& d) {
    if (!d) return std::monostate{};
    return *d;
}

void applyStatic(SceneLayer& layer, geo::Date dataDate) {
    LayerClasses c = layer.asOfClasses->classify(dataDate, 30);
    layer.classes = std::move(c.classes);
    layer.itemClass = std::move(c.itemClass);
}

}  // namespace

std::vector<geo::progress::Category> pointCategories() { return {kPointCategories.begin(), kPointCategories.end()}; }

MarkerSymbol statusSymbol(geo::progress::Category category, geo::progress::ProjectKind kind) {
    // Housing is one project per township: drawn a little larger than the village venues.
    const double size = kind == geo::progress::ProjectKind::TownshipHousing ? 3.0 : 2.2;
    MarkerSymbol m;
    m.sizeMm = size;
    m.stroke = QColor(0x30, 0x30, 0x30);
    m.strokeWidthMm = 0.15;
    switch (category) {
        case geo::progress::Category::Unplanned:
        case geo::progress::Category::NotStarted:
            m.shape = MarkerShape::Circle;
            m.fill = QColor(Qt::white);
            m.strokeWidthMm = 0.3;
            m.stroke = QColor(0x55, 0x55, 0x55);
            break;
        case geo::progress::Category::InProgress:
            m.shape = MarkerShape::Triangle;
            m.sizeMm = size * 1.25;
            m.fill = QColor(0x6a, 0x3d, 0x9a);
            break;
        case geo::progress::Category::DueSoon:
            m.shape = MarkerShape::Triangle;
            m.sizeMm = size * 1.25;
            m.fill = QColor(0xfd, 0xae, 0x2e);
            break;
        case geo::progress::Category::Overdue:
            m.shape = MarkerShape::Square;
            m.fill = QColor(0xd7, 0x19, 0x1c);
            m.stroke = QColor(Qt::black);
            m.strokeWidthMm = 0.25;
            break;
        case geo::progress::Category::Completed:
            m.shape = MarkerShape::Circle;
            m.fill = QColor(0x74, 0xc4, 0x76);
            break;
        case geo::progress::Category::Accepted:
            m.shape = MarkerShape::Circle;
            m.fill = QColor(0x00, 0x44, 0x1b);
            m.stroke = QColor(Qt::white);
            break;
    }
    return m;
}

std::vector<SceneClass> completionClasses() {
    // Light blues, so the status colours of the points stay readable on every class; lightness
    // grows with the rate (ColorBrewer Blues, readable in greyscale).
    const FillSymbol base{QColor(), QColor(0x5a, 0x5a, 0x5a), 0.35, false};
    const auto fill = [&](QRgb rgb) {
        FillSymbol f = base;
        f.fill = QColor(rgb);
        return Symbol{f};
    };
    FillSymbol none = base;
    none.fill = QColor(0xe0, 0xe0, 0xe0);
    none.hatched = true;
    return {
        {QStringLiteral("0 – < 25%"), fill(0xf7fbff), 0},
        {QStringLiteral("25 – < 50%"), fill(0xdeebf7), 0},
        {QStringLiteral("50 – < 75%"), fill(0xc6dbef), 0},
        {QStringLiteral("75 – < 90%"), fill(0x9ecae1), 0},
        {QStringLiteral("90 – < 100%"), fill(0x6baed6), 0},
        {QStringLiteral("100%"), fill(0x3182bd), 0},
        {QCoreApplication::translate("hongtu::render::ProgressTheme", "None planned (not 0%)"), Symbol{none}, 0},
    };
}

std::int32_t completionClass(std::optional<double> rate) {
    if (!rate) return 6;
    const double pct = *rate * 100;
    if (*rate >= 1.0) return 5;
    if (pct < 25) return 0;
    if (pct < 50) return 1;
    if (pct < 75) return 2;
    if (pct < 90) return 3;
    return 4;
}

ProgressLayersResult addProgressLayers(Scene& scene, std::shared_ptr<const geo::progress::ProgressModel> model, geo::Date dataDate,
                                       bool syntheticPositions, bool syntheticData) {
    ProgressLayersResult result;
    const SceneLayer* counties = findLayer(scene, "counties");
    const SceneLayer* villages = findLayer(scene, "villages");
    const SceneLayer* townships = findLayer(scene, "townships");
    const auto villageItems = itemsByCode(villages, "village_code");
    const auto townshipItems = itemsByCode(townships, "township_code");

    // --- The choropleth: the county polygons again, classified by completion rate.
    std::optional<SceneLayer> choropleth;
    if (counties && !counties->paths.empty()) {
        SceneLayer layer;
        layer.id = kCountyProgressLayer;
        layer.displayName = QCoreApplication::translate("hongtu::render::ProgressTheme", "Completion rate by county");
        layer.kind = counties->kind;
        layer.style = counties->style;
        layer.style.symbol = FillSymbol{QColor(0xf7, 0xfb, 0xff), QColor(0x5a, 0x5a, 0x5a), 0.35};
        layer.style.symbology = SingleSymbology{};
        layer.style.legendTitle = syntheticData ? QCoreApplication::translate("hongtu::render::ProgressTheme", "Completion rate (completed / planned) (synthetic data)")
                                                : QCoreApplication::translate("hongtu::render::ProgressTheme", "Completion rate (completed / planned)");
        layer.syntheticValues = syntheticData;
        layer.paths = counties->paths;
        layer.pathBounds = counties->pathBounds;
        layer.labels = counties->labels;
        layer.labelColumn = counties->labelColumn;
        layer.labelTexts = counties->labelTexts;
        layer.fields = counties->fields;
        layer.attributes = counties->attributes;
        layer.extent = counties->extent;
        std::unordered_map<std::string, std::int32_t> countyIndex;
        for (std::size_t c = 0; c < model->counties().size(); ++c)
            countyIndex.emplace(model->counties()[c].code, static_cast<std::int32_t>(c));
        std::vector<std::int32_t> countyOfItem(layer.itemCount(), -1);
        const auto codeField = layer.fieldIndex("county_code");
        for (std::size_t i = 0; codeField && i < countyOfItem.size(); ++i) {
            const auto it = countyIndex.find(layer.attributes.text(i, *codeField));
            if (it != countyIndex.end()) countyOfItem[i] = it->second;
        }
        layer.asOfClasses = std::make_shared<CountyRateClassifier>(model, std::move(countyOfItem), syntheticData);
        applyStatic(layer, dataDate);
        choropleth = std::move(layer);
    }

    // --- The project points, one layer per kind.
    struct PointLayer {
        const char* id;
        geo::progress::ProjectKind kind;
        QString name;
        SceneLayer layer;
        std::vector<std::uint32_t> projectOfItem;
    };
    std::vector<PointLayer> pointLayers;
    pointLayers.push_back({kVillageVenueLayer, geo::progress::ProjectKind::VillageVenue, QCoreApplication::translate("hongtu::render::ProgressTheme", "Village activity venues (projects)"), {}, {}});
    pointLayers.push_back({kCommunityVenueLayer, geo::progress::ProjectKind::CommunityVenue, QCoreApplication::translate("hongtu::render::ProgressTheme", "Community activity venues (projects)"), {}, {}});
    pointLayers.push_back({kHousingLayer, geo::progress::ProjectKind::TownshipHousing, QCoreApplication::translate("hongtu::render::ProgressTheme", "Township turnover housing (projects)"), {}, {}});
    const std::vector<geo::Field> fields{{"project_id", geo::FieldType::Text}, {"name", geo::FieldType::Text}, {"kind", geo::FieldType::Text}, {"county_code", geo::FieldType::Text}, {"township_code", geo::FieldType::Text}, {"village_code", geo::FieldType::Text}, {"planned_start", geo::FieldType::Date}, {"planned_completion", geo::FieldType::Date}, {"budget_yuan", geo::FieldType::Integer}};
    for (std::size_t p = 0; p < model->projects().size(); ++p) {
        const geo::progress::Project& project = model->projects()[p];
        PointLayer& target = pointLayers[static_cast<std::size_t>(project.kind)];
        const SceneLayer* from = project.kind == geo::progress::ProjectKind::TownshipHousing ? townships : villages;
        const auto& items = project.kind == geo::progress::ProjectKind::TownshipHousing ? townshipItems : villageItems;
        const auto it = items.find(project.kind == geo::progress::ProjectKind::TownshipHousing ? project.townshipCode : project.villageCode);
        if (!from || it == items.end()) {
            result.unplaced.push_back(project.id);
            continue;
        }
        const QPointF at = from->points[it->second];
        target.layer.points.push_back(at);
        target.layer.extent.expand(geo::XY{at.x(), at.y()});
        target.layer.attributes.appendRow({project.id, project.name, std::string(geo::progress::kindWord(project.kind)), project.countyCode,
                                           project.townshipCode, project.villageCode, dateValue(project.plannedStart),
                                           dateValue(project.plannedCompletion), project.budgetYuan});
        if (project.kind != geo::progress::ProjectKind::TownshipHousing)
            target.layer.labels.push_back({at, target.layer.points.size() - 1});  // text: the "name" column
        target.projectOfItem.push_back(static_cast<std::uint32_t>(p));
        ++result.placed;
    }

    std::vector<SceneLayer> points;
    for (PointLayer& pl : pointLayers) {
        if (pl.layer.points.empty()) continue;
        SceneLayer& layer = pl.layer;
        layer.id = pl.id;
        layer.displayName = syntheticPositions ? pl.name + QCoreApplication::translate("hongtu::render::ProgressTheme", " (synthetic positions)") : pl.name;
        layer.syntheticPositions = syntheticPositions;
        layer.syntheticValues = syntheticData;
        layer.plainName = pl.name;
        layer.kind = geo::Geometry::Kind::Point;
        layer.style.symbol = statusSymbol(geo::progress::Category::NotStarted, pl.kind);
        layer.style.legendTitle = syntheticData ? QCoreApplication::translate("hongtu::render::ProgressTheme", "Status on the as-of date (synthetic data)")
                                                : QCoreApplication::translate("hongtu::render::ProgressTheme", "Status on the as-of date");
        layer.style.label.enabled = pl.kind != geo::progress::ProjectKind::TownshipHousing;
        layer.style.label.sizePt = 7.5;
        layer.style.label.maxScaleDenominator = 60'000;
        layer.style.labelPriority = LabelPriority::Village;
        layer.fields = fields;
        layer.labelColumn = 1;  // "name"
        layer.asOfClasses = std::make_shared<ProjectPointClassifier>(model, pl.kind, std::move(pl.projectOfItem));
        applyStatic(layer, dataDate);
        points.push_back(std::move(layer));
    }

    // Insert: the choropleth right above the counties, the points above the townships (or the
    // villages, or at the top).
    auto& layers = scene.layers;
    if (choropleth) {
        const auto at = std::find_if(layers.begin(), layers.end(), [](const SceneLayer& l) { return l.id == "counties"; });
        layers.insert(at == layers.end() ? layers.begin() : at + 1, std::move(*choropleth));
    }
    auto anchor = std::find_if(layers.begin(), layers.end(), [](const SceneLayer& l) { return l.id == "townships"; });
    if (anchor == layers.end())
        anchor = std::find_if(layers.begin(), layers.end(), [](const SceneLayer& l) { return l.id == "villages"; });
    const auto insertAt = anchor == layers.end() ? layers.size() : static_cast<std::size_t>(anchor - layers.begin()) + 1;
    layers.insert(layers.begin() + static_cast<std::ptrdiff_t>(insertAt), std::make_move_iterator(points.begin()),
                  std::make_move_iterator(points.end()));
    return result;
}

void setProgressModel(Scene& scene, std::shared_ptr<const geo::progress::ProgressModel> model) {
    for (SceneLayer& layer : scene.layers) {
        if (!layer.asOfClasses) continue;
        if (const auto* points = dynamic_cast<const ProjectPointClassifier*>(layer.asOfClasses.get()))
            layer.asOfClasses = std::make_shared<ProjectPointClassifier>(model, points->kind(), points->projectOfItem());
        else if (const auto* rates = dynamic_cast<const CountyRateClassifier*>(layer.asOfClasses.get()))
            layer.asOfClasses = rates->withModel(model);
    }
}

std::optional<FeatureRef> projectFeature(const Scene& scene, std::size_t project) {
    for (const SceneLayer& layer : scene.layers) {
        const auto* points = dynamic_cast<const ProjectPointClassifier*>(layer.asOfClasses.get());
        if (!points) continue;
        const auto& items = points->projectOfItem();
        const auto it = std::find(items.begin(), items.end(), static_cast<std::uint32_t>(project));
        if (it != items.end()) return FeatureRef{layer.id, static_cast<std::size_t>(it - items.begin())};
    }
    return std::nullopt;
}

std::optional<std::size_t> projectOfFeature(const Scene& scene, const FeatureRef& feature) {
    const SceneLayer* layer = scene.find(feature.layerId);
    if (!layer) return std::nullopt;
    const auto* points = dynamic_cast<const ProjectPointClassifier*>(layer->asOfClasses.get());
    if (!points || feature.item >= points->projectOfItem().size()) return std::nullopt;
    return points->projectOfItem()[feature.item];
}

std::optional<FeatureRef> countyFeature(const Scene& scene, const std::string& countyCode) {
    // The choropleth when there is one (the layer shown), else the plain county layer.
    const SceneLayer* counties = scene.find(kCountyProgressLayer);
    if (!counties) counties = scene.find("counties");
    if (!counties) return std::nullopt;
    const auto field = counties->fieldIndex("county_code");
    if (!field) return std::nullopt;
    for (std::size_t i = 0; i < counties->attributes.rowCount(); ++i)
        if (counties->attributes.text(i, *field) == countyCode) return FeatureRef{counties->id, i};
    return std::nullopt;
}

std::optional<std::pair<geo::Date, geo::Date>> historyRange(const geo::progress::ProgressModel& model) {
    const auto& history = model.data().history;
    if (history.empty()) return std::nullopt;
    geo::Date first = history.front().date, last = history.front().date;
    for (const auto& c : history) {
        first = std::min(first, c.date);
        last = std::max(last, c.date);
    }
    return std::make_pair(first, last);
}

geo::Date defaultAsOf(const geo::progress::ProgressModel& model, geo::Date today) {
    const auto range = historyRange(model);
    if (!range) return today;
    return std::clamp(today, range->first, range->second);
}

const char* stageDisplayName(geo::progress::Stage stage) {
    switch (stage) {
        case geo::progress::Stage::Planned: return geo::progress::categoryNameZh(geo::progress::Category::NotStarted);
        case geo::progress::Stage::UnderConstruction: return geo::progress::categoryNameZh(geo::progress::Category::InProgress);
        case geo::progress::Stage::Completed: return geo::progress::categoryNameZh(geo::progress::Category::Completed);
        case geo::progress::Stage::Accepted: return geo::progress::categoryNameZh(geo::progress::Category::Accepted);
    }
    return geo::progress::categoryNameZh(geo::progress::Category::NotStarted);
}

}  // namespace hongtu::render
