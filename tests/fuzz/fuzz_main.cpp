// One libFuzzer target: HONGTU_FUZZ_ENTRY names the entry of entries.hpp it drives.
#include <cstddef>
#include <cstdint>

#include "entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return hongtu::fuzz::HONGTU_FUZZ_ENTRY(data, size);
}
