#include "vault/vaultindex.h"
#include "vault/vaultloader.h"
#include "vault/vaultwatcher.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace minutes;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes, QIODevice::OpenMode mode = QIODevice::WriteOnly | QIODevice::Truncate)
{
    QFile file(path);
    return file.open(mode) && file.write(bytes) == bytes.size();
}

QByteArray note(int i, int revision)
{
    return QStringLiteral("---\ntitle: Meeting %1 rev %2\ndate: 2025-02-%3\nparticipants: [Ada Quill, Bo Lindqvist]\n---\n"
                          "# Meeting %1\n\n## Action Items\n- [ ] Task %1.%2 @Ada Quill 📅 2025-03-01\n- [x] Done %1 ✅ 2025-02-01\n")
        .arg(i)
        .arg(revision)
        .arg(1 + i % 28, 2, 10, QLatin1Char('0'))
        .toUtf8();
}

} // namespace

// A burst far larger than the inotify queue (16,384 events by default) while the event loop is
// not reading: events are lost, the watcher must notice (IN_Q_OVERFLOW) and still end up with
// exactly what a fresh load sees.
class TestVaultWatchStress final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void burstEqualsFreshLoad();
};

void TestVaultWatchStress::burstEqualsFreshLoad()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = QDir::cleanPath(dir.path());
    for (int folder = 0; folder < 10; ++folder)
        QVERIFY(QDir().mkpath(QStringLiteral("%1/Folder %2").arg(root).arg(folder)));
    for (int i = 0; i < 500; ++i)
        QVERIFY(writeFile(QStringLiteral("%1/Folder %2/n%3.md").arg(root).arg(i % 10).arg(i), note(i, 0)));

    VaultIndex index;
    VaultWatcher watcher(&index);
    index.reset(VaultLoader::load(root));
    QTRY_VERIFY(watcher.isIdle());
    QCOMPARE(index.notes().size(), 500);
    QSignalSpy changes(&index, &VaultIndex::notesChanged);

    QElapsedTimer timer;
    timer.start();
    // 5,000 writes of every kind without returning to the event loop.
    int writes = 0;
    for (int i = 500; i < 4000; ++i, ++writes) {
        const QString folder = QStringLiteral("%1/Folder %2").arg(root).arg(i % 10);
        QVERIFY(writeFile(QStringLiteral("%1/n%2.md").arg(folder).arg(i), note(i, 0)));
    }
    for (int i = 0; i < 1000; ++i, ++writes) {
        const QString path = QStringLiteral("%1/Folder %2/n%3.md").arg(root).arg(i % 10).arg(i);
        QVERIFY(writeFile(path, "- [ ] Appended @Bo Lindqvist\n", QIODevice::WriteOnly | QIODevice::Append));
    }
    // Twice more in place: the kernel queue cannot hold all of this.
    for (int round = 0; round < 2; ++round) {
        for (int i = 2000; i < 4000; ++i, ++writes) {
            const QString path = QStringLiteral("%1/Folder %2/n%3.md").arg(root).arg(i % 10).arg(i);
            QVERIFY(writeFile(path, "- [x] Appended again\n", QIODevice::WriteOnly | QIODevice::Append));
        }
    }
    for (int i = 1000; i < 1300; ++i, ++writes)
        QVERIFY(QFile::remove(QStringLiteral("%1/Folder %2/n%3.md").arg(root).arg(i % 10).arg(i)));
    for (int i = 1300; i < 1500; ++i, ++writes) {
        const QString folder = QStringLiteral("%1/Folder %2").arg(root).arg(i % 10);
        QVERIFY(QFile::rename(QStringLiteral("%1/n%2.md").arg(folder).arg(i), QStringLiteral("%1/renamed%2.md").arg(folder).arg(i)));
    }
    QVERIFY(QDir().rename(root + QStringLiteral("/Folder 9"), root + QStringLiteral("/Folder nine")));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/New/Deep")));
    for (int i = 0; i < 500; ++i, ++writes)
        QVERIFY(writeFile(QStringLiteral("%1/New/Deep/d%2.md").arg(root).arg(i), note(10000 + i, 1)));
    QCOMPARE(writes, 9500);
    const qint64 writeMs = timer.elapsed();

    const ScanResult fresh = VaultLoader::load(root);
    QCOMPARE(fresh.notes.size(), 500 + 3500 - 300 + 500);
    QTRY_VERIFY_WITH_TIMEOUT(index.notes().size() == fresh.notes.size() && watcher.isIdle(), 120000);
    qInfo("latency burst: %lld ms to write %d files, %lld ms until the index matched (%lld notesChanged signals, "
          "%d queue overflows)",
          writeMs, writes, timer.elapsed(), qint64(changes.count()), watcher.overflowCount());
    // Well over 16,384 events (the default fs.inotify.max_queued_events) went unread.
    QFile limit(QStringLiteral("/proc/sys/fs/inotify/max_queued_events"));
    if (limit.open(QIODevice::ReadOnly) && limit.readAll().trimmed().toInt() <= 16384)
        QVERIFY(watcher.overflowCount() > 0);

    QCOMPARE(index.notePaths(), VaultLoader::findNotes(root));
    for (const Note &expected : fresh.notes) {
        const Note *actual = index.note(expected.relativePath);
        QVERIFY2(actual, qPrintable(expected.relativePath));
        QCOMPARE(actual->title, expected.title);
        QCOMPARE(actual->tasks, expected.tasks);
        QCOMPARE(actual->contentHash, expected.contentHash);
    }
    // No model reset on the way: everything arrived as incremental changes.
    QVERIFY(changes.count() > 0);
}

QTEST_GUILESS_MAIN(TestVaultWatchStress)
#include "tst_vaultwatchstress.moc"
