#include "core/workpool.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace minutes {

namespace {

QThreadPool *makePool(const char *name, int threads)
{
    auto *pool = new QThreadPool;   // never destroyed: workers may outlive every QObject
    pool->setObjectName(QString::fromLatin1(name));
    pool->setMaxThreadCount(threads);
    return pool;
}

} // namespace

QThreadPool *workPool()
{
    static QThreadPool *pool = makePool("minutes-work", std::max(8, 2 * QThread::idealThreadCount()));
    return pool;
}

QThreadPool *computePool()
{
    static QThreadPool *pool = makePool("minutes-compute", std::max(2, QThread::idealThreadCount()));
    return pool;
}

QThreadPool *interactivePool()
{
    static QThreadPool *pool = makePool("minutes-interactive", std::max(2, QThread::idealThreadCount()));
    return pool;
}

} // namespace minutes
