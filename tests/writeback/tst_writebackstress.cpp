#include "tasks/taskparser.h"
#include "tasks/taskwriter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace minutes;

namespace {

constexpr int kNotes = 4;
constexpr int kTasksPerNote = 10;
constexpr int kToggles = 2000;
const QDate kToday(2025, 11, 9);

QString taskText(int note, int task) { return QStringLiteral("Task %1 of note %2").arg(task).arg(note); }

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

// Ticks and unticks 2,000 times while another process appends to and rewrites the same notes.
// Afterwards every external edit and every reported tick must be in the files, and no file torn.
class TestWritebackStress final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void concurrentEdits();
};

void TestWritebackStress::concurrentEdits()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList paths;
    for (int n = 0; n < kNotes; ++n) {
        // one note has CRLF line endings
        const QByteArray eol = n == 1 ? "\r\n" : "\n";
        QByteArray bytes = "# Note " + QByteArray::number(n) + eol + "counter: 0" + eol + eol;
        for (int t = 0; t < kTasksPerNote; ++t) {
            bytes += "- [ ] " + taskText(n, t).toUtf8() + " @Myself 📅 2025-11-08 #task" + eol;
            bytes += "  plain text under task " + QByteArray::number(t) + "  " + eol;
        }
        paths.append(dir.filePath(QStringLiteral("note-%1.md").arg(n)));
        QFile f(paths.last());
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(bytes), qint64(bytes.size()));
    }

    QProcess editor;
    editor.setProgram(QStringLiteral(EXTERNAL_EDITOR));
    editor.setArguments(paths);
    editor.start();
    QVERIFY(editor.waitForStarted());
    QVERIFY(editor.waitForReadyRead(10000));
    QCOMPARE(editor.readLine().trimmed(), QByteArray("ready"));

    bool done[kNotes][kTasksPerNote] = {};
    QElapsedTimer clock;
    clock.start();
    for (int k = 0; k < kToggles; ++k) {
        const int n = k % kNotes;
        const int t = (k / kNotes * 7 + n) % kTasksPerNote;
        // find the task as a reader of the vault would have seen it a moment ago
        const QList<QByteArray> lines = readFile(paths[n]).split('\n');
        std::optional<Task> task;
        for (int i = 0; i < lines.size() && !task; ++i) {
            const QString line = QString::fromUtf8(lines[i]);
            if (line.contains(taskText(n, t) + QLatin1Char(' ')))
                task = TaskParser::parse(line, i + 1);
        }
        QVERIFY2(task, qPrintable(QStringLiteral("toggle %1: task %2 of note %3 not found").arg(k).arg(t).arg(n)));
        QCOMPARE(task->status, done[n][t] ? U'x' : U' ');
        const TaskWriteResult r = TaskWriter::setStatus(paths[n], dir.path(), *task, std::nullopt, kToday);
        QVERIFY2(r.ok, qPrintable(QStringLiteral("toggle %1: %2").arg(k).arg(r.error)));
        done[n][t] = !done[n][t];
    }
    const qint64 toggleMs = clock.elapsed();

    editor.closeWriteChannel();
    QVERIFY(editor.waitForFinished(30000));
    QCOMPARE(editor.exitStatus(), QProcess::NormalExit);
    QVERIFY2(editor.exitCode() == 0, editor.readAllStandardError().constData());
    const QList<QByteArray> report = editor.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(report.size(), kNotes);
    qInfo("%d toggles in %lld ms; the external editor: %s", kToggles, toggleMs,
          report.join(" | ").constData());

    static const QRegularExpression extLine(QStringLiteral("^ext (\\d+) (\\d+)$"));
    static const QRegularExpression plainLine(QStringLiteral("^  plain text under task \\d+  $"));
    for (int n = 0; n < kNotes; ++n) {
        const QList<QByteArray> fields = report[n].split(' ');
        QCOMPARE(fields.size(), 6);
        const int appended = fields[3].toInt();
        const QByteArray counter = fields[5];
        QVERIFY(appended > 0);

        const QByteArray bytes = readFile(paths[n]);
        QVERIFY(bytes.endsWith('\n'));
        QList<int> extSeen;
        int counters = 0;
        int tasksSeen[kTasksPerNote] = {};
        const QList<QByteArray> lines = bytes.chopped(1).split('\n');
        for (int i = 0; i < lines.size(); ++i) {
            QByteArray raw = lines[i];
            if (n == 1 && raw.endsWith('\r'))
                raw.chop(1);
            const QString line = QString::fromUtf8(raw);
            const QString where = QStringLiteral("note %1 line %2: %3").arg(n).arg(i + 1).arg(line);
            if (const QRegularExpressionMatch m = extLine.match(line); m.hasMatch()) {
                QCOMPARE(m.captured(1).toInt(), n);
                extSeen.append(m.captured(2).toInt());
            } else if (line.startsWith(QLatin1String("counter: "))) {
                ++counters;
                QCOMPARE(raw.mid(9), counter);
            } else if (const std::optional<Task> task = TaskParser::parse(line, i + 1)) {
                const int t = task->description.section(QLatin1Char(' '), 1, 1).toInt();
                QVERIFY2(task->description.startsWith(taskText(n, t) + QLatin1Char(' ')), qPrintable(where));
                ++tasksSeen[t];
                QVERIFY2(task->status == (done[n][t] ? U'x' : U' '), qPrintable(where));
                QCOMPARE(task->done, done[n][t] ? kToday : QDate());
                QCOMPARE(task->due, QDate(2025, 11, 8));
                QCOMPARE(task->owner, QStringLiteral("Myself"));
                QCOMPARE(task->tags, QStringList{QStringLiteral("#task")});
            } else {
                QVERIFY2(line.isEmpty() || line == QStringLiteral("# Note %1").arg(n) || plainLine.match(line).hasMatch(),
                         qPrintable(QStringLiteral("torn or unknown: ") + where));
            }
        }
        QCOMPARE(counters, 1);
        for (int t = 0; t < kTasksPerNote; ++t)
            QCOMPARE(tasksSeen[t], 1);
        std::sort(extSeen.begin(), extSeen.end());
        QCOMPARE(extSeen.size(), appended);
        for (int s = 0; s < appended; ++s)
            QCOMPARE(extSeen[s], s);
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), kNotes);
}

QTEST_GUILESS_MAIN(TestWritebackStress)
#include "tst_writebackstress.moc"
