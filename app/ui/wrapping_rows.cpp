#include "ui/wrapping_rows.hpp"

#include <QEvent>
#include <QHeaderView>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QTreeView>

#include <algorithm>

namespace hongtu::ui {

namespace {

class WrappingDelegate : public QStyledItemDelegate {
public:
    explicit WrappingDelegate(QTreeView* view) : QStyledItemDelegate(view), view_(view) {}

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        // A column sized to its contents is as wide as its longest text: nothing to wrap (and
        // wrapping at its current width would keep it from growing).
        const bool spanned = index.column() == 0 && view_->isFirstColumnSpanned(index.row(), index.parent());
        if (!spanned && view_->header()->sectionResizeMode(index.column()) == QHeaderView::ResizeToContents)
            return QStyledItemDelegate::sizeHint(option, index);
        QStyleOptionViewItem opt = option;
        int depth = 0;
        for (QModelIndex p = index.parent(); p.isValid(); p = p.parent()) ++depth;
        int width = spanned ? view_->viewport()->width() : view_->header()->sectionSize(index.column());
        if (index.column() == 0) width -= (depth + (view_->rootIsDecorated() ? 1 : 0)) * view_->indentation();
        if (width > 0) {
            // A valid rect: the style wraps the text at its width (QCommonStyle's viewItemSize).
            opt.rect = QRect(0, 0, width, std::max(1, option.rect.height()));
            opt.features |= QStyleOptionViewItem::WrapText;
        }
        return QStyledItemDelegate::sizeHint(opt, index);
    }

private:
    QTreeView* view_;
};

// Lays the rows out again (once, after the events of a resize) when the width changes.
class Relayout : public QObject {
public:
    explicit Relayout(QTreeView* view) : QObject(view), view_(view) {
        timer_.setSingleShot(true);
        timer_.setInterval(0);
        connect(&timer_, &QTimer::timeout, this, [this] {
            if (view_) view_->doItemsLayout();
        });
        connect(view->header(), &QHeaderView::sectionResized, &timer_, qOverload<>(&QTimer::start));
        view->viewport()->installEventFilter(this);
    }
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::Resize) timer_.start();
        return false;
    }

private:
    QPointer<QTreeView> view_;
    QTimer timer_;
};

}  // namespace

void wrapRows(QTreeView* view) {
    view->setWordWrap(true);
    view->setTextElideMode(Qt::ElideNone);
    view->setUniformRowHeights(false);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setItemDelegate(new WrappingDelegate(view));
    new Relayout(view);
}

}  // namespace hongtu::ui
