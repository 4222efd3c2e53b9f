#pragma once
// A QDateEdit a user can type a whole date into: after Ctrl+A, "2017-06-30", "2017/06/30" or
// "2017年6月30日" (geo::parseDateLoose) replace the date, instead of QDateEdit's section-by-section
// editing that turned a typed 2017-06-30 into 2019-06-30. Shown as yyyy-MM-dd; the arrows and
// the calendar work as before.

#include <QDateEdit>

namespace hongtu::ui {

class DateField : public QDateEdit {
    Q_OBJECT

public:
    explicit DateField(QWidget* parent = nullptr);
    DateField(QDate date, QWidget* parent = nullptr);

    // The date of a typed text, or an invalid QDate.
    [[nodiscard]] static QDate parse(const QString& text);

protected:
    QValidator::State validate(QString& input, int& pos) const override;
    void fixup(QString& input) const override;
    QDateTime dateTimeFromText(const QString& text) const override;
    // Typed characters go into the text as typed (QDateEdit would jump sections on '-').
    void keyPressEvent(QKeyEvent* event) override;
};

}  // namespace hongtu::ui
