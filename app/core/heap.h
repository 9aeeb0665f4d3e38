#pragma once

namespace minutes {

// Sets up the C library's allocator for what loading a vault does: hundreds of megabytes in small
// blocks, from every core at once. Call first thing in main(), before any thread starts.
void tuneHeap();

} // namespace minutes
