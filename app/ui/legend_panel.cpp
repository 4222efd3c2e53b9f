#include "ui/legend_panel.hpp"

#include <QHeaderView>
#include <QIcon>
#include <QPixmap>

#include "render/legend_swatch.hpp"
#include "render/map_renderer.hpp"
#include "ui/wrapping_rows.hpp"

namespace hongtu::ui {

namespace {
constexpr int kSwatchPx = 22;
constexpr int kLayerIdRole = Qt::UserRole;

bool sameModel(const render::LegendModel& a, const render::LegendModel& b) {
    if (a.layers.size() != b.layers.size()) return false;
    for (std::size_t i = 0; i < a.layers.size(); ++i) {
        const auto &x = a.layers[i], &y = b.layers[i];
        if (x.id != y.id || x.state != y.state || x.title != y.title || x.name != y.name || x.count != y.count ||
            x.total != y.total || x.entries.size() != y.entries.size())
            return false;
        for (std::size_t e = 0; e < x.entries.size(); ++e)
            if (x.entries[e].label != y.entries[e].label || x.entries[e].count != y.entries[e].count) return false;
    }
    return true;
}

}  // namespace

LegendPanel::LegendPanel(QWidget* parent) : QTreeWidget(parent) {
    setColumnCount(2);
    setHeaderHidden(true);
    setRootIsDecorated(false);
    setIconSize({kSwatchPx, kSwatchPx});
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    wrapRows(this);  // every word readable: headings wrap (never "…"), the row grows to its lines
    refresh_.setSingleShot(true);
    refresh_.setInterval(150);
    connect(&refresh_, &QTimer::timeout, this, [this] {
        // The legend is rebuilt when layers, scale or day change; a pan changes only what is in
        // view, which the counts follow here.
        if (!scene_ || topLevelItemCount() == 0) return;
        render::LegendModel now = render::legendModel(*scene_, view_);
        if (sameModel(now, model_)) return;
        model_ = std::move(now);
        rebuild();
    });
}

void LegendPanel::viewMoved(const render::MapSettings& settings) {
    view_ = settings;
    refresh_.start();
}

void LegendPanel::showLegend(const render::Scene& scene, const render::MapSettings& settings) {
    scene_ = &scene;
    view_ = settings;
    model_ = render::legendModel(scene, settings);
    rebuild();
}

void LegendPanel::rebuild() {
    clear();
    const double dpi = logicalDpiX();
    const auto swatch = [&](const render::Symbol& symbol, geo::Geometry::Kind kind) {
        return QIcon(QPixmap::fromImage(render::renderSymbolSwatch(symbol, kind, {kSwatchPx, kSwatchPx}, dpi)));
    };
    for (const render::LegendLayer& layer : model_.layers) {
        const render::SceneLayer* scene = scene_ ? scene_->find(layer.id) : nullptr;
        auto* entry = new QTreeWidgetItem(this);
        entry->setData(0, kLayerIdRole, QString::fromStdString(layer.id));
        QFont bold = entry->font(0);
        bold.setBold(true);
        entry->setFont(0, bold);
        entry->setText(0, layer.name);
        entry->setToolTip(0, layer.name);
        if (layer.state != render::LegendLayer::State::Drawn) {
            // Switched on but not drawn here: listed greyed, with what to do.
            if (scene) entry->setIcon(0, swatch(scene->style.symbol, scene->kind));
            entry->setDisabled(true);
            entry->setToolTip(0, layer.state == render::LegendLayer::State::OutOfScale
                                     ? tr("Not drawn at this scale: zoom in to 1:%L1 or closer")
                                           .arg(static_cast<qlonglong>(layer.maxScaleDenominator))
                                     : tr("No feature of this layer in view"));
            continue;
        }
        const QString inView = tr("%L1 in view of %L2 on the map").arg(layer.count).arg(layer.total);
        if (!layer.classified) {
            entry->setText(1, QString::number(layer.count));
            entry->setToolTip(1, inView);
            if (!layer.entries.empty()) entry->setIcon(0, swatch(layer.entries.front().symbol, layer.kind));
            continue;
        }
        entry->setFirstColumnSpanned(true);
        // The counts are those in view: the heading says so when they are not the layer's totals.
        if (layer.partial()) entry->setText(0, layer.name + QStringLiteral(" (") + tr("counts in view") + QLatin1Char(')'));
        if (!layer.title.isEmpty()) {  // what the classes measure, on its own line
            auto* title = new QTreeWidgetItem(entry);
            title->setText(0, layer.title);
            title->setToolTip(0, layer.title);
            title->setFirstColumnSpanned(true);
        }
        for (const render::LegendEntry& e : layer.entries) {
            auto* row = new QTreeWidgetItem(entry);
            row->setText(0, e.label);
            row->setIcon(0, swatch(e.symbol, layer.kind));
            if (e.showCount) {
                row->setText(1, QString::number(e.count));
                row->setToolTip(1, tr("%L1 in view of %L2 on the map").arg(e.count).arg(e.total));
            }
            row->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        }
        for (const render::LegendEntry& e : layer.sizes) {  // proportional symbols: reference sizes
            auto* row = new QTreeWidgetItem(entry);
            row->setText(0, layer.sizeTitle.isEmpty() ? e.label : layer.sizeTitle + QLatin1Char(' ') + e.label);
            row->setIcon(0, swatch(e.symbol, layer.kind));
        }
        entry->setExpanded(true);
    }
}

}  // namespace hongtu::ui
