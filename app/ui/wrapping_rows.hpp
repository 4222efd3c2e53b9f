#pragma once
// Tree views whose rows show their whole text: a long heading or value wraps onto more lines
// and its row grows, instead of ending in "…" (the screen legend's 截至日期的建设状态（合成数据）,
// the identify panel's 来源). QTreeView asks its delegate for a row's size without the column's
// width; the delegate installed here supplies it (the column less the indentation, or the whole
// row for a first-column-spanned item), and the rows are laid out again when the view or a
// column changes width.

class QTreeView;

namespace hongtu::ui {

// Word wrap on, no eliding, rows of their own heights, no horizontal scrolling (the text wraps
// at the view's width instead); installs the delegate. Call once, after the view's columns
// and header resize modes are set.
void wrapRows(QTreeView* view);

}  // namespace hongtu::ui
