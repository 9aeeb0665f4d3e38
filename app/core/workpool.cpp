#include "core/workpool.h"

#include <QThread>
#include <QThreadPool>

namespace minutes {

QThreadPool *workPool()
{
    static QThreadPool *pool = [] {
        auto *created = new QThreadPool;   // never destroyed: workers may outlive every QObject
        created->setObjectName(QStringLiteral("minutes-work"));
        created->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        return created;
    }();
    return pool;
}

} // namespace minutes
