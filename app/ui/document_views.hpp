#pragma once
// How the viewer's panels follow the ProjectDocument: each connect* subscribes one panel to the
// document's signals (and, for the canvas, registers its render gate). This file is the one
// place these subscriptions are made; the panels never call each other or the window.

class QStatusBar;

namespace hongtu::ui {

class AttributeTable;
class DataCheckIndicator;
class FeatureInfoPanel;
class LegendPanel;
class MapCanvas;
class ProjectDocument;
class RoutePanel;
class SearchPanel;

// The canvas waits for its render before every change (the gate), redraws after one, draws the
// document's as-of day and outlines the selection.
void connectCanvas(ProjectDocument& document, MapCanvas& canvas);
// The table lets go of the scene before a change and lists the new layers after it (the layer
// it showed stays when the project was not replaced); rows follow the selection, and rows the
// user selects become the selection.
void connectAttributeTable(ProjectDocument& document, AttributeTable& table);
void connectSearch(ProjectDocument& document, SearchPanel& search);
// Shows the one selected feature; nothing when the selection is empty.
void connectFeatureInfo(ProjectDocument& document, FeatureInfoPanel& info);
// Rebuilt when the layers, the styles, the progress model, the visible layers, the layers drawn
// at the scale or the day change; not on every pan (the panel recounts by itself).
void connectLegend(ProjectDocument& document, MapCanvas& canvas, LegendPanel& legend);
// Checks the project again each time it is read.
void connectDataCheck(ProjectDocument& document, DataCheckIndicator& indicator);
// The route planner's stops come from the selection; its plan is the document's route.
void connectRoutePanel(ProjectDocument& document, RoutePanel& panel, QStatusBar& statusBar);

}  // namespace hongtu::ui
