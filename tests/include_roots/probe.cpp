// Compiled by tests/include_roots/CMakeLists.txt as if it were code of one app library (linked to
// it, so it sees exactly that library's include roots). HONGTU_PROBE_HEADER is the header tried.
#include HONGTU_PROBE_HEADER

int hongtuIncludeProbe() { return 0; }
