#pragma once

// What two indexes built from the same notes must agree on, entity by entity and meeting by
// meeting (an incremental index against a full build, a load through the persistent index
// against a parse). Call from a test function; check QTest::currentTestFailed() after.

#include "vault/entity.h"
#include "vault/meeting.h"

#include <QTest>

namespace minutes::test {

inline void compareEntity(const Entity &a, const Entity &b)
{
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.kind, b.kind);
    QCOMPARE(a.aliases, b.aliases);
    QCOMPARE(a.notePath, b.notePath);
    QCOMPARE(a.evidence, b.evidence);
    QCOMPARE(a.meetingKeys, b.meetingKeys);
    QCOMPARE(a.openTasks, b.openTasks);
    QCOMPARE(a.lastMeeting, b.lastMeeting);
    QCOMPARE(a.vaultOwner, b.vaultOwner);
    QCOMPARE(a.nameOrder, b.nameOrder);
    QCOMPARE(a.print, b.print);
}

inline void compareMeeting(const Meeting &a, const Meeting &b)
{
    QCOMPARE(a.key, b.key);
    QCOMPARE(a.versions, b.versions);
    QCOMPARE(a.date, b.date);
    QCOMPARE(a.title, b.title);
    QCOMPARE(a.participants, b.participants);
    QCOMPARE(a.openTasks, b.openTasks);
    QCOMPARE(a.totalTasks, b.totalTasks);
    QCOMPARE(a.searchTexts, b.searchTexts);
}

} // namespace minutes::test
