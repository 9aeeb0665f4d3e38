// The bad-input corpus: one vault per hostile file (generated here, the large ones at run time),
// each beside a control note. For every case the real loader must finish in bounded time, name
// the file in a problem or show it correctly, still load the control note, and read nothing
// outside the vault (an inotify spy watches a canary folder the hostile links point into).

#include "hostilefiles.h"
#include "note/markdownrenderer.h"
#include "note/noteparser.h"
#include "note/searchtext.h"
#include "vault/indexcache.h"
#include "vault/indexfacts.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#include <sys/stat.h>
#include <unistd.h>

using namespace minutes;
using namespace hostile;

namespace {

// Generous for an AddressSanitizer build on a busy machine; a hang is what this catches.
constexpr qint64 LoadBudgetMs = 60'000;

struct Context
{
    QString root;      // the vault
    QString outside;   // a folder outside it, holding canary.md
};

// What a case expects of the hostile file.
enum class Outcome {
    Note,          // loads as a note (maybe with problems), shown as far as it can be
    BrokenNote,    // listed as a note that could not be read (an error problem, no content)
    Refused,       // not a note; a problem names it
    Ignored,       // not a note and no problem (it is not a note at all)
};

struct Case
{
    std::function<bool(const Context &)> setup;
    QString path;                  // the hostile file, relative to the vault ('/'-separated)
    Outcome outcome = Outcome::Note;
    QString problem;               // words of the expected problem (empty: none expected)
    int problemLine = -1;          // its line when it matters
    std::function<void(const Note &)> check;   // further checks of the loaded note
};

QByteArray repeated(const QByteArray &piece, qsizetype times)
{
    QByteArray out;
    out.reserve(piece.size() * times);
    for (qsizetype i = 0; i < times; ++i)
        out += piece;
    return out;
}

// A real 1x1 PNG (the core tests have no QtGui to make one).
QByteArray pngBytes()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}

QByteArray utf16(const QString &text, QStringConverter::Encoding encoding)
{
    QStringEncoder encoder(encoding, QStringConverter::Flag::WriteBom);
    return encoder(text);
}

const NoteTask *taskWith(const Note &note, const QString &words)
{
    for (const NoteTask &task : note.tasks) {
        if (task.description().contains(words))
            return &task;
    }
    return nullptr;
}

QHash<QString, Case> makeCases()
{
    QHash<QString, Case> c;
    const auto file = [](const QString &path, const QByteArray &bytes) {
        return [=](const Context &ctx) { return writeFile(ctx.root, path, bytes); };
    };
    // The large ones are made only when their row runs.
    const auto largeFile = [](const QString &path, const std::function<QByteArray()> &make) {
        return [=](const Context &ctx) { return writeFile(ctx.root, path, make()); };
    };
    const QByteArray tail = "\n# After the front matter\n\n- [ ] Still found @Ada Wren\n";
    const auto stillFound = [](const Note &note) {
        QVERIFY(taskWith(note, QStringLiteral("Still found")));
        QCOMPARE(note.title, QStringLiteral("After the front matter"));
    };

    c[QStringLiteral("deeply nested YAML: 20,000 [")] = {
        file(QStringLiteral("deep-flow.md"), "---\nx: " + repeated("[", 20000) + "\n---" + tail),
        QStringLiteral("deep-flow.md"), Outcome::Note, QStringLiteral("nests deeper than"), 2, stillFound};
    c[QStringLiteral("deeply nested YAML: 20,000 {")] = {
        file(QStringLiteral("deep-map.md"), "---\nx: " + repeated("{a: ", 20000) + "\n---" + tail),
        QStringLiteral("deep-map.md"), Outcome::Note, QStringLiteral("nests deeper than"), 2, stillFound};
    c[QStringLiteral("deeply nested YAML: 500 indented levels")] = {
        [tail](const Context &ctx) {
            QByteArray yaml;
            for (int i = 0; i < 500; ++i)
                yaml += QByteArray(i, ' ') + "k" + QByteArray::number(i) + ":\n";
            return writeFile(ctx.root, QStringLiteral("deep-block.md"), "---\n" + yaml + "---" + tail);
        },
        QStringLiteral("deep-block.md"), Outcome::Note, QStringLiteral("nests deeper than"), 66, stillFound};
    c[QStringLiteral("deeply nested YAML: 5,000 compact - - -")] = {
        file(QStringLiteral("deep-compact.md"), "---\nx:\n  " + repeated("- ", 5000) + "y\n---" + tail),
        QStringLiteral("deep-compact.md"), Outcome::Note, QStringLiteral("nests deeper than"), 3, stillFound};
    c[QStringLiteral("anchor and alias bomb (10 levels of 10)")] = {
        [tail](const Context &ctx) {
            QByteArray yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
            for (int i = 1; i < 10; ++i) {
                QByteArray refs;
                for (int k = 0; k < 10; ++k)
                    refs += (k ? ", *a" : "*a") + QByteArray::number(i - 1);
                yaml += "a" + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [" + refs + "]\n";
            }
            return writeFile(ctx.root, QStringLiteral("bomb.md"), "---\ntitle: Bomb\n" + yaml + "---" + tail);
        },
        QStringLiteral("bomb.md"), Outcome::Note, QStringLiteral("front matter"), -1,
        [](const Note &note) { QVERIFY(taskWith(note, QStringLiteral("Still found"))); }};
    c[QStringLiteral("alias cycle &a [*a]")] = {
        file(QStringLiteral("cycle.md"), "---\ntitle: Cycle\nloop: &a [*a]\nmap: &m {self: *m}\n---" + tail),
        QStringLiteral("cycle.md"), Outcome::Note, QStringLiteral("refers to itself"), 3,
        [](const Note &note) {
            QCOMPARE(note.title, QStringLiteral("Cycle"));
            QVERIFY(taskWith(note, QStringLiteral("Still found")));
        }};
    c[QStringLiteral("tabs in YAML")] = {
        file(QStringLiteral("tabs.md"), "---\ntitle: Tabs\ntags:\n\t- one\n\t- two\n---" + tail),
        QStringLiteral("tabs.md"), Outcome::Note, QStringLiteral("front matter"), -1, stillFound};
    c[QStringLiteral("duplicate keys")] = {
        file(QStringLiteral("dup.md"), "---\ntitle: First\ndate: 2025-01-02\ntitle: Second\n---\nbody\n"),
        QStringLiteral("dup.md"), Outcome::Note, QStringLiteral("more than once"), 4,
        [](const Note &note) { QCOMPARE(note.title, QStringLiteral("First")); }};
    c[QStringLiteral("unterminated double quote")] = {
        file(QStringLiteral("quote.md"), "---\ntitle: \"Never closed\ndate: 2025-01-02\n---" + tail),
        QStringLiteral("quote.md"), Outcome::Note, QStringLiteral("never closed"), 2,
        [](const Note &note) { QVERIFY(taskWith(note, QStringLiteral("Still found"))); }};
    c[QStringLiteral("unterminated single quote in a list")] = {
        file(QStringLiteral("squote.md"), "---\ntags: ['open, closed]\n---" + tail),
        QStringLiteral("squote.md"), Outcome::Note, QStringLiteral("front matter"), -1, stillFound};
    c[QStringLiteral("--- with no closing line")] = {
        file(QStringLiteral("unclosed.md"), "---\ntitle: Not front matter\n\n# Heading\n\n- [ ] Task in the text\n"),
        QStringLiteral("unclosed.md"), Outcome::Note, QStringLiteral("never closed"), 1,
        [](const Note &note) {
            QVERIFY(!note.hasFrontMatter);
            QVERIFY(taskWith(note, QStringLiteral("Task in the text")));
            QVERIFY(note.searchText.contains("title: not front matter"));
        }};
    c[QStringLiteral("5 MB front matter")] = {
        largeFile(QStringLiteral("big-fm.md"), [tail] {
            return "---\n" + repeated("key: a value that goes on and on\n", 5 * 1024 * 1024 / 34) + "---" + tail;
        }),
        QStringLiteral("big-fm.md"), Outcome::Note, QStringLiteral("larger than"), 2, stillFound};
    c[QStringLiteral("50 MB note")] = {
        largeFile(QStringLiteral("huge.md"),
                  [] { return repeated("- [ ] A line of a very long transcript @Ada Wren\n", 50 * 1024 * 1024 / 49); }),
        QStringLiteral("huge.md"), Outcome::Refused, QStringLiteral("larger than"), -1, {}};
    c[QStringLiteral("one 10 MB line")] = {
        largeFile(QStringLiteral("line10.md"), [] { return repeated("word [[Ada Wren]] #tag ", 10 * 1024 * 1024 / 23); }),
        QStringLiteral("line10.md"), Outcome::Refused, QStringLiteral("larger than"), -1, {}};
    c[QStringLiteral("one 7 MB line (under the size limit)")] = {
        largeFile(QStringLiteral("line7.md"), [] { return "- [ ] " + repeated("word [[Ada Wren]] #tag ", 7 * 1024 * 1024 / 23); }),
        QStringLiteral("line7.md"), Outcome::Note, QStringLiteral("only the first 512 KiB"), 1,
        [](const Note &note) {
            QCOMPARE(note.tasks.size(), 1);
            QVERIFY(note.tags.contains(QStringLiteral("tag")));
            QVERIFY(!note.links.isEmpty());
        }};
    c[QStringLiteral("1 MB of md4c's quadratic case")] = {
        largeFile(QStringLiteral("quadratic.md"),
                  [] { return "# Slow\n\n" + repeated("]([\n", 256 * 1024) + "\n- [ ] After the slow part\n"; }),
        QStringLiteral("quadratic.md"), Outcome::Note, QStringLiteral("only the first 512 KiB"), -1,
        [](const Note &note) { QVERIFY(taskWith(note, QStringLiteral("After the slow part"))); }};
    c[QStringLiteral("PNG renamed .md")] = {
        file(QStringLiteral("picture.md"), pngBytes()),
        QStringLiteral("picture.md"), Outcome::BrokenNote, QStringLiteral("binary file"), -1, {}};
    c[QStringLiteral("invalid UTF-8")] = {
        file(QStringLiteral("latin1.md"), "# Caf\xe9 notes\n\nLine two \xff\xfe\n\n- [ ] Pay the caf\xe9 \xc3\x28 bill\n"),
        QStringLiteral("latin1.md"), Outcome::Note, QStringLiteral("not valid UTF-8"), 1,
        [](const Note &note) {
            QCOMPARE(note.title, QStringLiteral("Caf\uFFFD notes"));
            QVERIFY(taskWith(note, QStringLiteral("Pay the caf\uFFFD")));
        }};
    c[QStringLiteral("UTF-16 LE with BOM")] = {
        file(QStringLiteral("utf16le.md"),
             utf16(QStringLiteral("---\r\ntitle: Wide Zoë\r\n---\r\n# Wide\r\n\r\n- [ ] Wide task 📅 2025-05-09\r\n"),
                   QStringConverter::Utf16LE)),
        QStringLiteral("utf16le.md"), Outcome::Note, QString(), -1,
        [](const Note &note) {
            QCOMPARE(note.title, QStringLiteral("Wide Zoë"));
            const NoteTask *task = taskWith(note, QStringLiteral("Wide task"));
            QVERIFY(task);
            QCOMPARE(task->due, QDate(2025, 5, 9));
            QCOMPARE(task->line, 6);
        }};
    c[QStringLiteral("UTF-16 BE with BOM")] = {
        file(QStringLiteral("utf16be.md"), utf16(QStringLiteral("# Big end\n\n- [ ] Big task\n"), QStringConverter::Utf16BE)),
        QStringLiteral("utf16be.md"), Outcome::Note, QString(), -1,
        [](const Note &note) {
            QCOMPARE(note.title, QStringLiteral("Big end"));
            QVERIFY(taskWith(note, QStringLiteral("Big task")));
        }};
    c[QStringLiteral("UTF-16 with an odd byte count")] = {
        file(QStringLiteral("utf16odd.md"), utf16(QStringLiteral("# Odd\n"), QStringConverter::Utf16LE) + "\x41"),
        QStringLiteral("utf16odd.md"), Outcome::Note, QStringLiteral("not valid UTF-16"), -1, {}};
    c[QStringLiteral("NUL bytes")] = {
        file(QStringLiteral("nul.md"), QByteArray("# Nul\n\nline two\nbad \0 here\n", 27)),
        QStringLiteral("nul.md"), Outcome::BrokenNote, QStringLiteral("NUL"), 4, {}};
    c[QStringLiteral("CRLF line endings")] = {
        file(QStringLiteral("crlf.md"), "---\r\ntitle: Windows\r\ntags: [a, b]\r\n---\r\n# Windows\r\n\r\n- [ ] CRLF task 📅 2025-05-09\r\n"),
        QStringLiteral("crlf.md"), Outcome::Note, QString(), -1,
        [](const Note &note) {
            QCOMPARE(note.title, QStringLiteral("Windows"));
            QCOMPARE(note.tags, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
            const NoteTask *task = taskWith(note, QStringLiteral("CRLF task"));
            QVERIFY(task);
            QCOMPARE(task->line, 7);
            QVERIFY(!task->rawLine.contains('\r'));
            QCOMPARE(task->due, QDate(2025, 5, 9));
        }};
    c[QStringLiteral("lone CR line endings")] = {
        file(QStringLiteral("cr.md"), "---\rtitle: Classic Mac\r---\r# Mac\r\r- [ ] CR task\r- [x] Done CR task\r"),
        QStringLiteral("cr.md"), Outcome::Note, QString(), -1,
        [](const Note &note) {
            QCOMPARE(note.title, QStringLiteral("Classic Mac"));
            QCOMPARE(note.tasks.size(), 2);
            QCOMPARE(note.tasks.at(0).line, 6);
            QCOMPARE(note.tasks.at(1).line, 7);
            QVERIFY(!note.tasks.at(0).rawLine.contains('\r'));
        }};
    c[QStringLiteral("symlink loop: a link to itself")] = {
        [](const Context &ctx) { return symlink("self.md", ctx.root, QStringLiteral("self.md")); },
        QStringLiteral("self.md"), Outcome::Refused, QStringLiteral("symbolic link loop"), -1, {}};
    c[QStringLiteral("symlink loop: two links to each other")] = {
        [](const Context &ctx) {
            return symlink("pong.md", ctx.root, QStringLiteral("ping.md")) && symlink("ping.md", ctx.root, QStringLiteral("pong.md"));
        },
        QStringLiteral("ping.md"), Outcome::Refused, QStringLiteral("symbolic link loop"), -1, {}};
    c[QStringLiteral("symlink loop: a folder linking to its parent")] = {
        [](const Context &ctx) {
            return writeFile(ctx.root, QStringLiteral("loop/inner.md"), "# Inner\n")
                   && symlink("..", ctx.root, QStringLiteral("loop/up")) && symlink("../loop", ctx.root, QStringLiteral("loop/again"));
        },
        QStringLiteral("loop/inner.md"), Outcome::Note, QString(), -1,
        [](const Note &note) { QCOMPARE(note.title, QStringLiteral("Inner")); }};
    c[QStringLiteral("symlink to /etc/passwd")] = {
        [](const Context &ctx) { return symlink("/etc/passwd", ctx.root, QStringLiteral("passwd.md")); },
        QStringLiteral("passwd.md"), Outcome::Refused, QStringLiteral("outside the vault"), -1, {}};
    c[QStringLiteral("symlink to /dev/zero")] = {
        [](const Context &ctx) { return symlink("/dev/zero", ctx.root, QStringLiteral("zero.md")); },
        QStringLiteral("zero.md"), Outcome::Refused, QStringLiteral("outside the vault"), -1, {}};
    c[QStringLiteral("symlink to a note outside the vault")] = {
        [](const Context &ctx) { return symlink(QFile::encodeName(ctx.outside) + "/canary.md", ctx.root, QStringLiteral("stolen.md")); },
        QStringLiteral("stolen.md"), Outcome::Refused, QStringLiteral("outside the vault"), -1, {}};
    c[QStringLiteral("relative symlink climbing out of the vault")] = {
        [](const Context &ctx) {
            const QString relative = QDir(ctx.root + QStringLiteral("/sub")).relativeFilePath(ctx.outside + QStringLiteral("/canary.md"));
            return QDir().mkpath(ctx.root + QStringLiteral("/sub"))
                   && symlink(QFile::encodeName(relative), ctx.root, QStringLiteral("sub/climb.md"));
        },
        QStringLiteral("sub/climb.md"), Outcome::Refused, QStringLiteral("outside the vault"), -1, {}};
    c[QStringLiteral("symlinked folder outside the vault")] = {
        [](const Context &ctx) { return symlink(QFile::encodeName(ctx.outside), ctx.root, QStringLiteral("elsewhere")); },
        QStringLiteral("elsewhere"), Outcome::Refused, QStringLiteral("outside the vault"), -1, {}};
    c[QStringLiteral("broken symlink")] = {
        [](const Context &ctx) { return symlink("gone/nowhere.md", ctx.root, QStringLiteral("broken.md")); },
        QStringLiteral("broken.md"), Outcome::Refused, QStringLiteral("broken symbolic link"), -1, {}};
    c[QStringLiteral("mode-000 file")] = {
        [](const Context &ctx) {
            return writeFile(ctx.root, QStringLiteral("locked.md"), "# Locked\n")
                   && ::chmod(QFile::encodeName(ctx.root + QStringLiteral("/locked.md")).constData(), 0) == 0;
        },
        QStringLiteral("locked.md"), Outcome::Refused, QStringLiteral("Permission denied"), -1, {}};
    c[QStringLiteral("FIFO named x.md")] = {
        [](const Context &ctx) { return ::mkfifo(QFile::encodeName(ctx.root + QStringLiteral("/fifo.md")).constData(), 0644) == 0; },
        QStringLiteral("fifo.md"), Outcome::Refused, QStringLiteral("not a regular file"), -1, {}};
    c[QStringLiteral("directory named x.md")] = {
        [](const Context &ctx) { return writeFile(ctx.root, QStringLiteral("folder.md/inside.md"), "# Inside\n"); },
        QStringLiteral("folder.md"), Outcome::Ignored, QString(), -1, {}};
    c[QStringLiteral("empty file")] = {
        file(QStringLiteral("2025-07-08 empty.md"), QByteArray()),
        QStringLiteral("2025-07-08 empty.md"), Outcome::Note, QString(), -1,
        [](const Note &note) {
            QCOMPARE(note.title, QStringLiteral("2025-07-08 empty"));
            QCOMPARE(note.date, QDate(2025, 7, 8));
        }};
    c[QStringLiteral("only a --- line")] = {
        file(QStringLiteral("dashes.md"), "---"), QStringLiteral("dashes.md"), Outcome::Note, QString(), -1,
        [](const Note &note) { QCOMPARE(note.title, QStringLiteral("dashes")); }};
    c[QStringLiteral("UTF-8 BOM before front matter")] = {
        file(QStringLiteral("bom.md"), "\xEF\xBB\xBF---\ntitle: With BOM\n---\n- [ ] BOM task\n"),
        QStringLiteral("bom.md"), Outcome::Note, QString(), -1,
        [](const Note &note) {
            QCOMPARE(note.title, QStringLiteral("With BOM"));
            QVERIFY(taskWith(note, QStringLiteral("BOM task")));
        }};
    c[QStringLiteral("path name with a newline")] = {
        [](const Context &ctx) { return writeRawName(ctx.root, "two\nlines.md", "# Two lines\n\n- [ ] Newline task\n"); },
        QStringLiteral("two\nlines.md"), Outcome::Note, QString(), -1,
        [](const Note &note) {
            QCOMPARE(note.title, QStringLiteral("Two lines"));
            QVERIFY(taskWith(note, QStringLiteral("Newline task")));
        }};
    c[QStringLiteral("path name with bytes that are not UTF-8")] = {
        [](const Context &ctx) { return writeRawName(ctx.root, "caf\xe9 \xff.md", "# Latin-1 name\n"); },
        QStringLiteral("caf\uFFFD \uFFFD.md"), Outcome::Refused, QStringLiteral("not valid UTF-8"), -1, {}};
    c[QStringLiteral("raw HTML and script in a note")] = {
        file(QStringLiteral("html.md"), "# Html\n\n<script>alert('x')</script>\n<iframe src=\"https://example.org\"></iframe>\n\n- [ ] <b>bold</b> task\n"),
        QStringLiteral("html.md"), Outcome::Note, QString(), -1,
        [](const Note &note) { QVERIFY(taskWith(note, QStringLiteral("<b>bold</b> task"))); }};
    c[QStringLiteral("wikilink climbing out of the vault")] = {
        file(QStringLiteral("climb.md"), "# Climb\n\nSee [[../../etc/passwd]] and [[/etc/passwd]].\n"),
        QStringLiteral("climb.md"), Outcome::Note, QString(), -1,
        [](const Note &note) { QCOMPARE(note.links.size(), 2); }};
    return c;
}

const QHash<QString, Case> &cases()
{
    static const QHash<QString, Case> all = makeCases();
    return all;
}

} // namespace

class TestHostileVault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hostileFile_data();
    void hostileFile();
    void twentyThousandFilesInOneFolder();
    void corruptIndexCacheIsIgnored();
};

void TestHostileVault::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("minutes.vault.cache.info=false"));
    // The persistent index would hide the parser on a second load; it has its own test below.
    IndexCache::setEnabled(false);
}

void TestHostileVault::hostileFile_data()
{
    QTest::addColumn<QString>("name");
    QStringList names = cases().keys();
    names.sort();
    for (const QString &name : std::as_const(names))
        QTest::newRow(qPrintable(name)) << name;
}

void TestHostileVault::hostileFile()
{
    QFETCH(QString, name);
    const Case hostileCase = cases().value(name);
    if (name == QLatin1String("mode-000 file") && ::geteuid() == 0)
        QSKIP("running as root: a mode 000 file is still readable");

    QTemporaryDir vault;
    QTemporaryDir outsideDir;
    QVERIFY(vault.isValid() && outsideDir.isValid());
    const Context ctx{vault.path(), outsideDir.path()};
    QVERIFY(writeFile(ctx.outside, QStringLiteral("canary.md"), "# Canary\n\n" + CanaryText + "\n- [ ] Canary task\n"));
    QVERIFY(writeFile(ctx.root, ControlPath, ControlNote));
    QVERIFY2(hostileCase.setup(ctx), "could not create the hostile file");
    OpenSpy spy(ctx.outside);
    QVERIFY(spy.isValid());

    QElapsedTimer timer;
    timer.start();
    const ScanResult result = VaultLoader::load(ctx.root);
    const qint64 loadMs = timer.elapsed();
    QVERIFY2(loadMs < LoadBudgetMs, qPrintable(QStringLiteral("loading took %1 ms").arg(loadMs)));

    // Nothing outside the vault was opened or read, and nothing of it shows up in a note.
    QCOMPARE(spy.takeEvents(), QStringList());
    for (const Note &note : result.notes) {
        QVERIFY(!note.searchText.contains(SearchText::foldUtf8(CanaryText)));
        QVERIFY(!note.searchText.contains("root:x:0:0"));
        QVERIFY(!note.relativePath.startsWith(QLatin1String("../")) && !note.relativePath.startsWith(QLatin1Char('/')));
    }

    // The control note loaded, untouched by its neighbour.
    const auto control = std::find_if(result.notes.cbegin(), result.notes.cend(),
                                      [](const Note &note) { return note.relativePath == ControlPath; });
    QVERIFY(control != result.notes.cend());
    QCOMPARE(control->title, QStringLiteral("Control meeting"));
    QCOMPARE(control->tasks.size(), 1);
    QCOMPARE(control->tasks.first().owner, QStringLiteral("Ada Wren"));
    QVERIFY(control->problems.isEmpty());

    // Every problem names a file and says something.
    Problems problems = result.problems;
    for (const Note &note : result.notes)
        problems += note.problems;
    for (const Problem &problem : std::as_const(problems)) {
        QVERIFY2(!problem.file.isEmpty() && !problem.message.isEmpty(), qPrintable(problem.toString()));
        QVERIFY2(problem.file != ControlPath, qPrintable(problem.toString()));
    }
    Problems mine;
    for (const Problem &problem : std::as_const(problems)) {
        if (problem.file == hostileCase.path)
            mine.append(problem);
    }
    QStringList described;
    for (const Problem &problem : std::as_const(mine))
        described.append(problem.toString());
    // What the app does with the file, for the log (and the list of hostile cases in the docs).
    qInfo().noquote() << "outcome:" << (std::any_of(result.notes.cbegin(), result.notes.cend(),
                                                    [&](const Note &note) { return note.relativePath == hostileCase.path; })
                                            ? "listed as a note" : "not a note")
                      << "in" << loadMs << "ms;" << (described.isEmpty() ? QStringLiteral("no problem") : described.join(QLatin1String("; ")));
    if (hostileCase.problem.isEmpty()) {
        QVERIFY2(mine.isEmpty(), qPrintable(described.join(QLatin1String("; "))));
    } else {
        const auto expected = std::find_if(mine.cbegin(), mine.cend(), [&](const Problem &problem) {
            return problem.message.contains(hostileCase.problem, Qt::CaseInsensitive)
                   && (hostileCase.problemLine < 0 || problem.line == hostileCase.problemLine);
        });
        QVERIFY2(expected != mine.cend(), qPrintable(QStringLiteral("expected \"%1\" (line %2), got: %3")
                                                         .arg(hostileCase.problem).arg(hostileCase.problemLine)
                                                         .arg(described.join(QLatin1String("; ")))));
    }

    const auto found = std::find_if(result.notes.cbegin(), result.notes.cend(),
                                    [&](const Note &note) { return note.relativePath == hostileCase.path; });
    switch (hostileCase.outcome) {
    case Outcome::Note:
        QVERIFY2(found != result.notes.cend(), "the file should load as a note");
        if (hostileCase.check)
            hostileCase.check(*found);
        if (QTest::currentTestFailed())
            return;
        break;
    case Outcome::BrokenNote:
        QVERIFY2(found != result.notes.cend(), "the file should be listed with its problem");
        QCOMPARE(found->bodyLength, 0);
        QCOMPARE(found->searchText, SearchText::fold(found->title, found->tags, {}));
        QVERIFY(found->tasks.isEmpty());
        QVERIFY(std::any_of(found->problems.cbegin(), found->problems.cend(),
                            [](const Problem &p) { return p.severity == Problem::Severity::Error; }));
        break;
    case Outcome::Refused:
    case Outcome::Ignored:
        QVERIFY2(found == result.notes.cend(), "the file must not load as a note");
        break;
    }

    // The index takes the whole result, and the reader's renderer shows every note in bounded time.
    VaultIndex index;
    index.reset(result);
    QCOMPARE(index.summary().notes, int(result.notes.size()));
    for (const Note &loaded : result.notes) {
        // The index holds no bodies: the reader reads the note from disk, as here.
        const std::optional<Note> read = VaultLoader::readNote(ctx.root, loaded.relativePath);
        QVERIFY2(read, qPrintable(loaded.relativePath));
        const Note &note = *read;
        QCOMPARE(note.searchText, loaded.searchText);
        timer.restart();
        const RenderedMarkdown page = MarkdownRenderer::render(note);
        QVERIFY2(timer.elapsed() < LoadBudgetMs, qPrintable(QStringLiteral("rendering %1 took %2 ms")
                                                               .arg(note.relativePath).arg(timer.elapsed())));
        QVERIFY(!page.html.contains(QStringLiteral("<script"), Qt::CaseInsensitive));
        QVERIFY(!page.html.contains(QStringLiteral("<iframe"), Qt::CaseInsensitive));
    }
    QCOMPARE(spy.takeEvents(), QStringList());
}

void TestHostileVault::twentyThousandFilesInOneFolder()
{
    QTemporaryDir vault;
    QVERIFY(vault.isValid());
    QVERIFY(writeFile(vault.path(), ControlPath, ControlNote));
    constexpr int Count = 20000;
    QVERIFY(QDir().mkpath(vault.filePath(QStringLiteral("Flat"))));
    for (int i = 0; i < Count; ++i) {
        const QByteArray n = QByteArray::number(i);
        QVERIFY(writeFile(vault.path(), QStringLiteral("Flat/note %1.md").arg(i),
                          "# Note " + n + "\n\n- [ ] Task " + n + " @Ada Wren\n"));
    }
    QElapsedTimer timer;
    timer.start();
    const ScanResult result = VaultLoader::load(vault.path());
    QVERIFY2(timer.elapsed() < 4 * LoadBudgetMs, qPrintable(QStringLiteral("loading took %1 ms").arg(timer.elapsed())));
    QCOMPARE(result.notes.size(), Count + 1);
    QCOMPARE(result.problems, Problems());
    VaultIndex index;
    index.reset(result);
    QCOMPARE(index.summary().openTasks, Count + 1);
    const Note *last = index.note(QStringLiteral("Flat/note %1.md").arg(Count - 1));
    QVERIFY(last);
    QCOMPARE(last->title, QStringLiteral("Note %1").arg(Count - 1));
}

void TestHostileVault::corruptIndexCacheIsIgnored()
{
    QTemporaryDir vault;
    QVERIFY(vault.isValid());
    QVERIFY(writeFile(vault.path(), ControlPath, ControlNote));
    const QString canonical = QFileInfo(vault.path()).canonicalFilePath();
    QList<IndexCache::Entry> entries;
    IndexNames names;
    const Note control = NoteParser::parse(ControlPath, ControlNote);
    entries.append({qint64(ControlNote.size()), 1, control, IndexFacts::of(control, names)});
    const QByteArray good = IndexCache::encode(canonical, entries, names.texts());
    QVERIFY(IndexCache::decode(good, canonical).has_value());

    // Truncated at every length up to the first chunk, and every byte flipped in turn: never a
    // crash, and never a note that was not written.
    for (qsizetype length = 0; length < good.size(); length += qMax<qsizetype>(1, good.size() / 512)) {
        const std::optional<IndexCache::Contents> decoded = IndexCache::decode(QByteArrayView(good).first(length), canonical);
        QVERIFY(!decoded || decoded->entries.isEmpty() || decoded->find(ControlPath));
    }
    for (qsizetype at = 0; at < good.size(); at += qMax<qsizetype>(1, good.size() / 1024)) {
        QByteArray flipped = good;
        flipped[at] = char(flipped[at] ^ 0x5A);
        const std::optional<IndexCache::Contents> decoded = IndexCache::decode(flipped, canonical);
        QVERIFY(!decoded || decoded->entries.size() <= 1);
    }
    QVERIFY(!IndexCache::decode(good, canonical + QStringLiteral("-other")).has_value());
}

QTEST_GUILESS_MAIN(TestHostileVault)
#include "tst_hostilevault.moc"
