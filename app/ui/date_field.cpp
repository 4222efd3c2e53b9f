#include "ui/date_field.hpp"

#include <QKeyEvent>
#include <QRegularExpression>

#include "hongtu/geo/progress.hpp"

namespace hongtu::ui {

DateField::DateField(QWidget* parent) : DateField(QDate::currentDate(), parent) {}

DateField::DateField(QDate date, QWidget* parent) : QDateEdit(date, parent) {
    setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    setCalendarPopup(true);
    setToolTip(tr("Type a date such as 2018-06-30 or 2018年6月30日, or use the arrows or the calendar"));
}

void DateField::keyPressEvent(QKeyEvent* event) {
    const QString text = event->text();
    const bool typed = !text.isEmpty() && text.at(0).isPrint() &&
                       !(event->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier));
    if (typed) {
        QAbstractSpinBox::keyPressEvent(event);  // plain line-edit typing, validated by validate()
        return;
    }
    QDateEdit::keyPressEvent(event);
}

QDate DateField::parse(const QString& text) {
    const auto d = geo::parseDateLoose(text.trimmed().toStdString());
    if (!d) return {};
    return QDate(d->year, d->month, d->day);
}

QValidator::State DateField::validate(QString& input, int& pos) const {
    Q_UNUSED(pos);
    const QString t = input.trimmed();
    // Complete forms only: a shorter one ("2017-06-3") is still being typed.
    static const QRegularExpression complete(QStringLiteral(
        R"(^(\d{4}-\d{2}-\d{2}|\d{4}/\d{2}/\d{2}|\d{4}\.\d{2}\.\d{2}|\d{4}年\d{1,2}月\d{1,2}日)$)"));
    if (complete.match(t).hasMatch()) {
        const QDate d = parse(t);
        if (d.isValid() && d >= minimumDate() && d <= maximumDate()) return QValidator::Acceptable;
        return QValidator::Intermediate;
    }
    static const QRegularExpression partial(QStringLiteral(R"(^[0-9年月日\-/. ]*$)"));
    return partial.match(t).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

void DateField::fixup(QString& input) const {
    const QDate d = parse(input);
    if (d.isValid()) input = d.toString(QStringLiteral("yyyy-MM-dd"));
}

QDateTime DateField::dateTimeFromText(const QString& text) const {
    const QDate d = parse(text);
    if (!d.isValid()) return dateTime();
    return QDateTime(d, time());
}

}  // namespace hongtu::ui
