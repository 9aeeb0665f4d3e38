#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// `minutes --watch FOLDER --json` as a user runs it: a real process on a real folder.
class TestWatchCli final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reportsChangesAndStopsOnSignal_data();
    void reportsChangesAndStopsOnSignal();
    void refusesMissingFolder();

private:
    static QJsonObject readEvent(QProcess &process, const QString &event);
};

QJsonObject TestWatchCli::readEvent(QProcess &process, const QString &event)
{
    // Lines other than the wanted event (state changes) are skipped.
    for (;;) {
        while (!process.canReadLine()) {
            if (!process.waitForReadyRead(10000))
                return {};
        }
        const QByteArray line = process.readLine();
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError) {
            qWarning("not a JSON line: %s", line.constData());
            return {};
        }
        if (document.object().value(QStringLiteral("event")).toString() == event)
            return document.object();
    }
}

void TestWatchCli::reportsChangesAndStopsOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT (Ctrl+C)") << int(SIGINT);
}

void TestWatchCli::reportsChangesAndStopsOnSignal()
{
    QFETCH(int, signalNumber);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        QFile existing(dir.filePath(QStringLiteral("Inbox.md")));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("# Inbox\n\n- [ ] Water the plants @Myself\n- [x] Pay the rent @Myself\n");
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(QStringLiteral(MINUTES_BINARY), {QStringLiteral("--watch"), dir.path(), QStringLiteral("--json")});
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));

    const QJsonObject ready = readEvent(process, QStringLiteral("ready"));
    QVERIFY2(!ready.isEmpty(), process.readAllStandardError().constData());
    QCOMPARE(ready.value(QStringLiteral("counts")).toObject().value(QStringLiteral("notes")).toInt(), 1);

    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("Meetings"))));
    {
        QFile created(dir.filePath(QStringLiteral("Meetings/2025-03-04 Sync.md")));
        QVERIFY(created.open(QIODevice::WriteOnly));
        created.write("---\ntitle: Sync\ndate: 2025-03-04\nparticipants: [Ada Quill]\n---\n# Sync\n- [ ] Send the deck @Ada Quill\n");
    }
    const QJsonObject change = readEvent(process, QStringLiteral("change"));
    QVERIFY2(!change.isEmpty(), process.readAllStandardError().constData());
    QCOMPARE(change.value(QStringLiteral("added")).toArray(), QJsonArray{QStringLiteral("Meetings/2025-03-04 Sync.md")});
    QCOMPARE(change.value(QStringLiteral("changed")).toArray(), QJsonArray{});
    QCOMPARE(change.value(QStringLiteral("removed")).toArray(), QJsonArray{});
    const QJsonObject counts = change.value(QStringLiteral("counts")).toObject();
    QCOMPARE(counts.value(QStringLiteral("notes")).toInt(), 2);
    QCOMPARE(counts.value(QStringLiteral("openTasks")).toInt(), 2);
    QCOMPARE(counts.value(QStringLiteral("doneTasks")).toInt(), 1);
    for (const char *key : {"meetings", "people", "organisations", "problems"})
        QVERIFY2(counts.contains(QLatin1String(key)), key);

    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("Inbox.md"))));
    const QJsonObject removal = readEvent(process, QStringLiteral("change"));
    QCOMPARE(removal.value(QStringLiteral("removed")).toArray(), QJsonArray{QStringLiteral("Inbox.md")});
    QCOMPARE(removal.value(QStringLiteral("counts")).toObject().value(QStringLiteral("notes")).toInt(), 1);

    QCOMPARE(::kill(pid_t(process.processId()), signalNumber), 0);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

void TestWatchCli::refusesMissingFolder()
{
    QTemporaryDir dir;
    QProcess process;
    process.start(QStringLiteral(MINUTES_BINARY),
                  {QStringLiteral("--watch"), dir.filePath(QStringLiteral("nowhere")), QStringLiteral("--json")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY(process.exitCode() != 0);
    QVERIFY(process.readAllStandardError().contains("nowhere"));
}

QTEST_GUILESS_MAIN(TestWatchCli)
#include "tst_watchcli.moc"
