#include "note/noteparser.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"
#include "vault/vaultwatcher.h"
#include "vault/vaultwatchscan.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

#include <sys/stat.h>
#include <unistd.h>

using namespace minutes;

namespace {

QByteArray meetingNote(const QString &title, const QString &task, const QString &owner = QStringLiteral("Ada Quill"))
{
    return QStringLiteral("---\ntitle: %1\ndate: 2025-03-04\nparticipants: [%2, Bo Lindqvist]\n---\n"
                          "# %1\n\nWe talked.\n\n## Action Items\n- [ ] %3 @%2\n")
        .arg(title, owner, task)
        .toUtf8();
}

bool writeFile(const QString &path, const QByteArray &bytes, QIODevice::OpenMode mode = QIODevice::WriteOnly | QIODevice::Truncate)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(mode))
        return false;
    return file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList taskDescriptions(const Note *note)
{
    QStringList descriptions;
    if (note) {
        for (const NoteTask &task : note->tasks)
            descriptions.append(task.description());
    }
    return descriptions;
}

// Everything a watched vault needs: a folder with a few notes, the index loaded from it and a
// watcher that has finished its first check.
class LiveVault
{
public:
    LiveVault()
    {
        QVERIFY(dir.isValid());
        root = QDir::cleanPath(dir.path());
        QVERIFY(writeFile(path(QStringLiteral("Meetings/2025-03-04 Weekly sync.md")),
                          meetingNote(QStringLiteral("Weekly sync"), QStringLiteral("Send the deck"))));
        QVERIFY(writeFile(path(QStringLiteral("Meetings/2025-03-05 Budget.md")),
                          meetingNote(QStringLiteral("Budget"), QStringLiteral("Check the numbers"))));
        QVERIFY(writeFile(path(QStringLiteral("People/Ada Quill.md")), "---\ntype: person\n---\n# Ada Quill\n"));
        QVERIFY(writeFile(path(QStringLiteral("Inbox.md")), "# Inbox\n\n- [ ] Water the plants @Myself\n"));
    }

    // Loads, attaches the watcher and waits until it has checked the vault once.
    void start(int maxWatches = 0)
    {
        watcher = std::make_unique<VaultWatcher>(&index);
        watcher->setMaxWatches(maxWatches);
        watcher->setPollInterval(std::chrono::milliseconds(200));
        index.reset(VaultLoader::load(root));
        QTRY_VERIFY(watcher->isIdle());
        changes = std::make_unique<QSignalSpy>(&index, &VaultIndex::notesChanged);
        clock.start();
        QObject::connect(&index, &VaultIndex::notesChanged, &index, [this] { lastChangeMs = clock.elapsed(); });
        synced = std::make_unique<QSignalSpy>(watcher.get(), &VaultWatcher::synced);
    }

    QString path(const QString &relativePath) const { return root + QLatin1Char('/') + relativePath; }

    // Every path any notesChanged() since start() named, by kind.
    QStringList reported(int kind) const
    {
        QStringList paths;
        for (const QList<QVariant> &arguments : *changes)
            paths.append(arguments.at(kind).toStringList());
        return paths;
    }
    QStringList added() const { return reported(0); }
    QStringList changed() const { return reported(1); }
    QStringList removed() const { return reported(2); }

    QTemporaryDir dir;
    QString root;
    VaultIndex index;
    std::unique_ptr<VaultWatcher> watcher;
    std::unique_ptr<QSignalSpy> changes;
    std::unique_ptr<QSignalSpy> synced;
    QElapsedTimer clock;
    qint64 lastChangeMs = -1;   // on clock, when notesChanged() was last emitted
};

bool hasProblem(const VaultIndex &index, const std::function<bool(const Problem &)> &matches)
{
    const Problems problems = index.problems();
    return std::any_of(problems.cbegin(), problems.cend(), matches);
}

// Measured, not asserted: from just before the file operation to the notesChanged() that
// reported it.
void logLatency(const char *what, const LiveVault &vault, qint64 operationMs)
{
    qInfo("latency %s: %lld ms from the file operation to notesChanged()", what, vault.lastChangeMs - operationMs);
}

} // namespace

class TestVaultWatcher final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createNote();
    void editInPlace_data();
    void editInPlace();
    void editBetweenScanAndWatchIsSeen_data();
    void editBetweenScanAndWatchIsSeen();
    void deleteNote();
    void renameNote();
    void moveBetweenFolders();
    void editorSave_data();
    void editorSave();
    void newNestedFolder();
    void folderMovedInFromOutside();
    void folderDeleted();
    void folderRenamed();
    void continuousStreamStillFlushes();
    void identicalWrite_data();
    void identicalWrite();
    void ownWriteAppliedFirst();
    void dotFoldersAndOtherFilesIgnored();
    void noteBecomesUnreadable_data();
    void noteBecomesUnreadable();
    void refusedFileDeleted();
    void symlinkOutsideVaultRefused();
    void seedNotesCopiedInAndTicked();
    void rootDeletedAndRecreated();
    void rootRenamedAway();
    void watchLimitFallsBackToPolling();
    void indexResetRestartsWatching();
    void checkWorksFromSnapshots();
};

void TestVaultWatcher::createNote()
{
    LiveVault vault;
    vault.start();
    QCOMPARE(vault.watcher->state(), VaultWatcher::State::Watching);
    const QString path = QStringLiteral("Meetings/2025-03-06 Retro.md");
    const qint64 operationMs = vault.clock.elapsed();
    QVERIFY(writeFile(vault.path(path), meetingNote(QStringLiteral("Retro"), QStringLiteral("Book a room"))));
    QTRY_VERIFY(vault.index.note(path));
    logLatency("create", vault, operationMs);
    QCOMPARE(vault.index.note(path)->title, QStringLiteral("Retro"));
    QCOMPARE(taskDescriptions(vault.index.note(path)), QStringList{QStringLiteral("Book a room")});
    QCOMPARE(vault.added(), QStringList{path});
    QVERIFY(vault.changed().isEmpty());
    QVERIFY(vault.removed().isEmpty());
    QCOMPARE(vault.index.notes().size(), 5);
}

void TestVaultWatcher::editInPlace_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("append with >>") << 0;
    QTest::newRow("truncate and write (>)") << 1;
    QTest::newRow("same size, same second, different bytes") << 2;
    QTest::newRow("write in place without truncating") << 3;
}

// VaultController watches the folders before it scans them; the watcher adopts those watches
// when the index is reset with the scan. An edit after the scan, before the watcher starts, is
// then seen even when only an event can tell (same size, mtime put back). Without the watches
// taken first, the rescan after starting finds nothing to re-read.
void TestVaultWatcher::editBetweenScanAndWatchIsSeen_data()
{
    QTest::addColumn<bool>("prepared");
    QTest::newRow("watched before the scan") << true;
    QTest::newRow("prepared for another vault: watched after") << false;
}

void TestVaultWatcher::editBetweenScanAndWatchIsSeen()
{
    QFETCH(bool, prepared);
    LiveVault vault;
    QTemporaryDir other;
    std::shared_ptr<PreparedWatch> watch = VaultWatcher::prepare(prepared ? vault.root : other.path());
    QVERIFY(watch);
    ScanResult result = VaultLoader::load(vault.root);
    result.watch = std::move(watch);

    const QString path = QStringLiteral("Inbox.md");
    const QString file = vault.path(path);
    const QDateTime mtime = QFileInfo(file).lastModified();
    QByteArray ticked = readFile(file);
    ticked.replace("- [ ]", "- [x]");
    QVERIFY(writeFile(file, ticked));
    QFile handle(file);
    QVERIFY(handle.open(QIODevice::ReadWrite));
    QVERIFY(handle.setFileTime(mtime, QFileDevice::FileModificationTime));
    handle.close();

    vault.watcher = std::make_unique<VaultWatcher>(&vault.index);
    QSignalSpy changes(&vault.index, &VaultIndex::notesChanged);
    vault.index.reset(std::move(result));
    QCOMPARE(vault.watcher->state(), VaultWatcher::State::Watching);
    QCOMPARE(vault.watcher->watchedFolderCount(), 3);   // the root, Meetings, People
    QTRY_VERIFY(vault.watcher->isIdle());
    if (!prepared) {
        QVERIFY(changes.isEmpty());   // not adopted: watching after the scan cannot tell
        return;
    }
    QTRY_COMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).at(1).toStringList(), QStringList{path});
    QVERIFY(!vault.index.note(path)->tasks.first().isOpen());
}

void TestVaultWatcher::editInPlace()
{
    QFETCH(int, mode);
    LiveVault vault;
    vault.start();
    const QString path = QStringLiteral("Inbox.md");
    const QString file = vault.path(path);
    const QByteArray before = readFile(file);
    const QDateTime mtime = QFileInfo(file).lastModified();
    QByteArray expectedTask;
    const qint64 operationMs = vault.clock.elapsed();
    switch (mode) {
    case 0:
        QVERIFY(writeFile(file, "- [ ] Call the plumber @Myself\n", QIODevice::WriteOnly | QIODevice::Append));
        expectedTask = "Call the plumber";
        break;
    case 1:
        QVERIFY(writeFile(file, "# Inbox\n\n- [ ] Renew the passport @Myself\n"));
        expectedTask = "Renew the passport";
        break;
    case 2: {
        // A tick as an editor makes it: one byte differs, the size does not, and the mtime is
        // put back, so only the content hash can tell.
        QByteArray ticked = before;
        ticked.replace("- [ ]", "- [x]");
        QCOMPARE(ticked.size(), before.size());
        QVERIFY(writeFile(file, ticked));
        QFile handle(file);
        QVERIFY(handle.open(QIODevice::ReadWrite));
        QVERIFY(handle.setFileTime(mtime, QFileDevice::FileModificationTime));
        handle.close();
        expectedTask = "Water the plants";
        break;
    }
    case 3: {
        QFile handle(file);
        QVERIFY(handle.open(QIODevice::ReadWrite));
        QVERIFY(handle.seek(before.indexOf("Water")));
        QVERIFY(handle.write("Watch") == 5);
        expectedTask = "Watch the plants";
        break;
    }
    }
    QTRY_COMPARE(vault.changed(), QStringList{path});
    logLatency(QTest::currentDataTag(), vault, operationMs);
    const Note *note = vault.index.note(path);
    QVERIFY(note);
    QVERIFY(taskDescriptions(note).contains(QString::fromUtf8(expectedTask)));
    if (mode == 2)
        QVERIFY(!note->tasks.first().isOpen());
    QCOMPARE(note->contentHash, VaultLoader::loadNotes(vault.root, {path}).value(0).contentHash);
    QVERIFY(vault.added().isEmpty());
    QVERIFY(vault.removed().isEmpty());
}

void TestVaultWatcher::deleteNote()
{
    LiveVault vault;
    vault.start();
    const QString path = QStringLiteral("Meetings/2025-03-05 Budget.md");
    const qint64 operationMs = vault.clock.elapsed();
    QVERIFY(QFile::remove(vault.path(path)));
    QTRY_COMPARE(vault.removed(), QStringList{path});
    logLatency("delete", vault, operationMs);
    QVERIFY(!vault.index.note(path));
    QCOMPARE(vault.index.notes().size(), 3);
    QVERIFY(vault.added().isEmpty());
}

void TestVaultWatcher::renameNote()
{
    LiveVault vault;
    vault.start();
    const QString from = QStringLiteral("Meetings/2025-03-05 Budget.md");
    const QString to = QStringLiteral("Meetings/2025-03-05 Budget review.md");
    const qint64 operationMs = vault.clock.elapsed();
    QVERIFY(QFile::rename(vault.path(from), vault.path(to)));
    QTRY_VERIFY(vault.index.note(to) && !vault.index.note(from));
    logLatency("rename", vault, operationMs);
    QCOMPARE(vault.added(), QStringList{to});
    QCOMPARE(vault.removed(), QStringList{from});
    QCOMPARE(vault.index.note(to)->title, QStringLiteral("Budget"));

    // Renamed to something that is not a note: gone from the index.
    QVERIFY(QFile::rename(vault.path(to), vault.path(QStringLiteral("Meetings/budget.txt"))));
    QTRY_VERIFY(!vault.index.note(to));
    QCOMPARE(vault.index.notes().size(), 3);
}

void TestVaultWatcher::moveBetweenFolders()
{
    LiveVault vault;
    vault.start();
    const QString from = QStringLiteral("Meetings/2025-03-04 Weekly sync.md");
    const QString to = QStringLiteral("Archive/2025/2025-03-04 Weekly sync.md");
    QVERIFY(QDir().mkpath(vault.path(QStringLiteral("Archive/2025"))));
    QVERIFY(QFile::rename(vault.path(from), vault.path(to)));
    QTRY_VERIFY(vault.index.note(to) && !vault.index.note(from));
    QCOMPARE(vault.added(), QStringList{to});
    QCOMPARE(vault.removed(), QStringList{from});
    QCOMPARE(taskDescriptions(vault.index.note(to)), QStringList{QStringLiteral("Send the deck")});

    // Back again, and the folder it left is now watched too.
    QVERIFY(QFile::rename(vault.path(to), vault.path(from)));
    QTRY_VERIFY(vault.index.note(from) && !vault.index.note(to));
    QVERIFY(writeFile(vault.path(QStringLiteral("Archive/2025/later.md")), "# Later\n"));
    QTRY_VERIFY(vault.index.note(QStringLiteral("Archive/2025/later.md")));
}

void TestVaultWatcher::editorSave_data()
{
    QTest::addColumn<int>("style");
    QTest::newRow("QSaveFile: temp file renamed over the note") << 0;
    QTest::newRow("hidden temp file renamed over the note") << 1;
    QTest::newRow("vim: note renamed to a backup, written anew, backup deleted") << 2;
}

void TestVaultWatcher::editorSave()
{
    QFETCH(int, style);
    LiveVault vault;
    vault.start();
    const QString path = QStringLiteral("Meetings/2025-03-04 Weekly sync.md");
    const QString file = vault.path(path);
    auto save = [&](const QByteArray &bytes) {
        switch (style) {
        case 0: {
            QSaveFile saver(file);
            QVERIFY(saver.open(QIODevice::WriteOnly));
            QCOMPARE(saver.write(bytes), bytes.size());
            QVERIFY(saver.commit());
            break;
        }
        case 1: {
            const QString temp = vault.path(QStringLiteral("Meetings/.2025-03-04 Weekly sync.md.swp"));
            QVERIFY(writeFile(temp, bytes));
            QVERIFY(::rename(QFile::encodeName(temp).constData(), QFile::encodeName(file).constData()) == 0);
            break;
        }
        case 2: {
            const QString backup = file + QLatin1Char('~');
            QVERIFY(QFile::rename(file, backup));
            QVERIFY(writeFile(file, bytes));
            QVERIFY(QFile::remove(backup));
            break;
        }
        }
    };
    // Twice: a file watch would have been lost with the first replacement.
    for (const QString &task : {QStringLiteral("Send the slides"), QStringLiteral("Send the final slides")}) {
        vault.changes->clear();
        const qint64 operationMs = vault.clock.elapsed();
        save(meetingNote(QStringLiteral("Weekly sync"), task));
        QTRY_COMPARE(taskDescriptions(vault.index.note(path)), QStringList{task});
        logLatency(QTest::currentDataTag(), vault, operationMs);
        QVERIFY(vault.removed().isEmpty() || vault.added().contains(path));
        QVERIFY(vault.index.note(path));
    }
    QCOMPARE(vault.index.notes().size(), 4);
}

void TestVaultWatcher::newNestedFolder()
{
    LiveVault vault;
    vault.start();
    // Files land before any watch on the new folders can exist.
    const QStringList paths{QStringLiteral("Clients/Northwind/2025/kickoff.md"),
                            QStringLiteral("Clients/Northwind/2025/Q1/review.md"),
                            QStringLiteral("Clients/Northwind/notes.md")};
    const qint64 operationMs = vault.clock.elapsed();
    for (const QString &path : paths)
        QVERIFY(writeFile(vault.path(path), meetingNote(QFileInfo(path).baseName(), QStringLiteral("Follow up"))));
    QTRY_COMPARE(vault.index.notes().size(), 7);
    logLatency("new nested folder", vault, operationMs);
    QStringList added = vault.added();
    added.sort();
    QStringList expected = paths;
    expected.sort();
    QCOMPARE(added, expected);

    // And they are watched from now on.
    QVERIFY(writeFile(vault.path(QStringLiteral("Clients/Northwind/2025/Q1/review.md")), "# Review again\n"));
    QTRY_COMPARE(vault.index.note(QStringLiteral("Clients/Northwind/2025/Q1/review.md"))->title,
                 QStringLiteral("Review again"));
    QVERIFY(writeFile(vault.path(QStringLiteral("Clients/Northwind/2025/Q1/Deep/deeper.md")), "# Deeper\n"));
    QTRY_VERIFY(vault.index.note(QStringLiteral("Clients/Northwind/2025/Q1/Deep/deeper.md")));
}

void TestVaultWatcher::folderMovedInFromOutside()
{
    LiveVault vault;
    vault.start();
    QTemporaryDir outside;
    QVERIFY(outside.isValid());
    QVERIFY(writeFile(outside.filePath(QStringLiteral("Imported/a.md")), "# A\n"));
    QVERIFY(writeFile(outside.filePath(QStringLiteral("Imported/sub/b.md")), "# B\n- [ ] Reply @Bo Lindqvist\n"));
    QVERIFY(writeFile(outside.filePath(QStringLiteral("Imported/.obsidian/c.md")), "# Not a note\n"));
    QVERIFY(QDir().rename(outside.filePath(QStringLiteral("Imported")), vault.path(QStringLiteral("Imported"))));
    QTRY_COMPARE(vault.index.notes().size(), 6);
    QVERIFY(vault.index.note(QStringLiteral("Imported/a.md")));
    QCOMPARE(taskDescriptions(vault.index.note(QStringLiteral("Imported/sub/b.md"))), QStringList{QStringLiteral("Reply")});
    QVERIFY(!vault.index.note(QStringLiteral("Imported/.obsidian/c.md")));
    QVERIFY(writeFile(vault.path(QStringLiteral("Imported/sub/b.md")), "# B2\n"));
    QTRY_COMPARE(vault.index.note(QStringLiteral("Imported/sub/b.md"))->title, QStringLiteral("B2"));

    // Moved out again: its notes leave the index.
    QVERIFY(QDir().rename(vault.path(QStringLiteral("Imported")), outside.filePath(QStringLiteral("Back"))));
    QTRY_COMPARE(vault.index.notes().size(), 4);
}

void TestVaultWatcher::folderDeleted()
{
    LiveVault vault;
    vault.start();
    const qint64 operationMs = vault.clock.elapsed();
    QVERIFY(QDir(vault.path(QStringLiteral("Meetings"))).removeRecursively());
    QTRY_COMPARE(vault.index.notes().size(), 2);
    logLatency("folder delete", vault, operationMs);
    QStringList removed = vault.removed();
    removed.sort();
    QCOMPARE(removed, (QStringList{QStringLiteral("Meetings/2025-03-04 Weekly sync.md"),
                                   QStringLiteral("Meetings/2025-03-05 Budget.md")}));
    // A folder of the same name comes back and is watched again.
    QVERIFY(writeFile(vault.path(QStringLiteral("Meetings/new.md")), "# New\n"));
    QTRY_VERIFY(vault.index.note(QStringLiteral("Meetings/new.md")));
    QVERIFY(writeFile(vault.path(QStringLiteral("Meetings/new.md")), "# Newer\n"));
    QTRY_COMPARE(vault.index.note(QStringLiteral("Meetings/new.md"))->title, QStringLiteral("Newer"));
}

void TestVaultWatcher::folderRenamed()
{
    LiveVault vault;
    vault.start();
    QVERIFY(writeFile(vault.path(QStringLiteral("Meetings/2024/old.md")), "# Old\n"));
    QTRY_COMPARE(vault.index.notes().size(), 5);
    vault.changes->clear();
    const qint64 operationMs = vault.clock.elapsed();
    QVERIFY(QDir().rename(vault.path(QStringLiteral("Meetings")), vault.path(QStringLiteral("Calls"))));
    QTRY_VERIFY(vault.index.note(QStringLiteral("Calls/2024/old.md")) && !vault.index.note(QStringLiteral("Meetings/2024/old.md")));
    QTRY_COMPARE(vault.index.notes().size(), 5);
    logLatency("folder rename", vault, operationMs);
    QStringList removed = vault.removed();
    removed.sort();
    QCOMPARE(removed, (QStringList{QStringLiteral("Meetings/2024/old.md"), QStringLiteral("Meetings/2025-03-04 Weekly sync.md"),
                                   QStringLiteral("Meetings/2025-03-05 Budget.md")}));
    QStringList added = vault.added();
    added.sort();
    QCOMPARE(added, (QStringList{QStringLiteral("Calls/2024/old.md"), QStringLiteral("Calls/2025-03-04 Weekly sync.md"),
                                 QStringLiteral("Calls/2025-03-05 Budget.md")}));

    // The renamed folders keep being watched under their new names.
    QVERIFY(writeFile(vault.path(QStringLiteral("Calls/2024/old.md")), "# Older\n"));
    QTRY_COMPARE(vault.index.note(QStringLiteral("Calls/2024/old.md"))->title, QStringLiteral("Older"));
    QVERIFY(!vault.index.note(QStringLiteral("Meetings/2024/old.md")));
    // Renamed to a dot-folder: hidden like the loader hides it.
    QVERIFY(QDir().rename(vault.path(QStringLiteral("Calls")), vault.path(QStringLiteral(".Calls"))));
    QTRY_COMPARE(vault.index.notes().size(), 2);
}

void TestVaultWatcher::continuousStreamStillFlushes()
{
    LiveVault vault;
    vault.start();
    // A log-like note appended to every 40 ms, faster than the settle time: the changes must
    // still reach the index while the stream goes on, not only after it stops.
    const QString path = QStringLiteral("Log.md");
    QVERIFY(writeFile(vault.path(path), "# Log\n"));
    int appended = 0;
    QTimer writer;
    writer.setInterval(40);
    QObject::connect(&writer, &QTimer::timeout, &writer, [&] {
        writeFile(vault.path(path), "- line\n", QIODevice::WriteOnly | QIODevice::Append);
        if (++appended == 60)
            writer.stop();
    });
    writer.start();
    QTRY_VERIFY_WITH_TIMEOUT(vault.index.note(path), 10000);
    QVERIFY2(writer.isActive(), "the first change arrived only after the stream stopped");
    qInfo("latency continuous stream: first notesChanged() after %lld ms, %d appends in",
          vault.lastChangeMs, appended);
    QTRY_VERIFY_WITH_TIMEOUT(!writer.isActive(), 20000);
    QTRY_VERIFY(vault.watcher->isIdle());
    QCOMPARE(vault.index.note(path)->contentHash, VaultLoader::loadNotes(vault.root, {path}).value(0).contentHash);
    QVERIFY(vault.changes->count() >= 2);
}

void TestVaultWatcher::identicalWrite_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("same bytes written in place") << 0;
    QTest::newRow("same bytes saved by rename") << 1;
    QTest::newRow("touch") << 2;
}

void TestVaultWatcher::identicalWrite()
{
    QFETCH(int, kind);
    LiveVault vault;
    vault.start();
    const QString path = QStringLiteral("Meetings/2025-03-04 Weekly sync.md");
    const QString file = vault.path(path);
    const QByteArray bytes = readFile(file);
    switch (kind) {
    case 0:
        QVERIFY(writeFile(file, bytes));
        break;
    case 1: {
        QSaveFile saver(file);
        QVERIFY(saver.open(QIODevice::WriteOnly));
        QCOMPARE(saver.write(bytes), bytes.size());
        QVERIFY(saver.commit());
        break;
    }
    case 2: {
        QFile handle(file);
        QVERIFY(handle.open(QIODevice::ReadWrite));
        QVERIFY(handle.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
        break;
    }
    }
    QVERIFY(vault.synced->wait());
    QTRY_VERIFY(vault.watcher->isIdle());
    QCOMPARE(vault.changes->count(), 0);

    // A later full rescan (as after a queue overflow) compares size and mtime, and does not
    // count the new mtime as a change either.
    vault.synced->clear();
    vault.watcher->rescan();
    QVERIFY(vault.synced->wait());
    QCOMPARE(vault.changes->count(), 0);
    QCOMPARE(vault.synced->first().at(0).toInt(), 0);
}

void TestVaultWatcher::ownWriteAppliedFirst()
{
    LiveVault vault;
    vault.start();
    // The app ticks a task, writes the file and puts the parsed result in the index itself:
    // the watcher must recognise the file by its hash and not report it again.
    const QString path = QStringLiteral("Inbox.md");
    QByteArray bytes = readFile(vault.path(path));
    bytes.replace("- [ ]", "- [x]");
    QVERIFY(writeFile(vault.path(path), bytes));
    vault.index.apply(VaultLoader::loadNotes(vault.root, {path}), {});
    QCOMPARE(vault.changes->count(), 1);
    QVERIFY(vault.synced->wait());
    QTRY_VERIFY(vault.watcher->isIdle());
    QCOMPARE(vault.changes->count(), 1);
    QVERIFY(!vault.index.note(path)->tasks.first().isOpen());
}

void TestVaultWatcher::dotFoldersAndOtherFilesIgnored()
{
    LiveVault vault;
    vault.start();
    QVERIFY(writeFile(vault.path(QStringLiteral(".obsidian/workspace.md")), "# Workspace\n"));
    QVERIFY(writeFile(vault.path(QStringLiteral(".trash/old.md")), "# Old\n"));
    QVERIFY(writeFile(vault.path(QStringLiteral("node_modules/pkg/readme.md")), "# Readme\n"));
    QVERIFY(writeFile(vault.path(QStringLiteral("Meetings/.hidden.md")), "# Hidden\n"));
    QVERIFY(writeFile(vault.path(QStringLiteral("Meetings/image.png")), "not a note"));
    QVERIFY(writeFile(vault.path(QStringLiteral("Meetings/UPPER.MD")), "# Upper\n"));
    QTRY_VERIFY(vault.index.note(QStringLiteral("Meetings/UPPER.MD")));
    QTRY_VERIFY(vault.watcher->isIdle());
    QCOMPARE(vault.index.notePaths(), VaultLoader::findNotes(vault.root));
    QCOMPARE(vault.added(), QStringList{QStringLiteral("Meetings/UPPER.MD")});
}

void TestVaultWatcher::noteBecomesUnreadable_data()
{
    QTest::addColumn<int>("cause");
    QTest::newRow("grows past the size limit") << 0;
    QTest::newRow("read permission taken away") << 1;
    QTest::newRow("replaced by a FIFO") << 2;
}

void TestVaultWatcher::noteBecomesUnreadable()
{
    QFETCH(int, cause);
    if (cause == 1 && ::geteuid() == 0)
        QSKIP("root reads files without read permission");
    LiveVault vault;
    vault.start();
    const QString path = QStringLiteral("Inbox.md");
    const QString file = vault.path(path);
    const QByteArray bytes = readFile(file);
    switch (cause) {
    case 0:
        QVERIFY(writeFile(file, QByteArray(NoteParser::MaxNoteBytes + 10, 'a')));
        break;
    case 1:
        QVERIFY(QFile(file).setPermissions(QFileDevice::WriteOwner));
        break;
    case 2:
        QVERIFY(QFile::remove(file));
        QCOMPARE(::mkfifo(QFile::encodeName(file).constData(), 0600), 0);
        break;
    }
    QTRY_VERIFY(!vault.index.note(path));
    QTRY_VERIFY(hasProblem(vault.index, [&](const Problem &problem) { return problem.file == path; }));
    QCOMPARE(vault.removed(), QStringList{path});

    // Repaired: back in the index, and the problem is gone.
    switch (cause) {
    case 0:
        QVERIFY(writeFile(file, bytes));
        break;
    case 1:
        QVERIFY(QFile(file).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        break;
    case 2:
        QVERIFY(QFile::remove(file));
        QVERIFY(writeFile(file, bytes));
        break;
    }
    QTRY_VERIFY(vault.index.note(path));
    QTRY_VERIFY(!hasProblem(vault.index, [&](const Problem &problem) { return problem.file == path; }));
}

void TestVaultWatcher::refusedFileDeleted()
{
    LiveVault vault;
    vault.start();
    // Never a note, only a problem: deleting it clears the problem.
    const QString path = QStringLiteral("Meetings/huge.md");
    QVERIFY(writeFile(vault.path(path), QByteArray(NoteParser::MaxNoteBytes + 1, 'b')));
    QTRY_VERIFY(hasProblem(vault.index, [&](const Problem &problem) { return problem.file == path; }));
    QVERIFY(!vault.index.note(path));
    QVERIFY(QFile::remove(vault.path(path)));
    QTRY_VERIFY(!hasProblem(vault.index, [&](const Problem &problem) { return problem.file == path; }));
    QCOMPARE(vault.index.notes().size(), 4);
}

void TestVaultWatcher::symlinkOutsideVaultRefused()
{
    LiveVault vault;
    vault.start();
    QTemporaryDir outside;
    QVERIFY(writeFile(outside.filePath(QStringLiteral("secret.md")), "# Secret\n"));
    const QString path = QStringLiteral("Meetings/linked.md");
    QVERIFY(QFile::link(outside.filePath(QStringLiteral("secret.md")), vault.path(path)));
    QTRY_VERIFY(hasProblem(vault.index, [&](const Problem &problem) { return problem.file == path; }));
    QVERIFY(!vault.index.note(path));
    // A link to a note inside the vault is a note, as the loader sees it.
    const QString inside = QStringLiteral("Meetings/inbox-link.md");
    QVERIFY(QFile::link(vault.path(QStringLiteral("Inbox.md")), vault.path(inside)));
    QTRY_VERIFY(vault.index.note(inside));
    QTRY_VERIFY(vault.watcher->isIdle());
    QCOMPARE(vault.index.notePaths(), VaultLoader::findNotes(vault.root));
}

void TestVaultWatcher::seedNotesCopiedInAndTicked()
{
    LiveVault vault;
    vault.start();
    const QDir seeds(QStringLiteral(MINUTES_SEEDS_DIR));
    const QStringList names = seeds.entryList({QStringLiteral("*.txt"), QStringLiteral("*.md")}, QDir::Files);
    QVERIFY(!names.isEmpty());
    // Copied in as notes (the seeds are stored as .txt), into a folder that does not exist yet.
    QVERIFY(QDir().mkpath(vault.path(QStringLiteral("Inbox/_archive"))));
    QStringList paths;
    for (const QString &name : names) {
        paths.append(QStringLiteral("Inbox/_archive/") + QFileInfo(name).completeBaseName() + QStringLiteral(".md"));
        QVERIFY(QFile::copy(seeds.filePath(name), vault.path(paths.last())));
    }
    QTRY_COMPARE(vault.index.notes().size(), 4 + paths.size());
    for (const QString &path : std::as_const(paths)) {
        const QList<Note> fresh = VaultLoader::loadNotes(vault.root, {path});
        QCOMPARE(fresh.size(), 1);
        QCOMPARE(vault.index.note(path)->title, fresh.first().title);
        QCOMPARE(vault.index.note(path)->tasks, fresh.first().tasks);
    }

    // Tick the first task the way an editor does, in place ("[?]" and the malformed "[ ?]").
    const QString path = paths.first();
    QByteArray bytes = readFile(vault.path(path));
    const qsizetype open = bytes.indexOf("- [");
    QVERIFY(open >= 0);
    bytes.replace(open, bytes.indexOf(']', open) - open + 1, "- [x]");
    QVERIFY(writeFile(vault.path(path), bytes));
    QTRY_COMPARE(vault.changed(), QStringList{path});
    const Note *ticked = vault.index.note(path);
    QVERIFY(ticked && !ticked->tasks.isEmpty());
    QCOMPARE(ticked->tasks.first().state(), TaskState::Done);
    QCOMPARE(ticked->tasks, VaultLoader::loadNotes(vault.root, {path}).first().tasks);
}

void TestVaultWatcher::rootDeletedAndRecreated()
{
    LiveVault vault;
    vault.start();
    QSignalSpy states(vault.watcher.get(), &VaultWatcher::stateChanged);
    QVERIFY(QDir(vault.root).removeRecursively());
    QTRY_COMPARE(vault.watcher->state(), VaultWatcher::State::RootMissing);
    QTRY_VERIFY(vault.index.isEmpty());
    QTRY_VERIFY(vault.watcher->isIdle());
    auto rootProblem = [&](const Problem &problem) {
        return problem.file == vault.root && problem.severity == Problem::Severity::Error;
    };
    QVERIFY(hasProblem(vault.index, rootProblem));

    const qint64 operationMs = vault.clock.elapsed();
    QVERIFY(writeFile(vault.path(QStringLiteral("Meetings/again.md")), "# Again\n- [ ] Start over @Ada Quill\n"));
    QTRY_COMPARE(vault.watcher->state(), VaultWatcher::State::Watching);
    QTRY_VERIFY(vault.index.note(QStringLiteral("Meetings/again.md")));
    logLatency("root recreated (includes polling)", vault, operationMs);
    QCOMPARE(states.first().at(0).value<VaultWatcher::State>(), VaultWatcher::State::RootMissing);
    // The "vault folder does not exist" problem went away with the folder's return.
    QTRY_VERIFY(!hasProblem(vault.index, rootProblem));
    QVERIFY(writeFile(vault.path(QStringLiteral("Meetings/again.md")), "# Again and again\n"));
    QTRY_COMPARE(vault.index.note(QStringLiteral("Meetings/again.md"))->title, QStringLiteral("Again and again"));
}

void TestVaultWatcher::rootRenamedAway()
{
    LiveVault vault;
    vault.start();
    const QString elsewhere = vault.root + QStringLiteral("-moved");
    QVERIFY(QDir().rename(vault.root, elsewhere));
    QTRY_COMPARE(vault.watcher->state(), VaultWatcher::State::RootMissing);
    QTRY_VERIFY(vault.index.isEmpty());
    // Writes in the moved folder are not the vault's business.
    QVERIFY(writeFile(elsewhere + QStringLiteral("/Inbox.md"), "# Moved inbox\n"));
    QVERIFY(QDir().rename(elsewhere, vault.root));
    QTRY_COMPARE(vault.watcher->state(), VaultWatcher::State::Watching);
    QTRY_COMPARE(vault.index.notes().size(), 4);
    QCOMPARE(vault.index.note(QStringLiteral("Inbox.md"))->title, QStringLiteral("Moved inbox"));
}

void TestVaultWatcher::watchLimitFallsBackToPolling()
{
    LiveVault vault;
    QVERIFY(writeFile(vault.path(QStringLiteral("Archive/2024/a.md")), "# A\n"));
    QVERIFY(writeFile(vault.path(QStringLiteral("Archive/2023/b.md")), "# B\n"));
    // Created before start() so that the limit is hit while watching the tree.
    VaultWatcher watcher(&vault.index);
    QSignalSpy problems(&watcher, &VaultWatcher::problemFound);
    watcher.setMaxWatches(3);
    watcher.setPollInterval(std::chrono::milliseconds(200));
    vault.index.reset(VaultLoader::load(vault.root));
    QCOMPARE(watcher.state(), VaultWatcher::State::Degraded);
    QCOMPARE(watcher.watchedFolderCount(), 3);
    QCOMPARE(problems.count(), 1);   // said once, not once per folder
    QVERIFY(problems.first().at(0).value<Problem>().message.contains(QLatin1String("max_user_watches")));
    QVERIFY(!watcher.unwatchedFolders().isEmpty());
    QTRY_VERIFY(watcher.isIdle());

    // Changes in watched and unwatched folders alike reach the index.
    const QStringList unwatched = watcher.unwatchedFolders();
    for (const QString &folder : unwatched) {
        const QString path = folder.isEmpty() ? QStringLiteral("polled.md") : folder + QStringLiteral("/polled.md");
        QVERIFY(writeFile(vault.path(path), "# Polled\n"));
        QTRY_VERIFY(vault.index.note(path));
    }
    QVERIFY(writeFile(vault.path(QStringLiteral("Archive/2023/b.md")), "# B, bigger now\n"));
    QTRY_COMPARE(vault.index.note(QStringLiteral("Archive/2023/b.md"))->title, QStringLiteral("B, bigger now"));
    QTRY_VERIFY(watcher.isIdle());
    QCOMPARE(vault.index.notePaths(), VaultLoader::findNotes(vault.root));
    QCOMPARE(problems.count(), 1);
}

void TestVaultWatcher::indexResetRestartsWatching()
{
    LiveVault vault;
    vault.start();
    QTemporaryDir other;
    QVERIFY(writeFile(other.filePath(QStringLiteral("Other.md")), "# Other\n"));
    vault.index.reset(VaultLoader::load(other.path()));
    QCOMPARE(vault.watcher->root(), QDir::cleanPath(other.path()));
    QTRY_VERIFY(vault.watcher->isIdle());
    vault.changes->clear();
    // The old vault is no longer watched; the new one is.
    QVERIFY(writeFile(vault.path(QStringLiteral("Inbox.md")), "# Changed in the old vault\n"));
    QVERIFY(writeFile(other.filePath(QStringLiteral("Second.md")), "# Second\n"));
    QTRY_VERIFY(vault.index.note(QStringLiteral("Second.md")));
    QTRY_VERIFY(vault.watcher->isIdle());
    QCOMPARE(vault.added(), QStringList{QStringLiteral("Second.md")});
    QCOMPARE(vault.index.notes().size(), 2);
}

// The worker works out what the index knew from the shared copies a job carries: every note for
// the whole vault, the notes under a folder that went away, the confirmed stamp over the note's
// own when its content is the same; and it lets go of the copies.
void TestVaultWatcher::checkWorksFromSnapshots()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("A.md")), "# A\n- [ ] one\n"));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("Gone")));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("Gone/B.md")), "# B\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("C.md")), "# C\n"));
    VaultIndex index;
    index.reset(VaultLoader::load(dir.path()));
    QCOMPARE(index.notes().size(), 3);
    const Note a = *index.note(QStringLiteral("A.md"));

    // A touched since it was read: same bytes, a new mtime that the watcher already confirmed.
    const QDateTime touched = a.modified.addSecs(-3600);
    {
        QFile file(dir.filePath(QStringLiteral("A.md")));
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(touched, QFileDevice::FileModificationTime));
    }
    const VaultWatchStamp confirmed{a.size, touched.toMSecsSinceEpoch(), a.contentHash};
    QVERIFY(QDir(dir.filePath(QStringLiteral("Gone"))).removeRecursively());

    const auto jobFor = [&](QHash<QString, bool> files, QStringList folders, QSet<QString> gone,
                            QHash<QString, VaultWatchStamp> confirmedStamps) {
        VaultWatchJob job;
        job.root = QDir(dir.path()).absolutePath();
        job.files = std::move(files);
        job.folders = std::move(folders);
        job.goneFolders = std::move(gone);
        job.notes = index.notes();
        job.confirmed = std::move(confirmedStamps);
        return job;
    };

    // The whole vault: every note is known; A's confirmed stamp matches the file, so A is not read.
    VaultWatchOutcome all = VaultWatchScan::run(jobFor({}, {QString()}, {}, {{QStringLiteral("A.md"), confirmed}}));
    QCOMPARE(all.known.size(), 3);
    QCOMPARE(all.known.value(QStringLiteral("A.md")), confirmed);
    QCOMPARE(all.removed, QStringList{QStringLiteral("Gone/B.md")});
    QVERIFY(all.changed.isEmpty());
    QCOMPARE(all.reread, 0);

    // Without the confirmed stamp the note's own is compared: A is read again, same bytes.
    VaultWatchOutcome unconfirmed = VaultWatchScan::run(jobFor({}, {QString()}, {}, {}));
    QCOMPARE(unconfirmed.known.value(QStringLiteral("A.md")).modifiedMs, a.modified.toMSecsSinceEpoch());
    QCOMPARE(unconfirmed.reread, 1);
    QCOMPARE(unconfirmed.unchanged.keys(), QStringList{QStringLiteral("A.md")});

    // A confirmed stamp for other content (the note changed since) is not used.
    VaultWatchStamp stale = confirmed;
    stale.contentHash = QByteArrayLiteral("other");
    VaultWatchOutcome notStale = VaultWatchScan::run(jobFor({{QStringLiteral("A.md"), false}}, {}, {}, {{QStringLiteral("A.md"), stale}}));
    QCOMPARE(notStale.known.keys(), QStringList{QStringLiteral("A.md")});
    QCOMPARE(notStale.known.value(QStringLiteral("A.md")).contentHash, a.contentHash);
    QCOMPARE(notStale.reread, 1);

    // A folder gone: only the notes under it are known, and each is a candidate (removed).
    VaultWatchOutcome gone = VaultWatchScan::run(jobFor({}, {}, {QStringLiteral("Gone")}, {}));
    QCOMPARE(gone.known.keys(), QStringList{QStringLiteral("Gone/B.md")});
    QCOMPARE(gone.removed, QStringList{QStringLiteral("Gone/B.md")});
    QCOMPARE(gone.checkedFiles, QStringList{QStringLiteral("Gone/B.md")});

    // The job's copies are let go of: the index's notes are its own again.
    QVERIFY(index.notes().isDetached());
}

QTEST_GUILESS_MAIN(TestVaultWatcher)
#include "tst_vaultwatcher.moc"
