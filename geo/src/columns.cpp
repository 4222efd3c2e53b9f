#include "hongtu/geo/columns.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace hongtu::geo {

namespace {

Column::Storage storageOf(const Value& v) {
    switch (v.index()) {
        case 1: return Column::Storage::Integer;
        case 2: return Column::Storage::Real;
        case 3: return Column::Storage::Text;
        case 4: {
            const Date& d = std::get<Date>(v);
            // Only valid calendar days survive the day number; anything else stays a Value.
            return Date::fromDaysSinceEpoch(d.daysSinceEpoch()) == d ? Column::Storage::Date : Column::Storage::Mixed;
        }
        default: return Column::Storage::Unset;
    }
}

template <class T>
std::size_t heapBytes(const std::vector<T>& v) { return v.capacity() * sizeof(T); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Column

bool Column::isNull(std::size_t row) const {
    if (storage_ == Storage::Mixed) return std::holds_alternative<std::monostate>(mixed_[row]);
    if (storage_ == Storage::Unset) return true;
    const std::size_t word = row / 64;
    return word < nulls_.size() && (nulls_[word] >> (row % 64) & 1U) != 0;
}

void Column::setNull(std::size_t row) {
    const std::size_t word = row / 64;
    if (nulls_.size() <= word) nulls_.resize(word + 1, 0);
    nulls_[word] |= std::uint64_t{1} << (row % 64);
}

void Column::startStorage(Storage s) {
    // Every earlier cell is NULL: give each a slot.
    storage_ = s;
    for (std::size_t row = 0; row < size_; ++row) setNull(row);
    switch (s) {
        case Storage::Integer:
        case Storage::Date: ints_.assign(size_, 0); break;
        case Storage::Real: reals_.assign(size_, 0); break;
        case Storage::Text: ends_.assign(size_, 0); break;
        case Storage::Mixed: mixed_.assign(size_, Value{}); break;
        case Storage::Unset: break;
    }
    reserve(reserved_);
}

void Column::becomeMixed() {
    std::vector<Value> values;
    values.reserve(size_ + 1);
    for (std::size_t row = 0; row < size_; ++row) values.push_back(value(row));
    *this = Column{};
    storage_ = Storage::Mixed;
    size_ = values.size();
    mixed_ = std::move(values);
}

void Column::appendNull() {
    if (!codes_.empty()) expandDictionary();
    switch (storage_) {
        case Storage::Unset: break;
        case Storage::Integer:
        case Storage::Date: ints_.push_back(0); break;
        case Storage::Real: reals_.push_back(0); break;
        case Storage::Text: ends_.push_back(static_cast<std::uint32_t>(arena_.size())); break;
        case Storage::Mixed: mixed_.emplace_back(); break;
    }
    if (storage_ != Storage::Unset && storage_ != Storage::Mixed) setNull(size_);
    ++size_;
}

void Column::append(const Value& v) {
    const Storage s = storageOf(v);
    if (s == Storage::Unset) return appendNull();
    if (storage_ == Storage::Unset) startStorage(s);
    if (storage_ != s && storage_ != Storage::Mixed) becomeMixed();
    if (!codes_.empty()) expandDictionary();
    switch (storage_) {
        case Storage::Integer: ints_.push_back(std::get<std::int64_t>(v)); break;
        case Storage::Date: ints_.push_back(std::get<Date>(v).daysSinceEpoch()); break;
        case Storage::Real: reals_.push_back(std::get<double>(v)); break;
        case Storage::Text: {
            const std::string& text = std::get<std::string>(v);
            if (arena_.size() + text.size() > std::numeric_limits<std::uint32_t>::max())
                throw std::length_error("geo::Column: more than 4 GiB of text in one column");
            arena_ += text;
            ends_.push_back(static_cast<std::uint32_t>(arena_.size()));
            break;
        }
        case Storage::Mixed: mixed_.push_back(v); break;
        case Storage::Unset: break;
    }
    ++size_;
}

void Column::reserve(std::size_t rows) {
    reserved_ = std::max(reserved_, rows);
    switch (storage_) {
        case Storage::Integer:
        case Storage::Date: ints_.reserve(rows); break;
        case Storage::Real: reals_.reserve(rows); break;
        case Storage::Text: ends_.reserve(rows); break;
        case Storage::Mixed: mixed_.reserve(rows); break;
        case Storage::Unset: break;
    }
}

void Column::expandDictionary() {
    std::string arena;
    std::vector<std::uint32_t> ends;
    ends.reserve(std::max(size_, reserved_));
    for (std::size_t row = 0; row < size_; ++row) {
        arena += textView(row);
        ends.push_back(static_cast<std::uint32_t>(arena.size()));
    }
    arena_ = std::move(arena);
    ends_ = std::move(ends);
    codes_ = {};
}

void Column::shrinkToFit() {
    if (storage_ == Storage::Text && codes_.empty() && size_ >= 64) {
        // Few distinct texts (at most one for every 8 cells, and 65,536 in all): a dictionary.
        std::unordered_map<std::string_view, std::uint16_t> entries;
        const std::size_t most = std::min<std::size_t>(size_ / 8, 65536);
        std::vector<std::uint16_t> codes(size_, 0);
        bool fits = true;
        for (std::size_t row = 0; row < size_ && fits; ++row) {
            if (isNull(row)) continue;
            const auto [it, added] = entries.try_emplace(textView(row), static_cast<std::uint16_t>(entries.size()));
            fits = entries.size() <= most;
            codes[row] = it->second;
        }
        if (fits) {
            std::vector<std::string_view> byCode(entries.size());
            for (const auto& [text, code] : entries) byCode[code] = text;
            std::string arena;
            std::vector<std::uint32_t> ends;
            ends.reserve(byCode.size());
            for (const std::string_view text : byCode) {
                arena += text;
                ends.push_back(static_cast<std::uint32_t>(arena.size()));
            }
            entries.clear();  // its keys view the old arena
            arena_ = std::move(arena);
            ends_ = std::move(ends);
            codes_ = std::move(codes);
        }
    }
    codes_.shrink_to_fit();
    nulls_.shrink_to_fit();
    ints_.shrink_to_fit();
    reals_.shrink_to_fit();
    ends_.shrink_to_fit();
    arena_.shrink_to_fit();
    mixed_.shrink_to_fit();
}

std::string_view Column::textView(std::size_t row) const {
    if (storage_ != Storage::Text || isNull(row)) return {};
    const std::size_t entry = codes_.empty() ? row : codes_[row];
    const std::uint32_t begin = entry == 0 ? 0 : ends_[entry - 1];
    return std::string_view(arena_).substr(begin, ends_[entry] - begin);
}

Value Column::value(std::size_t row) const {
    if (storage_ == Storage::Mixed) return mixed_[row];
    if (isNull(row)) return std::monostate{};
    switch (storage_) {
        case Storage::Integer: return ints_[row];
        case Storage::Date: return Date::fromDaysSinceEpoch(ints_[row]);
        case Storage::Real: return reals_[row];
        case Storage::Text: return std::string(textView(row));
        case Storage::Mixed:
        case Storage::Unset: break;
    }
    return std::monostate{};
}

std::string Column::text(std::size_t row) const {
    if (storage_ == Storage::Text) return std::string(textView(row));
    return toText(value(row));
}

std::size_t Column::memoryBytes() const {
    std::size_t bytes = heapBytes(nulls_) + heapBytes(ints_) + heapBytes(reals_) + heapBytes(ends_) + heapBytes(mixed_) + heapBytes(codes_);
    if (arena_.capacity() > 15) bytes += arena_.capacity() + 1;
    for (const Value& v : mixed_)
        if (const auto* s = std::get_if<std::string>(&v); s && s->capacity() > 15) bytes += s->capacity() + 1;
    return bytes;
}

// ---------------------------------------------------------------------------------------------
// Columns

Columns::Columns(std::size_t columnCount) : data_(std::make_shared<Data>()) { data_->columns.resize(columnCount); }

Columns::Data& Columns::mutableData() {
    if (!data_) data_ = std::make_shared<Data>();
    else if (data_.use_count() > 1) data_ = std::make_shared<Data>(*data_);
    return *data_;
}

Value Columns::value(std::size_t row, std::size_t column) const {
    return column < columnCount() ? data_->columns[column].value(row) : Value{};
}

bool Columns::isNull(std::size_t row, std::size_t column) const {
    return column >= columnCount() || data_->columns[column].isNull(row);
}

std::string Columns::text(std::size_t row, std::size_t column) const {
    return column < columnCount() ? data_->columns[column].text(row) : std::string();
}

std::vector<Value> Columns::row(std::size_t row) const {
    std::vector<Value> out;
    out.reserve(columnCount());
    for (std::size_t c = 0; c < columnCount(); ++c) out.push_back(data_->columns[c].value(row));
    return out;
}

void Columns::appendRow(const std::vector<Value>& values) {
    Data& d = mutableData();
    while (d.columns.size() < values.size()) {
        Column added;
        for (std::size_t r = 0; r < d.rows; ++r) added.appendNull();
        d.columns.push_back(std::move(added));
    }
    for (std::size_t c = 0; c < d.columns.size(); ++c) {
        if (c < values.size()) d.columns[c].append(values[c]);
        else d.columns[c].appendNull();
    }
    ++d.rows;
}

void Columns::addColumn(Column column) {
    Data& d = mutableData();
    if (d.columns.empty() && d.rows == 0) d.rows = column.size();
    if (column.size() != d.rows) throw std::invalid_argument("geo::Columns::addColumn: the column has another number of rows");
    d.columns.push_back(std::move(column));
}

void Columns::reserve(std::size_t rows) {
    for (Column& c : mutableData().columns) c.reserve(rows);
}

void Columns::shrinkToFit() {
    if (!data_) return;
    for (Column& c : mutableData().columns) c.shrinkToFit();
}

std::size_t Columns::memoryBytes() const {
    if (!data_) return 0;
    std::size_t bytes = sizeof(Data) + data_->columns.capacity() * sizeof(Column);
    for (const Column& c : data_->columns) bytes += c.memoryBytes();
    return bytes;
}

bool operator==(const Columns& a, const Columns& b) {
    if (a.rowCount() != b.rowCount() || a.columnCount() != b.columnCount()) return false;
    for (std::size_t c = 0; c < a.columnCount(); ++c)
        for (std::size_t r = 0; r < a.rowCount(); ++r)
            if (a.value(r, c) != b.value(r, c)) return false;
    return true;
}

}  // namespace hongtu::geo
