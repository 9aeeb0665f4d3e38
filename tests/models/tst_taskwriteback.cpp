// TaskWriteBack over a fixture vault on disk: a tick reaches the file byte for byte and the index
// at once, undo and redo restore exactly, refusals leave the file and say why, and the watcher
// does not load the app's own write a second time.

#include "fixture.h"
#include "models/taskmodel.h"
#include "models/taskwriteback.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"
#include "vault/vaultwatcher.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace minutes;

namespace {

const QDate Day(2025, 6, 1);
const QString Alpha = QStringLiteral("Meetings/2025-03-10 - Alpha review.md");
const QByteArray DeckLine = "- [ ] Send deck to Bob @Myself 📅 2025-03-12 ⏫ #task";
const QByteArray BookLine = "- [x] Book the meeting room @Ann Example ✅ 2025-03-09 #task";

} // namespace

class TestTaskWriteBack : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void tickReachesFileAndIndexAtOnce();
    void everyStatus_data();
    void everyStatus();
    void undoAndRedoRestoreExactly();
    void newChangeDropsRedo();
    void readOnlyNoteIsRefused();
    void changedNoteIsRefusedAndCanBeReloaded();
    void undoRefusedWhenLineChangedSince();
    void writesRunInOrder();
    void ownWriteIsNotLoadedAgain();
    void anotherVaultForgetsHistory();

private:
    QByteArray read() const;
    QString alphaPath() const { return QDir(m_dir->path()).filePath(Alpha); }
    bool waitWritten(int count = 1);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<VaultIndex> m_index;
    std::unique_ptr<TaskModel> m_tasks;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<TaskWriteBack> m_writeBack;
    std::unique_ptr<QSignalSpy> m_written;
    std::unique_ptr<QSignalSpy> m_refused;
    QByteArray m_original;
};

void TestTaskWriteBack::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(fixture::writeVault(m_dir->path()));
    m_index = std::make_unique<VaultIndex>();
    m_tasks = std::make_unique<TaskModel>(m_index.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_tasks.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_index->reset(VaultLoader::load(m_dir->path()));
    m_writeBack = std::make_unique<TaskWriteBack>(m_index.get(), m_tasks.get());
    m_writeBack->setDate(Day);
    m_written = std::make_unique<QSignalSpy>(m_writeBack.get(), &TaskWriteBack::written);
    m_refused = std::make_unique<QSignalSpy>(m_writeBack.get(), &TaskWriteBack::refused);
    m_original = read();
    QVERIFY(m_original.contains(DeckLine));
}

void TestTaskWriteBack::cleanup()
{
    // Nothing may still be writing into the folder that goes away.
    if (m_writeBack)
        QTRY_VERIFY(!m_writeBack->isBusy());
    m_refused.reset();
    m_written.reset();
    m_writeBack.reset();
    m_tester.reset();
    m_tasks.reset();
    m_index.reset();
    QFile::setPermissions(alphaPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_dir.reset();
}

QByteArray TestTaskWriteBack::read() const
{
    QFile file(alphaPath());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool TestTaskWriteBack::waitWritten(int count)
{
    if (m_written->size() < count && !m_written->wait(10000))
        return false;
    while (m_written->size() < count) {
        if (!m_written->wait(10000))
            return false;
    }
    return true;
}

void TestTaskWriteBack::tickReachesFileAndIndexAtOnce()
{
    QSignalSpy indexChanged(m_index.get(), &VaultIndex::notesChanged);
    QVERIFY(m_writeBack->setStatus(Alpha, 17, std::nullopt));
    // Pending at once, and not asked for twice.
    QVERIFY(m_tasks->isPending(Alpha, 17));
    QCOMPARE(m_tasks->indexOfTask(Alpha, 17).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(!m_writeBack->setStatus(Alpha, 17, std::nullopt));
    QVERIFY(m_writeBack->isBusy());
    QVERIFY(!m_writeBack->canUndo());

    QVERIFY(waitWritten());
    QCOMPARE(m_written->at(0).at(0).value<TaskWriteBack::Kind>(), TaskWriteBack::Kind::Change);
    QCOMPARE(m_written->at(0).at(1).toString(), Alpha);
    QCOMPARE(m_written->at(0).at(2).toString(), QStringLiteral("tick “Send deck to Bob”"));
    QByteArray expected = m_original;
    expected.replace(DeckLine, "- [x] Send deck to Bob @Myself 📅 2025-03-12 ⏫ #task ✅ 2025-06-01");
    QCOMPARE(read(), expected);
    // The index already holds the new line; the row is no longer pending.
    QCOMPARE(indexChanged.size(), 1);
    QVERIFY(!m_tasks->isPending(Alpha, 17));
    const NoteTask *task = m_tasks->task(Alpha, 17);
    QVERIFY(task);
    QCOMPARE(task->state(), TaskState::Done);
    QCOMPARE(task->task().done, Day);
    QCOMPARE(m_index->note(Alpha)->size, qint64(expected.size()));
    QVERIFY(m_writeBack->canUndo());
    QCOMPARE(m_writeBack->undoText(), QStringLiteral("tick “Send deck to Bob”"));
    QVERIFY(m_refused->isEmpty());
}

void TestTaskWriteBack::everyStatus_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("status");   // empty: toggle
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QString>("summary");

    QTest::newRow("toggle done task reopens it, done date dropped")
        << 21 << QString() << BookLine << QByteArray("- [ ] Book the meeting room @Ann Example #task")
        << QStringLiteral("untick “Book the meeting room”");
    QTest::newRow("in progress")
        << 17 << QStringLiteral("/") << DeckLine << QByteArray("- [/] Send deck to Bob @Myself 📅 2025-03-12 ⏫ #task")
        << QStringLiteral("mark in progress “Send deck to Bob”");
    QTest::newRow("cancelled gets a cancelled date")
        << 17 << QStringLiteral("-") << DeckLine
        << QByteArray("- [-] Send deck to Bob @Myself 📅 2025-03-12 ⏫ #task ❌ 2025-06-01")
        << QStringLiteral("cancel “Send deck to Bob”");
    QTest::newRow("done from the menu")
        << 17 << QStringLiteral("x") << DeckLine
        << QByteArray("- [x] Send deck to Bob @Myself 📅 2025-03-12 ⏫ #task ✅ 2025-06-01")
        << QStringLiteral("tick “Send deck to Bob”");
    QTest::newRow("done task back to do from the menu")
        << 21 << QStringLiteral(" ") << BookLine << QByteArray("- [ ] Book the meeting room @Ann Example #task")
        << QStringLiteral("untick “Book the meeting room”");
}

void TestTaskWriteBack::everyStatus()
{
    QFETCH(int, line);
    QFETCH(QString, status);
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QString, summary);
    const std::optional<char32_t> wanted = status.isEmpty() ? std::nullopt : std::optional<char32_t>(status.at(0).unicode());
    QVERIFY(m_writeBack->setStatus(Alpha, line, wanted));
    QVERIFY(waitWritten());
    QByteArray expected = m_original;
    QVERIFY(expected.contains(before));
    expected.replace(before, after);
    QCOMPARE(read(), expected);
    QCOMPARE(m_written->at(0).at(2).toString(), summary);
    m_writeBack->undo();
    QVERIFY(waitWritten(2));
    QCOMPARE(read(), m_original);
}

void TestTaskWriteBack::undoAndRedoRestoreExactly()
{
    QVERIFY(m_writeBack->setStatus(Alpha, 17, std::nullopt));
    QVERIFY(waitWritten());
    const QByteArray ticked = read();
    QVERIFY(ticked != m_original);

    m_writeBack->undo();
    QVERIFY(!m_writeBack->canUndo());   // one at a time
    QVERIFY(waitWritten(2));
    QCOMPARE(m_written->at(1).at(0).value<TaskWriteBack::Kind>(), TaskWriteBack::Kind::Undo);
    QCOMPARE(read(), m_original);
    QCOMPARE(m_tasks->task(Alpha, 17)->state(), TaskState::Todo);
    QVERIFY(!m_writeBack->canUndo());
    QVERIFY(m_writeBack->canRedo());
    QCOMPARE(m_writeBack->redoText(), QStringLiteral("tick “Send deck to Bob”"));

    m_writeBack->redo();
    QVERIFY(waitWritten(3));
    QCOMPARE(m_written->at(2).at(0).value<TaskWriteBack::Kind>(), TaskWriteBack::Kind::Redo);
    QCOMPARE(read(), ticked);
    QCOMPARE(m_tasks->task(Alpha, 17)->state(), TaskState::Done);

    // And back once more: the history holds where the lines are now.
    m_writeBack->undo();
    QVERIFY(waitWritten(4));
    QCOMPARE(read(), m_original);
    QVERIFY(m_refused->isEmpty());
}

void TestTaskWriteBack::newChangeDropsRedo()
{
    QVERIFY(m_writeBack->setStatus(Alpha, 17, std::nullopt));
    QVERIFY(waitWritten());
    m_writeBack->undo();
    QVERIFY(waitWritten(2));
    QVERIFY(m_writeBack->canRedo());
    QVERIFY(m_writeBack->setStatus(Alpha, 19, std::nullopt));
    QVERIFY(waitWritten(3));
    QVERIFY(!m_writeBack->canRedo());
    QCOMPARE(m_writeBack->undoText(), QStringLiteral("tick “Draft agenda for the offsite”"));
}

void TestTaskWriteBack::readOnlyNoteIsRefused()
{
    QVERIFY(QFile::setPermissions(alphaPath(), QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QVERIFY(m_writeBack->setStatus(Alpha, 17, std::nullopt));
    QVERIFY(m_refused->wait(10000));
    const QList<QVariant> refusal = m_refused->at(0);
    QCOMPARE(refusal.at(1).toString(), Alpha);
    QVERIFY(!refusal.at(3).toString().isEmpty());
    QCOMPARE(refusal.at(4).toBool(), false);   // the note is as indexed: reloading will not help
    QCOMPARE(read(), m_original);
    QVERIFY(!m_tasks->isPending(Alpha, 17));
    QCOMPARE(m_tasks->indexOfTask(Alpha, 17).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QVERIFY(!m_writeBack->canUndo());
    QVERIFY(m_written->isEmpty());
}

void TestTaskWriteBack::changedNoteIsRefusedAndCanBeReloaded()
{
    // Someone rewrote the task line; the index (no watcher here) does not know yet.
    QByteArray changed = m_original;
    changed.replace(DeckLine, "- [ ] Send the deck to Bob and Ann @Myself 📅 2025-03-12 #task");
    QVERIFY(fixture::write(m_dir->path(), Alpha, changed));

    QVERIFY(m_writeBack->setStatus(Alpha, 17, std::nullopt));
    QVERIFY(m_refused->wait(10000));
    QCOMPARE(m_refused->at(0).at(4).toBool(), true);
    QCOMPARE(read(), changed);
    QCOMPARE(m_tasks->task(Alpha, 17)->description(), QStringLiteral("Send deck to Bob #task"));

    QSignalSpy reloaded(m_writeBack.get(), &TaskWriteBack::noteReloaded);
    m_writeBack->reloadNote(Alpha);
    QVERIFY(reloaded.wait(10000));
    QCOMPARE(m_tasks->task(Alpha, 17)->description(), QStringLiteral("Send the deck to Bob and Ann #task"));
    // Now the tick goes through, on the new line.
    QVERIFY(m_writeBack->setStatus(Alpha, 17, std::nullopt));
    QVERIFY(waitWritten());
    QVERIFY(read().contains("- [x] Send the deck to Bob and Ann @Myself 📅 2025-03-12 #task ✅ 2025-06-01\n"));
}

void TestTaskWriteBack::undoRefusedWhenLineChangedSince()
{
    QVERIFY(m_writeBack->setStatus(Alpha, 17, std::nullopt));
    QVERIFY(waitWritten());
    QByteArray edited = read();
    edited.replace("- [x] Send deck to Bob", "- [x] Sent the deck to Bob");
    QVERIFY(fixture::write(m_dir->path(), Alpha, edited));

    m_writeBack->undo();
    QVERIFY(m_refused->wait(10000));
    QCOMPARE(m_refused->at(0).at(0).value<TaskWriteBack::Kind>(), TaskWriteBack::Kind::Undo);
    QVERIFY(m_refused->at(0).at(3).toString().contains(QStringLiteral("changed")));
    QCOMPARE(m_refused->at(0).at(4).toBool(), true);
    QCOMPARE(read(), edited);   // never old bytes over someone's edit
    QVERIFY(m_writeBack->canUndo());
}

void TestTaskWriteBack::writesRunInOrder()
{
    // Three ticks in a row, two of them in the same note: one after the other, all in the file.
    QVERIFY(m_writeBack->setStatus(Alpha, 17, std::nullopt));
    QVERIFY(m_writeBack->setStatus(Alpha, 19, std::nullopt));
    QVERIFY(m_writeBack->setStatus(Alpha, 21, std::nullopt));
    QVERIFY(m_tasks->isPending(Alpha, 19));
    QVERIFY(waitWritten(3));
    const QByteArray bytes = read();
    QVERIFY(bytes.contains("- [x] Send deck to Bob @Myself 📅 2025-03-12 ⏫ #task ✅ 2025-06-01\n"));
    QVERIFY(bytes.contains("- [x] Draft agenda for the offsite @Myself 📅 2025-03-14 🔼 #task ✅ 2025-06-01\n"));
    QVERIFY(bytes.contains("- [ ] Book the meeting room @Ann Example #task\n"));
    for (const int line : {17, 19, 21})
        QVERIFY(!m_tasks->isPending(Alpha, line));
    // Undone newest first, back to the original bytes.
    for (int undone = 1; undone <= 3; ++undone) {
        m_writeBack->undo();
        QVERIFY(waitWritten(3 + undone));
    }
    QCOMPARE(read(), m_original);
}

void TestTaskWriteBack::ownWriteIsNotLoadedAgain()
{
    VaultWatcher watcher(m_index.get());
    QCOMPARE(watcher.state(), VaultWatcher::State::Watching);
    // Settling longer than a write takes even on a busy machine: the check comes after the apply.
    watcher.setSettleInterval(std::chrono::seconds(1));
    watcher.setMaxDelay(std::chrono::seconds(2));
    QSignalSpy synced(&watcher, &VaultWatcher::synced);
    QSignalSpy indexChanged(m_index.get(), &VaultIndex::notesChanged);

    QVERIFY(m_writeBack->setStatus(Alpha, 17, std::nullopt));
    QVERIFY(waitWritten());
    QCOMPARE(indexChanged.size(), 1);
    // The watcher saw the write, checked it, and found the index already holds these bytes.
    QVERIFY(synced.wait(10000));
    QTRY_VERIFY(watcher.isIdle());
    QCOMPARE(synced.last().at(0).toInt(), 0);
    QCOMPARE(synced.last().at(1).toInt(), 0);
    QCOMPARE(indexChanged.size(), 1);
    QCOMPARE(m_tasks->task(Alpha, 17)->state(), TaskState::Done);
}

void TestTaskWriteBack::anotherVaultForgetsHistory()
{
    QVERIFY(m_writeBack->setStatus(Alpha, 17, std::nullopt));
    QVERIFY(waitWritten());
    QVERIFY(m_writeBack->canUndo());
    QSignalSpy history(m_writeBack.get(), &TaskWriteBack::historyChanged);
    m_index->reset(VaultLoader::load(m_dir->path()));
    QVERIFY(!m_writeBack->canUndo());
    QVERIFY(m_writeBack->undoText().isEmpty());
    QVERIFY(!history.isEmpty());
}

QTEST_GUILESS_MAIN(TestTaskWriteBack)
#include "tst_taskwriteback.moc"
