// Hostile files arriving while the vault is watched: the watcher takes them in one burst, each
// becomes a problem or a note as on a full load, nothing outside the vault is read, and the
// watcher keeps working for the good notes afterwards.

#include "hostilefiles.h"
#include "vault/indexcache.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"
#include "vault/vaultwatcher.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace minutes;
using namespace hostile;

namespace {

bool hasProblem(const VaultIndex &index, const QString &file, const QString &words)
{
    const Problems problems = index.problems();
    return std::any_of(problems.cbegin(), problems.cend(), [&](const Problem &problem) {
        return problem.file == file && problem.message.contains(words, Qt::CaseInsensitive);
    });
}

} // namespace

class TestHostileLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { IndexCache::setEnabled(false); }
    void hostileFilesArriveWhileWatching();
};

void TestHostileLive::hostileFilesArriveWhileWatching()
{
    QTemporaryDir top;
    QVERIFY(top.isValid());
    const QString root = top.filePath(QStringLiteral("vault"));
    const QString outside = top.filePath(QStringLiteral("outside"));
    QVERIFY(writeFile(outside, QStringLiteral("canary.md"), "# Canary\n\n" + CanaryText + "\n"));
    QVERIFY(writeFile(root, ControlPath, ControlNote));

    VaultIndex index;
    VaultWatcher watcher(&index);
    watcher.setPollInterval(std::chrono::milliseconds(200));
    index.reset(VaultLoader::load(root));
    QTRY_VERIFY(watcher.isIdle());
    QCOMPARE(watcher.state(), VaultWatcher::State::Watching);
    OpenSpy spy(outside);
    QVERIFY(spy.isValid());

    // One burst of everything hostile.
    QByteArray big(9 * 1024 * 1024, 'x');
    QVERIFY(writeFile(root, QStringLiteral("Drop/huge.md"), big));
    big.clear();
    QVERIFY(writeFile(root, QStringLiteral("Drop/picture.md"), QByteArray("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)));
    QVERIFY(writeFile(root, QStringLiteral("Drop/deep.md"), "---\nx: " + QByteArray(50000, '[') + "\n---\n- [ ] Deep task\n"));
    QVERIFY(symlink(QFile::encodeName(outside) + "/canary.md", root, QStringLiteral("Drop/stolen.md")));
    QVERIFY(symlink(QFile::encodeName(outside), root, QStringLiteral("Drop/elsewhere")));
    QVERIFY(symlink("self.md", root, QStringLiteral("Drop/self.md")));
    QVERIFY(symlink("..", root, QStringLiteral("Drop/up")));
    QVERIFY(::mkfifo(QFile::encodeName(root + QStringLiteral("/Drop/fifo.md")).constData(), 0644) == 0);
    QVERIFY(writeFile(root, QStringLiteral("Drop/folder.md/inside.md"), "# Inside\n\n- [ ] Inner task\n"));
    QVERIFY(writeRawName(root + QStringLiteral("/Drop"), "two\nlines.md", "# Two lines\n"));

    QTRY_VERIFY_WITH_TIMEOUT(index.note(QStringLiteral("Drop/folder.md/inside.md")) && index.note(QStringLiteral("Drop/deep.md"))
                                 && index.note(QStringLiteral("Drop/two\nlines.md"))
                                 && hasProblem(index, QStringLiteral("Drop/huge.md"), QStringLiteral("larger than")),
                             60'000);
    QTRY_VERIFY(watcher.isIdle());
    QVERIFY(hasProblem(index, QStringLiteral("Drop/picture.md"), QStringLiteral("binary")));
    QVERIFY(hasProblem(index, QStringLiteral("Drop/deep.md"), QStringLiteral("nests deeper")));
    QVERIFY(hasProblem(index, QStringLiteral("Drop/stolen.md"), QStringLiteral("outside the vault")));
    QVERIFY(hasProblem(index, QStringLiteral("Drop/elsewhere"), QStringLiteral("outside the vault")));
    QVERIFY(hasProblem(index, QStringLiteral("Drop/fifo.md"), QStringLiteral("not a regular file")));
    QVERIFY(!index.note(QStringLiteral("Drop/stolen.md")));
    QVERIFY(!index.note(QStringLiteral("Drop/huge.md")));
    QVERIFY(!index.note(QStringLiteral("Drop/fifo.md")));
    QCOMPARE(index.note(QStringLiteral("Drop/deep.md"))->tasks.size(), 1);
    QCOMPARE(index.note(ControlPath)->title, QStringLiteral("Control meeting"));
    for (const QString &path : index.notePaths())
        QVERIFY2(!path.startsWith(QLatin1String("Drop/up/")), qPrintable(path));

    // Still watching: an edit of the control note is seen.
    QVERIFY(writeFile(root, ControlPath, QByteArray(ControlNote).replace("Ping the team", "Ping everyone")));
    QTRY_VERIFY_WITH_TIMEOUT(index.note(ControlPath)->tasks.first().description().contains(QStringLiteral("Ping everyone")),
                             30'000);
    QCOMPARE(spy.takeEvents(), QStringList());
}

QTEST_GUILESS_MAIN(TestHostileLive)
#include "tst_hostilelive.moc"
