#include "render/project.hpp"

#include <QCoreApplication>

#include <algorithm>

#include "hongtu/geo/datasource.hpp"

namespace hongtu::render {

namespace {

const std::string kLonLatCrs = "EPSG:4490";

LayerStyle countyStyle() {
    LayerStyle s;
    s.symbol = FillSymbol{QColor(0xf6, 0xef, 0xdc), QColor(0x8c, 0x5a, 0x32), 0.35};
    s.label.enabled = true;
    s.label.sizePt = 10;
    s.label.color = QColor(0x4a, 0x30, 0x1c);
    return s;
}

LayerStyle villageStyle() {
    LayerStyle s;
    s.symbol = MarkerSymbol{MarkerShape::Circle, 0.9, QColor(0x5b, 0x8a, 0x4f, 200), QColor(Qt::white), 0.12};
    s.label.enabled = true;
    s.label.sizePt = 7.5;
    s.label.maxScaleDenominator = 60'000;
    return s;
}

LayerStyle townshipStyle() {
    LayerStyle s;
    s.symbol = MarkerSymbol{MarkerShape::Square, 1.7, QColor(0x1f, 0x5f, 0x99), QColor(Qt::white), 0.25};
    s.label.enabled = true;
    s.label.sizePt = 8.5;
    s.label.color = QColor(0x1f, 0x3f, 0x66);
    s.label.maxScaleDenominator = 350'000;
    return s;
}

LayerStyle memorialStyle() {
    LayerStyle s;
    s.symbol = MarkerSymbol{MarkerShape::Star, 4.2, QColor(0xd7, 0x26, 0x1e), QColor(0xff, 0xf1, 0xb0), 0.25};
    s.label.enabled = true;
    s.label.sizePt = 8.5;
    s.label.color = QColor(0x9b, 0x11, 0x0b);
    s.label.maxScaleDenominator = 600'000;
    return s;
}

std::string pickField(const geo::Layer& layer, const std::vector<std::string>& candidates) {
    for (const auto& name : candidates)
        if (layer.fieldIndex(name)) return name;
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

struct ReadLayer {
    const ProjectLayerDefinition* definition;
    geo::Layer layer;
};

}  // namespace

std::vector<ProjectLayerDefinition> projectLayerDefinitions() {
    const std::vector<std::string> nameFields{"name", "name_zh", "名称", "NAME"};
    return {
        {"counties", QT_TRANSLATE_NOOP("hongtu::render::Project", "Counties"), countyStyle(), nameFields},
        {"villages", QT_TRANSLATE_NOOP("hongtu::render::Project", "Villages"), villageStyle(), nameFields},
        {"townships", QT_TRANSLATE_NOOP("hongtu::render::Project", "Townships"), townshipStyle(), nameFields},
        {"memorial_sites", QT_TRANSLATE_NOOP("hongtu::render::Project", "Revolutionary memorial sites"), memorialStyle(),
         nameFields},
    };
}

geo::Result<Project> loadProject(const std::string& path) {
    auto source = geo::DataSource::open(path);
    if (!source) return source.error();

    Project project;
    project.path = path;

    std::vector<std::string> present;
    for (const auto& info : source->layers()) present.push_back(info.name);

    const auto definitions = projectLayerDefinitions();
    std::vector<ReadLayer> read;
    for (const auto& def : definitions) {
        if (std::find(present.begin(), present.end(), def.id) == present.end()) continue;
        auto layer = source->readLayer(def.id);
        if (!layer) {
            project.warnings << QCoreApplication::translate("hongtu::render::Project", "Layer '%1' could not be read: %2")
                                    .arg(QString::fromStdString(def.id), QString::fromStdString(layer.error().toString()));
            continue;
        }
        if (layer->crs.empty()) {
            project.warnings << QCoreApplication::translate("hongtu::render::Project", "Layer '%1' has no coordinate reference system and is not drawn.")
                                    .arg(QString::fromStdString(def.id));
            continue;
        }
        read.push_back({&def, std::move(layer).value()});
    }
    if (read.empty())
        return geo::Error{"this source holds none of the project's map layers (counties, townships, villages, "
                          "memorial_sites), or none of them could be read",
                          geo::redactConnectionString(path), "", {}};

    // The display CRS: the Gauss-Krüger zone of the data's lon/lat extent.
    for (const auto& r : read) {
        auto toLonLat = geo::Transformer::create(r.layer.crs, kLonLatCrs);
        const geo::Box bounds = r.layer.bounds();
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
    project.scene.displayCrs = "EPSG:" + std::to_string(zone->cmEpsg);
    if (!zone->extentFits)
        project.warnings << QCoreApplication::translate("hongtu::render::Project", "The data reaches beyond the Gauss-Krüger zone %1 (central meridian %2°E); "
                               "distances and areas near its edges are distorted.")
                                .arg(zone->zone)
                                .arg(zone->centralMeridian);

    for (const auto& r : read) {
        const QString layerName = QString::fromStdString(r.definition->id);
        auto toDisplay = geo::Transformer::create(r.layer.crs, project.scene.displayCrs);
        if (!toDisplay) {
            project.warnings << QCoreApplication::translate("hongtu::render::Project", "Layer '%1' cannot be reprojected: %2")
                                    .arg(layerName, QString::fromStdString(toDisplay.error().toString()));
            continue;
        }
        if (toDisplay->isApproximate())
            project.warnings << QCoreApplication::translate("hongtu::render::Project", "Layer '%1' is reprojected only approximately (no exact transformation is known).")
                                    .arg(layerName);
        SceneLayerSpec spec{r.definition->id, QCoreApplication::translate("hongtu::render::Project", r.definition->displayNameSource), r.definition->style,
                            pickField(r.layer, r.definition->labelFieldCandidates), true};
        auto sceneLayer = buildSceneLayer(r.layer, *toDisplay, spec);
        if (!sceneLayer) {
            project.warnings << QCoreApplication::translate("hongtu::render::Project", "Layer '%1' is not drawn: %2")
                                    .arg(layerName, QString::fromStdString(sceneLayer.error().toString()));
            continue;
        }
        if (const int skipped = static_cast<int>(sceneLayer->skippedFeatures); skipped > 0)
            project.warnings << QCoreApplication::translate(
                                    "hongtu::render::Project",
                                    "Layer '%1': %n feature(s) could not be reprojected and are not drawn.", "", skipped)
                                    .arg(layerName);
        project.scene.layers.push_back(std::move(sceneLayer).value());
    }
    if (project.scene.layers.empty())
        return geo::Error{"none of the project's map layers could be drawn: " +
                              project.warnings.join(QStringLiteral("; ")).toStdString(),
                          geo::redactConnectionString(path), "", {}};
    return project;
}

}  // namespace hongtu::render
