#pragma once
// The errors of recording status changes, built from a code and its arguments (result.hpp's
// ErrorCode) in one place: the English message the CLI prints is made here from the same
// arguments the viewer translates by code. Nothing reads these messages back.

#include <map>
#include <string>
#include <vector>

#include "hongtu/geo/result.hpp"

namespace hongtu::geo::progress {

// An Error with `code`, `args`, `details` and its English message; file and row left empty.
[[nodiscard]] Error progressError(ErrorCode code, std::map<std::string, std::string> args,
                                  std::vector<Error> details = {});

}  // namespace hongtu::geo::progress
