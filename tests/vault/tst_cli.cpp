#include "note/noteparser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace minutes;

// The windowless side of the real `minutes` binary: --summary, --json, --help, --version and
// usage errors, run through QProcess.
class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void summaryOfTheSeeds();
    void jsonOfTheSeeds();
    void problemsExitWithOne();
    void usageErrors_data();
    void usageErrors();
    void helpListsTheGuiUsage();
    void versionComesFromTheBuild();

private:
    struct Run
    {
        int exitCode = -1;
        QString out, err;
    };
    static Run run(const QStringList &arguments);
    void copySeeds(const QString &to);
};

TestCli::Run TestCli::run(const QStringList &arguments)
{
    QProcess process;
    process.setProgram(QStringLiteral(MINUTES_BINARY));
    process.setArguments(arguments);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start();
    Run result;
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestCli::copySeeds(const QString &to)
{
    const QDir seeds(QStringLiteral(MINUTES_SEEDS_DIR));
    const QStringList files = seeds.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 2);
    for (const QString &seed : files)
        QVERIFY(QFile::copy(seeds.filePath(seed), to + QLatin1Char('/') + QFileInfo(seed).completeBaseName() + ".md"));
}

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(MINUTES_BINARY)).isExecutable(), MINUTES_BINARY);
}

void TestCli::summaryOfTheSeeds()
{
    QTemporaryDir vault;
    copySeeds(vault.path());
    const Run result = run({QStringLiteral("--summary"), vault.path()});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
    const auto line = [&](const char *pattern) {
        return QRegularExpression(QString::fromUtf8(pattern), QRegularExpression::MultilineOption).match(result.out).hasMatch();
    };
    QVERIFY2(line("^Notes:\\s+2$"), qPrintable(result.out));
    QVERIFY2(line("^Meetings:\\s+1 \\(1 with several versions\\)$"), qPrintable(result.out));
    QVERIFY2(line("^People:\\s+6$"), qPrintable(result.out));
    QVERIFY2(line("^Organisations:\\s+10$"), qPrintable(result.out));
    QVERIFY2(line("^Tasks:\\s+9 open, 0 done$"), qPrintable(result.out));
    QVERIFY2(line("^Problems:\\s+0$"), qPrintable(result.out));
    QVERIFY2(line("^Loaded in \\d+ ms$"), qPrintable(result.out));
}

void TestCli::jsonOfTheSeeds()
{
    QTemporaryDir vault;
    copySeeds(vault.path());
    const Run result = run({QStringLiteral("--summary"), QStringLiteral("--json"), vault.path()});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(result.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));

    const QJsonObject counts = doc.value(QStringLiteral("counts")).toObject();
    QCOMPARE(counts.value(QStringLiteral("notes")).toInt(), 2);
    QCOMPARE(counts.value(QStringLiteral("meetings")).toInt(), 1);
    QCOMPARE(counts.value(QStringLiteral("meetingsWithVersions")).toInt(), 1);
    QCOMPARE(counts.value(QStringLiteral("openTasks")).toInt(), 9);
    QCOMPARE(counts.value(QStringLiteral("doneTasks")).toInt(), 0);
    QCOMPARE(counts.value(QStringLiteral("problems")).toInt(), 0);

    const QJsonArray meetings = doc.value(QStringLiteral("meetings")).toArray();
    QCOMPARE(meetings.size(), 1);
    const QJsonObject meeting = meetings.first().toObject();
    QCOMPARE(meeting.value(QStringLiteral("date")).toString(), QStringLiteral("2025-10-31"));
    QCOMPARE(meeting.value(QStringLiteral("versions")).toArray().size(), 2);
    QVERIFY(meeting.value(QStringLiteral("participants")).toArray().contains(QStringLiteral("Rob Banga")));

    const QJsonArray tasks = doc.value(QStringLiteral("tasks")).toArray();
    QCOMPARE(tasks.size(), 9);
    QSet<QString> owners;
    for (const QJsonValue &value : tasks) {
        const QJsonObject task = value.toObject();
        QCOMPARE(task.value(QStringLiteral("due")).toString(), QStringLiteral("2025-11-08"));
        QCOMPARE(task.value(QStringLiteral("state")).toString(), QStringLiteral("todo"));
        QVERIFY(task.value(QStringLiteral("line")).toInt() > 0);
        QVERIFY(task.value(QStringLiteral("file")).toString().endsWith(QLatin1String(".md")));
        QVERIFY(task.value(QStringLiteral("tags")).toArray().contains(QStringLiteral("#task")));
        owners.insert(task.value(QStringLiteral("owner")).toString());
    }
    QCOMPARE(owners, (QSet<QString>{"Myself", "Rob Benoit", "Rob Banga"}));

    const auto names = [&](const char *key) {
        QStringList list;
        for (const QJsonValue &value : doc.value(QString::fromUtf8(key)).toArray()) {
            const QJsonObject entity = value.toObject();
            list.append(entity.value(QStringLiteral("name")).toString());
            if (entity.value(QStringLiteral("evidence")).toArray().isEmpty())
                qWarning() << "no evidence for" << list.constLast();
        }
        return list;
    };
    const QStringList people = names("people");
    const QStringList organisations = names("organisations");
    for (const char *person : {"Myself", "Jason Vallery", "Rob Benoit", "Rob Banga", "Jeff Denworth",
                               "Andy Perlsteiner", "Ronen Cohen"})
        QVERIFY2(people.contains(QString::fromUtf8(person)), person);
    for (const char *org : {"NetApp", "Microsoft", "Google", "Amazon", "Oracle", "Databricks", "OpenAI",
                            "CoreWeave", "Goldman Sachs", "Cisco"})
        QVERIFY2(organisations.contains(QString::fromUtf8(org)), org);
    QCOMPARE(people.size(), 7);
    QCOMPARE(organisations.size(), 10);
    for (const QString &name : people + organisations) {
        QVERIFY2(!name.contains(QLatin1Char('/')), qPrintable(name));
        QVERIFY2(!name.startsWith(QLatin1String("2025-")), qPrintable(name));
    }
}

void TestCli::problemsExitWithOne()
{
    QTemporaryDir vault;
    QFile note(vault.filePath(QStringLiteral("ok.md")));
    QVERIFY(note.open(QIODevice::WriteOnly));
    note.write("# Fine\n");
    note.close();
    QFile big(vault.filePath(QStringLiteral("big.md")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(NoteParser::MaxNoteBytes + 1));
    big.close();

    const Run result = run({QStringLiteral("--summary"), vault.path()});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains(QRegularExpression(QStringLiteral("Notes:\\s+1\\n"))), qPrintable(result.out));
    QVERIFY2(result.out.contains(QRegularExpression(QStringLiteral("Problems:\\s+1\\n"))), qPrintable(result.out));
    QVERIFY2(result.err.startsWith(QLatin1String("big.md: ")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QString::number(NoteParser::MaxNoteBytes + 1)), qPrintable(result.err));

    const Run json = run({QStringLiteral("--summary"), QStringLiteral("--json"), vault.path()});
    QCOMPARE(json.exitCode, 1);
    const QJsonArray problems = QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("problems")).toArray();
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().toObject().value(QStringLiteral("file")).toString(), QStringLiteral("big.md"));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    QTest::newRow("summary without a folder") << QStringList{"--summary"} << "needs exactly one vault FOLDER";
    QTest::newRow("summary with two folders") << QStringList{"--summary", "@vault", "@vault"} << "needs exactly one vault FOLDER";
    QTest::newRow("nonexistent folder") << QStringList{"--summary", "@vault/nope"} << "no such folder";
    QTest::newRow("a file instead of a folder") << QStringList{"--summary", "@vault/note.md"} << "not a folder";
    QTest::newRow("unknown option") << QStringList{"--summary", "--bogus", "@vault"} << "bogus";
    QTest::newRow("toggle without a value") << QStringList{"--toggle"} << "toggle";
    QTest::newRow("toggle with an impossible date")
        << QStringList{"--toggle", "@vault/note.md:1", "--date", "2025-13-45"} << "YYYY-MM-DD";
    QTest::newRow("summary and toggle together")
        << QStringList{"--summary", "@vault", "--toggle", "@vault/note.md:1"} << "cannot be combined";
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QTemporaryDir vault;
    QFile note(vault.filePath(QStringLiteral("note.md")));
    QVERIFY(note.open(QIODevice::WriteOnly));
    note.write("- [ ] Task\n");
    note.close();
    for (QString &argument : arguments)
        argument.replace(QLatin1String("@vault"), vault.path());

    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
    QFile unchanged(vault.filePath(QStringLiteral("note.md")));
    QVERIFY(unchanged.open(QIODevice::ReadOnly));
    QCOMPARE(unchanged.readAll(), QByteArray("- [ ] Task\n"));
}

void TestCli::helpListsTheGuiUsage()
{
    for (const QString &flag : {QStringLiteral("--help"), QStringLiteral("-h")}) {
        const Run result = run({flag});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QLatin1String("minutes [FOLDER|FILE.md]")), qPrintable(result.out));
        QVERIFY(result.out.contains(QLatin1String("--summary")));
        QVERIFY(result.out.contains(QLatin1String("--json")));
        QVERIFY(result.out.contains(QLatin1String("--toggle")));
    }
}

void TestCli::versionComesFromTheBuild()
{
    for (const QString &flag : {QStringLiteral("--version"), QStringLiteral("-v")}) {
        const Run result = run({flag});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.trimmed(), QStringLiteral("minutes " MINUTES_VERSION));
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
