#pragma once
// A QDateEdit a user can type a whole date into: after Ctrl+A (all selected), typing starts a
// plain text field over the date ("2017-06-30", "2017/6/30", "2017年6月30日", also through an
// input method; geo::parseFlexibleDate); Enter or leaving it sets the date, Esc cancels, a text
// that is not a date (or outside the range) is refused and the date stays. QDateEdit's own
// section-by-section editing turned a typed 2017-06-30 into 2019-06-30. The arrows, the
// calendar and section editing work as before. Shown as yyyy-MM-dd.

#include <QDateEdit>

class QLineEdit;

namespace hongtu::ui {

class DateField : public QDateEdit {
    Q_OBJECT

public:
    explicit DateField(QWidget* parent = nullptr);
    DateField(QDate date, QWidget* parent = nullptr);

    // The date of a typed text, or an invalid QDate.
    [[nodiscard]] static QDate parse(const QString& text);
    // The text field shown while a whole date is typed (null before the first time).
    [[nodiscard]] QLineEdit* typingEdit() const { return typing_; }

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void inputMethodEvent(QInputMethodEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    [[nodiscard]] bool allSelected() const;
    [[nodiscard]] bool typing() const;
    void startTyping(const QString& first);
    void finishTyping(bool apply);

    QLineEdit* typing_ = nullptr;
};

}  // namespace hongtu::ui
