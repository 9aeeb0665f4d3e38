#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/resource.h>

// `minutes --toggle FILE:LINE [--status CHAR] [--date YYYY-MM-DD]`, run as a real process.
class TestToggleCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void toggles_data();
    void toggles();
    void refusals_data();
    void refusals();
    void writeFailureLeavesNoteIntact();
    void symlinkOutsideVaultRefused();
    void seedNoteTicksOneLine();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out, err;
    };
    Run run(const QStringList &args, bool limitFileSize = false);
    void writeNote(const QByteArray &bytes);
    QByteArray note() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_note;
};

void TestToggleCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral(".obsidian")));
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("Meetings")));
    m_note = m_dir->filePath(QStringLiteral("Meetings/2025-11-08 Sync.md"));
}

TestToggleCli::Run TestToggleCli::run(const QStringList &args, bool limitFileSize)
{
    QProcess process;
    process.setProgram(QStringLiteral(MINUTES_BINARY));
    process.setArguments(args);
    if (limitFileSize) {
        // A real write failure: the kernel refuses to grow any file past 1 KiB (EFBIG).
        process.setChildProcessModifier([] {
            std::signal(SIGXFSZ, SIG_IGN);
            struct rlimit limit {};
            ::getrlimit(RLIMIT_FSIZE, &limit);
            limit.rlim_cur = 1024;
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
    }
    process.start();
    Run r;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

void TestToggleCli::writeNote(const QByteArray &bytes)
{
    QFile f(m_note);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), qint64(bytes.size()));
}

QByteArray TestToggleCli::note() const
{
    QFile f(m_note);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

void TestToggleCli::toggles_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray file("# Sync\r\n\r\n- [ ] Send deck @Rob Banga 📅 2025-11-08 #task\r\n- [x] Old ✅ 2025-11-01\r\n");
    QTest::newRow("tick") << file << QStringList{} << 3
                          << QByteArray("# Sync\r\n\r\n- [x] Send deck @Rob Banga 📅 2025-11-08 #task ✅ 2025-11-09\r\n"
                                        "- [x] Old ✅ 2025-11-01\r\n");
    QTest::newRow("untick") << file << QStringList{} << 4
                            << QByteArray("# Sync\r\n\r\n- [ ] Send deck @Rob Banga 📅 2025-11-08 #task\r\n- [ ] Old\r\n");
    QTest::newRow("cancel by symbol") << file << QStringList{QStringLiteral("--status"), QStringLiteral("-")} << 3
                                      << QByteArray("# Sync\r\n\r\n- [-] Send deck @Rob Banga 📅 2025-11-08 #task ❌ 2025-11-09\r\n"
                                                    "- [x] Old ✅ 2025-11-01\r\n");
    QTest::newRow("in progress by name") << file << QStringList{QStringLiteral("--status"), QStringLiteral("in-progress")}
                                         << 3
                                         << QByteArray("# Sync\r\n\r\n- [/] Send deck @Rob Banga 📅 2025-11-08 #task\r\n"
                                                       "- [x] Old ✅ 2025-11-01\r\n");
    QTest::newRow("recurring") << QByteArray("- [ ] Bins 🔁 every week 📅 2025-11-08") << QStringList{} << 1
                               << QByteArray("- [ ] Bins 🔁 every week 📅 2025-11-15\n"
                                             "- [x] Bins 🔁 every week 📅 2025-11-08 ✅ 2025-11-09");
}

void TestToggleCli::toggles()
{
    QFETCH(QByteArray, file);
    QFETCH(QStringList, extra);
    QFETCH(int, line);
    QFETCH(QByteArray, expected);
    writeNote(file);
    const Run r = run(QStringList{QStringLiteral("--toggle"), m_note + QLatin1Char(':') + QString::number(line),
                                  QStringLiteral("--date"), QStringLiteral("2025-11-09")} + extra);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(note(), expected);
    QVERIFY2(r.out.contains("+ "), r.out.constData());
}

void TestToggleCli::refusals_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QByteArray>("message");

    QTest::newRow("not a task line") << QStringLiteral(":1") << QStringList{} << QByteArray("not a task");
    QTest::newRow("no such line") << QStringLiteral(":99") << QStringList{} << QByteArray("no such line");
    QTest::newRow("no line number") << QString() << QStringList{} << QByteArray("FILE:LINE");
    QTest::newRow("line zero") << QStringLiteral(":0") << QStringList{} << QByteArray("FILE:LINE");
    QTest::newRow("bad status") << QStringLiteral(":2") << QStringList{QStringLiteral("--status"), QStringLiteral("xx")}
                                << QByteArray("--status");
    QTest::newRow("already done") << QStringLiteral(":3") << QStringList{QStringLiteral("--status"), QStringLiteral("x")}
                                  << QByteArray("already done");
    QTest::newRow("missing file") << QStringLiteral(".missing:2") << QStringList{} << QByteArray("minutes:");
}

void TestToggleCli::refusals()
{
    QFETCH(QString, target);
    QFETCH(QStringList, extra);
    QFETCH(QByteArray, message);
    const QByteArray original("# Sync\n- [ ] Open\n- [x] Done ✅ 2025-11-01\n");
    writeNote(original);
    const Run r = run(QStringList{QStringLiteral("--toggle"), m_note + target, QStringLiteral("--date"),
                                  QStringLiteral("2025-11-09")} + extra);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(message), r.err.constData());
    QCOMPARE(note(), original);
}

// PITFALLS.md: QSaveFile on Qt 6.4 reported success and left an empty note after a write error.
void TestToggleCli::writeFailureLeavesNoteIntact()
{
    const QByteArray original = "# Sync\n" + QByteArray(2000, 'n') + "\n- [ ] Send deck\n";
    writeNote(original);
    const Run r = run({QStringLiteral("--toggle"), m_note + QStringLiteral(":3"), QStringLiteral("--date"),
                       QStringLiteral("2025-11-09")},
                      true);
    QVERIFY2(r.exitCode != 0, r.out.constData());
    QVERIFY2(r.err.contains("Cannot save"), r.err.constData());
    QCOMPARE(note(), original);
    QCOMPARE(QDir(m_dir->filePath(QStringLiteral("Meetings"))).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("2025-11-08 Sync.md")});
}

void TestToggleCli::symlinkOutsideVaultRefused()
{
    QTemporaryDir elsewhere;
    QVERIFY(elsewhere.isValid());
    const QString outside = elsewhere.filePath(QStringLiteral("private.md"));
    {
        QFile f(outside);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("- [ ] Private\n");
    }
    const QString link = m_dir->filePath(QStringLiteral("Meetings/link.md"));
    QVERIFY(QFile::link(outside, link));
    const Run r = run({QStringLiteral("--toggle"), link + QStringLiteral(":1")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("outside the vault"), r.err.constData());
    QFile f(outside);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("- [ ] Private\n"));
}

// A copy of a real note: ticking its mangled "[ ?]" line changes that line only.
void TestToggleCli::seedNoteTicksOneLine()
{
    const QDir seeds(QStringLiteral(MINUTES_SEEDS_DIR));
    const QStringList names = seeds.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    if (names.isEmpty())
        QSKIP("no seed notes on this machine");
    QFile seed(seeds.filePath(names.first()));
    QVERIFY(seed.open(QIODevice::ReadOnly));
    const QByteArray original = seed.readAll();
    QList<QByteArray> lines = original.split('\n');
    int taskLine = 0;
    for (int i = 0; i < lines.size() && taskLine == 0; ++i) {
        if (lines[i].startsWith("- [ ?]") || lines[i].startsWith("- [?]"))
            taskLine = i + 1;
    }
    if (taskLine == 0)
        QSKIP("the first seed note has no open task");
    writeNote(original);
    const Run r = run({QStringLiteral("--toggle"), m_note + QLatin1Char(':') + QString::number(taskLine),
                       QStringLiteral("--date"), QStringLiteral("2025-11-09")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QByteArray &changed = lines[taskLine - 1];
    changed.replace(changed.indexOf('['), changed.indexOf(']') - changed.indexOf('[') + 1, "[x]");
    changed += " ✅ 2025-11-09";
    QCOMPARE(note(), lines.join('\n'));
}

QTEST_GUILESS_MAIN(TestToggleCli)
#include "tst_togglecli.moc"
