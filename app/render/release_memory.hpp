#pragma once
// Giving freed memory back to the system. glibc's allocator keeps what a thread frees in that
// thread's arena for later use; after a large transient job (reading a national layer, the
// data check, preparing tiles) that is 100+ MB the viewer holds and never uses again. Called
// at the end of such jobs on their own threads, never on the UI thread (one call takes up to
// 15 ms on the national project). A no-op elsewhere than glibc.

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace hongtu::render {

inline void releaseFreedMemory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

}  // namespace hongtu::render
