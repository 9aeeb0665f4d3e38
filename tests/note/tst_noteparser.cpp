#include "note/frontmatter.h"
#include "note/markdownscan.h"
#include "note/noteparser.h"
#include "note/searchtext.h"
#include "tasks/taskparser.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace minutes;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray fixture(const QString &relativePath)
{
    const QByteArray bytes = readFile(QStringLiteral(MINUTES_TEST_DATA "/notes/") + relativePath);
    if (bytes.isEmpty())
        qWarning("missing fixture %s", qPrintable(relativePath));
    return bytes;
}

QString problemsText(const Problems &problems)
{
    QStringList lines;
    for (const Problem &problem : problems)
        lines.append(problem.toString());
    return lines.join(QLatin1Char('\n'));
}

const Problem *findProblem(const Note &note, const QString &text)
{
    for (const Problem &problem : note.problems) {
        if (problem.message.contains(text, Qt::CaseInsensitive))
            return &problem;
    }
    return nullptr;
}

QList<int> taskLines(const Note &note)
{
    QList<int> lines;
    for (const NoteTask &task : note.tasks)
        lines.append(task.line);
    return lines;
}

QStringList sectionList(const Note &note)
{
    QStringList out;
    for (const Section &section : note.sections)
        out.append(QStringLiteral("%1:%2@%3").arg(section.level).arg(section.title).arg(section.line));
    return out;
}

// A note in the generated format, with fictional people, as LF text.
const char *const SampleNote = "---\n"
                               "type: people\n"
                               "title: Lab planning with Ada\n"
                               "date: 2025-06-12\n"
                               "participants:\n"
                               "- Ada Wren\n"
                               "- Hugo Meyer\n"
                               "tags:\n"
                               "- generated\n"
                               "---\n"
                               "\n"
                               "# Lab planning with Ada\n"
                               "\n"
                               "## Action Items\n"
                               "- [ ] Order the switches @Hugo Meyer \xF0\x9F\x93\x85 2025-06-20 #task\n"
                               "- [x] Share the rack plan @Myself \xF0\x9F\x93\x85 2025-06-13 #task\n"
                               "\n"
                               "```\n"
                               "- [ ] not a task, inside a fence\n"
                               "```\n"
                               "\n"
                               "## Related\n"
                               "- [[Ada Wren]] in Zürich\n";

} // namespace

class TestNoteParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodings_data();
    void encodings();
    void invalidUtf8();
    void binary_data();
    void binary();
    void oversized();
    void peopleFixture();
    void quarterlyReviewFixture();
    void codeAndLinksFixture();
    void titleAndDateFallbacks_data();
    void titleAndDateFallbacks();
    void sections();
    void tasksOutsideCodeOnly_data();
    void tasksOutsideCodeOnly();
    void rawLineIsTheLineOnDisk_data();
    void rawLineIsTheLineOnDisk();
    void taskPrefilterAgreesWithTaskParser_data();
    void taskPrefilterAgreesWithTaskParser();
    void taskProblemsNameTheFile();
    void tags_data();
    void tags();
    void pathologicalMarkdownIsFast();
    void restPastTheLimitIsScannedByLine();
    void mojibakeSeed();
    void plainScanMatchesMd4c_data();
    void plainScanMatchesMd4c();
    void whatTheIndexKeepsOfTheBody_data();
    void whatTheIndexKeepsOfTheBody();
    void contentHash_data();
    void contentHash();
};

void TestNoteParser::encodings_data()
{
    QTest::addColumn<QByteArray>("bytes");

    const QByteArray lf(SampleNote);
    QByteArray crlf = lf;
    crlf.replace("\n", "\r\n");
    QByteArray cr = lf;
    cr.replace('\n', '\r');
    auto utf16 = [&](QStringConverter::Encoding encoding) {
        QStringEncoder encoder(encoding, QStringConverter::Flag::WriteBom);
        return QByteArray(encoder(QString::fromUtf8(lf)));
    };

    QTest::newRow("lf") << lf;
    QTest::newRow("crlf") << crlf;
    QTest::newRow("lone cr") << cr;
    QTest::newRow("utf-8 bom") << "\xEF\xBB\xBF" + lf;
    QTest::newRow("utf-8 bom and crlf") << "\xEF\xBB\xBF" + crlf;
    QTest::newRow("utf-16 le") << utf16(QStringConverter::Utf16LE);
    QTest::newRow("utf-16 be") << utf16(QStringConverter::Utf16BE);
}

void TestNoteParser::encodings()
{
    QFETCH(QByteArray, bytes);

    const Note note = NoteParser::parse(QStringLiteral("Lab/2025-06-12 planning.md"), bytes);
    QVERIFY2(note.problems.isEmpty(), qPrintable(problemsText(note.problems)));
    QVERIFY(note.hasFrontMatter);
    QCOMPARE(note.bodyLine, 11);
    QCOMPARE(note.type, QStringLiteral("people"));
    QCOMPARE(note.title, QStringLiteral("Lab planning with Ada"));
    QCOMPARE(note.date, QDate(2025, 6, 12));
    QCOMPARE(note.participants, (QStringList{"Ada Wren", "Hugo Meyer"}));
    QCOMPARE(note.tags, (QStringList{"generated", "task"}));
    QCOMPARE(sectionList(note), (QStringList{"1:Lab planning with Ada@12", "2:Action Items@14", "2:Related@22"}));
    QCOMPARE(taskLines(note), (QList<int>{15, 16}));
    QCOMPARE(note.tasks.first().due, QDate(2025, 6, 20));
    QCOMPARE(note.tasks.first().rawLine,
             QString::fromUtf8("- [ ] Order the switches @Hugo Meyer \xF0\x9F\x93\x85 2025-06-20 #task"));
    QCOMPARE(note.tasks.at(1).state(), TaskState::Done);
    QCOMPARE(note.links.size(), 1);
    QCOMPARE(note.links.first().line, 23);
    QCOMPARE(note.size, qint64(bytes.size()));
    QCOMPARE(note.contentHash, NoteParser::contentHash(bytes));
    QString body = note.body;
    body.replace(QLatin1String("\r\n"), QLatin1String("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QVERIFY(body.startsWith(QLatin1String("\n# Lab planning with Ada\n")));
    QVERIFY(body.endsWith(QStringLiteral("- [[Ada Wren]] in Zürich\n")));
}

void TestNoteParser::invalidUtf8()
{
    const QByteArray bytes = "---\ntitle: Broken bytes\n---\nline four\nbad \xC3\x28 byte here\n- [ ] task after it\n";
    const Note note = NoteParser::parse(QStringLiteral("broken.md"), bytes);
    const Problem *problem = findProblem(note, QStringLiteral("UTF-8"));
    QVERIFY2(problem, qPrintable(problemsText(note.problems)));
    QCOMPARE(problem->line, 5);
    QCOMPARE(problem->file, QStringLiteral("broken.md"));
    QCOMPARE(note.problems.size(), 1);
    QCOMPARE(note.title, QStringLiteral("Broken bytes"));
    QVERIFY(note.body.contains(QStringLiteral("bad \uFFFD( byte here")));
    QCOMPARE(taskLines(note), QList<int>{6});

    const Note utf16 = NoteParser::parse(QStringLiteral("u.md"), QByteArray("\xFF\xFE" "a\0\n\0\x00\xD8" "b\0", 10));
    QVERIFY2(findProblem(utf16, QStringLiteral("UTF-16")), qPrintable(problemsText(utf16.problems)));
    QCOMPARE(utf16.body, QStringLiteral("a\n\uFFFDb"));
    QCOMPARE(findProblem(utf16, QStringLiteral("UTF-16"))->line, 2);
    const Note odd = NoteParser::parse(QStringLiteral("u.md"), QByteArray("\xFE\xFF\0a\0", 5));
    QVERIFY2(findProblem(odd, QStringLiteral("UTF-16")), qPrintable(problemsText(odd.problems)));
    QCOMPARE(odd.body.left(1), QStringLiteral("a"));
    // Many lone surrogates: replaced in one pass.
    QByteArray surrogates = "\xFF\xFE";
    for (int i = 0; i < 1000000; ++i)
        surrogates += QByteArray("\x00\xDC", 2);
    QElapsedTimer timer;
    timer.start();
    const Note many = NoteParser::parse(QStringLiteral("u.md"), surrogates);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(many.body.size(), 1000000);
    QCOMPARE(many.body.at(999999), QChar(QChar::ReplacementCharacter));

    for (const QByteArray &bad : {QByteArray("\xC0\xAF"), QByteArray("\xED\xA0\x80"), QByteArray("\xF4\x90\x80\x80"),
                                  QByteArray("\xE2\x82"), QByteArray("\xFF")}) {
        const Note other = NoteParser::parse(QStringLiteral("bad.md"), "ok\n" + bad);
        QVERIFY2(findProblem(other, QStringLiteral("UTF-8")), bad.toHex().constData());
        QCOMPARE(findProblem(other, QStringLiteral("UTF-8"))->line, 2);
    }
}

void TestNoteParser::binary_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("nul in text") << QByteArray("# Title\nsome\0text\n", 18);
    QTest::newRow("png header") << QByteArray("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
    QTest::newRow("utf-16 with nul character") << QByteArray("\xFF\xFE" "a\0\0\0b\0", 8);
}

void TestNoteParser::binary()
{
    QFETCH(QByteArray, bytes);
    const Note note = NoteParser::parse(QStringLiteral("Inbox/2025-02-01 scan.md"), bytes);
    QVERIFY2(findProblem(note, QStringLiteral("binary file")), qPrintable(problemsText(note.problems)));
    QCOMPARE(note.problems.size(), 1);
    QCOMPARE(note.problems.first().severity, Problem::Severity::Error);
    QVERIFY(note.body.isEmpty());
    QVERIFY(note.tasks.isEmpty());
    QCOMPARE(note.title, QStringLiteral("2025-02-01 scan"));
    QCOMPARE(note.date, QDate(2025, 2, 1));
}

void TestNoteParser::oversized()
{
    const QByteArray bytes(NoteParser::MaxNoteBytes + 1, 'a');
    const Note note = NoteParser::parse(QStringLiteral("huge.md"), bytes);
    QCOMPARE(note.problems.size(), 1);
    QVERIFY(note.problems.first().message.contains(QLatin1String("larger than 8 MiB")));
    QCOMPARE(note.title, QStringLiteral("huge"));
    QVERIFY(note.body.isEmpty());
    QCOMPARE(note.size, qint64(bytes.size()));

    const Note fits = NoteParser::parse(QStringLiteral("big.md"), QByteArray(NoteParser::MaxNoteBytes, 'a'));
    QVERIFY(!findProblem(fits, QStringLiteral("larger than 8 MiB")));
}

void TestNoteParser::peopleFixture()
{
    const QString path = QStringLiteral("people/2025-03-14 - Mara Lindqvist sync.md");
    const Note note = NoteParser::parse(path, fixture(path));
    QVERIFY2(note.problems.isEmpty(), qPrintable(problemsText(note.problems)));
    QCOMPARE(note.relativePath, path);
    QCOMPARE(note.title, QStringLiteral("Storage roadmap sync with Mara"));
    QCOMPARE(note.date, QDate(2025, 3, 14));
    QCOMPARE(note.person, QStringLiteral("Mara Lindqvist"));
    QCOMPARE(note.participants, (QStringList{"Ada Wren", "Mara Lindqvist"}));
    QCOMPARE(note.source, QStringLiteral("transcript"));
    QCOMPARE(note.sourceRef, QStringLiteral("Inbox/_archive/2025-03-15/2025-03-14 - Storage roadmap sync covering "
                                            "tiering, field feedback and lab capacity.md"));
    QCOMPARE(note.tags, (QStringList{"type/people", "person/mara-lindqvist", "generated", "roadmap", "task"}));
    QCOMPARE(note.bodyLine, 17);
    QCOMPARE(sectionList(note), (QStringList{"1:Storage roadmap sync with Mara@18", "2:Summary@23",
                                             "2:Action Items@26", "2:Decisions@31", "2:Related@38"}));
    QCOMPARE(taskLines(note), (QList<int>{27, 28, 29}));
    QCOMPARE(note.tasks.at(0).owner, QStringLiteral("Myself"));
    QCOMPARE(note.tasks.at(1).state(), TaskState::Done);
    QCOMPARE(note.tasks.at(2).state(), TaskState::InProgress);
    QCOMPARE(note.links.size(), 4);
    QVERIFY(note.links.first().target.endsWith(QLatin1String("field feedback and lab capacity.md")));
    QCOMPARE(note.links.first().alias, QStringLiteral("2025-03-14 - Storage roadmap sync"));
    QCOMPARE(note.links.first().line, 36);
    QCOMPARE(note.links.last().target, QStringLiteral("Hugo Meyer"));
    QCOMPARE(note.mojibakeRepairs, 0);
    QVERIFY(note.body.startsWith(QLatin1String("\n# Storage roadmap sync with Mara\n")));
}

void TestNoteParser::quarterlyReviewFixture()
{
    const QString path = QStringLiteral("meetings/quarterly-review.md");
    const QByteArray bytes = fixture(path);
    const Note note = NoteParser::parse(path, bytes);
    QVERIFY2(note.problems.isEmpty(), qPrintable(problemsText(note.problems)));
    QCOMPARE(note.type, QStringLiteral("meeting"));
    QCOMPARE(note.title, QStringLiteral("Quarterly review: budget, hiring, and the lab move"));
    QCOMPARE(note.date, QDate(2025, 4, 2));
    QVERIFY(note.person.isEmpty());
    QCOMPARE(note.participants, (QStringList{"Tobias Okafor", "Priya Raman", "Hugo Meyer"}));
    QCOMPARE(note.aliases, (QStringList{"Q2 review", "Review April"}));
    QCOMPARE(note.tags, (QStringList{"planning", "review", "task", "proposed"}));
    QCOMPARE(note.fields.value("location"), QVariant(QStringLiteral("Room 4.12")));
    QCOMPARE(note.fields.value("budget").toMap().value("amount"), QVariant(QStringLiteral("120k")));
    QCOMPARE(note.fields.value("tags_extra").toStringList(), (QStringList{"one", "two"}));
    QCOMPARE(note.bodyLine, 21);

    // The mangled emoji are repaired for display; the raw task lines keep them.
    QCOMPARE(note.mojibakeRepairs, 4);
    QVERIFY(note.body.contains(QString::fromUtf8("\xF0\x9F\x93\x85 2025-04-16")));
    QVERIFY(!note.body.contains(QString::fromUtf8("\xC3\xBC\xC3\xAC\xC3\x96")));
    QCOMPARE(taskLines(note), (QList<int>{27, 29}));
    for (const NoteTask &task : note.tasks) {
        QCOMPARE(task.due, QDate(2025, 4, 16));
        QVERIFY(task.rawLine.contains("\xC3\xBC\xC3\xAC\xC3\x96"));
        QVERIFY(bytes.contains(task.rawLine));
    }
    QCOMPARE(note.tasks.at(0).owner, QStringLiteral("Priya Raman"));
    QCOMPARE(note.tasks.at(0).priority, Priority::High);
    QCOMPARE(note.tasks.at(1).priority, Priority::Low);
    QCOMPARE(note.links.size(), 1);
    QCOMPARE(note.links.first().target, QStringLiteral("Lab move plan"));
    QCOMPARE(note.links.first().heading, QStringLiteral("Budget"));
}

void TestNoteParser::codeAndLinksFixture()
{
    const QString path = QStringLiteral("code-and-links.md");
    const Note note = NoteParser::parse(path, fixture(path));
    QVERIFY2(note.problems.isEmpty(), qPrintable(problemsText(note.problems)));
    QVERIFY(!note.hasFrontMatter);
    QCOMPARE(note.bodyLine, 1);
    QCOMPARE(note.title, QStringLiteral("Links in every corner"));
    QVERIFY(!note.date.isValid());
    QStringList targets;
    for (const WikiLink &link : note.links)
        targets.append(link.target);
    QCOMPARE(targets, (QStringList{"Ada Wren", "Hugo Meyer", "Lab move plan", "Lab move plan", "Mara Lindqvist",
                                   "../../etc/passwd", "Priya Raman"}));
    QCOMPARE(note.tags, (QStringList{"followup", "alpha", "beta/gamma"}));
    QCOMPARE(taskLines(note), (QList<int>{27, 28, 29}));
    QCOMPARE(note.tasks.at(0).description().contains(QLatin1String("Real task")), true);
}

void TestNoteParser::titleAndDateFallbacks_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QDate>("date");

    QTest::newRow("front matter wins") << "2024-01-01 x.md" << QByteArray("---\ntitle: T\ndate: 2025-05-05\n---\n# H\n")
                                       << "T" << QDate(2025, 5, 5);
    QTest::newRow("first level-one heading") << "a.md" << QByteArray("Intro\n\n## Two\n\n# One\n\n# Later\n") << "One" << QDate();
    QTest::newRow("setext heading") << "a.md" << QByteArray("Setext title\n============\n") << "Setext title" << QDate();
    QTest::newRow("heading markup stripped") << "a.md" << QByteArray("# **Bold** and `code` &amp; [[Ada Wren|Ada]]\n")
                                             << "Bold and code & Ada" << QDate();
    QTest::newRow("heading in code is not a title") << "notes/plan.md" << QByteArray("```\n# Not a title\n```\n")
                                                    << "plan" << QDate();
    QTest::newRow("empty title falls back") << "b.md" << QByteArray("---\ntitle: \"\"\n---\n# Heading\n")
                                            << "Heading" << QDate();
    QTest::newRow("file name") << "x/y/Weekly sync.md" << QByteArray("text\n") << "Weekly sync" << QDate();
    QTest::newRow("date in file name") << "Inbox/2024-12-01/2025-01-15 - Call.md" << QByteArray("text\n")
                                       << "2025-01-15 - Call" << QDate(2025, 1, 15);
    QTest::newRow("date in path") << "Inbox/2024-12-01/loose notes.md" << fixture(QStringLiteral("Inbox/2024-12-01/loose notes.md"))
                                  << "loose notes" << QDate(2024, 12, 1);
    QTest::newRow("invalid date in name skipped") << "2025-13-40 then 2025-02-03.md" << QByteArray("x")
                                                  << "2025-13-40 then 2025-02-03" << QDate(2025, 2, 3);
    QTest::newRow("longer number is no date") << "120250-01-015.md" << QByteArray("x") << "120250-01-015" << QDate();
    QTest::newRow("bad front matter date falls back") << "2025-07-07 x.md" << QByteArray("---\ndate: soon\n---\n")
                                                      << "2025-07-07 x" << QDate(2025, 7, 7);
    QTest::newRow("no extension") << "README" << QByteArray("x") << "README" << QDate();
}

void TestNoteParser::titleAndDateFallbacks()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, title);
    QFETCH(QDate, date);

    const Note note = NoteParser::parse(path, bytes);
    QCOMPARE(note.title, title);
    QCOMPARE(note.date, date);
}

void TestNoteParser::sections()
{
    const QByteArray bytes = "---\ntitle: x\n---\n"
                             "# One\n"
                             "text\n"
                             "## Two ##\n"
                             "Three\n"
                             "-----\n"
                             "    # indented code, no heading\n"
                             "\n"
                             "> ### In a quote\n"
                             "- #### In a list\n"
                             "#NoSpace is a tag\n"
                             "###### Six\n"
                             "####### Seven is text\n"
                             "#\n";
    const Note note = NoteParser::parse(QStringLiteral("s.md"), bytes);
    QCOMPARE(sectionList(note), (QStringList{"1:One@4", "2:Two@6", "2:Three@7", "3:In a quote@11",
                                             "4:In a list@12", "6:Six@14"}));
    QCOMPARE(note.tags, QStringList{"NoSpace"});
}

void TestNoteParser::tasksOutsideCodeOnly_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<int>>("lines");

    QTest::newRow("fenced") << QByteArray("- [ ] a\n```\n- [ ] b\n```\n- [ ] c\n") << QList<int>{1, 5};
    QTest::newRow("tilde fence with info") << QByteArray("~~~md\n- [ ] b\n~~~\n- [ ] c\n") << QList<int>{4};
    QTest::newRow("longer closing fence") << QByteArray("````\n```\n- [ ] b\n````\n- [ ] c\n") << QList<int>{5};
    QTest::newRow("indented code") << QByteArray("para\n\n    - [ ] code\n\n- [ ] c\n") << QList<int>{5};
    QTest::newRow("nested list is not code") << QByteArray("- [ ] a\n    - [ ] b\n        - [ ] c\n") << QList<int>{1, 2, 3};
    QTest::newRow("fence in a list item") << QByteArray("- item\n  ```\n  - [ ] b\n  ```\n- [ ] c\n") << QList<int>{5};
    QTest::newRow("fence in a quote") << QByteArray("> ```\n> - [ ] b\n> ```\n> - [ ] c\n") << QList<int>{4};
    QTest::newRow("html comment") << QByteArray("<!--\n- [ ] hidden\n-->\n- [ ] c\n") << QList<int>{4};
    QTest::newRow("front matter is not body")
        << QByteArray("---\nnote: \"- [ ] not a task\"\nlist:\n- \"[ ] x\"\n---\n- [ ] c\n") << QList<int>{6};
    QTest::newRow("crlf line numbers")
        << QByteArray("---\r\ntitle: x\r\n---\r\n\r\n- [ ] a\r\n\r\n```\r\n- [ ] b\r\n```\r\n- [x] c\r\n") << QList<int>{5, 10};
    QTest::newRow("lone cr line numbers") << QByteArray("x\r- [ ] a\r\r- [ ] b\r") << QList<int>{2, 4};
    QTest::newRow("mixed endings") << QByteArray("x\r\n- [ ] a\n\r- [ ] b\r\n") << QList<int>{2, 4};
}

void TestNoteParser::tasksOutsideCodeOnly()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<int>, lines);
    const Note note = NoteParser::parse(QStringLiteral("t.md"), bytes);
    QCOMPARE(taskLines(note), lines);
    for (const NoteTask &task : note.tasks)
        QVERIFY2(!task.rawLine.contains('\r'), task.rawLine.constData());
}

void TestNoteParser::rawLineIsTheLineOnDisk_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArray>("raw");

    QTest::newRow("plain") << QByteArray("a\n- [ ] t\n") << 2 << QByteArray("- [ ] t");
    QTest::newRow("crlf") << QByteArray("a\r\n- [ ] t\r\n") << 2 << QByteArray("- [ ] t");
    QTest::newRow("file BOM is not part of line 1") << QByteArray("\xEF\xBB\xBF- [ ] t\n") << 1 << QByteArray("- [ ] t");
    QTest::newRow("neither are two") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF- [ ] t\n") << 1 << QByteArray("- [ ] t");
    // (fuzz) QString::fromUtf8 drops a BOM that opens its input, and did so to this line.
    QTest::newRow("BOM opening a later line")
        << QByteArray("Title--\n`\n\xEF\xBB\xBF- [ ] t #tag #oth%atr/g\n") << 3 << QByteArray("\xEF\xBB\xBF- [ ] t #tag #oth%atr/g");
    QTest::newRow("two BOMs opening a later line")
        << QByteArray("a\n\xEF\xBB\xBF\xEF\xBB\xBF- [ ] t\n") << 2 << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF- [ ] t");
    QTest::newRow("BOM opening the description")
        << QByteArray("- [ ] \xEF\xBB\xBFt\n") << 1 << QByteArray("- [ ] \xEF\xBB\xBFt");
    QTest::newRow("mangled emoji kept as on disk")
        << QByteArray("- [ ] d \xC3\xBC\xC3\xAC\xC3\xA0\xC3\xA0 2025-11-08\n") << 1
        << QByteArray("- [ ] d \xC3\xBC\xC3\xAC\xC3\xA0\xC3\xA0 2025-11-08");
}

void TestNoteParser::rawLineIsTheLineOnDisk()
{
    // The writer finds a task by this line: it must encode back to the very bytes on disk.
    QFETCH(QByteArray, bytes);
    QFETCH(int, line);
    QFETCH(QByteArray, raw);
    const Note note = NoteParser::parse(QStringLiteral("t.md"), bytes);
    QCOMPARE(note.tasks.size(), 1);
    QCOMPARE(note.tasks.first().line, line);
    QCOMPARE(note.tasks.first().rawLine, raw);
    // What the note keeps of the task reads back as the whole task, from the same line.
    const Task whole = note.tasks.first().task();
    QCOMPARE(whole.rawLine.toUtf8(), raw);
    QCOMPARE(NoteTask(whole), note.tasks.first());
    QCOMPARE(note.tasks.first().description(), whole.description);
}

void TestNoteParser::taskPrefilterAgreesWithTaskParser_data()
{
    QTest::addColumn<QString>("line");
    const QStringList lines = {
        "- [ ] a", "* [x] a", "+ [-] a", "1. [ ] a", "12) [/] a", "  > - [ ] a", "\t- [ ] a", "> > * [x] a",
        "- [ ?] a", "- [?] a", "- [ ]", "-  [ ] two spaces", "- [ ]No space", "-\t[ ] tab", "1.[ ] no space",
        "- []", "- [xx]", "- [[link]]", "- [[] bracket", "a - [ ] not first", "- [\v] vertical tab",
        QStringLiteral("\u00A0- [ ] nbsp prefix"), QStringLiteral("\uFEFF- [ ] bom prefix"),
        QStringLiteral("\u2003- [ ] em space prefix"), QStringLiteral("- [\u2713] check mark"),
        QStringLiteral("- [ \u2713] malformed check"), QStringLiteral("- [\U0001F600] emoji"),
        QString::fromUtf8("- [\xC3\xBC\xC3\xAC\xC3\x96] mangled"), QStringLiteral("\v- [ ] vt prefix"),
        "- [ ] \v", "123 [ ] no marker", "- - [ ] two markers", "-[ ] no space",
    };
    for (const QString &line : lines)
        QTest::newRow(qPrintable(line)) << line;
}

void TestNoteParser::taskPrefilterAgreesWithTaskParser()
{
    // The scan only hands TaskParser lines of roughly the right shape; it must never drop one
    // that TaskParser would take. (After a list item, an indented line is not code.)
    QFETCH(QString, line);
    const Note note = NoteParser::parse(QStringLiteral("t.md"), "- item\n" + line.toUtf8() + "\n");
    QCOMPARE(note.tasks.size(), TaskParser::looksLikeTask(line) ? 1 : 0);
}

void TestNoteParser::taskProblemsNameTheFile()
{
    // Problems from every stage (front matter, markdown, tasks) end up once each, with the file.
    const Note note = NoteParser::parse(QStringLiteral("dir/t.md"),
                                        "---\ndate: soon\n---\n- [ ] impossible date \xF0\x9F\x93\x85 2025-02-30\n");
    QCOMPARE(note.tasks.size(), 1);
    QCOMPARE(note.problems.size(), 2);
    QCOMPARE(note.problems.at(0).line, 2);
    QCOMPARE(note.problems.at(1).line, 4);
    for (const Problem &problem : note.problems) {
        QCOMPARE(problem.file, QStringLiteral("dir/t.md"));
        QVERIFY(!problem.message.isEmpty());
    }
}

void TestNoteParser::tags_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("tags");

    QTest::newRow("front matter and body merged")
        << QByteArray("---\ntags: [a, \"#b\"]\n---\ntext #c and #A again\n") << QStringList{"a", "b", "c"};
    QTest::newRow("not in code") << QByteArray("`#code` and\n```\n#fenced\n```\n    #indented\n") << QStringList{};
    QTest::newRow("not in links or urls")
        << QByteArray("[[Note#Heading]] [x](http://a.b/#frag) http://a.b/#frag <a href=\"#top\">\n") << QStringList{};
    QTest::newRow("not numbers") << QByteArray("#123 #2025-01 #1a\n") << QStringList{"2025-01", "1a"};
    QTest::newRow("punctuation ends a tag") << QByteArray("#one, #two. (#three) #four!\n") << QStringList{"one", "two", "four"};
    QTest::newRow("nested and unicode") << QByteArray("#area/sub-topic #café #日本 #emoji😀\n")
                                        << QStringList{"area/sub-topic", QStringLiteral("café"), QStringLiteral("日本"),
                                                       QStringLiteral("emoji😀")};
    QTest::newRow("heading markers are not tags") << QByteArray("# Title\n## Sub #real\n") << QStringList{"real"};
    QTest::newRow("escaped hash") << QByteArray("\\#not and C#sharp\n") << QStringList{};
}

void TestNoteParser::tags()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, tags);
    const Note note = NoteParser::parse(QStringLiteral("t.md"), bytes);
    QCOMPARE(note.tags, tags);
}

void TestNoteParser::pathologicalMarkdownIsFast()
{
    // md4c 0.4.8 is quadratic on "](["-lines (PITFALLS.md: 30 s at 800 KB).
    QByteArray bytes = "# Hostile\n";
    while (bytes.size() < 1024 * 1024)
        bytes += "]([\n";
    bytes += "- [ ] task at the end\n";
    QElapsedTimer timer;
    timer.start();
    const Note note = NoteParser::parse(QStringLiteral("hostile.md"), bytes);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed < 1000, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
    QCOMPARE(note.title, QStringLiteral("Hostile"));
    QCOMPARE(note.tasks.size(), 1);
    QCOMPARE(note.tasks.first().line, int(bytes.count('\n')));
    const Problem *truncated = findProblem(note, QStringLiteral("only the first 512 KiB"));
    QVERIFY2(truncated, qPrintable(problemsText(note.problems)));

    // Other shapes of the same problem: one long paragraph of indented lines, "[a]" lines.
    for (const QByteArray &unit : {QByteArray("  ]([\n"), QByteArray("[a]\n"), QByteArray("> ]([\n")}) {
        QByteArray other;
        while (other.size() < 1024 * 1024)
            other += unit;
        timer.restart();
        NoteParser::parse(QStringLiteral("hostile.md"), other);
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QStringLiteral("%1: %2 ms").arg(QString::fromUtf8(unit.trimmed())).arg(timer.elapsed())));
    }
    // A single line of "[[" has no closing brackets to find.
    timer.restart();
    NoteParser::parse(QStringLiteral("hostile.md"), QByteArray(1024 * 1024, '['));
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
    // Backtick runs of every length, none closed, on one line past the md4c limit.
    QByteArray ticks = QByteArray(NoteParser::MaxMarkdownBytes, 'x') + '\n';
    for (int length = 1; ticks.size() < 2 * 1024 * 1024; ++length)
        ticks += QByteArray(length, '`') + ' ';
    ticks += "#tag\n";
    timer.restart();
    const Note backticks = NoteParser::parse(QStringLiteral("hostile.md"), ticks);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
    QCOMPARE(backticks.tags, QStringList{"tag"});
}

void TestNoteParser::restPastTheLimitIsScannedByLine()
{
    QByteArray bytes = "# Big\n\n";
    int line = 3;
    while (bytes.size() < NoteParser::MaxMarkdownBytes + 1000) {
        bytes += "Some ordinary paragraph text that goes on for a while.\n\n";
        line += 2;
    }
    const int fenceLine = line;
    bytes += "```\n- [ ] fenced past the limit\n[[Fenced]]\n```\n";
    bytes += "## Late heading\n";
    bytes += "- [ ] late task with [[Late Link]] #late and `#code`\n";
    const Note note = NoteParser::parse(QStringLiteral("big.md"), bytes);
    QCOMPARE(taskLines(note), QList<int>{fenceLine + 5});
    QCOMPARE(note.links.size(), 1);
    QCOMPARE(note.links.first().target, QStringLiteral("Late Link"));
    QCOMPARE(note.links.first().line, fenceLine + 5);
    QCOMPARE(note.tags, QStringList{"late"});
    QCOMPARE(sectionList(note), (QStringList{"1:Big@1", QStringLiteral("2:Late heading@%1").arg(fenceLine + 4)}));
    QCOMPARE(note.problems.size(), 1);
    QVERIFY(findProblem(note, QStringLiteral("only the first 512 KiB")));
}

void TestNoteParser::mojibakeSeed()
{
    // The real seed note is copied at run time, never into the repository.
    const QDir seeds(QStringLiteral(MINUTES_SEEDS_DIR));
    const QStringList names = seeds.entryList({QStringLiteral("000_*")}, QDir::Files);
    QCOMPARE(names.size(), 1);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("2025-10-31 seed.md"));
    QVERIFY(QFile::copy(seeds.filePath(names.first()), copy));
    const QByteArray bytes = readFile(copy);
    QVERIFY(!bytes.isEmpty());

    const Note note = NoteParser::parse(QStringLiteral("2025-10-31 seed.md"), bytes);
    QVERIFY2(note.problems.isEmpty(), qPrintable(problemsText(note.problems)));
    // Compare with what the file itself says, so no real name is written into a test.
    const qsizetype heading = bytes.indexOf("\n# ") + 3;
    QCOMPARE(note.title, QString::fromUtf8(bytes.mid(heading, bytes.indexOf('\n', heading) - heading)));
    QCOMPARE(note.date, QDate(2025, 10, 31));
    const qsizetype with = bytes.indexOf("**With**: ") + 10;
    QCOMPARE(note.participants.join(QLatin1String(", ")),
             QString::fromUtf8(bytes.mid(with, bytes.indexOf('\n', with) - with)));
    QCOMPARE(note.participants.size(), 2);
    QVERIFY(note.person.size() > 0);
    QCOMPARE(note.type, QStringLiteral("people"));
    QVERIFY(note.mojibakeRepairs >= 10);
    QCOMPARE(note.tasks.size(), 5);
    for (const NoteTask &task : note.tasks) {
        QCOMPARE(task.due, QDate(2025, 11, 8));
        QVERIFY(bytes.contains(task.rawLine + '\n'));
        QVERIFY(!task.owner.isEmpty());
        // Read again from the mangled line, the whole task is what the note keeps, repaired.
        const Task whole = task.task();
        QCOMPARE(NoteTask(whole), task);
        QCOMPARE(whole.tags, task.tags());
        QVERIFY(whole.tags.contains(QLatin1String("#task")));
    }
    QVERIFY(note.tags.contains(QLatin1String("generated")));
    QVERIFY(note.tags.contains(QLatin1String("task")));
    QVERIFY(note.links.size() >= 10);
    QVERIFY(note.links.first().target.endsWith(QLatin1String(".md")));
    QVERIFY(note.body.contains(QString::fromUtf8("\xF0\x9F\x93\x85 2025-11-08")));
}

void TestNoteParser::plainScanMatchesMd4c_data()
{
    QTest::addColumn<QByteArray>("bytes");

    for (const QString &root : {QStringLiteral(MINUTES_TEST_DATA "/notes"), QStringLiteral(MINUTES_SEEDS_DIR)}) {
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QTest::newRow(qPrintable(QDir(root).relativeFilePath(path))) << readFile(path);
        }
    }
    QTest::newRow("sample") << QByteArray(SampleNote);
    const QList<QByteArray> bodies = {
        "# Plain\n\ntext #tag [[Link]]\n- [ ] task\n",
        "# Heading #\n## Closed ##\n###### Six\n####### Seven\n#NoSpace\n#\n",
        "   # Three spaces\n    # Four spaces\n",
        "# *Emphasis* in heading\n",
        "# [[Ada Wren|Ada]] heading\n",
        "# Escaped \\# hash\n",
        "Setext\n===\n\nAnother\n---\n",
        "- item\n---\n",
        "> # Quoted heading\n",
        "- # List heading\n1. ## Numbered heading\n",
        "text\n# Interrupting heading\ntext\n",
        "- item\n  ## Sub heading in item\n",
        "Paragraph\n    indented continuation\n",
        "- item\n    - [ ] nested task\n",
        "Year 2025 #tag and #another\n",
        "| a | b |\n| - | - |\n| [[x\\|y]] | #t |\n",
        "~ single tilde and ~~strike~~\n",
        "~~~\n[[fenced]]\n~~~\n",
        "Text with `code` and <b>html</b> &amp; entity\n",
        "#tag at start\n# Heading\n",
    };
    for (const QByteArray &body : bodies)
        QTest::newRow(body.left(30).replace('\n', "\\n").constData()) << body;
}

void TestNoteParser::plainScanMatchesMd4c()
{
    // The scan skips md4c for plain markdown; it must find exactly what md4c would.
    QFETCH(QByteArray, bytes);
    const FrontMatter fm = FrontMatterParser::parse(bytes);
    const auto plain = MarkdownScan::scan(bytes, fm.bodyOffset, NoteParser::MaxMarkdownBytes);
    const auto md4c = MarkdownScan::scan(bytes, fm.bodyOffset, NoteParser::MaxMarkdownBytes, nullptr,
                                         MarkdownScan::Engine::Md4c);
    QCOMPARE(plain.sections, md4c.sections);
    QCOMPARE(plain.links, md4c.links);
    QCOMPARE(plain.tags, md4c.tags);
    QCOMPARE(plain.taskLines.size(), md4c.taskLines.size());
    for (qsizetype i = 0; i < plain.taskLines.size(); ++i)
        QCOMPARE(plain.taskLines.at(i).line, md4c.taskLines.at(i).line);
}

// An index drops the body and keeps what stands for it: its size, whether it opens with the
// title as a heading (the reader then shows the title once) and the folded search text.
void TestNoteParser::whatTheIndexKeepsOfTheBody_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("opensWithHeading");
    QTest::addColumn<QByteArray>("searchText");
    QTest::newRow("title heading first") << QByteArray("# Plan\n\nText\n") << QByteArray("# Plan\n\nText\n") << true
                                         << QByteArray("plan\n\n# plan\n\ntext\n");
    QTest::newRow("blank lines, then the heading") << QByteArray("---\ntitle: Plan\n---\n\n\n# Plan\n")
                                                   << QByteArray("\n\n# Plan\n") << true << QByteArray("plan\n\n\n\n# plan\n");
    QTest::newRow("vertical tab before the heading (fuzz)") << QByteArray("\v# Plan\n") << QByteArray("\v# Plan\n") << true
                                                            << QByteArray("n\n\n\v# plan\n");
    QTest::newRow("no-break space, then the heading") << QByteArray("\xC2\xA0\n# Plan\n") << QByteArray("\xC2\xA0\n# Plan\n")
                                                      << true << QByteArray("plan\n\n\xC2\xA0\n# plan\n");
    QTest::newRow("an empty heading (fuzz)") << QByteArray("# \nText\n") << QByteArray("# \nText\n") << false
                                             << QByteArray("n\n\n# \ntext\n");
    QTest::newRow("text first") << QByteArray("Minutes\n# Plan\n") << QByteArray("Minutes\n# Plan\n") << false
                                << QByteArray("plan\n\nminutes\n# plan\n");
    QTest::newRow("a tag is no heading") << QByteArray("#plan and more\n") << QByteArray("#plan and more\n") << false
                                         << QByteArray("n\nplan\n#plan and more\n");
    QTest::newRow("non-ASCII folded, emoji kept") << QByteArray("---\ntitle: ÉTÉ\n---\nÀ bientôt 📅 ΣΟΦΊΑ\n")
                                                  << QByteArray("À bientôt 📅 ΣΟΦΊΑ\n") << false
                                                  << QByteArray("été\n\nà bientôt 📅 σοφία\n");
    QTest::newRow("two BOMs (fuzz)") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF- [ ] Task\n") << QByteArray("- [ ] Task\n") << false
                                     << QByteArray("n\n\n- [ ] task\n");
    QTest::newRow("a BOM after the front matter") << QByteArray("---\ntitle: T\n---\n\xEF\xBB\xBF# T\n") << QByteArray("# T\n")
                                                  << true << QByteArray("t\n\n# t\n");
    QTest::newRow("empty body") << QByteArray("---\ntitle: Empty\n---\n") << QByteArray() << false << QByteArray("empty\n\n");
}

void TestNoteParser::whatTheIndexKeepsOfTheBody()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, body);
    QFETCH(bool, opensWithHeading);
    QFETCH(QByteArray, searchText);
    const Note kept = NoteParser::parse(QStringLiteral("n.md"), content);
    const Note dropped = NoteParser::parse(QStringLiteral("n.md"), content, NoteParser::Body::Drop);
    QCOMPARE(kept.body, QString::fromUtf8(body));
    QVERIFY(dropped.body.isEmpty());
    for (const Note *note : {&kept, &dropped}) {
        QCOMPARE(note->bodyLength, QString::fromUtf8(body).size());
        QCOMPARE(note->opensWithHeading, opensWithHeading);
        QCOMPARE(note->searchText, searchText);
    }
    QCOMPARE(dropped.tasks, kept.tasks);
    QCOMPARE(dropped.links, kept.links);
}

void TestNoteParser::contentHash_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("hex");
    // Reference XXH64 values (seed 0).
    QTest::newRow("empty") << QByteArray() << QByteArray("ef46db3751d8e999");
    QTest::newRow("one byte") << QByteArray("a") << QByteArray("d24ec4f1a98c6e5b");
    QTest::newRow("three bytes") << QByteArray("abc") << QByteArray("44bc2cf5ad770999");
    QTest::newRow("over 32 bytes") << QByteArray("Nobody inspects the spammish repetition")
                                   << QByteArray("fbcea83c8a378bf1");
}

void TestNoteParser::contentHash()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, hex);
    QCOMPARE(NoteParser::contentHash(bytes).toHex(), hex);
    QCOMPARE(NoteParser::parse(QStringLiteral("h.md"), bytes).contentHash.toHex(), hex);
}

QTEST_GUILESS_MAIN(TestNoteParser)
#include "tst_noteparser.moc"
