#pragma once
// Errors as values at I/O edges. An Error names where the problem is (file, layer,
// row/line) and says what is wrong in a sentence a planner understands.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace hongtu::geo {

struct Error {
    std::string message;          // what went wrong, in plain words
    std::string file;             // path or connection string (password removed), may be empty
    std::string layer;            // layer / sheet / table name, may be empty
    std::optional<std::int64_t> row;  // 1-based row, line or feature id where known

    // "file 'x.csv', layer 'villages', row 12: message"
    [[nodiscard]] std::string toString() const;
};

// Thrown only by Result::value() when a caller ignores an error (a contract violation).
class BadResultAccess : public std::logic_error {
public:
    explicit BadResultAccess(const Error& e) : std::logic_error(e.toString()) {}
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
    Result(Error error) : v_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    [[nodiscard]] const T& value() const& { check(); return std::get<0>(v_); }
    [[nodiscard]] T& value() & { check(); return std::get<0>(v_); }
    [[nodiscard]] T&& value() && { check(); return std::get<0>(std::move(v_)); }
    [[nodiscard]] const Error& error() const { return std::get<1>(v_); }

    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }

private:
    void check() const {
        if (!ok()) throw BadResultAccess(std::get<1>(v_));
    }
    std::variant<T, Error> v_;
};

// For operations that return nothing but may fail.
struct Done {};
using Status = Result<Done>;

}  // namespace hongtu::geo
