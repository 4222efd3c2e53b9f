#pragma once
// The CTest fixture's PostgreSQL server (scripts/pg-test-server) for the tests of this folder:
// its service file, or a SKIP naming why there is none (never a silent pass).

#include <catch2/catch_test_macros.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace hongtu::test {

inline std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Points libpq at the server's service file (service name hongtu_test), or SKIPs the test.
inline void useTestServerOrSkip(const std::filesystem::path& dir) {
    if (std::filesystem::exists(dir / "skip-reason")) SKIP("no PostgreSQL test server: " + readFile(dir / "skip-reason"));
    if (!std::filesystem::exists(dir / "pg_service.conf"))
        SKIP("no PostgreSQL test server: " + (dir / "pg_service.conf").string() +
             " is missing (run the tests through ctest, which starts the server)");
    ::setenv("PGSERVICEFILE", (dir / "pg_service.conf").c_str(), 1);
}

}  // namespace hongtu::test
