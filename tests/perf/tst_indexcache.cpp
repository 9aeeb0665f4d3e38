// The persistent index (IndexCache) and the loader's use of it: what comes back from the cache is
// exactly what parsing gives, a changed file is parsed again, a damaged or foreign cache is ignored
// and rebuilt, and vaults never share entries.

#include "indexcompare.h"
#include "note/noteparser.h"
#include "vault/indexcache.h"
#include "vault/indexstate.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace minutes;

namespace {

// An hour ago: older than the window in which a file's stamp cannot be trusted yet.
const QDateTime kSettled = QDateTime::currentDateTimeUtc().addSecs(-3600);

bool writeFile(const QString &path, const QByteArray &bytes, const QDateTime &mtime = kSettled)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return false;
    file.close();
    if (!file.open(QIODevice::ReadWrite))
        return false;
    return file.setFileTime(mtime, QFileDevice::FileModificationTime);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Copies a folder's files (.txt seeds become .md notes), all with a settled mtime.
bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int copied = 0;
    while (it.hasNext()) {
        const QString source = it.next();
        QString relative = QDir(from).relativeFilePath(source);
        if (relative.endsWith(QLatin1String(".txt")) && from == QLatin1String(MINUTES_SEEDS_DIR))
            relative = relative.chopped(4) + QLatin1String(".md");
        if (!writeFile(to + QLatin1Char('/') + relative, readFile(source)))
            return false;
        ++copied;
    }
    return copied > 0;
}

// Real-world messiness, written by hand (fictional people).
void writeMessyVault(const QString &root)
{
    const QByteArray meeting =
        "---\ntype: meeting\ntitle: \"Budget sync\"\ndate: 2024-05-06\nparticipants: [\"Ada Quill\", \"[[Bo Lantern|Bo]]\"]\n"
        "project:\n  name: Falcon\n  phases: [design, build]\nrefs:\n- a\n- {k: v}\n---\n\n# Budget sync\n\n"
        "## Action Items\n- [ ] Send deck @Ada Quill \xF0\x9F\x93\x85 2024-05-10 \xE2\x8F\xAB #task\n"
        "- [x] Book room \xE2\x9C\x85 2024-05-05\n- [ ] Renew \xF0\x9F\x94\x81 every week \xF0\x9F\x93\x85 2024-05-13\n\n"
        "See [[Grace Harbor Trust]] and [[Notes/Reading list.md|the list]] #finance\n";
    QVERIFY(writeFile(root + QStringLiteral("/Meetings/2024/05/budget.md"), meeting));
    QByteArray crlf = meeting;
    crlf.replace("\n", "\r\n");
    QVERIFY(writeFile(root + QStringLiteral("/Meetings/2024/05/budget crlf.md"), crlf));
    QVERIFY(writeFile(root + QStringLiteral("/Meetings/bom.md"), "\xEF\xBB\xBF" + meeting));
    QVERIFY(writeFile(root + QStringLiteral("/Meetings/mangled.md"),
                      "- [ ] Call back @Myself \xef\xa3\xbf\xc3\xbc\xc3\xac\xc3\x96 2024-06-01 \xe2\x80\x9a\xc3\xa8\xc2\xb4\n"));
    QVERIFY(writeFile(root + QStringLiteral("/Meetings/bad yaml.md"), "---\ntitle: \"unclosed\nparticipants: [a, b\n---\n# x\n"));
    // Task lines that open with BOMs: the raw line, by which write-back finds a task, keeps them.
    QVERIFY(writeFile(root + QStringLiteral("/Meetings/bom lines.md"),
                      "# T\n\xEF\xBB\xBF- [ ] Call Bo\n\xEF\xBB\xBF\xEF\xBB\xBF- [ ] Twice\n"));
    QVERIFY(writeFile(root + QStringLiteral("/Meetings/empty.md"), QByteArray()));
    QVERIFY(writeFile(root + QStringLiteral("/Meetings/binary.md"), QByteArray("abc\0def", 7)));
    QVERIFY(writeFile(root + QStringLiteral("/Meetings/latin1.md"), "# Caf\xE9 notes\n"));
    QVERIFY(writeFile(root + QStringLiteral("/People/Ada Quill.md"), "---\ntype: person\naliases: [Ada Q.]\n---\n# Ada Quill\n"));
    QVERIFY(writeFile(root + QStringLiteral("/.obsidian/app.json"), "{}"));
    QVERIFY(writeFile(root + QStringLiteral("/image.png"), "\x89PNG"));
}

void compareTasks(const QList<NoteTask> &actual, const QList<NoteTask> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        const NoteTask &a = actual.at(i), &e = expected.at(i);
        QCOMPARE(a.line, e.line);
        QCOMPARE(a.rawLine, e.rawLine);
        QCOMPARE(a.status, e.status);
        QCOMPARE(a.descriptionUtf8, e.descriptionUtf8);
        QCOMPARE(a.owner, e.owner);
        QCOMPARE(a.priority, e.priority);
        QCOMPARE(a.due, e.due);
        QVERIFY(a == e);
    }
}

// A note the index served comes without its links (its facts hold them, resolved).
enum class Links { Same, LeftOut, EitherWay };

// Every field of Note.
void compareNotes(const Note &actual, const Note &expected, Links links = Links::Same)
{
    QCOMPARE(actual.relativePath, expected.relativePath);
    QCOMPARE(actual.size, expected.size);
    QCOMPARE(actual.modified, expected.modified);
    QCOMPARE(actual.contentHash, expected.contentHash);
    QCOMPARE(actual.hasFrontMatter, expected.hasFrontMatter);
    QCOMPARE(actual.bodyLine, expected.bodyLine);
    QCOMPARE(actual.type, expected.type);
    QCOMPARE(actual.title, expected.title);
    QCOMPARE(actual.date, expected.date);
    QCOMPARE(actual.person, expected.person);
    QCOMPARE(actual.participants, expected.participants);
    QCOMPARE(actual.tags, expected.tags);
    QCOMPARE(actual.aliases, expected.aliases);
    QCOMPARE(actual.source, expected.source);
    QCOMPARE(actual.sourceRef, expected.sourceRef);
    QCOMPARE(actual.fields, expected.fields);
    QCOMPARE(actual.body, expected.body);
    QCOMPARE(actual.searchText, expected.searchText);
    QCOMPARE(actual.bodyLength, expected.bodyLength);
    QCOMPARE(actual.opensWithHeading, expected.opensWithHeading);
    QCOMPARE(actual.sections, expected.sections);
    if (links == Links::Same || (links == Links::EitherWay && !actual.links.isEmpty()))
        QCOMPARE(actual.links, expected.links);
    else
        QVERIFY(actual.links.isEmpty());
    compareTasks(actual.tasks, expected.tasks);
    QCOMPARE(actual.mojibakeRepairs, expected.mojibakeRepairs);
    QCOMPARE(actual.problems, expected.problems);
}

void compareScans(const ScanResult &actual, const ScanResult &expected, Links links = Links::Same)
{
    QCOMPARE(actual.root, expected.root);
    QCOMPARE(actual.problems, expected.problems);
    QCOMPARE(actual.notes.size(), expected.notes.size());
    for (qsizetype i = 0; i < actual.notes.size(); ++i) {
        compareNotes(actual.notes.at(i), expected.notes.at(i), links);
        if (QTest::currentTestFailed())
            return;
    }
}

// Everything the views read of two indexes of the same notes, one built with the facts the
// persistent index kept and one from parsing alone.
void compareIndexes(const VaultIndex &actual, const VaultIndex &expected)
{
    QCOMPARE(actual.notePaths(), expected.notePaths());
    QCOMPARE(actual.entities().size(), expected.entities().size());
    for (qsizetype i = 0; i < expected.entities().size() && !QTest::currentTestFailed(); ++i)
        test::compareEntity(actual.entities().at(i), expected.entities().at(i));
    QCOMPARE(actual.meetings().size(), expected.meetings().size());
    for (qsizetype i = 0; i < expected.meetings().size() && !QTest::currentTestFailed(); ++i)
        test::compareMeeting(*actual.meetings().at(i), *expected.meetings().at(i));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(actual.taskRows().size(), expected.taskRows().size());
    for (qsizetype i = 0; i < expected.taskRows().size(); ++i) {
        const TaskRow &a = actual.taskRows().at(i), &e = expected.taskRows().at(i);
        QCOMPARE(a.order, e.order);
        QCOMPARE(a.print, e.print);
        QCOMPARE(actual.taskText(a.path), expected.taskText(e.path));
        QCOMPARE(a.line, e.line);
        QCOMPARE(actual.taskText(a.ownerEntity), expected.taskText(e.ownerEntity));
        QCOMPARE(actual.taskText(a.meetingKey), expected.taskText(e.meetingKey));
    }
    for (const QString &path : expected.notePaths()) {
        const QString baseName = QFileInfo(path).completeBaseName();
        QCOMPARE(actual.resolveNoteLink(baseName), expected.resolveNoteLink(baseName));
        for (const WikiLink &link : expected.note(path)->links)
            QCOMPARE(actual.resolveNoteLink(link.target), expected.resolveNoteLink(link.target));
    }
    QCOMPARE(actual.problems(), expected.problems());
    QCOMPARE(actual.summary().people, expected.summary().people);
    QCOMPARE(actual.summary().organisations, expected.summary().organisations);
    QCOMPARE(actual.summary().meetings, expected.summary().meetings);
    QCOMPARE(actual.summary().openTasks, expected.summary().openTasks);
}

ScanResult loadWithoutCache(const QString &root)
{
    IndexCache::setEnabled(false);
    ScanResult result = VaultLoader::load(root);
    IndexCache::setEnabled(true);
    return result;
}

// Loads with the cache and waits until the index is written back.
ScanResult loadWithCache(const QString &root)
{
    ScanResult result = VaultLoader::load(root);
    IndexCache::waitForBackgroundWrites();
    return result;
}

QString cacheFileOf(const QString &root)
{
    return IndexCache(QFileInfo(root).canonicalFilePath()).filePath();
}

// Same length, same mtime, different bytes: only a load that trusts the index misses it.
bool rewriteKeepingStamp(const QString &path, const QByteArray &from, const QByteArray &to)
{
    QByteArray bytes = readFile(path);
    const qsizetype at = bytes.indexOf(from);
    if (at < 0 || from.size() != to.size())
        return false;
    bytes.replace(at, from.size(), to);
    const QDateTime mtime = QFileInfo(path).lastModified();
    return writeFile(path, bytes, mtime);
}

} // namespace

class TestIndexCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void roundTripKeepsEveryField_data();
    void roundTripKeepsEveryField();
    void unchangedStampIsServedFromTheIndex();
    void changedFileIsParsedAgain_data();
    void changedFileIsParsedAgain();
    void addedAndRemovedNotes();
    void factsFromTheIndexAndFromParsingMix();
    void damagedCacheIsIgnoredAndRebuilt_data();
    void damagedCacheIsIgnoredAndRebuilt();
    void twoVaultsDoNotShareEntries();
    void recentFilesAreNotCached();
    void disabledCacheNeitherReadsNorWrites();
    void cacheLivesUnderXdgCacheHome();
    void summaryUsesTheIndexUnlessNoCache();

private:
    QTemporaryDir *m_cacheHome = nullptr;
    QTemporaryDir *m_vault = nullptr;
};

void TestIndexCache::init()
{
    m_cacheHome = new QTemporaryDir;
    m_vault = new QTemporaryDir;
    QVERIFY(m_cacheHome->isValid() && m_vault->isValid());
    qputenv("XDG_CACHE_HOME", QFile::encodeName(m_cacheHome->path()));
    IndexCache::setEnabled(true);
}

void TestIndexCache::cleanup()
{
    IndexCache::waitForBackgroundWrites();
    delete m_vault;
    delete m_cacheHome;
}

void TestIndexCache::roundTripKeepsEveryField_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("northwind fixture vault") << QStringLiteral(MINUTES_TEST_DATA "/vaults/northwind");
    QTest::newRow("fixture notes") << QStringLiteral(MINUTES_TEST_DATA "/notes");
    QTest::newRow("the two seeds") << QStringLiteral(MINUTES_SEEDS_DIR);
    QTest::newRow("messy vault") << QString();
}

void TestIndexCache::roundTripKeepsEveryField()
{
    QFETCH(QString, source);
    const QString root = m_vault->path();
    if (source.isEmpty())
        writeMessyVault(root);
    else
        QVERIFY(copyTree(source, root));

    const ScanResult parsed = loadWithoutCache(root);
    QVERIFY(!parsed.notes.isEmpty());
    QVERIFY(!QFile::exists(cacheFileOf(root)));
    const ScanResult first = loadWithCache(root);
    compareScans(first, parsed);
    QVERIFY(QFile::exists(cacheFileOf(root)));
    QVERIFY(first.prepared);
    QCOMPARE(first.prepared->factsWorkedOut, parsed.notes.size());

    // The file itself decodes to exactly the parsed notes...
    const IndexCache::Contents contents = IndexCache(QFileInfo(root).canonicalFilePath()).read();
    QCOMPARE(contents.entries.size(), parsed.notes.size());
    for (const Note &note : parsed.notes) {
        QVERIFY2(contents.find(note.relativePath), qPrintable(note.relativePath));
        compareNotes(contents.find(note.relativePath)->note, note, Links::LeftOut);
    }
    // ...with every note's facts, so that a load through it works out none of them again and
    // gives the same index.
    const ScanResult second = loadWithCache(root);
    compareScans(second, parsed, Links::LeftOut);
    QVERIFY(second.prepared);
    QCOMPARE(second.prepared->factsWorkedOut, 0);
    VaultIndex fromCache, fromParse;
    fromCache.reset(second);
    fromParse.reset(parsed);
    compareIndexes(fromCache, fromParse);
}

void TestIndexCache::unchangedStampIsServedFromTheIndex()
{
    const QString root = m_vault->path();
    const QString path = root + QStringLiteral("/a.md");
    QVERIFY(writeFile(path, "# Alpha\n"));
    loadWithCache(root);
    QVERIFY(rewriteKeepingStamp(path, "Alpha", "Blpha"));
    // Size and mtime match the index: the note is not read again (which is the point of it).
    QCOMPARE(loadWithCache(root).notes.value(0).title, QStringLiteral("Alpha"));
    QCOMPARE(loadWithoutCache(root).notes.value(0).title, QStringLiteral("Blpha"));
}

void TestIndexCache::changedFileIsParsedAgain_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("mtimeShift");
    QTest::newRow("size changed, same mtime") << QByteArray("# Beta, longer\n") << 0;
    QTest::newRow("mtime changed, same size") << QByteArray("# Gamma\n") << 60;
    QTest::newRow("mtime moved back, same size") << QByteArray("# Delta\n") << -60;
}

void TestIndexCache::changedFileIsParsedAgain()
{
    QFETCH(QByteArray, content);
    QFETCH(int, mtimeShift);
    const QString root = m_vault->path();
    const QString path = root + QStringLiteral("/a.md");
    QVERIFY(writeFile(path, "# Alpha\n"));
    QVERIFY(writeFile(root + QStringLiteral("/b.md"), "# Other\n"));
    loadWithCache(root);
    QVERIFY(writeFile(path, content, kSettled.addSecs(mtimeShift)));

    const ScanResult result = loadWithCache(root);
    QCOMPARE(result.notes.size(), 2);
    compareNotes(result.notes.at(0), loadWithoutCache(root).notes.at(0));
    QCOMPARE(result.notes.at(0).title, QString::fromUtf8(content.mid(2).trimmed()));
    QCOMPARE(result.notes.at(1).title, QStringLiteral("Other"));
    // The index now holds the new version; the other note's facts came from the index.
    QCOMPARE(IndexCache(QFileInfo(root).canonicalFilePath()).read().find(QStringLiteral("a.md"))->note.title,
             result.notes.at(0).title);
    QCOMPARE(result.prepared->factsWorkedOut, 1);
}

void TestIndexCache::factsFromTheIndexAndFromParsingMix()
{
    const QString root = m_vault->path();
    QVERIFY(copyTree(QStringLiteral(MINUTES_TEST_DATA "/vaults/northwind"), root));
    loadWithCache(root);

    // Names the index has never seen (a new participant, a new owner, a link to a new note) are
    // interned after the ones it kept; a person note that goes away and a meeting that is now
    // stored twice change entities and meetings both.
    const QString sync = root + QStringLiteral("/Meetings/2024-03-04 Weekly sync.md");
    QByteArray bytes = readFile(sync);
    QVERIFY(bytes.contains("participants:"));
    bytes.replace("participants:", "participants:\n  - \"[[Zelda Newcomer]]\"");
    bytes.append("\n- [ ] Call back @Quentin Owner 📅 2024-04-01\nSee [[Brand new note]].\n");
    QVERIFY(writeFile(sync, bytes, kSettled.addSecs(60)));
    QVERIFY(writeFile(root + QStringLiteral("/Notes/Brand new note.md"), "---\ntype: person\naliases: [Zed]\n---\n# Zelda Newcomer\n"));
    QVERIFY(QFile::remove(root + QStringLiteral("/People/Priya Raman.md")));
    QVERIFY(writeFile(root + QStringLiteral("/Inbox/2024-02-20 Team lunch copy.md"),
                      readFile(root + QStringLiteral("/Meetings/2024-02-20 Team lunch.md"))));

    const ScanResult warm = loadWithCache(root);
    QVERIFY(warm.prepared);
    QCOMPARE(warm.prepared->factsWorkedOut, 3);   // the changed meeting, the two new notes
    const ScanResult parsed = loadWithoutCache(root);
    compareScans(warm, parsed, Links::EitherWay);
    VaultIndex fromCache, fromParse;
    fromCache.reset(warm);
    fromParse.reset(parsed);
    QVERIFY(fromCache.entity(QStringLiteral("Zelda Newcomer")));
    QVERIFY(fromCache.entity(QStringLiteral("Quentin Owner")));
    compareIndexes(fromCache, fromParse);
    if (QTest::currentTestFailed())
        return;
    // A second index from the same result builds its own (the prepared one is taken): the
    // facts of the notes the index served without their links are used again, not worked out
    // from notes without links.
    VaultIndex second;
    second.reset(warm);
    compareIndexes(second, fromParse);
    if (QTest::currentTestFailed())
        return;

    // The index written back holds every note's facts again.
    const ScanResult again = loadWithCache(root);
    QCOMPARE(again.prepared->factsWorkedOut, 0);
    VaultIndex fromRewritten;
    fromRewritten.reset(again);
    compareIndexes(fromRewritten, fromParse);
}

void TestIndexCache::addedAndRemovedNotes()
{
    const QString root = m_vault->path();
    QVERIFY(writeFile(root + QStringLiteral("/a.md"), "# A\n"));
    QVERIFY(writeFile(root + QStringLiteral("/b.md"), "# B\n"));
    loadWithCache(root);
    QVERIFY(QFile::remove(root + QStringLiteral("/a.md")));
    QVERIFY(writeFile(root + QStringLiteral("/sub/c.md"), "# C\n"));
    const ScanResult result = loadWithCache(root);
    QStringList paths;
    for (const Note &note : result.notes)
        paths << note.relativePath;
    QCOMPARE(paths, (QStringList{QStringLiteral("b.md"), QStringLiteral("sub/c.md")}));
    QCOMPARE(IndexCache(QFileInfo(root).canonicalFilePath()).read().entries.size(), 2);
}

void TestIndexCache::damagedCacheIsIgnoredAndRebuilt_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("truncated in the middle") << QStringLiteral("truncate-half");
    QTest::newRow("truncated to the header") << QStringLiteral("truncate-40");
    QTest::newRow("empty file") << QStringLiteral("empty");
    QTest::newRow("a byte flipped in the notes") << QStringLiteral("flip-end");
    QTest::newRow("a byte flipped in the header") << QStringLiteral("flip-header");
    QTest::newRow("other format version") << QStringLiteral("version");
    QTest::newRow("written by another build") << QStringLiteral("build");
    QTest::newRow("not an index at all") << QStringLiteral("garbage");
    QTest::newRow("another vault's index in its place") << QStringLiteral("foreign");
}

void TestIndexCache::damagedCacheIsIgnoredAndRebuilt()
{
    QFETCH(QString, damage);
    const QString root = m_vault->path();
    writeMessyVault(root);
    loadWithCache(root);
    const QString file = cacheFileOf(root);
    QByteArray bytes = readFile(file);
    QVERIFY(bytes.size() > 100);

    if (damage == QLatin1String("truncate-half"))
        bytes.truncate(bytes.size() / 2);
    else if (damage == QLatin1String("truncate-40"))
        bytes.truncate(40);
    else if (damage == QLatin1String("empty"))
        bytes.clear();
    else if (damage == QLatin1String("flip-end"))
        bytes[bytes.size() - 10] = char(bytes.at(bytes.size() - 10) ^ 0x20);
    else if (damage == QLatin1String("flip-header"))
        bytes[20] = char(bytes.at(20) ^ 0x01);
    else if (damage == QLatin1String("version"))
        bytes[8] = char(IndexCache::FormatVersion + 1);   // the version varint follows the 8-byte magic
    else if (damage == QLatin1String("build"))
        bytes.replace(IndexCache::buildId(), QByteArray(IndexCache::buildId().size(), 'x'));
    else if (damage == QLatin1String("garbage"))
        bytes = QByteArray(4096, 'g');
    else if (damage == QLatin1String("foreign")) {
        QTemporaryDir other;
        writeMessyVault(other.path());
        loadWithCache(other.path());
        bytes = readFile(cacheFileOf(other.path()));
    }
    QVERIFY(writeFile(file, bytes, QDateTime::currentDateTimeUtc()));
    QVERIFY(!IndexCache::decode(bytes, QFileInfo(root).canonicalFilePath()));
    QVERIFY(IndexCache(QFileInfo(root).canonicalFilePath()).read().entries.isEmpty());

    // A note changed behind a matching stamp shows whether anything was trusted: nothing was.
    QVERIFY(rewriteKeepingStamp(root + QStringLiteral("/People/Ada Quill.md"), "# Ada", "# Bea"));
    const ScanResult result = loadWithCache(root);
    compareScans(result, loadWithoutCache(root));
    // No problem is reported for the cache, and it is whole again.
    for (const Problem &problem : result.problems)
        QVERIFY2(!problem.message.contains(QLatin1String("index")), qPrintable(problem.toString()));
    QVERIFY(IndexCache::decode(readFile(file), QFileInfo(root).canonicalFilePath()).has_value());
}

void TestIndexCache::twoVaultsDoNotShareEntries()
{
    QTemporaryDir other;
    // Same relative path, same size, same mtime; different words.
    QVERIFY(writeFile(m_vault->path() + QStringLiteral("/note.md"), "# Alpha\n"));
    QVERIFY(writeFile(other.path() + QStringLiteral("/note.md"), "# Omega\n"));
    QCOMPARE(loadWithCache(m_vault->path()).notes.value(0).title, QStringLiteral("Alpha"));
    QCOMPARE(loadWithCache(other.path()).notes.value(0).title, QStringLiteral("Omega"));
    QCOMPARE(loadWithCache(m_vault->path()).notes.value(0).title, QStringLiteral("Alpha"));
    QCOMPARE(loadWithCache(other.path()).notes.value(0).title, QStringLiteral("Omega"));
    QVERIFY(cacheFileOf(m_vault->path()) != cacheFileOf(other.path()));
    QVERIFY(QFile::exists(cacheFileOf(m_vault->path())));
    QVERIFY(QFile::exists(cacheFileOf(other.path())));
}

void TestIndexCache::recentFilesAreNotCached()
{
    const QString root = m_vault->path();
    QVERIFY(writeFile(root + QStringLiteral("/old.md"), "# Old\n"));
    QVERIFY(writeFile(root + QStringLiteral("/new.md"), "# New\n", QDateTime::currentDateTimeUtc()));
    loadWithCache(root);
    const IndexCache::Contents contents = IndexCache(QFileInfo(root).canonicalFilePath()).read();
    QVERIFY(contents.find(QStringLiteral("old.md")));
    // Written this very second: a further write in the same timestamp could hide behind it.
    QVERIFY(!contents.find(QStringLiteral("new.md")));
}

void TestIndexCache::disabledCacheNeitherReadsNorWrites()
{
    const QString root = m_vault->path();
    QVERIFY(writeFile(root + QStringLiteral("/a.md"), "# Alpha\n"));
    loadWithoutCache(root);
    IndexCache::waitForBackgroundWrites();
    QVERIFY(!QFile::exists(cacheFileOf(root)));
    loadWithCache(root);
    QVERIFY(rewriteKeepingStamp(root + QStringLiteral("/a.md"), "Alpha", "Blpha"));
    QCOMPARE(loadWithoutCache(root).notes.value(0).title, QStringLiteral("Blpha"));
}

void TestIndexCache::cacheLivesUnderXdgCacheHome()
{
    QCOMPARE(IndexCache::directory(), m_cacheHome->path() + QStringLiteral("/minutes/index"));
    QVERIFY(cacheFileOf(m_vault->path()).startsWith(IndexCache::directory() + QLatin1Char('/')));
    // Keyed by the canonical root: another spelling of the same folder finds the same file.
    QCOMPARE(cacheFileOf(m_vault->path() + QStringLiteral("/./")), cacheFileOf(m_vault->path()));
}

void TestIndexCache::summaryUsesTheIndexUnlessNoCache()
{
    const QString root = m_vault->path();
    QVERIFY(writeFile(root + QStringLiteral("/Meetings/sync.md"),
                      "---\ndate: 2024-05-06\nparticipants: [Ada Quill]\n---\n- [ ] Send deck @Ada Quill\n"));
    auto summary = [&](const QStringList &extra) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_cacheHome->path());
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(MINUTES_BINARY), QStringList{QStringLiteral("--summary")} + extra + QStringList{root});
        if (!process.waitForFinished(60000))
            return QByteArray("timeout");
        return process.readAllStandardOutput();
    };
    const QByteArray uncached = summary({QStringLiteral("--no-cache")});
    QVERIFY2(uncached.contains("Tasks:         1 open"), uncached.constData());
    QVERIFY(!QFile::exists(cacheFileOf(root)));
    const QByteArray first = summary({});
    QVERIFY(QFile::exists(cacheFileOf(root)));
    QVERIFY(rewriteKeepingStamp(root + QStringLiteral("/Meetings/sync.md"), "[ ]", "[x]"));   // "- [ ]" -> "- [x]"
    // The second run trusts the index (same size and mtime); --no-cache reads the file.
    QVERIFY2(summary({}).contains("Tasks:         1 open"), first.constData());
    QVERIFY(summary({QStringLiteral("--no-cache")}).contains("Tasks:         0 open, 1 done"));
}

QTEST_GUILESS_MAIN(TestIndexCache)
#include "tst_indexcache.moc"
