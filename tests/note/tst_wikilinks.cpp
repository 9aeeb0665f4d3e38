#include "note/noteparser.h"

#include <QTest>

using namespace minutes;

namespace {

// "target#heading|alias@line", compact enough to read in a failing row.
QStringList describe(const QList<WikiLink> &links)
{
    QStringList out;
    for (const WikiLink &link : links) {
        QString text = link.target;
        if (!link.heading.isEmpty())
            text += QLatin1Char('#') + link.heading;
        if (!link.alias.isEmpty())
            text += QLatin1Char('|') + link.alias;
        out.append(text + QLatin1Char('@') + QString::number(link.line));
    }
    return out;
}

} // namespace

class TestWikiLinks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void links_data();
    void links();
    void partsAreSeparated();
    void linesCountFrontMatter();
};

void TestWikiLinks::links_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("plain") << QByteArray("See [[Ada Wren]].\n") << QStringList{"Ada Wren@1"};
    QTest::newRow("alias") << QByteArray("See [[Ada Wren|Ada]].\n") << QStringList{"Ada Wren|Ada@1"};
    QTest::newRow("heading") << QByteArray("See [[Lab plan#Budget]].\n") << QStringList{"Lab plan#Budget@1"};
    QTest::newRow("heading and alias") << QByteArray("See [[Lab plan#Budget|the budget]].\n")
                                       << QStringList{"Lab plan#Budget|the budget@1"};
    QTest::newRow("spaces trimmed") << QByteArray("[[  Ada Wren  |  Ada ]]\n") << QStringList{"Ada Wren|Ada@1"};
    QTest::newRow("several on a line") << QByteArray("[[A]] and [[B]], [[C|c]]\n") << QStringList{"A@1", "B@1", "C|c@1"};
    QTest::newRow("list items") << QByteArray("## Related\n\n- [[Ada Wren]]\n- [[Hugo Meyer]]\n")
                                << QStringList{"Ada Wren@3", "Hugo Meyer@4"};
    QTest::newRow("longer than md4c accepts")
        << QByteArray("*Source: [[Inbox/_archive/2025-03-14/2025-03-14 - A very long transcript name that goes on and "
                      "on past one hundred characters.md|2025-03-14 - short]]*\n")
        << QStringList{"Inbox/_archive/2025-03-14/2025-03-14 - A very long transcript name that goes on and on past "
                       "one hundred characters.md|2025-03-14 - short@1"};
    QTest::newRow("path traversal kept as text") << QByteArray("[[../../etc/passwd]]\n") << QStringList{"../../etc/passwd@1"};
    QTest::newRow("embed") << QByteArray("![[diagram.png]]\n") << QStringList{"diagram.png@1"};
    QTest::newRow("same-note heading has no target") << QByteArray("[[#Decisions]]\n") << QStringList{};
    QTest::newRow("empty") << QByteArray("[[]] [[ | x]]\n") << QStringList{};
    QTest::newRow("unclosed") << QByteArray("[[Ada Wren\nand more]]\n") << QStringList{};
    QTest::newRow("innermost opening") << QByteArray("[[a [[Ada Wren]]\n") << QStringList{"Ada Wren@1"};
    QTest::newRow("in a task") << QByteArray("- [ ] Call [[Ada Wren]] 📅 2025-01-02\n") << QStringList{"Ada Wren@1"};
    QTest::newRow("in a heading") << QByteArray("## With [[Ada Wren]]\n") << QStringList{"Ada Wren@1"};
    QTest::newRow("in a blockquote") << QByteArray("> quoted [[Ada Wren]]\n") << QStringList{"Ada Wren@1"};
    QTest::newRow("in tables") << QByteArray("| Who | Link |\n| --- | --- |\n| Ada | [[Ada Wren\\|Ada]] |\n| Hugo | [[Hugo Meyer]] |\n")
                               << QStringList{"Ada Wren|Ada@3", "Hugo Meyer@4"};
    QTest::newRow("in a code fence not counted")
        << QByteArray("```\n[[Fenced]]\n```\n[[After]]\n") << QStringList{"After@4"};
    QTest::newRow("fence info string not counted") << QByteArray("```js [[Info]]\ncode\n```\n") << QStringList{};
    QTest::newRow("in a tilde fence not counted") << QByteArray("~~~\n[[Fenced]]\n~~~\n") << QStringList{};
    QTest::newRow("unclosed fence runs to the end")
        << QByteArray("[[Before]]\n```\n[[Fenced]]\n\n[[Still fenced]]\n") << QStringList{"Before@1"};
    QTest::newRow("in indented code not counted")
        << QByteArray("Text\n\n    [[Indented]]\n\n[[After]]\n") << QStringList{"After@5"};
    QTest::newRow("indented list continuation is not code")
        << QByteArray("- item\n    [[Continued]]\n") << QStringList{"Continued@2"};
    QTest::newRow("in inline code not counted")
        << QByteArray("Use `[[Not a link]]` or ``[[Nor this]]`` but [[This]].\n") << QStringList{"This@1"};
    QTest::newRow("in an html comment not counted")
        << QByteArray("<!--\n[[Hidden]]\n\n[[Still hidden]]\n-->\n[[Shown]]\n") << QStringList{"Shown@6"};
    QTest::newRow("in an html block not counted")
        << QByteArray("<div>\n[[Hidden]]\n</div>\n\n[[Shown]]\n") << QStringList{"Shown@5"};
    QTest::newRow("crlf lines") << QByteArray("a\r\n[[One]]\r\n\r\n[[Two]]\r\n") << QStringList{"One@2", "Two@4"};
    QTest::newRow("lone cr lines") << QByteArray("a\r[[One]]\r[[Two]]\r") << QStringList{"One@2", "Two@3"};
    QTest::newRow("non-ascii") << QByteArray("[[Zoë Ångström|Zoë]] 😀 [[Café]]\n")
                               << QStringList{QStringLiteral("Zoë Ångström|Zoë@1"), QStringLiteral("Café@1")};
}

void TestWikiLinks::links()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, expected);

    const Note note = NoteParser::parse(QStringLiteral("links.md"), body);
    QCOMPARE(describe(note.links), expected);
}

void TestWikiLinks::partsAreSeparated()
{
    const Note note = NoteParser::parse(QStringLiteral("a.md"), "[[Lab plan#Risks|the risks]]\n");
    QCOMPARE(note.links.size(), 1);
    const WikiLink &link = note.links.first();
    QCOMPARE(link.target, QStringLiteral("Lab plan"));
    QCOMPARE(link.heading, QStringLiteral("Risks"));
    QCOMPARE(link.alias, QStringLiteral("the risks"));
    QCOMPARE(link.line, 1);
}

void TestWikiLinks::linesCountFrontMatter()
{
    const Note note = NoteParser::parse(QStringLiteral("a.md"),
                                        "---\nparticipants: [\"[[Ada Wren]]\"]\n---\n\n[[Hugo Meyer]]\n");
    // Front matter values are not body links; body lines are file lines.
    QCOMPARE(describe(note.links), QStringList{"Hugo Meyer@5"});
    QCOMPARE(note.participants, QStringList{"Ada Wren"});
}

QTEST_GUILESS_MAIN(TestWikiLinks)
#include "tst_wikilinks.moc"
