#include "ui/date_field.hpp"

#include <QCoreApplication>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLineEdit>

#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/dates.hpp"
#include "hongtu/geo/progress/progress.hpp"
#include "render/qt_convert.hpp"

namespace hongtu::ui {

DateField::DateField(QWidget* parent) : DateField(render::toQDate(geo::Clock().today()), parent) {}

DateField::DateField(QDate date, QWidget* parent) : QDateEdit(date, parent) {
    setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    setCalendarPopup(true);
    setToolTip(tr("Type a date such as 2018-06-30 or 2018年6月30日, or use the arrows or the calendar"));
}

QDate DateField::parse(const QString& text) {
    const auto d = geo::parseFlexibleDate(text.trimmed().toStdString(), false);
    if (!d) return {};
    return QDate(d->year, d->month, d->day);
}

bool DateField::allSelected() const {
    const QLineEdit* edit = lineEdit();
    return edit && edit->hasSelectedText() && edit->selectedText() == edit->text();
}

bool DateField::typing() const { return typing_ && typing_->isVisible(); }

void DateField::startTyping(const QString& first) {
    if (!typing_) {
        typing_ = new QLineEdit(this);
        typing_->setObjectName(QStringLiteral("dateTypingEdit"));
        typing_->setPlaceholderText(QStringLiteral("2018-06-30"));
        typing_->installEventFilter(this);
        connect(typing_, &QLineEdit::returnPressed, this, [this] { finishTyping(true); });
        connect(typing_, &QLineEdit::editingFinished, this, [this] {
            if (typing()) finishTyping(true);
        });
    }
    typing_->setGeometry(lineEdit()->geometry());
    typing_->setText(first);
    typing_->show();
    typing_->raise();
    typing_->setFocus();
}

void DateField::finishTyping(bool apply) {
    if (!typing()) return;
    const QDate d = parse(typing_->text());
    typing_->hide();
    if (apply && d.isValid() && d >= minimumDate() && d <= maximumDate()) setDate(d);
    setFocus();
}

void DateField::keyPressEvent(QKeyEvent* event) {
    const QString text = event->text();
    const bool printable = !text.isEmpty() && text.at(0).isPrint() &&
                           !(event->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier));
    if (typing()) {  // keys sent to the date field while typing go to the text
        if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) finishTyping(true);
        else if (event->key() == Qt::Key_Escape) finishTyping(false);
        else QCoreApplication::sendEvent(typing_, event);
        return;
    }
    if (printable && allSelected()) {
        startTyping(text);
        return;
    }
    QDateEdit::keyPressEvent(event);
}

void DateField::inputMethodEvent(QInputMethodEvent* event) {
    if (!event->commitString().isEmpty() && (typing() || allSelected())) {
        if (typing()) typing_->insert(event->commitString());
        else startTyping(event->commitString());
        event->accept();
        return;
    }
    QDateEdit::inputMethodEvent(event);
}

bool DateField::eventFilter(QObject* watched, QEvent* event) {
    if (watched == typing_ && event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        finishTyping(false);
        return true;
    }
    return QDateEdit::eventFilter(watched, event);
}

}  // namespace hongtu::ui
