#include "hongtu/geo/progress/errors.hpp"

#include "hongtu/geo/progress/progress.hpp"

namespace hongtu::geo::progress {

namespace {

// "完工 (completed)" for a stored word; an unknown word as it is.
std::string label(const std::string& word) {
    const auto stage = parseStage(word);
    return stage ? std::string(stageNameZh(*stage)) + " (" + stageWord(*stage) + ")" : word;
}

std::string nameZh(const std::string& word) {
    const auto stage = parseStage(word);
    return stage ? std::string(stageNameZh(*stage)) : word;
}

std::string messageOf(ErrorCode code, const std::map<std::string, std::string>& a, const std::vector<Error>& details) {
    const auto arg = [&a](const char* key) {
        const auto it = a.find(key);
        return it == a.end() ? std::string() : it->second;
    };
    const std::string who = "project '" + arg("project") + "'";
    const std::string dropped = "; your unsaved change to " + label(arg("status")) + " on " + arg("date") + " was dropped";
    switch (code) {
        case ErrorCode::ProgressProjectIdEmpty: return "the project id is empty";
        case ErrorCode::ProgressProjectUnknown:
            return who + " does not exist (no venue or housing project has this project_id)";
        case ErrorCode::ProgressStatusUnknown:
            return who + ": unknown status '" + arg("status") +
                   "'; use planned, under_construction, completed or accepted (计划, 在建, 完工, 验收)";
        case ErrorCode::ProgressDateInvalid: return who + ": the date '" + arg("date") + "' is not a date; write it like 2018-07-01";
        case ErrorCode::ProgressDateAfterToday:
            return who + ": the date " + arg("date") + " is after today (" + arg("today") + ")";
        case ErrorCode::ProgressWhoMissing: return who + ": who made the change is missing";
        case ErrorCode::ProgressDateBeforePrevious:
            return who + ": the date " + arg("date") + " is before its previous change (" + label(arg("prev_status")) + " on " +
                   arg("prev_date") + ")";
        case ErrorCode::ProgressStatusBackwards:
            return who + ": cannot move back from " + nameZh(arg("prev_status")) + " (" + arg("prev_status") + ", since " +
                   arg("prev_date") + ") to " + label(arg("status")) + "; the status only moves forward";
        case ErrorCode::ProgressStatusUnchanged:
            return who + " is already " + label(arg("prev_status")) + " since " + arg("prev_date");
        case ErrorCode::ProgressProjectVanished: return who + " no longer exists" + dropped;
        case ErrorCode::ProgressChangedByOtherEditor: {
            std::string latest;
            if (!arg("latest_status").empty()) {
                latest = " (it is now " + label(arg("latest_status")) + " since " + arg("latest_date");
                if (!arg("latest_who").empty()) latest += ", recorded by " + arg("latest_who");
                latest += ")";
            }
            return who + " was changed by another editor" + latest + dropped + ": check the status and enter it again";
        }
        case ErrorCode::ProgressChangeDropped:
            return (details.empty() ? std::string("the change is no longer valid") : details.front().message) + dropped;
        case ErrorCode::ProgressVersionConflict: {
            std::string last;
            if (!arg("latest_status").empty()) {
                last = "; the latest change is '" + arg("latest_status") + "' on " + arg("latest_date");
                if (!arg("latest_who").empty()) last += " by " + arg("latest_who");
                if (!arg("latest_saved_at").empty()) last += " (saved " + arg("latest_saved_at") + ")";
            }
            return who + " was changed by someone else after you loaded it (you saw version " + arg("seen_version") +
                   ", it is now " + arg("version") + last +
                   "). Your change was NOT saved: reload the project, check the status and enter it again.";
        }
        case ErrorCode::ProgressSaveConflict: {
            std::string message = "conflict: ";
            for (std::size_t i = 0; i < details.size(); ++i) message += (i ? "\n" : "") + details[i].message;
            return message;
        }
        case ErrorCode::Unspecified: break;
    }
    return "error";
}

}  // namespace

Error progressError(ErrorCode code, std::map<std::string, std::string> args, std::vector<Error> details) {
    Error e;
    e.message = messageOf(code, args, details);
    e.code = code;
    e.args = std::move(args);
    e.details = std::move(details);
    return e;
}

}  // namespace hongtu::geo::progress
