#include "ui/join_report_model.hpp"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>

namespace hongtu::ui {

namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }

QString countyName(const geo::AdminUnits& units, const std::string& countyCode) {
    const geo::AdminUnit* county = units.county(countyCode);
    return county ? text(county->name) : text(countyCode);
}

}  // namespace

QString joinStatusText(geo::JoinStatus status) {
    const char* source = "";
    switch (status) {
        case geo::JoinStatus::Matched: source = QT_TRANSLATE_NOOP("hongtu::ui::JoinStatus", "Matched"); break;
        case geo::JoinStatus::Unmatched: source = QT_TRANSLATE_NOOP("hongtu::ui::JoinStatus", "Unmatched"); break;
        case geo::JoinStatus::Ambiguous: source = QT_TRANSLATE_NOOP("hongtu::ui::JoinStatus", "Ambiguous"); break;
        case geo::JoinStatus::Duplicate: source = QT_TRANSLATE_NOOP("hongtu::ui::JoinStatus", "Duplicate"); break;
        case geo::JoinStatus::InvalidCode: source = QT_TRANSLATE_NOOP("hongtu::ui::JoinStatus", "Invalid code"); break;
        case geo::JoinStatus::PrefixMismatch:
            source = QT_TRANSLATE_NOOP("hongtu::ui::JoinStatus", "Code not in stated county");
            break;
        case geo::JoinStatus::OutsideArea: source = QT_TRANSLATE_NOOP("hongtu::ui::JoinStatus", "Outside the area"); break;
        case geo::JoinStatus::InvalidCoordinates:
            source = QT_TRANSLATE_NOOP("hongtu::ui::JoinStatus", "Invalid coordinates");
            break;
    }
    return QCoreApplication::translate("hongtu::ui::JoinStatus", source);
}

QString adminLevelText(geo::AdminLevel level) {
    switch (level) {
        case geo::AdminLevel::County: return QCoreApplication::translate("hongtu::ui::JoinStatus", "County");
        case geo::AdminLevel::Township: return QCoreApplication::translate("hongtu::ui::JoinStatus", "Township");
        case geo::AdminLevel::Village: return QCoreApplication::translate("hongtu::ui::JoinStatus", "Village");
        case geo::AdminLevel::Province: return QCoreApplication::translate("hongtu::ui::JoinStatus", "Province");
        case geo::AdminLevel::City: return QCoreApplication::translate("hongtu::ui::JoinStatus", "City");
    }
    return {};
}

// --- JoinReportModel ---------------------------------------------------------------------------

JoinReportModel::JoinReportModel(QObject* parent) : QAbstractTableModel(parent) {}

void JoinReportModel::setReport(geo::JoinReport report, geo::AdminUnits units) {
    beginResetModel();
    report_ = std::move(report);
    units_ = std::move(units);
    endResetModel();
}

int JoinReportModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(report_.rows.size());
}

int JoinReportModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const geo::AdminUnit* JoinReportModel::matchedUnit(const geo::JoinRow& row) const {
    if (!row.unit) return nullptr;
    const auto& target = units_.at(report_.level);
    return *row.unit < target.size() ? &target[*row.unit] : nullptr;
}

QVariant JoinReportModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const geo::JoinRow& row = report_.rows[static_cast<std::size_t>(index.row())];
    const geo::AdminUnit* unit = matchedUnit(row);
    if (role == StatusRole) return static_cast<int>(row.status);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == SortRole) {
        switch (index.column()) {
            case RowColumn: return role == SortRole ? QVariant(static_cast<qlonglong>(row.row)) : QVariant(QString::number(row.row));
            case StatusColumn:
                return role == SortRole ? QVariant(static_cast<int>(row.status)) : QVariant(joinStatusText(row.status));
            case KeyColumn: return text(row.key);
            case CodeColumn: return unit ? text(unit->code) : QString();
            case NameColumn: return unit ? text(unit->name) : QString();
            case CandidatesColumn: {
                QStringList candidates;
                for (const auto& c : row.candidates) candidates << text(c);
                return candidates.join(role == Qt::ToolTipRole ? QStringLiteral("\n") : QStringLiteral("; "));
            }
            case MessageColumn: return text(row.messageZh.empty() ? row.message : row.messageZh);
            default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == RowColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::BackgroundRole && index.column() == StatusColumn)
        return QBrush(row.status == geo::JoinStatus::Matched ? QColor(0xe3, 0xf1, 0xdf) : QColor(0xfb, 0xe3, 0xd6));
    return {};
}

QVariant JoinReportModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case RowColumn: return tr("Row");
        case StatusColumn: return tr("Status");
        case KeyColumn: return tr("Key");
        case CodeColumn: return tr("Matched code");
        case NameColumn: return tr("Matched name");
        case CandidatesColumn: return tr("Candidates");
        case MessageColumn: return tr("Message");
        default: return {};
    }
}

// --- UnitsWithoutRowModel ----------------------------------------------------------------------

UnitsWithoutRowModel::UnitsWithoutRowModel(QObject* parent) : QAbstractTableModel(parent) {}

void UnitsWithoutRowModel::setReport(const geo::JoinReport& report, const geo::AdminUnits& units) {
    beginResetModel();
    rows_.clear();
    const auto& target = units.at(report.level);
    for (std::size_t i : report.unitsWithoutRow) {
        if (i >= target.size()) continue;
        const geo::AdminUnit& u = target[i];
        rows_.push_back({text(u.code), text(u.name), countyName(units, u.countyCode)});
    }
    endResetModel();
}

int UnitsWithoutRowModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int UnitsWithoutRowModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant UnitsWithoutRowModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) return {};
    const Row& r = rows_[static_cast<std::size_t>(index.row())];
    switch (index.column()) {
        case CodeColumn: return r.code;
        case NameColumn: return r.name;
        case CountyColumn: return r.county;
        default: return {};
    }
}

QVariant UnitsWithoutRowModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case CodeColumn: return tr("Code");
        case NameColumn: return tr("Name");
        case CountyColumn: return tr("County");
        default: return {};
    }
}

// --- JoinReportFilter --------------------------------------------------------------------------

JoinReportFilter::JoinReportFilter(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(JoinReportModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);  // text filter over every column
}

void JoinReportFilter::setStatusFilter(int statusOrMode) {
    statusFilter_ = statusOrMode;
    invalidateFilter();
}

bool JoinReportFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (statusFilter_ != AllStatuses) {
        const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
        const int status = sourceModel()->data(index, JoinReportModel::StatusRole).toInt();
        const bool accepted = statusFilter_ == NotMatched ? status != static_cast<int>(geo::JoinStatus::Matched)
                                                          : status == statusFilter_;
        if (!accepted) return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

}  // namespace hongtu::ui
