#include "note/noteparser.h"
#include "vault/vaultloader.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace minutes;

// Scanning rules and parallel loading on real files in fresh temporary folders.
class TestVaultLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findNotes_data();
    void findNotes();
    void missingRootIsAProblem();
    void unreadableFolderIsAProblem();
    void fifoNamedLikeANoteIsNotOpened();
    void loadFillsSizeModifiedAndSortsByPath();
    void loadKeepsWhatTheBodySaysButNotTheBody();
    void readNoteKeepsTheBody();
    void tooLargeFileIsAProblemAndNotRead();
    void unreadableFileIsAProblemWithTheReason();
    void loadsManyNotesInParallelWithProgress();
    void cancelStopsEarly();
    void loadCombinesFindAndLoad();

private:
    static void write(const QString &root, const QString &relativePath, const QByteArray &content = "# Note\n");
};

void TestVaultLoader::write(const QString &root, const QString &relativePath, const QByteArray &content)
{
    const QString path = root + QLatin1Char('/') + relativePath;
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(file.errorString()));
    QCOMPARE(file.write(content), content.size());
}

void TestVaultLoader::findNotes_data()
{
    // files: a trailing '/' makes a folder. links: "link=target", target relative to the vault
    // or "@out/..." inside a second folder outside the vault.
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QStringList>("links");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("problemFiles");

    QTest::newRow("nested folders")
        << QStringList{"a.md", "x/b.md", "x/y/c.md"} << QStringList{}
        << QStringList{"a.md", "x/b.md", "x/y/c.md"} << QStringList{};
    QTest::newRow("extension is case-insensitive")
        << QStringList{"A.MD", "b.Md", "c.md"} << QStringList{}
        << QStringList{"A.MD", "b.Md", "c.md"} << QStringList{};
    QTest::newRow("non-markdown ignored")
        << QStringList{"keep.md", "notes.txt", "image.png", "readme.markdown", "md", "x.mdx", "a.md.bak"}
        << QStringList{} << QStringList{"keep.md"} << QStringList{};
    QTest::newRow("dot folders and dot files skipped")
        << QStringList{".obsidian/workspace.md", ".git/x.md", ".trash/old.md", "sub/.hidden/z.md", ".draft.md", "keep.md"}
        << QStringList{} << QStringList{"keep.md"} << QStringList{};
    QTest::newRow("node_modules skipped")
        << QStringList{"node_modules/pkg/readme.md", "sub/node_modules/x.md", "keep.md"} << QStringList{}
        << QStringList{"keep.md"} << QStringList{};
    QTest::newRow("folder named x.md is not a note")
        << QStringList{"folder.md/", "folder.md/inner.md", "empty.md/"} << QStringList{}
        << QStringList{"folder.md/inner.md"} << QStringList{};
    QTest::newRow("symlinked folder out of the vault refused")
        << QStringList{"keep.md"} << QStringList{"ext=@out"} << QStringList{"keep.md"} << QStringList{"ext"};
    QTest::newRow("symlinked note out of the vault refused")
        << QStringList{"keep.md"} << QStringList{"stolen.md=@out/secret.md"} << QStringList{"keep.md"}
        << QStringList{"stolen.md"};
    QTest::newRow("symlinked non-markdown out of the vault ignored")
        << QStringList{"keep.md"} << QStringList{"picture.png=@out/secret.md"} << QStringList{"keep.md"}
        << QStringList{};
    QTest::newRow("symlink cycle walked once")
        << QStringList{"a/n.md", "a/b/m.md"} << QStringList{"a/loop=a", "a/b/up=.", "a/b/self=a/b"}
        << QStringList{"a/b/m.md", "a/n.md"} << QStringList{};
    QTest::newRow("symlinked note inside the vault")
        << QStringList{"real/n.md"} << QStringList{"alias.md=real/n.md"}
        << QStringList{"alias.md", "real/n.md"} << QStringList{};
    QTest::newRow("symlinked folder inside the vault listed under its real path")
        << QStringList{"real/n.md"} << QStringList{"aaa=real"} << QStringList{"real/n.md"} << QStringList{};
    QTest::newRow("broken symlink to a note")
        << QStringList{"keep.md"} << QStringList{"gone.md=missing.md"} << QStringList{"keep.md"}
        << QStringList{"gone.md"};
    QTest::newRow("empty vault") << QStringList{} << QStringList{} << QStringList{} << QStringList{};
}

void TestVaultLoader::findNotes()
{
    QFETCH(QStringList, files);
    QFETCH(QStringList, links);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, problemFiles);

    QTemporaryDir vault, outside;
    QVERIFY(vault.isValid() && outside.isValid());
    write(outside.path(), QStringLiteral("secret.md"));
    write(outside.path(), QStringLiteral("sub/deeper.md"));
    for (const QString &file : files) {
        if (file.endsWith(QLatin1Char('/')))
            QVERIFY(QDir(vault.path()).mkpath(file));
        else
            write(vault.path(), file);
    }
    for (const QString &link : links) {
        const QString name = link.section(QLatin1Char('='), 0, 0);
        QString target = link.section(QLatin1Char('='), 1);
        target = target.startsWith(QLatin1String("@out"))
                     ? outside.path() + target.mid(4)
                     : QDir::cleanPath(vault.path() + QLatin1Char('/') + target);
        QVERIFY2(QFile::link(target, vault.filePath(name)), qPrintable(link));
    }

    Problems problems;
    QCOMPARE(VaultLoader::findNotes(vault.path(), &problems), expected);
    QStringList reported;
    for (const Problem &problem : std::as_const(problems))
        reported.append(problem.file);
    QCOMPARE(reported, problemFiles);
    for (const Problem &problem : std::as_const(problems))
        QVERIFY(!problem.message.isEmpty());
}

void TestVaultLoader::missingRootIsAProblem()
{
    QTemporaryDir dir;
    Problems problems;
    QVERIFY(VaultLoader::findNotes(dir.filePath(QStringLiteral("nope")), &problems).isEmpty());
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.front().message.contains(QLatin1String("does not exist")), qPrintable(problems.front().message));
}

void TestVaultLoader::unreadableFolderIsAProblem()
{
    if (::geteuid() == 0)
        QSKIP("running as root: a mode 000 folder is still readable");
    QTemporaryDir vault;
    write(vault.path(), QStringLiteral("keep.md"));
    write(vault.path(), QStringLiteral("locked/hidden.md"));
    QVERIFY(::chmod(QFile::encodeName(vault.filePath(QStringLiteral("locked"))).constData(), 0) == 0);
    Problems problems;
    const QStringList notes = VaultLoader::findNotes(vault.path(), &problems);
    ::chmod(QFile::encodeName(vault.filePath(QStringLiteral("locked"))).constData(), 0755);
    QCOMPARE(notes, QStringList{QStringLiteral("keep.md")});
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.front().file, QStringLiteral("locked"));
    QVERIFY2(problems.front().message.contains(QLatin1String("Permission denied")), qPrintable(problems.front().message));
}

void TestVaultLoader::fifoNamedLikeANoteIsNotOpened()
{
    QTemporaryDir vault;
    write(vault.path(), QStringLiteral("keep.md"));
    QVERIFY(::mkfifo(QFile::encodeName(vault.filePath(QStringLiteral("pipe.md"))).constData(), 0644) == 0);
    Problems problems;
    QCOMPARE(VaultLoader::findNotes(vault.path(), &problems), QStringList{QStringLiteral("keep.md")});
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.front().file, QStringLiteral("pipe.md"));

    // Handed in directly (as a watcher might), it is refused rather than read forever.
    Problems loadProblems;
    QVERIFY(VaultLoader::loadNotes(vault.path(), {QStringLiteral("pipe.md")}, {}, nullptr, &loadProblems).isEmpty());
    QCOMPARE(loadProblems.size(), 1);
}

void TestVaultLoader::loadFillsSizeModifiedAndSortsByPath()
{
    QTemporaryDir vault;
    const QByteArray content = "---\ntitle: Planning\ndate: 2024-05-06\n---\n\n# Planning\n\n- [ ] Book the room @Myself\n";
    write(vault.path(), QStringLiteral("b/Planning.md"), content);
    write(vault.path(), QStringLiteral("a.md"));
    Problems problems;
    const QList<Note> notes = VaultLoader::loadNotes(
        vault.path(), {QStringLiteral("b/Planning.md"), QStringLiteral("a.md")}, {}, nullptr, &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(notes.size(), 2);
    QCOMPARE(notes.at(0).relativePath, QStringLiteral("a.md"));
    const Note &planning = notes.at(1);
    QCOMPARE(planning.relativePath, QStringLiteral("b/Planning.md"));
    QCOMPARE(planning.size, content.size());
    QCOMPARE(planning.modified, QFileInfo(vault.filePath(QStringLiteral("b/Planning.md"))).lastModified());
    QVERIFY(!planning.contentHash.isEmpty());
    QCOMPARE(planning.title, QStringLiteral("Planning"));
    QCOMPARE(planning.date, QDate(2024, 5, 6));
    QCOMPARE(planning.tasks.size(), 1);
}

void TestVaultLoader::loadKeepsWhatTheBodySaysButNotTheBody()
{
    QTemporaryDir vault;
    const QByteArray body = "\n# Übersicht\n\nSee [[Ann Example]] about the BUDGET.\n\n- [ ] Book the room @Myself\n";
    write(vault.path(), QStringLiteral("Planning.md"), "---\ntitle: Planning\ntags: [Q3]\n---\n" + body);
    Problems problems;
    const QList<Note> notes = VaultLoader::loadNotes(vault.path(), {QStringLiteral("Planning.md")}, {}, nullptr, &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(notes.size(), 1);
    const Note &note = notes.front();
    QVERIFY(note.body.isEmpty());
    QCOMPARE(note.bodyLength, QString::fromUtf8(body).size());
    QVERIFY(note.opensWithHeading);
    QCOMPARE(note.searchText, QByteArray("planning\nq3\n") + QString::fromUtf8(body).toLower().toUtf8());
    QCOMPARE(note.links.size(), 1);
    QCOMPARE(note.tasks.size(), 1);
}

void TestVaultLoader::readNoteKeepsTheBody()
{
    QTemporaryDir vault;
    const QByteArray body = "Minutes first, then\n# A heading later\n";
    write(vault.path(), QStringLiteral("a/Note.md"), "---\ntitle: Note\n---\n" + body);
    Problems problems;
    const std::optional<Note> note = VaultLoader::readNote(vault.path(), QStringLiteral("a/Note.md"), &problems);
    QVERIFY(problems.isEmpty());
    QVERIFY(note);
    QCOMPARE(note->body, QString::fromUtf8(body));
    QVERIFY(!note->opensWithHeading);
    QCOMPARE(note->searchText, VaultLoader::loadNotes(vault.path(), {QStringLiteral("a/Note.md")}).value(0).searchText);

    const std::optional<Note> missing = VaultLoader::readNote(vault.path(), QStringLiteral("gone.md"), &problems);
    QVERIFY(!missing);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.front().file, QStringLiteral("gone.md"));
    QVERIFY2(problems.front().message.contains(QLatin1String("no such file")), qPrintable(problems.front().message));
}

void TestVaultLoader::tooLargeFileIsAProblemAndNotRead()
{
    QTemporaryDir vault;
    write(vault.path(), QStringLiteral("small.md"));
    QFile big(vault.filePath(QStringLiteral("big.md")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(NoteParser::MaxNoteBytes + 1));   // sparse: cheap to make
    big.close();

    Problems problems;
    const QList<Note> notes = VaultLoader::loadNotes(
        vault.path(), VaultLoader::findNotes(vault.path()), {}, nullptr, &problems);
    QCOMPARE(notes.size(), 1);
    QCOMPARE(notes.front().relativePath, QStringLiteral("small.md"));
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.front().file, QStringLiteral("big.md"));
    const QString size = QString::number(NoteParser::MaxNoteBytes + 1);
    QVERIFY2(problems.front().message.contains(size), qPrintable(problems.front().message));
}

void TestVaultLoader::unreadableFileIsAProblemWithTheReason()
{
    if (::geteuid() == 0)
        QSKIP("running as root: a mode 000 file is still readable");
    QTemporaryDir vault;
    write(vault.path(), QStringLiteral("locked.md"));
    write(vault.path(), QStringLiteral("open.md"));
    QVERIFY(QFile::setPermissions(vault.filePath(QStringLiteral("locked.md")), QFileDevice::Permissions{}));
    Problems problems;
    const QList<Note> notes = VaultLoader::loadNotes(
        vault.path(), VaultLoader::findNotes(vault.path()), {}, nullptr, &problems);
    QCOMPARE(notes.size(), 1);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.front().file, QStringLiteral("locked.md"));
    QVERIFY2(problems.front().message.contains(QLatin1String("Permission denied")), qPrintable(problems.front().message));
}

void TestVaultLoader::loadsManyNotesInParallelWithProgress()
{
    QTemporaryDir vault;
    constexpr int count = 300;
    for (int i = 0; i < count; ++i) {
        write(vault.path(), QStringLiteral("n/%1.md").arg(i, 4, 10, QLatin1Char('0')),
              QStringLiteral("# Note %1\n\n- [ ] Task %1 @Myself\n").arg(i).toUtf8());
    }
    QMutex mutex;
    int calls = 0, lastDone = 0, maxDone = 0, reportedTotal = 0;
    const auto progress = [&](int done, int total) {
        QMutexLocker lock(&mutex);
        ++calls;
        lastDone = done;
        maxDone = std::max(maxDone, done);
        reportedTotal = total;
    };
    const QStringList paths = VaultLoader::findNotes(vault.path());
    QCOMPARE(paths.size(), count);
    Problems problems;
    const QList<Note> notes = VaultLoader::loadNotes(vault.path(), paths, progress, nullptr, &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(notes.size(), count);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(notes.at(i).relativePath, paths.at(i));
        QCOMPARE(notes.at(i).tasks.size(), 1);
    }
    QCOMPARE(calls, count);
    QCOMPARE(maxDone, count);
    QCOMPARE(reportedTotal, count);
    Q_UNUSED(lastDone)
}

void TestVaultLoader::cancelStopsEarly()
{
    QTemporaryDir vault;
    constexpr int count = 400;
    for (int i = 0; i < count; ++i)
        write(vault.path(), QStringLiteral("%1.md").arg(i, 4, 10, QLatin1Char('0')));
    const QStringList paths = VaultLoader::findNotes(vault.path());

    std::atomic_bool cancelled{true};
    QVERIFY(VaultLoader::loadNotes(vault.path(), paths, {}, &cancelled).isEmpty());

    cancelled = false;
    const auto cancelAfterTen = [&](int done, int) {
        if (done >= 10)
            cancelled = true;
    };
    const QList<Note> partial = VaultLoader::loadNotes(vault.path(), paths, cancelAfterTen, &cancelled);
    QVERIFY(partial.size() >= 10);
    QVERIFY2(partial.size() < count, qPrintable(QString::number(partial.size())));
    QVERIFY(std::is_sorted(partial.cbegin(), partial.cend(),
                           [](const Note &a, const Note &b) { return a.relativePath < b.relativePath; }));
}

void TestVaultLoader::loadCombinesFindAndLoad()
{
    QTemporaryDir vault;
    write(vault.path(), QStringLiteral("one.md"));
    write(vault.path(), QStringLiteral(".obsidian/app.md"));
    QFile big(vault.filePath(QStringLiteral("big.md")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(NoteParser::MaxNoteBytes + 1));
    big.close();

    const ScanResult result = VaultLoader::load(vault.path() + QStringLiteral("/./"));
    QCOMPARE(result.root, QDir::cleanPath(vault.path()));
    QCOMPARE(result.notes.size(), 1);
    QCOMPARE(result.notes.front().relativePath, QStringLiteral("one.md"));
    QCOMPARE(result.problems.size(), 1);
    QVERIFY(result.elapsedMs >= 0);
}

QTEST_GUILESS_MAIN(TestVaultLoader)
#include "tst_vaultloader.moc"
