#pragma once
// How a headless subcommand plugs into `hongtu`: it adds its options to the CLI11 app and
// returns a function that runs it after parsing. Each command lives in its own file and
// exposes one `add…Command(CLI::App&)` function, listed once in app/main.cpp.

#include <functional>

namespace CLI {
class App;
}

namespace hongtu::cli {

struct Command {
    CLI::App* sub = nullptr;   // the parsed subcommand (check `*sub` after parsing)
    std::function<int()> run;  // returns the process exit code (0, 1 or 2)
};

}  // namespace hongtu::cli
