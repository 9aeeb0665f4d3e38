#include "core/heap.h"

#include <cstdlib>   // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace minutes {

void tuneHeap()
{
#if defined(__GLIBC__)
    // glibc gives each thread's arena read-write pages 4 KB at a time, one mprotect() each as the
    // heap grows: 8% of a warm 50k-note load went there. With a top pad, a new arena heap is made
    // writable in one call (up to its 64 MB) and the main heap grows in large steps. Only address
    // space is reserved: a page costs memory when it is first written, as before.
    mallopt(M_TOP_PAD, 64 * 1024 * 1024);
    // Setting the pad turns off glibc's sliding threshold for mapping large blocks, which would
    // have risen to 32 MB once such a block was freed. Without it every block over 128 KB would
    // be mapped afresh, and a 50k vault's task list (16 MB, copied whenever a note changes)
    // would take 4000 page faults each time. Set as the sliding threshold would.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
#endif
}

void releaseFreeMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace minutes
