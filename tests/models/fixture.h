#pragma once

// A small fictional vault written into a temporary folder for the model and window tests.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

namespace fixture {

inline bool write(const QString &root, const QString &relativePath, const QByteArray &text)
{
    const QString path = QDir(root).filePath(relativePath);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

// Two meetings with Ann (one stored twice), people with aliases, an organisation, tasks in every
// due-date bucket relative to 2025-03-12 (a Wednesday), and one broken note.
inline bool writeVault(const QString &root)
{
    return write(root, QStringLiteral("Meetings/2025-03-10 - Alpha review.md"), R"(---
type: meeting
title: "Alpha review: budget and hiring"
date: 2025-03-10
participants: [Ann Example, Bob Sample]
source: transcript
source_ref: "Transcripts/2025-03-10 - Alpha review.md"
---

# Alpha review: budget and hiring

## Summary

We went through the quarterly budget with [[Annie]] and Bob: the ÜBERSICHT of Zoë's ΣΟΦΊΑ deck.

## Action Items
- [ ] Send deck to Bob @Myself 📅 2025-03-12 ⏫ #task
- [ ] Reply to Ann about travel @Myself 📅 2025-03-01 #task
- [ ] Draft agenda for the offsite @Myself 📅 2025-03-14 🔼 #task
- [ ] Fix the login bug @Bob Sample 📅 2025-03-20 #task
- [x] Book the meeting room @Ann Example ✅ 2025-03-09 #task
)")
           && write(root, QStringLiteral("Meetings/2025-04-02 - Beta sync.md"), R"(---
type: meeting
title: Beta sync
date: 2025-04-02
participants: [Ann Example, Cara Demo]
source: transcript
source_ref: "Transcripts/2025-04-02 - Beta sync.md"
---

# Beta sync

Contract talk with [[Acme Corp]] and [[Cara Demo]].

## Action Items
- [ ] Review the Acme contract @Myself 📅 2025-04-05 #task
- [ ] Ask about the unpaid invoices @Cara Demo #task
)")
           && write(root, QStringLiteral("Archive/2025-04-02 - Beta sync.md"), R"(---
type: meeting
title: Beta sync (second copy)
date: 2025-04-02
participants: [Ann Example, Cara Demo]
source: transcript
source_ref: "/elsewhere/2025-04-02 - Beta sync.md"
---

# Beta sync (second copy)

- [ ] Review the Acme contract @Myself 📅 2025-04-05 #task
)")
           && write(root, QStringLiteral("People/Ann Example.md"), R"(---
type: person
title: Ann Example
aliases: [Annie]
---

# Ann Example

Works at [[Acme Corp]].
)")
           && write(root, QStringLiteral("Organisations/Acme Corp.md"), R"(---
type: organization
title: Acme Corp
aliases: [Acme]
---

# Acme Corp
)")
           && write(root, QStringLiteral("Broken.md"), "---\ntitle: [unclosed\n---\n\nBody.\n");
}

} // namespace fixture
