#include "tasks/taskparser.h"
#include "tasks/taskwriter.h"
#include "vault/safefilewriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace minutes;

namespace {

const QDate kToday(2025, 11, 9);

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return "<unreadable>";
    return f.readAll();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("test fixture: cannot write %s", qPrintable(path));
}

struct stat statOf(const QString &path)
{
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        qFatal("test fixture: cannot stat %s", qPrintable(path));
    return st;
}

// Files in `dir` other than the expected ones: QSaveFile leftovers would show up here.
QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

SafeFileWriter::Transform appending(const QByteArray &tail)
{
    return [tail](const QByteArray &current, QString *) -> std::optional<QByteArray> { return current + tail; };
}

Task taskAt(const QByteArray &bytes, int line)
{
    const std::optional<Task> task = TaskParser::parse(QString::fromUtf8(bytes.split('\n').value(line - 1)), line);
    if (!task)
        qFatal("test fixture: line %d is not a task", line);
    return *task;
}

} // namespace

// Real files in a fresh temporary vault for every test.
class TestSafeFileWriter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void writesAndKeepsPermissions();
    void refusesReadOnlyEvenAsRoot();
    void symlinkInsideVaultWritesTarget();
    void symlinkOutsideVaultRefused();
    void brokenSymlinkRefused();
    void pathOutsideVaultRefused();
    void hardLinkRefused();
    void notARegularFileRefused();
    void transformRefusalWritesNothing();
    void externalAppendDuringEditIsKept();
    void externalReplaceDuringEditIsKept();
    void writeFailureLeavesNoteIntact();
    void keepsExtendedAttributes();
    void keepsOwnerWhenRoot();
    void taskWriterOnDisk();
    void taskWriterUndoAfterExternalEdit();
    void taskWriterRefusesReadOnly();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_vault;
    QString m_note;
};

void TestSafeFileWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_vault = m_dir->filePath(QStringLiteral("vault"));
    QVERIFY(QDir().mkpath(m_vault + QStringLiteral("/notes")));
    m_note = m_vault + QStringLiteral("/notes/meeting.md");
    writeFile(m_note, "# Meeting\n- [ ] Send deck\n");
}

void TestSafeFileWriter::writesAndKeepsPermissions()
{
    QVERIFY(::chmod(QFile::encodeName(m_note).constData(), 0640) == 0);
    const SafeFileWriter writer(m_vault);
    const SafeFileWriter::Result r = writer.write(m_note, appending("more\n"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(readFile(m_note), QByteArray("# Meeting\n- [ ] Send deck\nmore\n"));
    QCOMPARE(r.before, QByteArray("# Meeting\n- [ ] Send deck\n"));
    QCOMPARE(r.after, readFile(m_note));
    QCOMPARE(r.contentHash, QCryptographicHash::hash(r.after, QCryptographicHash::Sha1));
    QCOMPARE(r.attempts, 1);
    QCOMPARE(r.target, QFileInfo(m_note).canonicalFilePath());
    QCOMPARE(statOf(m_note).st_mode & 07777, mode_t(0640));
    QCOMPARE(entries(m_vault + QStringLiteral("/notes")), QStringList{QStringLiteral("meeting.md")});
}

void TestSafeFileWriter::refusesReadOnlyEvenAsRoot()
{
    QVERIFY(::chmod(QFile::encodeName(m_note).constData(), 0444) == 0);
    const SafeFileWriter writer(m_vault);
    const SafeFileWriter::Result r = writer.write(m_note, appending("more\n"));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QLatin1String("read-only")), qPrintable(r.error));
    QCOMPARE(readFile(m_note), QByteArray("# Meeting\n- [ ] Send deck\n"));
    QCOMPARE(statOf(m_note).st_mode & 07777, mode_t(0444));
    QCOMPARE(entries(m_vault + QStringLiteral("/notes")), QStringList{QStringLiteral("meeting.md")});
}

void TestSafeFileWriter::symlinkInsideVaultWritesTarget()
{
    const QString link = m_vault + QStringLiteral("/link.md");
    QVERIFY(QFile::link(m_note, link));
    const SafeFileWriter writer(m_vault);
    const SafeFileWriter::Result r = writer.write(link, appending("via link\n"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(QFileInfo(link).symLinkTarget(), QFileInfo(m_note).absoluteFilePath());
    QCOMPARE(readFile(m_note), QByteArray("# Meeting\n- [ ] Send deck\nvia link\n"));
    QCOMPARE(r.target, QFileInfo(m_note).canonicalFilePath());
}

void TestSafeFileWriter::symlinkOutsideVaultRefused()
{
    const QString outside = m_dir->filePath(QStringLiteral("outside.md"));
    writeFile(outside, "- [ ] Private\n");
    const QString link = m_vault + QStringLiteral("/notes/escape.md");
    QVERIFY(QFile::link(outside, link));
    const SafeFileWriter writer(m_vault);
    const SafeFileWriter::Result r = writer.write(link, appending("x\n"));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QLatin1String("outside the vault")), qPrintable(r.error));
    QCOMPARE(readFile(outside), QByteArray("- [ ] Private\n"));
    QVERIFY(QFileInfo(link).isSymLink());
}

void TestSafeFileWriter::brokenSymlinkRefused()
{
    const QString link = m_vault + QStringLiteral("/notes/broken.md");
    QVERIFY(QFile::link(m_vault + QStringLiteral("/nowhere.md"), link));
    const SafeFileWriter::Result r = SafeFileWriter(m_vault).write(link, appending("x\n"));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QLatin1String("broken")), qPrintable(r.error));
    QVERIFY(!QFileInfo::exists(m_vault + QStringLiteral("/nowhere.md")));
}

void TestSafeFileWriter::pathOutsideVaultRefused()
{
    const QString outside = m_dir->filePath(QStringLiteral("outside.md"));
    writeFile(outside, "text\n");
    const SafeFileWriter::Result r = SafeFileWriter(m_vault).write(outside, appending("x\n"));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QLatin1String("outside the vault")), qPrintable(r.error));
    QCOMPARE(readFile(outside), QByteArray("text\n"));
}

void TestSafeFileWriter::hardLinkRefused()
{
    const QString other = m_vault + QStringLiteral("/hardlink.md");
    QVERIFY(::link(QFile::encodeName(m_note).constData(), QFile::encodeName(other).constData()) == 0);
    const SafeFileWriter::Result r = SafeFileWriter(m_vault).write(m_note, appending("x\n"));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QLatin1String("hard links")), qPrintable(r.error));
    QCOMPARE(readFile(other), QByteArray("# Meeting\n- [ ] Send deck\n"));
}

void TestSafeFileWriter::notARegularFileRefused()
{
    const QString fifo = m_vault + QStringLiteral("/pipe.md");
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0644) == 0);
    const SafeFileWriter::Result r = SafeFileWriter(m_vault).write(fifo, appending("x\n"));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QLatin1String("not a regular file")), qPrintable(r.error));
    const SafeFileWriter::Result dir = SafeFileWriter(m_vault).write(m_vault + QStringLiteral("/notes"), appending("x"));
    QVERIFY(!dir.ok);
}

void TestSafeFileWriter::transformRefusalWritesNothing()
{
    const SafeFileWriter::Result r = SafeFileWriter(m_vault).write(m_note, [](const QByteArray &, QString *error)
                                                                       -> std::optional<QByteArray> {
        *error = QStringLiteral("no thanks");
        return std::nullopt;
    });
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("no thanks"));
    QCOMPARE(readFile(m_note), QByteArray("# Meeting\n- [ ] Send deck\n"));
    QCOMPARE(entries(m_vault + QStringLiteral("/notes")), QStringList{QStringLiteral("meeting.md")});
}

// Another program appends while our edit is being computed: the edit is redone on its content.
void TestSafeFileWriter::externalAppendDuringEditIsKept()
{
    QList<QByteArray> seen;
    const QString note = m_note;
    const SafeFileWriter::Result r = SafeFileWriter(m_vault).write(m_note, [&](const QByteArray &current, QString *)
                                                                       -> std::optional<QByteArray> {
        seen.append(current);
        if (seen.size() == 1) {
            QFile f(note);
            if (!f.open(QIODevice::Append) || f.write("external line\n") != 14)
                return std::nullopt;
        }
        return QByteArray(current).replace("- [ ]", "- [x]");
    });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.attempts, 2);
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen.last(), QByteArray("# Meeting\n- [ ] Send deck\nexternal line\n"));
    QCOMPARE(readFile(m_note), QByteArray("# Meeting\n- [x] Send deck\nexternal line\n"));
    QCOMPARE(entries(m_vault + QStringLiteral("/notes")), QStringList{QStringLiteral("meeting.md")});
}

// An editor saves by rename while our edit is computed: we lock and read the new file.
void TestSafeFileWriter::externalReplaceDuringEditIsKept()
{
    int calls = 0;
    const QString note = m_note;
    const SafeFileWriter::Result r = SafeFileWriter(m_vault).write(m_note, [&](const QByteArray &current, QString *)
                                                                       -> std::optional<QByteArray> {
        if (++calls == 1) {
            const QString temp = note + QStringLiteral(".editor~");
            writeFile(temp, "# Meeting, renamed by an editor\n- [ ] Send deck\n");
            if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(note).constData()) != 0)
                return std::nullopt;
        }
        return QByteArray(current).replace("- [ ]", "- [x]");
    });
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(calls, 2);
    QCOMPARE(readFile(m_note), QByteArray("# Meeting, renamed by an editor\n- [x] Send deck\n"));
}

// The Qt 6.4 QSaveFile trap: a write error (here a real file size limit, EFBIG) must not end in a
// "successful" commit of a truncated note.
void TestSafeFileWriter::writeFailureLeavesNoteIntact()
{
    const QByteArray original = "# Big\n" + QByteArray(3000, 'a') + "\n- [ ] Task\n";
    writeFile(m_note, original);
    struct rlimit saved {};
    QVERIFY(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = saved;
    small.rlim_cur = 4096;
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const SafeFileWriter::Result r = SafeFileWriter(m_vault).write(m_note, appending(QByteArray(8000, 'b')));
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QLatin1String("Cannot save")), qPrintable(r.error));
    QCOMPARE(readFile(m_note), original);
    QCOMPARE(entries(m_vault + QStringLiteral("/notes")), QStringList{QStringLiteral("meeting.md")});
}

void TestSafeFileWriter::keepsExtendedAttributes()
{
    const QByteArray path = QFile::encodeName(m_note);
    if (::setxattr(path.constData(), "user.minutes.test", "kept", 4, 0) != 0)
        QSKIP("this file system has no user extended attributes");
    const SafeFileWriter::Result r = SafeFileWriter(m_vault).write(m_note, appending("x\n"));
    QVERIFY2(r.ok, qPrintable(r.error));
    char value[16] = {};
    QCOMPARE(::getxattr(path.constData(), "user.minutes.test", value, sizeof value), ssize_t(4));
    QCOMPARE(QByteArray(value), QByteArray("kept"));
}

void TestSafeFileWriter::keepsOwnerWhenRoot()
{
    if (::geteuid() != 0)
        QSKIP("only root can give a file to another owner");
    QVERIFY(::chown(QFile::encodeName(m_note).constData(), 4321, 4322) == 0);
    const SafeFileWriter::Result r = SafeFileWriter(m_vault).write(m_note, appending("x\n"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(statOf(m_note).st_uid, uid_t(4321));
    QCOMPARE(statOf(m_note).st_gid, gid_t(4322));
}

void TestSafeFileWriter::taskWriterOnDisk()
{
    const QByteArray original("# Meeting\r\n- [ ] Bins 🔁 every week 📅 2025-11-08 ^b1\r\nend");
    writeFile(m_note, original);
    const Task task = taskAt(original, 2);
    const TaskWriteResult done = TaskWriter::setStatus(m_note, m_vault, task, std::nullopt, kToday);
    QVERIFY2(done.ok, qPrintable(done.error));
    const QByteArray ticked("# Meeting\r\n- [ ] Bins 🔁 every week 📅 2025-11-15\r\n"
                            "- [x] Bins 🔁 every week 📅 2025-11-08 ✅ 2025-11-09 ^b1\r\nend");
    QCOMPARE(readFile(m_note), ticked);
    QCOMPARE(done.bytes, ticked);
    QCOMPARE(done.contentHash, QCryptographicHash::hash(ticked, QCryptographicHash::Sha1));
    QCOMPARE(done.edit.path, m_note);

    // the same task object again: its line is gone, so this is refused
    const TaskWriteResult twice = TaskWriter::setStatus(m_note, m_vault, task, std::nullopt, kToday);
    QVERIFY(!twice.ok);
    QCOMPARE(readFile(m_note), ticked);

    const TaskWriteResult undone = TaskWriter::revertInFile(done.edit, m_vault);
    QVERIFY2(undone.ok, qPrintable(undone.error));
    QCOMPARE(readFile(m_note), original);
    const TaskWriteResult redone = TaskWriter::revertInFile(undone.edit, m_vault);
    QVERIFY2(redone.ok, qPrintable(redone.error));
    QCOMPARE(readFile(m_note), ticked);
    const TaskWriteResult undoneAgain = TaskWriter::revertInFile(redone.edit, m_vault);
    QVERIFY2(undoneAgain.ok, qPrintable(undoneAgain.error));
    QCOMPARE(readFile(m_note), original);
}

void TestSafeFileWriter::taskWriterUndoAfterExternalEdit()
{
    const QByteArray original("a\n- [ ] Once 🏁 delete\nb\n");
    writeFile(m_note, original);
    const TaskWriteResult done = TaskWriter::setStatus(m_note, m_vault, taskAt(original, 2), std::nullopt, kToday);
    QVERIFY2(done.ok, qPrintable(done.error));
    QCOMPARE(readFile(m_note), QByteArray("a\nb\n"));
    writeFile(m_note, "new first line\na\nb\nnew last line\n");
    const TaskWriteResult undone = TaskWriter::revertInFile(done.edit, m_vault);
    QVERIFY2(undone.ok, qPrintable(undone.error));
    QCOMPARE(readFile(m_note), QByteArray("new first line\na\n- [ ] Once 🏁 delete\nb\nnew last line\n"));

    // once the neighbours are gone the undo is refused and nothing changes
    writeFile(m_note, "a\nsomething else\nb\n");
    const TaskWriteResult lost = TaskWriter::revertInFile(done.edit, m_vault);
    QVERIFY(!lost.ok);
    QCOMPARE(readFile(m_note), QByteArray("a\nsomething else\nb\n"));
    // redoing the deletion when its line is not there is refused too
    writeFile(m_note, "a\nb\n");
    const TaskWriteResult redo = TaskWriter::applyToFile(done.edit, m_vault);
    QVERIFY(!redo.ok);
    QCOMPARE(readFile(m_note), QByteArray("a\nb\n"));
}

void TestSafeFileWriter::taskWriterRefusesReadOnly()
{
    const QByteArray original("- [ ] Locked\n");
    writeFile(m_note, original);
    QVERIFY(::chmod(QFile::encodeName(m_note).constData(), 0440) == 0);
    const TaskWriteResult r = TaskWriter::setStatus(m_note, m_vault, taskAt(original, 1), std::nullopt, kToday);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QLatin1String("read-only")), qPrintable(r.error));
    QCOMPARE(readFile(m_note), original);
}

QTEST_GUILESS_MAIN(TestSafeFileWriter)
#include "tst_safefilewriter.moc"
