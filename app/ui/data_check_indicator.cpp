#include "ui/data_check_indicator.hpp"

#include <QDialog>
#include <QDialogButtonBox>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <algorithm>

#include "render/release_memory.hpp"
#include "ui/screen_fit.hpp"

namespace hongtu::ui {

// A link in a label: as tall as the status bar's other labels (a button would make the bar, and
// so the map's extent, change when findings come and go).
DataCheckIndicator::DataCheckIndicator(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("dataCheckIndicator"));
    setTextFormat(Qt::RichText);
    setToolTip(tr("What the data check found in the project's layers when it was opened (as 'hongtu info' checks a file)"));
    connect(this, &QLabel::linkActivated, this, &DataCheckIndicator::showDialog);
    hide();
}

DataCheckIndicator::~DataCheckIndicator() {
    threads_.clear();  // joins: a check reads the project file and posts to this label
}

void DataCheckIndicator::checkInBackground(const std::string& path) {
    expected_ = false;
    const int generation = ++generation_;
    if (pending_ == 0) threads_.clear();  // every earlier check has ended: join them
    ++pending_;
    threads_.emplace_back([this, path, generation] {
        auto findings = render::checkProjectData(path);
        render::releaseFreedMemory();  // what the check read, held by this thread's arena otherwise
        // Delivered on the UI thread; dropped with the label if it is gone by then.
        QMetaObject::invokeMethod(
            this,
            [this, generation, findings = std::move(findings)]() mutable {
            --pending_;
            if (generation != generation_) return;  // a newer check is running
            setFindings(std::move(findings));
            emit checked();
            },
            Qt::QueuedConnection);
    });
}

void DataCheckIndicator::setFindings(std::vector<render::DataFinding> findings) {
    findings_ = std::move(findings);
    const int problems = static_cast<int>(
        std::count_if(findings_.begin(), findings_.end(), [](const render::DataFinding& f) { return f.problem; }));
    const int notes = static_cast<int>(findings_.size()) - problems;
    const QString label = problems > 0 ? tr("Data check: %n problem(s)", "", problems) : tr("Data check: %n note(s)", "", notes);
    setText(QStringLiteral("<a href=\"findings\" style=\"color:%1\">%2</a>")
                .arg(problems > 0 ? QStringLiteral("#b00020") : QStringLiteral("#4a5a6a"), label.toHtmlEscaped()));
    setVisible(!findings_.empty());
}

QStringList DataCheckIndicator::lines() const {
    QStringList out;
    for (const auto& f : findings_) out << (f.problem ? tr("Problem") : tr("Note")) + QStringLiteral("  ") + f.message;
    return out;
}

void DataCheckIndicator::showDialog() {
    QDialog dialog(window());
    dialog.setObjectName(QStringLiteral("dataCheckDialog"));
    dialog.setWindowTitle(tr("Data check"));
    auto* layout = new QVBoxLayout(&dialog);
    auto* intro = new QLabel(tr("The project's map layers were checked when they were opened. The map shows what could be "
                                "read; fix problems in the source data and import it again."),
                             &dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* text = new QPlainTextEdit(lines().join(QLatin1Char('\n')), &dialog);
    text->setReadOnly(true);
    text->setObjectName(QStringLiteral("dataCheckText"));
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(760, 420);
    fitToScreen(&dialog);
    dialog.exec();
}

}  // namespace hongtu::ui
