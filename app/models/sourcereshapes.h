#pragma once

#include <QAbstractItemModel>
#include <QList>

namespace minutes {

// Connects every announcement of `source` that reshapes its rows other than by removing and
// inserting some (a reset, a layout change, a move, columns) to `begin` and `end`: a proxy that
// follows rows one by one takes those as a reset of its own.
template<typename Begin, typename End>
QList<QMetaObject::Connection> connectSourceReshapes(const QAbstractItemModel *source, const QObject *receiver, Begin begin,
                                                     End end)
{
    using M = QAbstractItemModel;
    return {
        QObject::connect(source, &M::modelAboutToBeReset, receiver, begin),
        QObject::connect(source, &M::modelReset, receiver, end),
        QObject::connect(source, &M::layoutAboutToBeChanged, receiver, begin),
        QObject::connect(source, &M::layoutChanged, receiver, end),
        QObject::connect(source, &M::rowsAboutToBeMoved, receiver, begin),
        QObject::connect(source, &M::rowsMoved, receiver, end),
        QObject::connect(source, &M::columnsAboutToBeInserted, receiver, begin),
        QObject::connect(source, &M::columnsInserted, receiver, end),
        QObject::connect(source, &M::columnsAboutToBeRemoved, receiver, begin),
        QObject::connect(source, &M::columnsRemoved, receiver, end),
    };
}

} // namespace minutes
