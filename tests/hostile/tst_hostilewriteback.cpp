// Ticking a task in a hostile file: the write-back either changes exactly the task line (every
// other byte, line ending and BOM kept) or refuses with a reason and leaves the file as it was.
// It never writes or reads outside the vault, never blocks on a FIFO, and never makes a
// read-only file writable (also as root).

#include "hostilefiles.h"
#include "note/noteparser.h"
#include "tasks/taskwriter.h"
#include "vault/safefilewriter.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QtConcurrent/QtConcurrentRun>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <functional>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace minutes;
using namespace hostile;

namespace {

const QDate Today(2025, 5, 9);
const QString NotePath = QStringLiteral("note.md");

struct Context
{
    QString root;
    QString outside;
};

struct Case
{
    QByteArray bytes;                              // the note as the task was read from it
    std::function<bool(const Context &)> change;   // what happens to it before the tick (may be empty)
    QString path = NotePath;                       // what is ticked, relative to the vault
    bool written = false;
    QByteArray expected;                           // the file after a successful tick
    QString refusal;                               // words of the reason otherwise
};

QFile::Permissions readOnly()
{
    return QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
}

QHash<QString, Case> cases()
{
    QHash<QString, Case> c;
    const QByteArray plain = "# Plain\n\n- [ ] Tick me\n";
    c[QStringLiteral("CRLF endings are kept")] = {
        "# Windows\r\n\r\n- [ ] Tick me\r\nlast\r\n", {}, NotePath, true,
        "# Windows\r\n\r\n- [x] Tick me \xE2\x9C\x85 2025-05-09\r\nlast\r\n", {}};
    c[QStringLiteral("UTF-8 BOM is kept")] = {
        "\xEF\xBB\xBF- [ ] Tick me\n", {}, NotePath, true, "\xEF\xBB\xBF- [x] Tick me \xE2\x9C\x85 2025-05-09\n", {}};
    c[QStringLiteral("invalid UTF-8 on another line is kept byte for byte")] = {
        "# Caf\xE9\n\xFF\xFE\x80\n- [ ] Tick me\n\xC3\x28", {}, NotePath, true,
        "# Caf\xE9\n\xFF\xFE\x80\n- [x] Tick me \xE2\x9C\x85 2025-05-09\n\xC3\x28", {}};
    c[QStringLiteral("invalid UTF-8 on the task line is refused")] = {
        "- [ ] Caf\xE9 bill\n", {}, NotePath, false, {}, QStringLiteral("not valid UTF-8")};
    c[QStringLiteral("lone CR endings are refused, not merged")] = {
        "# Mac\r\r- [ ] Tick me\rlast\r", {}, NotePath, false, {}, QStringLiteral("no longer holds")};
    c[QStringLiteral("UTF-16 is refused")] = {
        QStringEncoder(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom)(QStringLiteral("- [ ] Tick me\n")),
        {}, NotePath, false, {}, QStringLiteral("UTF-16")};
    c[QStringLiteral("symlink to a note outside the vault")] = {
        plain,
        [](const Context &ctx) {
            return QFile::remove(ctx.root + QLatin1Char('/') + NotePath)
                   && hostile::symlink(QFile::encodeName(ctx.outside) + "/canary.md", ctx.root, NotePath);
        },
        NotePath, false, {}, QStringLiteral("outside the vault")};
    c[QStringLiteral("symlink to /etc/passwd")] = {
        plain,
        [](const Context &ctx) {
            return QFile::remove(ctx.root + QLatin1Char('/') + NotePath)
                   && hostile::symlink("/etc/passwd", ctx.root, NotePath);
        },
        NotePath, false, {}, QStringLiteral("outside the vault")};
    c[QStringLiteral("path climbing out of the vault")] = {
        plain, {}, QStringLiteral("../outside/canary.md"), false, {}, QStringLiteral("outside the vault")};
    c[QStringLiteral("read-only file, also as root")] = {
        plain, [](const Context &ctx) { return QFile::setPermissions(ctx.root + QLatin1Char('/') + NotePath, readOnly()); },
        NotePath, false, {}, QStringLiteral("read-only")};
    c[QStringLiteral("replaced by a FIFO since it was read")] = {
        plain,
        [](const Context &ctx) {
            const QString path = ctx.root + QLatin1Char('/') + NotePath;
            return QFile::remove(path) && ::mkfifo(QFile::encodeName(path).constData(), 0644) == 0;
        },
        NotePath, false, {}, QStringLiteral("not a regular file")};
    c[QStringLiteral("replaced by a folder since it was read")] = {
        plain,
        [](const Context &ctx) {
            const QString path = ctx.root + QLatin1Char('/') + NotePath;
            return QFile::remove(path) && QDir().mkdir(path);
        },
        NotePath, false, {}, QStringLiteral("not a regular file")};
    c[QStringLiteral("deleted since it was read")] = {
        plain, [](const Context &ctx) { return QFile::remove(ctx.root + QLatin1Char('/') + NotePath); },
        NotePath, false, {}, QStringLiteral("does not exist")};
    c[QStringLiteral("turned into a symlink loop since it was read")] = {
        plain,
        [](const Context &ctx) {
            return QFile::remove(ctx.root + QLatin1Char('/') + NotePath) && hostile::symlink("note.md", ctx.root, NotePath);
        },
        NotePath, false, {}, QStringLiteral("not a regular file")};
    c[QStringLiteral("turned binary (NUL bytes) around the task")] = {
        plain,
        [](const Context &ctx) {
            return writeFile(ctx.root, NotePath, QByteArray("\0\0\n\n- [ ] Tick me\n\0", 19));
        },
        NotePath, true, QByteArray("\0\0\n\n", 4) + "- [x] Tick me \xE2\x9C\x85 2025-05-09\n" + QByteArray(1, '\0'), {}};
    return c;
}

} // namespace

class TestHostileWriteBack : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tick_data();
    void tick();
    void fifoSwappedInDuringTheWrite();
};

void TestHostileWriteBack::tick_data()
{
    QTest::addColumn<QString>("name");
    QStringList names = cases().keys();
    names.sort();
    for (const QString &name : std::as_const(names))
        QTest::newRow(qPrintable(name)) << name;
}

void TestHostileWriteBack::tick()
{
    QFETCH(QString, name);
    const Case hostileCase = cases().value(name);
    QTemporaryDir top;
    QVERIFY(top.isValid());
    const Context ctx{top.filePath(QStringLiteral("vault")), top.filePath(QStringLiteral("outside"))};
    const QByteArray canary = "# Canary\n\n- [ ] Tick me\n";
    QVERIFY(writeFile(ctx.outside, QStringLiteral("canary.md"), canary));
    QVERIFY(writeFile(ctx.root, NotePath, hostileCase.bytes));

    // The task as the loader read it, from the bytes before any change.
    const Note note = NoteParser::parse(NotePath, hostileCase.bytes);
    QVERIFY2(!note.tasks.isEmpty(), "the note should hold a task");
    const Task task = note.tasks.first().task();
    if (hostileCase.change)
        QVERIFY2(hostileCase.change(ctx), "could not change the file");
    const QString notePath = ctx.root + QLatin1Char('/') + NotePath;
    const QFileInfo before(notePath);
    QByteArray bytesBefore;
    if (QFile file(notePath); before.isFile() && file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)
                                  && !before.isSymLink())
        bytesBefore = file.readAll();

    OpenSpy spy(ctx.outside);
    QVERIFY(spy.isValid());
    QElapsedTimer timer;
    timer.start();
    const TaskWriteResult result =
        TaskWriter::setStatus(ctx.root + QLatin1Char('/') + hostileCase.path, ctx.root, task, U'x', Today);
    QVERIFY2(timer.elapsed() < 10'000, "the write-back must never block");
    QCOMPARE(spy.takeEvents(), QStringList());

    QFile outside(ctx.outside + QStringLiteral("/canary.md"));
    QVERIFY(outside.open(QIODevice::ReadOnly));
    QCOMPARE(outside.readAll(), canary);

    QVERIFY2(result.ok == hostileCase.written, qPrintable(result.error));
    if (hostileCase.written) {
        QFile file(notePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), hostileCase.expected);
        return;
    }
    QVERIFY2(result.error.contains(hostileCase.refusal, Qt::CaseInsensitive), qPrintable(result.error));
    // Refused: the file is as it was (content and permissions).
    const QFileInfo after(notePath);
    QCOMPARE(after.exists(), before.exists());
    QCOMPARE(after.isSymLink(), before.isSymLink());
    if (before.isFile() && !before.isSymLink()) {
        QCOMPARE(after.permissions(), before.permissions());
        QFile file(notePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bytesBefore);
    }
}

// The window between SafeFileWriter's check and its open: the note becomes a FIFO while the edit
// is computed, so the writer sees a changed file and opens the path again. Without O_NONBLOCK that
// open waits for a writer forever; it must be refused at once instead.
void TestHostileWriteBack::fifoSwappedInDuringTheWrite()
{
    QTemporaryDir vault;
    QVERIFY(vault.isValid());
    const QByteArray original = "# Plain\n\n- [ ] Tick me\n";
    QVERIFY(writeFile(vault.path(), NotePath, original));
    const QString path = vault.filePath(NotePath);
    const QByteArray nativePath = QFile::encodeName(path);

    std::atomic<int> calls = 0;
    const SafeFileWriter::Transform transform = [&](const QByteArray &current, QString *error) -> std::optional<QByteArray> {
        if (++calls == 1 && (!QFile::remove(path) || ::mkfifo(nativePath.constData(), 0644) != 0)) {
            *error = QStringLiteral("test fixture: cannot make the FIFO");
            return std::nullopt;
        }
        return current + "x\n";
    };
    QFuture<SafeFileWriter::Result> future =
        QtConcurrent::run([&] { return SafeFileWriter(vault.path()).write(path, transform); });
    // Should the writer block in open() after all, open the FIFO's other end so that it returns
    // and this test fails instead of hanging.
    const auto unblock = qScopeGuard([&] {
        if (!future.isFinished()) {
            const int fd = ::open(nativePath.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
            if (fd >= 0)
                ::close(fd);
        }
        future.waitForFinished();
    });
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10'000);

    const SafeFileWriter::Result result = future.result();
    QVERIFY(!result.ok);
    QCOMPARE(calls.load(), 1);
    QVERIFY2(result.error.contains(QLatin1String("not a regular file")) && result.error.contains(QLatin1String("FIFO")),
             qPrintable(result.error));
    // Nothing was written over it, and no temporary file is left behind.
    struct stat st;
    QVERIFY(::lstat(nativePath.constData(), &st) == 0);
    QVERIFY(S_ISFIFO(st.st_mode));
    QCOMPARE(QDir(vault.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
             QStringList{NotePath});
}

QTEST_GUILESS_MAIN(TestHostileWriteBack)
#include "tst_hostilewriteback.moc"
