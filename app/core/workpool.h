#pragma once

class QThreadPool;

namespace minutes {

// The thread pools all of Minutes' background work runs on. Not QThreadPool::globalInstance():
// Qt's raster paint engine borrows threads from that one while the GUI thread waits, so a busy
// global pool would freeze painting for as long as a vault takes to load.
//
// workPool(): jobs (a load, a watcher rescan, a write, a render). A job may wait for other work,
// so the pool has more threads than cores; waiting threads cost nothing.
// computePool(): the parallel maps inside those jobs (parse, decode, index), one thread per core.
// Its tasks never wait for other pool work, so a job waiting on them can never deadlock.
// interactivePool(): parallel maps the GUI thread waits for (search as you type): never queued
// behind a load.
// writePool(): one thread, so that writes of the persistent index happen one after the other.
//
// When the application object is destroyed, it waits for every pool to finish (a job still
// running while static objects are torn down would crash); a cancelled load ends early.
QThreadPool *workPool();
QThreadPool *computePool();
QThreadPool *interactivePool();
QThreadPool *writePool();

} // namespace minutes
