#pragma once

class QThreadPool;

namespace minutes {

// The thread pool all of Minutes' background work runs on (loading, parsing, indexing, watching,
// writing, rendering, searching). Not QThreadPool::globalInstance(): Qt's raster paint engine
// borrows threads from that one while the GUI thread waits, so a busy global pool would freeze
// painting for as long as a vault takes to load.
QThreadPool *workPool();

} // namespace minutes
