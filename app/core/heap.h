#pragma once

namespace minutes {

// Sets up the C library's allocator for what loading a vault does: hundreds of megabytes in small
// blocks, from every core at once. Call first thing in main(), before any thread starts.
void tuneHeap();

// Gives the heap's free pages back to the system: a load's transient peak (the decoded index,
// the previous vault) is freed in small blocks all over the heap, and the pads tuneHeap() sets
// keep more of it. Takes a few milliseconds: call it on a worker.
void releaseFreeMemory();

} // namespace minutes
