// VaultController loads folders off the GUI thread: results arrive through the event loop, a newer
// open() wins over an older one, bad folders are reported, and progress reaches the total.

#include "fixture.h"
#include "models/vaultcontroller.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include "core/workpool.h"

#include <QThreadPool>

using namespace minutes;

namespace {

// Waits for every worker to end and delivers what they posted, so that a result that must be
// ignored has had its chance to arrive.
void drainWorkers()
{
    QVERIFY(workPool()->waitForDone(20000));
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
}

} // namespace

class TestVaultController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsOffTheGuiThread();
    void newerOpenWins();
    void refusesWhatIsNoFolder_data();
    void refusesWhatIsNoFolder();
    void reloadAndClose();
    void emptyFolderLoadsNothing();
};

void TestVaultController::loadsOffTheGuiThread()
{
    QTemporaryDir dir;
    QVERIFY(fixture::writeVault(dir.path()));
    VaultController controller;
    QSignalSpy started(&controller, &VaultController::loadStarted);
    QSignalSpy finished(&controller, &VaultController::loadFinished);
    QSignalSpy progress(&controller, &VaultController::progress);
    QSignalSpy reset(controller.index(), &VaultIndex::resetDone);

    QVERIFY(controller.open(dir.path()));
    // open() returns at once: nothing is loaded until the event loop delivers the result.
    QCOMPARE(started.size(), 1);
    QVERIFY(controller.isLoading());
    QVERIFY(controller.index()->isEmpty());
    QCOMPARE(reset.size(), 0);

    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toString(), QDir::cleanPath(dir.path()));
    QCOMPARE(finished.at(0).at(1).toInt(), 6);
    QVERIFY(!controller.isLoading());
    QCOMPARE(reset.size(), 1);
    QCOMPARE(controller.index()->notes().size(), 6);
    QCOMPARE(controller.root(), QDir::cleanPath(dir.path()));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.constLast().at(0).toInt(), 6);
    QCOMPARE(progress.constLast().at(1).toInt(), 6);
}

void TestVaultController::newerOpenWins()
{
    QTemporaryDir first, second;
    QVERIFY(fixture::writeVault(first.path()));
    QVERIFY(fixture::write(second.path(), QStringLiteral("Only.md"), "# Only\n\n- [ ] One task\n"));
    VaultController controller;
    QSignalSpy finished(&controller, &VaultController::loadFinished);

    QVERIFY(controller.open(first.path()));
    QVERIFY(controller.open(second.path()));
    QVERIFY(finished.wait(20000));
    // Let the cancelled load finish and its result be delivered: it must be dropped.
    drainWorkers();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toString(), QDir::cleanPath(second.path()));
    QCOMPARE(controller.index()->root(), QDir::cleanPath(second.path()));
    QCOMPARE(controller.index()->notePaths(), QStringList{QStringLiteral("Only.md")});
}

void TestVaultController::refusesWhatIsNoFolder_data()
{
    QTest::addColumn<QString>("relative");
    QTest::newRow("missing") << QStringLiteral("does-not-exist");
    QTest::newRow("a file") << QStringLiteral("file.md");
    QTest::newRow("empty path") << QString();
}

void TestVaultController::refusesWhatIsNoFolder()
{
    QFETCH(QString, relative);
    QTemporaryDir dir;
    QVERIFY(fixture::write(dir.path(), QStringLiteral("file.md"), "# A note\n"));
    VaultController controller;
    QSignalSpy failed(&controller, &VaultController::loadFailed);
    QSignalSpy started(&controller, &VaultController::loadStarted);
    const QString path = relative.isEmpty() ? QString() : QDir(dir.path()).filePath(relative);
    QVERIFY(!controller.open(path));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!failed.at(0).at(1).toString().isEmpty());
    QCOMPARE(started.size(), 0);
    QVERIFY(!controller.isLoading());
}

void TestVaultController::reloadAndClose()
{
    QTemporaryDir dir;
    QVERIFY(fixture::writeVault(dir.path()));
    VaultController controller;
    QVERIFY(!controller.reload());   // nothing to reload yet
    QSignalSpy finished(&controller, &VaultController::loadFinished);
    QVERIFY(controller.open(dir.path()));
    QVERIFY(finished.wait(20000));

    QVERIFY(fixture::write(dir.path(), QStringLiteral("New.md"), "# New\n"));
    QVERIFY(controller.reload());
    QVERIFY(finished.wait(20000));
    QCOMPARE(controller.index()->notes().size(), 7);

    // Closing while a load runs drops that load.
    QVERIFY(controller.reload());
    controller.close();
    QVERIFY(controller.index()->isEmpty());
    drainWorkers();
    QCOMPARE(finished.size(), 2);
    QVERIFY(controller.index()->isEmpty());
    QVERIFY(controller.root().isEmpty());
}

void TestVaultController::emptyFolderLoadsNothing()
{
    QTemporaryDir dir;
    VaultController controller;
    QSignalSpy finished(&controller, &VaultController::loadFinished);
    QVERIFY(controller.open(dir.path()));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.at(0).at(1).toInt(), 0);
    QVERIFY(controller.index()->isEmpty());
}

QTEST_GUILESS_MAIN(TestVaultController)
#include "tst_vaultcontroller.moc"
