#include "note/frontmatter.h"
#include "note/frontmatterfields.h"
#include "note/simpleyaml.h"
#include "note/yamlreader.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace minutes;

namespace {

QString problemsText(const Problems &problems)
{
    QStringList lines;
    for (const Problem &problem : problems)
        lines.append(problem.toString());
    return lines.join(QLatin1Char('\n'));
}

bool anyProblemContains(const Problems &problems, const QString &text, int line = -1)
{
    return std::any_of(problems.begin(), problems.end(), [&](const Problem &problem) {
        return problem.message.contains(text, Qt::CaseInsensitive) && (line < 0 || problem.line == line);
    });
}

QByteArray yamlOf(const QByteArray &note)
{
    // The YAML between the "---" lines of a well-formed fixture.
    const qsizetype start = note.indexOf('\n') + 1;
    const qsizetype end = note.indexOf("\n---", start - 1);
    return end > start ? note.mid(start, end - start + 1) : QByteArray();
}

} // namespace

class TestFrontMatter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detection_data();
    void detection();
    void knownKeys_data();
    void knownKeys();
    void dates_data();
    void dates();
    void otherFields();
    void duplicateKeys_data();
    void duplicateKeys();
    void hostile_data();
    void hostile();
    void yamlErrorLine();
    void fastPathMatchesYamlCpp_data();
    void fastPathMatchesYamlCpp();
};

void TestFrontMatter::detection_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("present");
    QTest::addColumn<int>("bodyLine");
    QTest::addColumn<int>("bodyOffset");
    QTest::addColumn<int>("problemLine");   // 0: no problem expected

    QTest::newRow("plain") << QByteArray("---\ntitle: A\n---\nbody\n") << true << 4 << 17 << 0;
    QTest::newRow("closed by dots") << QByteArray("---\ntitle: A\n...\nbody\n") << true << 4 << 17 << 0;
    QTest::newRow("crlf") << QByteArray("---\r\ntitle: A\r\n---\r\nbody\r\n") << true << 4 << 20 << 0;
    QTest::newRow("lone cr") << QByteArray("---\rtitle: A\r---\rbody\r") << true << 4 << 17 << 0;
    QTest::newRow("trailing spaces on markers") << QByteArray("---  \ntitle: A\n--- \t\nbody") << true << 4 << 21 << 0;
    QTest::newRow("empty front matter") << QByteArray("---\n---\nbody") << true << 3 << 8 << 0;
    QTest::newRow("closing at end of file") << QByteArray("---\ntitle: A\n---") << true << 4 << 16 << 0;
    QTest::newRow("never closed") << QByteArray("---\ntitle: A\nbody\n") << false << 1 << 0 << 1;
    QTest::newRow("marker alone") << QByteArray("---") << false << 1 << 0 << 0;
    QTest::newRow("no front matter") << QByteArray("# Title\n---\n") << false << 1 << 0 << 0;
    QTest::newRow("four dashes is not an opener") << QByteArray("----\ntitle: A\n---\n") << false << 1 << 0 << 0;
    QTest::newRow("text after opener") << QByteArray("--- yaml\ntitle: A\n---\n") << false << 1 << 0 << 0;
    QTest::newRow("empty file") << QByteArray() << false << 1 << 0 << 0;
}

void TestFrontMatter::detection()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, present);
    QFETCH(int, bodyLine);
    QFETCH(int, bodyOffset);
    QFETCH(int, problemLine);

    Problems problems;
    const FrontMatter fm = FrontMatterParser::parse(text, &problems);
    QCOMPARE(fm.present, present);
    QCOMPARE(fm.bodyLine, bodyLine);
    QCOMPARE(fm.bodyOffset, qsizetype(bodyOffset));
    if (problemLine == 0) {
        QVERIFY2(problems.isEmpty(), qPrintable(problemsText(problems)));
    } else {
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().line, problemLine);
        QVERIFY(problems.first().message.contains(QLatin1String("never closed")));
    }
    if (present && text.contains("title"))
        QCOMPARE(fm.title, QStringLiteral("A"));
}

void TestFrontMatter::knownKeys_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QStringList>("participants");
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QStringList>("aliases");
    QTest::addColumn<QString>("person");
    QTest::addColumn<int>("problems");

    const QStringList none;
    QTest::newRow("block lists")
        << QByteArray("title: Sync\nparticipants:\n- Ada Wren\n- Mara Lindqvist\ntags:\n- type/people\n- generated\n")
        << "Sync" << QStringList{"Ada Wren", "Mara Lindqvist"} << QStringList{"type/people", "generated"} << none << "" << 0;
    QTest::newRow("indented block lists")
        << QByteArray("title: Sync\nparticipants:\n  - Ada Wren\n  - \"Mara Lindqvist\"\ntags:\n  - \"type/people\"\n\n")
        << "Sync" << QStringList{"Ada Wren", "Mara Lindqvist"} << QStringList{"type/people"} << none << "" << 0;
    QTest::newRow("flow lists quoted")
        << QByteArray("title: \"1:1 with Ada: plans\"\nparticipants: [\"Ada Wren\", 'Hugo Meyer']\ntags: [a, \"b\"]\n")
        << "1:1 with Ada: plans" << QStringList{"Ada Wren", "Hugo Meyer"} << QStringList{"a", "b"} << none << "" << 0;
    QTest::newRow("comma separated strings")
        << QByteArray("participants: Ada Wren, Hugo Meyer\ntags: \"#one, #two three\"\naliases: Q2 review, April review\n")
        << "" << QStringList{"Ada Wren", "Hugo Meyer"} << QStringList{"one", "two", "three"}
        << QStringList{"Q2 review", "April review"} << "" << 0;
    QTest::newRow("wikilinks quoted")
        << QByteArray("person: \"[[Rob Quill]]\"\nparticipants: [\"[[Rob Quill]]\", \"[[Ada Wren|Ada]]\"]\n")
        << "" << QStringList{"Rob Quill", "Ada Wren"} << none << none << "Rob Quill" << 0;
    QTest::newRow("wikilinks unquoted are nested lists")
        << QByteArray("person: [[Rob Quill]]\nparticipants: [[Rob Quill]]\nattendees:\n  - [[Ada Wren]]\n")
        << "" << QStringList{"Rob Quill", "Ada Wren"} << none << none << "Rob Quill" << 0;
    QTest::newRow("wikilinks in a comma string")
        << QByteArray("participants: \"[[Rob Quill]], [[Ada Wren#Notes]]\"\n")
        << "" << QStringList{"Rob Quill", "Ada Wren"} << none << none << "" << 0;
    QTest::newRow("attendees merged without duplicates")
        << QByteArray("participants: [Ada Wren, Hugo Meyer]\nattendees:\n- Hugo Meyer\n- ada wren\n- Priya Raman\n")
        << "" << QStringList{"Ada Wren", "Hugo Meyer", "Priya Raman"} << none << none << "" << 0;
    QTest::newRow("tags strip hash and de-duplicate")
        << QByteArray("tags: [\"#a\", a, \"##b\", B]\n") << "" << none << QStringList{"a", "b"} << none << "" << 0;
    QTest::newRow("tags space separated")
        << QByteArray("tags: one two three\n") << "" << none << QStringList{"one", "two", "three"} << none << "" << 0;
    QTest::newRow("unquoted ' #' starts a comment")
        << QByteArray("tags: one #two\n") << "" << none << QStringList{"one"} << none << "" << 0;
    QTest::newRow("empty and null values")
        << QByteArray("title:\nperson: ~\nparticipants:\ntags: []\naliases: \"\"\nsource: null\n")
        << "" << none << none << none << "" << 0;
    QTest::newRow("empty list items skipped")
        << QByteArray("participants:\n-\n- Ada Wren\n- \"\"\n") << "" << QStringList{"Ada Wren"} << none << none << "" << 0;
    QTest::newRow("keys are case-insensitive")
        << QByteArray("Title: Upper\nPARTICIPANTS: [Ada Wren]\nTags: x\n")
        << "Upper" << QStringList{"Ada Wren"} << QStringList{"x"} << none << "" << 0;
    QTest::newRow("title as a list is joined")
        << QByteArray("title: [One, Two]\n") << "One, Two" << none << none << none << "" << 1;
    QTest::newRow("title as a one-item list")
        << QByteArray("title:\n- Only\n") << "Only" << none << none << none << "" << 0;
    QTest::newRow("title as a map")
        << QByteArray("title:\n  a: b\n") << "" << none << none << none << "" << 1;
    QTest::newRow("participants as a map")
        << QByteArray("participants:\n  lead: Ada\n") << "" << none << none << none << "" << 1;
    QTest::newRow("comments")
        << QByteArray("# a comment\ntitle: Long title # trailing comment\n# another\n")
        << "Long title" << none << none << none << "" << 0;
    QTest::newRow("folded continuation")
        << QByteArray("title: Long\n  title continued\n") << "Long title continued" << none << none << none << "" << 0;
    QTest::newRow("single quotes escaped")
        << QByteArray("title: 'Ada''s plan'\n") << "Ada's plan" << none << none << none << "" << 0;
    QTest::newRow("double quote escapes")
        << QByteArray("title: \"Tab\\there \\u00e9 \\\"q\\\"\"\n") << "Tab\there é \"q\"" << none << none << none << "" << 0;
    QTest::newRow("block scalar")
        << QByteArray("title: >\n  Folded\n  title\n") << "Folded title" << none << none << none << "" << 0;
    QTest::newRow("non-ascii")
        << QByteArray("title: Café in Zürich\nparticipants: [Zoë Ångström]\n")
        << QStringLiteral("Café in Zürich") << QStringList{QStringLiteral("Zoë Ångström")} << none << none << "" << 0;
}

void TestFrontMatter::knownKeys()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, title);
    QFETCH(QStringList, participants);
    QFETCH(QStringList, tags);
    QFETCH(QStringList, aliases);
    QFETCH(QString, person);
    QFETCH(int, problems);

    Problems found;
    const FrontMatter fm = FrontMatterParser::parse("---\n" + yaml + "---\n", &found);
    QVERIFY(fm.present);
    QVERIFY2(found.size() == problems, qPrintable(problemsText(found)));
    QCOMPARE(fm.title, title);
    QCOMPARE(fm.participants, participants);
    QCOMPARE(fm.tags, tags);
    QCOMPARE(fm.aliases, aliases);
    QCOMPARE(fm.person, person);
}

void TestFrontMatter::dates_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<bool>("problem");

    QTest::newRow("unquoted") << QByteArray("2025-10-31") << QDate(2025, 10, 31) << false;
    QTest::newRow("single quoted") << QByteArray("'2025-10-31'") << QDate(2025, 10, 31) << false;
    QTest::newRow("double quoted") << QByteArray("\"2025-10-31\"") << QDate(2025, 10, 31) << false;
    QTest::newRow("date-time T") << QByteArray("2025-10-31T14:00:00") << QDate(2025, 10, 31) << false;
    QTest::newRow("date-time space") << QByteArray("\"2025-10-31 14:00\"") << QDate(2025, 10, 31) << false;
    QTest::newRow("date-time zulu") << QByteArray("2025-10-31T14:00:00.250Z") << QDate(2025, 10, 31) << false;
    QTest::newRow("date-time offset") << QByteArray("2025-10-31T14:00:00+01:00") << QDate(2025, 10, 31) << false;
    QTest::newRow("single digits") << QByteArray("2025-1-5") << QDate(2025, 1, 5) << false;
    QTest::newRow("empty") << QByteArray("") << QDate() << false;
    QTest::newRow("null") << QByteArray("~") << QDate() << false;
    QTest::newRow("empty quoted") << QByteArray("\"\"") << QDate() << false;
    QTest::newRow("impossible day") << QByteArray("2025-02-30") << QDate() << true;
    QTest::newRow("words") << QByteArray("next friday") << QDate() << true;
    QTest::newRow("slashes") << QByteArray("2025/10/31") << QDate() << true;
    QTest::newRow("trailing garbage") << QByteArray("2025-10-31x") << QDate() << true;
    QTest::newRow("bad time") << QByteArray("2025-10-31T25:99") << QDate() << true;
    QTest::newRow("five digit year") << QByteArray("20251-10-31") << QDate() << true;
}

void TestFrontMatter::dates()
{
    QFETCH(QByteArray, value);
    QFETCH(QDate, date);
    QFETCH(bool, problem);

    Problems problems;
    const FrontMatter fm = FrontMatterParser::parse("---\ntitle: T\ndate: " + value + "\n---\n", &problems);
    QCOMPARE(fm.date, date);
    QCOMPARE(problems.size(), problem ? 1 : 0);
    if (problem) {
        QCOMPARE(problems.first().line, 3);
        QVERIFY(problems.first().message.contains(QLatin1String("date")));
    }
}

void TestFrontMatter::otherFields()
{
    Problems problems;
    const FrontMatter fm = FrontMatterParser::parse("---\n"
                                                    "location: Room 4.12\n"
                                                    "count: 3\n"
                                                    "empty:\n"
                                                    "list: [one, \"two\"]\n"
                                                    "nested:\n"
                                                    "  approved: yes\n"
                                                    "  amounts: [1, 2]\n"
                                                    "mixed:\n"
                                                    "  - a\n"
                                                    "  - b: c\n"
                                                    "type: people\n"
                                                    "source: transcript\n"
                                                    "source_ref: Inbox/x.md\n"
                                                    "Location: other spelling is another key\n"
                                                    "---\n",
                                                    &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problemsText(problems)));
    QCOMPARE(fm.type, QStringLiteral("people"));
    QCOMPARE(fm.source, QStringLiteral("transcript"));
    QCOMPARE(fm.sourceRef, QStringLiteral("Inbox/x.md"));
    QCOMPARE(fm.fields.value("location"), QVariant(QStringLiteral("Room 4.12")));
    QCOMPARE(fm.fields.value("Location"), QVariant(QStringLiteral("other spelling is another key")));
    QCOMPARE(fm.fields.value("count"), QVariant(QStringLiteral("3")));
    QVERIFY(fm.fields.contains("empty"));
    QCOMPARE(fm.fields.value("empty").toString(), QString());
    QCOMPARE(fm.fields.value("list").toStringList(), (QStringList{"one", "two"}));
    const QVariantMap nested = fm.fields.value("nested").toMap();
    QCOMPARE(nested.value("approved"), QVariant(QStringLiteral("yes")));
    QCOMPARE(nested.value("amounts").toStringList(), (QStringList{"1", "2"}));
    const QVariantList mixed = fm.fields.value("mixed").toList();
    QCOMPARE(mixed.size(), 2);
    QCOMPARE(mixed.at(0), QVariant(QStringLiteral("a")));
    QCOMPARE(mixed.at(1).toMap().value("b"), QVariant(QStringLiteral("c")));
    QCOMPARE(fm.fields.size(), 7);
}

void TestFrontMatter::duplicateKeys_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("title");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("key");

    QTest::newRow("same key") << QByteArray("title: First\ndate: 2025-01-02\ntitle: Second\n") << "First" << 4 << "title";
    QTest::newRow("differs in case") << QByteArray("title: First\nTitle: Second\n") << "First" << 3 << "Title";
    QTest::newRow("other key") << QByteArray("title: T\nroom: A\nroom: B\n") << "T" << 4 << "room";
    QTest::newRow("needs yaml-cpp") << QByteArray("title: &x First\nextra: *x\ntitle: Second\n") << "First" << 4 << "title";
}

void TestFrontMatter::duplicateKeys()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, title);
    QFETCH(int, line);
    QFETCH(QString, key);

    Problems problems;
    const FrontMatter fm = FrontMatterParser::parse("---\n" + yaml + "---\n", &problems);
    QCOMPARE(fm.title, title);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().line, line);
    QVERIFY(problems.first().message.contains(QLatin1Char('\'') + key + QLatin1Char('\'')));
    if (key == QLatin1String("room"))
        QCOMPARE(fm.fields.value("room"), QVariant(QStringLiteral("A")));
}

void TestFrontMatter::hostile_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("title");   // what survives

    QTest::newRow("ten thousand [") << "---\ntitle: T\nx: " + QByteArray(10000, '[') + "\n---\n"
                                    << "nests deeper" << 3 << "";
    QTest::newRow("ten thousand {") << "---\nx: " + QByteArray(10000, '{') + "\n---\n" << "nests deeper" << 2 << "";
    QTest::newRow("balanced deep flow") << "---\nx: " + QByteArray(500, '[') + QByteArray(500, ']') + "\n---\n"
                                        << "nests deeper" << 2 << "";
    QByteArray compact = "---\nx:\n";
    for (int i = 0; i < 5000; ++i)
        compact += "- ";
    compact += "a\n---\n";
    QTest::newRow("compact block nesting") << compact << "nests deeper" << 3 << "";
    QByteArray indented = "---\nx:\n";
    for (int i = 0; i < 100; ++i)
        indented += QByteArray(i + 1, ' ') + "- \n";
    indented += "---\n";
    QTest::newRow("indentation nesting") << indented << "nests deeper" << 0 << "";
    QTest::newRow("self-referring alias") << QByteArray("---\ntitle: T\nloop: &a [*a]\n---\n")
                                          << "refers to itself" << 3 << "T";
    QTest::newRow("self-referring root") << QByteArray("---\n&a [*a]\n---\n") << "refers to itself" << 1 << "";
    QByteArray laughs = "---\ntitle: T\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'k'; ++c)
        laughs += c + QByteArray(": &") + c + " [*" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1)
                  + ", *" + char(c - 1) + ", *" + char(c - 1) + "]\n";
    QByteArray manyAliases = laughs;
    for (int i = 0; i < 1000; ++i)
        manyAliases += "x" + QByteArray::number(i) + ": *k\n";
    laughs += "---\n";
    manyAliases += "---\n";
    QTest::newRow("billion laughs") << laughs << "expands to more than" << 0 << "T";
    QTest::newRow("many keys alias the laughs") << manyAliases << "expands to more than" << 0 << "T";
    QTest::newRow("cycle does not hide later keys")
        << QByteArray("---\nloop: &a [*a]\ntitle: After\n---\n") << "refers to itself" << 2 << "After";
    // yaml-cpp runs the value to the end of the front matter; we say so.
    QTest::newRow("unclosed double quote") << QByteArray("---\ntitle: \"Unclosed\ndate: 2025-10-31\n---\n")
                                           << "never closed" << 2 << "Unclosed date: 2025-10-31";
    QTest::newRow("unclosed single quote") << QByteArray("---\ntype: x\ntitle: 'Unclosed\n---\n")
                                           << "never closed" << 3 << "Unclosed";
    QTest::newRow("tab indentation") << QByteArray("---\ntitle: T\ntags:\n\t- a\n---\n") << "not valid YAML" << 4 << "";
    QTest::newRow("tab after colon is fine") << QByteArray("---\ntitle:\tT\n---\n") << "" << 0 << "T";
    QTest::newRow("colon in plain title") << QByteArray("---\ntitle: 1:1 with Ada: plans\n---\n")
                                          << "not valid YAML" << 2 << "";
    QTest::newRow("unclosed flow list") << QByteArray("---\ntags: [a, b\ntitle: T\n---\n") << "not valid YAML" << 3 << "";
    QTest::newRow("root is a list") << QByteArray("---\n- a\n- b\n---\n") << "not a list of 'key: value'" << 1 << "";
    QTest::newRow("root is text") << QByteArray("---\njust some text\n---\n") << "not a list of 'key: value'" << 1 << "";
    QTest::newRow("one megabyte") << "---\ntitle: T\nx: \"" + QByteArray(1024 * 1024, 'a') + "\"\n---\n"
                                  << "larger than 256 KiB" << 2 << "";
    QByteArray manyTags = "---\ntitle: T\ntags:\n";
    for (int i = 0; manyTags.size() < 150 * 1024; ++i)
        manyTags += "- tag" + QByteArray::number(i) + "\n";
    manyTags += "participants: [" + QByteArray("a, ").repeated(20000) + "b]\n---\n";
    QTest::newRow("long lists") << manyTags << "" << 0 << "T";
    QTest::newRow("binary tag") << QByteArray("---\ntitle: !!binary aGVsbG8=\n---\n") << "" << 0 << "aGVsbG8=";
    QTest::newRow("apostrophe in plain text") << QByteArray("---\ntitle: rock 'n roll\n---\n") << "" << 0 << "rock 'n roll";
}

void TestFrontMatter::hostile()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, problem);
    QFETCH(int, line);
    QFETCH(QString, title);

    QElapsedTimer timer;
    timer.start();
    Problems problems;
    const FrontMatter fm = FrontMatterParser::parse(text, &problems);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(fm.present);
    QCOMPARE(fm.title, title);
    if (QByteArray(QTest::currentDataTag()) == "long lists") {
        QVERIFY(fm.tags.size() > 10000);
        QCOMPARE(fm.participants, (QStringList{"a", "b"}));
    }
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problemsText(problems)));
    } else {
        QVERIFY2(anyProblemContains(problems, problem, line > 0 ? line : -1), qPrintable(problemsText(problems)));
    }
}

void TestFrontMatter::yamlErrorLine()
{
    // The line of a yaml-cpp error is a file line even when the front matter uses CRLF.
    Problems problems;
    FrontMatterParser::parse("---\r\ntitle: T\r\ndate: 2025-01-01\r\nbad: [x\r\n---\r\n", &problems);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().line, 5);
}

void TestFrontMatter::fastPathMatchesYamlCpp_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<bool>("fast");   // whether the fast path must answer (not hand over)

    const QList<QByteArray> samples = {
        "",
        "# only a comment\n",
        "title: plain\n",
        "title: Notes [draft] {x}\n",
        "title: a, b, c\n",
        "title: C# and F#\n",
        "title: trailing # comment\n",
        "title: 'single ''quoted'''  # comment\n",
        "title: \"double \\\"quoted\\\" \\\\ back\"\n",
        "title: \"  padded  \"\n",
        "title: -5\n",
        "title: null\nperson: Null\nsource: NULL\nsource_ref: ~\n",
        "title: 'null'\n",
        "tags: []\n",
        "tags: [ a , \"b c\" , 'd' ]\n",
        "tags: [a, ~, null]\n",
        "participants:\n- a\n- 'b'\n-\n- \"c\" # note\n",
        "participants:\n  - a\n\n  - b\n\ntitle: x\n",
        "participants:\n    - a\n    - b\n",
        "source_ref: first part\n  second part\n  third part\n",
        "a: 1\nb: true\nc: 2025-10-31\nd: 0x1F\n",
        "key with spaces: value\n",
        "k/with.dots_and-dashes: v\n",
        "title: Zürich café\n",
        "title: x\ntitle: y\n",
        "title:\n\ndate: 2025-01-01\n",
        "title: a\n\n\n",
        "empty:\n# comment\nnext: v\n",
        "url: https://example.com/a#b\n",
        "title: x:y\n",
        "tags:\n- \"#a\"\n- '#b'\n",
        "participants: [[Rob Quill]]\n",
        "participants:\n- [[Ada Wren]]\n- [[Hugo Meyer|Hugo]]\n",
        "a: [[x], [y, z], []]\n",
        "a: [x, [y]]\n",
        "a: [[x]] # comment\n",
    };
    for (const QByteArray &sample : samples)
        QTest::newRow(sample.left(40).replace('\n', "\\n").constData()) << sample << true;
    // Handed over to yaml-cpp.
    const QList<QByteArray> richer = {
        "a:\n  b: c\n", "a: &x 1\nb: *x\n", "a: [[[x]]]\n", "a: [[x]], [[y]]\n", "a: |\n  text\n", "a: \"two\n  lines\"\n",
        "a: \"\\u00e9\"\n", "\"quoted key\": v\n", "a: {b: c}\n", "a:\tb\n", "a: b: c\n", "- a\n",
        "a: x\n\n  y\n", "a: !tag x\n", "a:\n- - x\n", "a:\n- b: c\n",
    };
    for (const QByteArray &sample : richer)
        QTest::newRow(("richer " + sample.left(40).replace('\n', "\\n")).constData()) << sample << false;

    // Every fixture's and seed's front matter.
    for (const QString &root : {QStringLiteral(MINUTES_TEST_DATA "/notes"), QStringLiteral(MINUTES_SEEDS_DIR)}) {
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            if (bytes.startsWith("---\n"))
                QTest::newRow(qPrintable(QDir(root).relativeFilePath(file.fileName())))
                    << yamlOf(bytes) << !file.fileName().endsWith(QLatin1String("quarterly-review.md"));
        }
    }
}

void TestFrontMatter::fastPathMatchesYamlCpp()
{
    QFETCH(QByteArray, yaml);
    QFETCH(bool, fast);

    const std::optional<YamlValue> quick = SimpleYaml::parse(yaml);
    QCOMPARE(quick.has_value(), fast);
    if (!quick)
        return;   // left to yaml-cpp, which is then the only reader
    Problems problems;
    const std::optional<YamlValue> full = YamlReader::read(yaml, 2, &problems);
    QVERIFY2(full, qPrintable(problemsText(problems)));
    QVERIFY(*quick == *full);

    FrontMatter a, b;
    Problems pa, pb;
    FrontMatterFields::apply(*quick, 2, a, &pa);
    FrontMatterFields::apply(*full, 2, b, &pb);
    QCOMPARE(a.title, b.title);
    QCOMPARE(a.tags, b.tags);
    QCOMPARE(a.participants, b.participants);
    QCOMPARE(a.fields, b.fields);
    QCOMPARE(pa, pb);
}

QTEST_GUILESS_MAIN(TestFrontMatter)
#include "tst_frontmatter.moc"
