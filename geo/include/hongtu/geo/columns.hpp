#pragma once
// Attribute values by column: a table of Values kept as typed arrays, for layers too large for
// one std::vector<Value> per row (578,000 villages). Each column holds 64-bit integers, doubles,
// dates (as day numbers) or text (one string arena per column and the end offset of each
// cell, or each distinct text once and a 2-byte code per cell), with a bitmap of the NULL cells. A column whose cells mix types (rare: hand-built
// tables) keeps them as Values. value(row, column) gives back exactly the Value appended.
//
// Copies share their storage until one of them is changed (copy on write), so copying a
// scene layer does not copy its attributes. Reading from several threads is safe; changing a
// Columns while another thread reads the same object is not.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hongtu/geo/feature.hpp"

namespace hongtu::geo {

// One column of cells.
class Column {
public:
    // What the column's cells are: Unset while every cell so far is NULL; Mixed when they
    // hold more than one type (or a Date that is not a valid calendar day).
    enum class Storage : std::uint8_t { Unset,
                                        Integer,
                                        Real,
                                        Text,
                                        Date,
                                        Mixed };

    void append(const Value& v);
    void appendNull();
    void reserve(std::size_t rows);
    void shrinkToFit();

    [[nodiscard]] std::size_t size() const { return size_; }
    [[nodiscard]] Storage storage() const { return storage_; }
    [[nodiscard]] bool isNull(std::size_t row) const;
    [[nodiscard]] Value value(std::size_t row) const;
    // toText(value(row)), without making the Value.
    [[nodiscard]] std::string text(std::size_t row) const;
    // The cell of a Text column as stored (no copy); empty for NULL and for other storages.
    [[nodiscard]] std::string_view textView(std::size_t row) const;
    // Bytes held on the heap (capacity, not size).
    [[nodiscard]] std::size_t memoryBytes() const;

private:
    void setNull(std::size_t row);
    void becomeMixed();
    void startStorage(Storage s);

    Storage storage_ = Storage::Unset;
    std::size_t size_ = 0;
    std::size_t reserved_ = 0;          // rows asked for by reserve() before the storage was known
    std::vector<std::uint64_t> nulls_;  // bit set = NULL; empty while no cell is NULL
    std::vector<std::int64_t> ints_;    // Integer; Date as days since 1970-01-01
    std::vector<double> reals_;
    std::vector<std::uint32_t> ends_;  // Text: end of each cell in arena_ (start = previous end)
    std::string arena_;
    // Text kept as a dictionary (shrinkToFit() chooses it for a column of few distinct texts,
    // such as a county code: 2 bytes a cell instead of the text): arena_/ends_ hold each
    // distinct text once and codes_ the entry of each cell. Appending expands it back first.
    std::vector<std::uint16_t> codes_;
    void expandDictionary();
    std::vector<Value> mixed_;
};

// Rows x columns of cells. Rows are appended whole (appendRow) or columns one at a time
// (addColumn); a row shorter than the table is padded with NULLs, a longer one adds columns.
class Columns {
public:
    Columns() = default;
    explicit Columns(std::size_t columnCount);

    [[nodiscard]] std::size_t rowCount() const { return data_ ? data_->rows : 0; }
    [[nodiscard]] std::size_t columnCount() const { return data_ ? data_->columns.size() : 0; }
    [[nodiscard]] bool empty() const { return rowCount() == 0; }
    // Contract: column < columnCount().
    [[nodiscard]] const Column& column(std::size_t column) const { return data_->columns[column]; }

    // Cell access. Contract: row < rowCount(); a column past the last gives NULL.
    [[nodiscard]] Value value(std::size_t row, std::size_t column) const;
    [[nodiscard]] bool isNull(std::size_t row, std::size_t column) const;
    [[nodiscard]] std::string text(std::size_t row, std::size_t column) const;  // toText(value)
    [[nodiscard]] std::vector<Value> row(std::size_t row) const;

    void appendRow(const std::vector<Value>& values);
    // Adds a column; contract: it has rowCount() cells (any number when the table is empty).
    void addColumn(Column column);
    void reserve(std::size_t rows);
    void shrinkToFit();
    [[nodiscard]] std::size_t memoryBytes() const;

    friend bool operator==(const Columns& a, const Columns& b);

private:
    struct Data {
        std::vector<Column> columns;
        std::size_t rows = 0;
    };
    Data& mutableData();
    std::shared_ptr<Data> data_;
};

}  // namespace hongtu::geo
