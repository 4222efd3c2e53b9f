#pragma once
// Errors as values at I/O edges. An Error names where the problem is (file, layer,
// row/line) and says what is wrong in a sentence a planner understands.

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hongtu::geo {

// What kind of error an Error is, for code that must decide something (the viewer translates by
// code; nothing parses `message`). Unspecified: only the message says. The codes of one domain
// share a prefix; their arguments (Error::args) are listed with them.
enum class ErrorCode {
    Unspecified = 0,
    // Status changes (progress.hpp): args "project" and, as they apply, "status" (the word as
    // given or stored: planned, completed, …), "date", "today", "prev_status", "prev_date".
    ProgressProjectIdEmpty,
    ProgressProjectUnknown,
    ProgressStatusUnknown,
    ProgressDateInvalid,
    ProgressDateAfterToday,
    ProgressWhoMissing,
    ProgressDateBeforePrevious,  // prev_status, prev_date
    ProgressStatusBackwards,     // prev_status, prev_date
    ProgressStatusUnchanged,     // prev_status, prev_date
    // An unsaved change dropped when the project is read again (ProgressSession::rebase):
    // "project", "status", "date" of the dropped change.
    ProgressProjectVanished,
    ProgressChangedByOtherEditor,  // + "latest_status", "latest_date", "latest_who" when known
    ProgressChangeDropped,         // details[0]: why the change is no longer valid
    // A save refused because another editor saved the same projects first: details holds one
    // ProgressVersionConflict per project ("project", "seen_version", "version", and the latest
    // change's "latest_status", "latest_date", "latest_who", "latest_saved_at" when known).
    ProgressSaveConflict,
    ProgressVersionConflict,
};

struct Error {
    std::string message;              // what went wrong, in plain words
    std::string file;                 // path or connection string (password removed), may be empty
    std::string layer;                // layer / sheet / table name, may be empty
    std::optional<std::int64_t> row;  // 1-based row, line or feature id where known
    ErrorCode code = ErrorCode::Unspecified;
    std::map<std::string, std::string> args;  // the code's arguments (see ErrorCode)
    std::vector<Error> details;               // errors this one is made of, or its cause

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
    Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    [[nodiscard]] const T& value() const& {
        check();
        return std::get<0>(v_);
    }
    [[nodiscard]] T& value() & {
        check();
        return std::get<0>(v_);
    }
    [[nodiscard]] T&& value() && {
        check();
        return std::get<0>(std::move(v_));
    }
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
