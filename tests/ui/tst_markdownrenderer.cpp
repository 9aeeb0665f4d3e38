// MarkdownRenderer: wikilinks (long ones too, never inside code), raw HTML escaped, task glyphs
// and line anchors on the lines the parser found, the size cap with its banner.

#include "note/markdownrenderer.h"
#include "note/noteparser.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

using namespace minutes;

class TestMarkdownRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void renders_data();
    void renders();
    void linkTargetsSurviveTheBrowser_data();
    void linkTargetsSurviveTheBrowser();
    void otherUrlsAreNoLinkTargets();
    void tasksGetGlyphsAndAnchors();
    void longNoteIsTruncatedWithBanner();
    void pathologicalInputIsCapped();
};

void TestMarkdownRenderer::renders_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");

    QTest::newRow("wikilink") << QStringLiteral("See [[Rob Example]].")
                              << QStringList{"href=\"minutes-link:Rob%20Example\"", ">Rob Example</a>"} << QStringList{"[["};
    QTest::newRow("wikilink with alias") << QStringLiteral("See [[Rob Example|Rob]].")
                                         << QStringList{"href=\"minutes-link:Rob%20Example\"", ">Rob</a>"} << QStringList{"|"};
    const QString longTarget = QStringLiteral("Inbox/_archive/2025-10-31/2025-10-31 - Intro discussion covering "
                                              "strategy, field enablement gaps, and SE.md");
    QTest::newRow("wikilink longer than md4c's 100 characters")
        << QStringLiteral("*Source: [[%1|2025-10-31 - Intro]]*").arg(longTarget)
        << QStringList{"minutes-link:Inbox/_archive/2025-10-31/", ">2025-10-31 - Intro</a>"} << QStringList{"[["};
    QTest::newRow("wikilink to a heading") << QStringLiteral("[[Note#Part two]]")
                                           << QStringList{"minutes-link:Note%23Part%20two", ">Note › Part two</a>"}
                                           << QStringList{};
    QTest::newRow("wikilink in a code span") << QStringLiteral("Type `[[not a link]]` here.")
                                             << QStringList{"<code>[[not a link]]</code>"} << QStringList{"minutes-link"};
    QTest::newRow("wikilink in a fenced block") << QStringLiteral("```\n[[not a link]]\n```\n")
                                                << QStringList{"[[not a link]]"} << QStringList{"minutes-link"};
    QTest::newRow("escaped brackets") << QStringLiteral("\\[[not a link]]") << QStringList{} << QStringList{"minutes-link"};
    QTest::newRow("image embed") << QStringLiteral("![[diagram.png]]")
                                 << QStringList{"<img src=\"minutes-link:diagram.png\""} << QStringList{"!<"};
    QTest::newRow("note embed is a link") << QStringLiteral("![[Other note]]")
                                          << QStringList{"<a class=\"wikilink\" href=\"minutes-link:Other%20note\""}
                                          << QStringList{"<img"};
    QTest::newRow("wikilink inside a link URL stays text") << QStringLiteral("[x](a[[b]]c)")
                                                          << QStringList{} << QStringList{"href=\"a<a"};
    QTest::newRow("raw html is escaped") << QStringLiteral("<script>alert(1)</script> and <b>bold</b>")
                                         << QStringList{"&lt;script&gt;", "&lt;b&gt;"} << QStringList{"<script", "<b>"};
    QTest::newRow("html block is escaped") << QStringLiteral("<img src=x onerror=alert(1)>\n\ntext")
                                           << QStringList{"&lt;img"} << QStringList{"<img src=x"};
    QTest::newRow("forged marker characters") << QStringLiteral("a \uE002" "0\uE003 b \uE000" "5\uE001 c \uE006")
                                              << QStringList{"\uFFFD"} << QStringList{"minutes-link", "name=\"L5\"", "class=\"done\""};
    QTest::newRow("markdown image kept for the browser") << QStringLiteral("![x](/dev/zero)")
                                                         << QStringList{"<img src=\"/dev/zero\""} << QStringList{};
    QTest::newRow("table") << QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |\n") << QStringList{"<table class=\"md\""}
                           << QStringList{};
    QTest::newRow("emoji untouched") << QStringLiteral("- [ ] Call 📅 2025-11-08 ⏫") << QStringList{"📅 2025-11-08 ⏫"}
                                     << QStringList{};
}

void TestMarkdownRenderer::renders()
{
    QFETCH(QString, markdown);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    const QString html = MarkdownRenderer::render(markdown).html;
    for (const QString &text : present)
        QVERIFY2(html.contains(text), qPrintable(QStringLiteral("missing %1 in %2").arg(text, html)));
    for (const QString &text : absent)
        QVERIFY2(!html.contains(text), qPrintable(QStringLiteral("unexpected %1 in %2").arg(text, html)));
}

void TestMarkdownRenderer::linkTargetsSurviveTheBrowser_data()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("name") << QStringLiteral("Rob Banga");
    QTest::newRow("path") << QStringLiteral("Inbox/_archive/2025-10-31/a note.md");
    QTest::newRow("heading") << QStringLiteral("Note#Action Items");
    QTest::newRow("accents") << QStringLiteral("Zoë Ünal");
    QTest::newRow("percent and question mark") << QStringLiteral("50% off? yes");
    QTest::newRow("ampersand and quotes") << QStringLiteral("R&D \"team\"");
}

void TestMarkdownRenderer::linkTargetsSurviveTheBrowser()
{
    QFETCH(QString, target);
    const QString html = MarkdownRenderer::render(QStringLiteral("[[%1]]").arg(target)).html;
    static const QRegularExpression href(QStringLiteral("href=\"([^\"]*)\""));
    const QRegularExpressionMatch match = href.match(html);
    QVERIFY2(match.hasMatch(), qPrintable(html));
    // QTextBrowser hands anchorClicked() a QUrl built from the attribute text.
    const QString attribute = match.captured(1).replace(QLatin1String("&amp;"), QLatin1String("&"));
    const auto decoded = MarkdownRenderer::linkTarget(QUrl(attribute));
    QVERIFY(decoded.has_value());
    QCOMPARE(*decoded, target);
}

void TestMarkdownRenderer::otherUrlsAreNoLinkTargets()
{
    QVERIFY(!MarkdownRenderer::linkTarget(QUrl(QStringLiteral("file:///etc/passwd"))));
    QVERIFY(!MarkdownRenderer::linkTarget(QUrl(QStringLiteral("javascript:alert(1)"))));
    QVERIFY(!MarkdownRenderer::linkTarget(QUrl(QStringLiteral("Rob Banga"))));
}

void TestMarkdownRenderer::tasksGetGlyphsAndAnchors()
{
    const QByteArray bytes = "---\ntitle: T\n---\n\n# T\n\n## Action Items\n"
                             "- [ ] Open task @Myself 📅 2025-11-08\n"
                             "- [x] Done task ✅ 2025-11-01\n"
                             "- [ ?] Proposed task\n"
                             "\n```\n- [ ] not a task, in code\n```\n";
    const Note note = NoteParser::parse(QStringLiteral("t.md"), bytes);
    QCOMPARE(note.tasks.size(), 3);
    const RenderedMarkdown rendered = MarkdownRenderer::render(note);
    const QString &html = rendered.html;
    for (const NoteTask &task : note.tasks)
        QVERIFY2(html.contains(QStringLiteral("name=\"%1\"").arg(MarkdownRenderer::lineAnchor(task.line))), qPrintable(html));
    for (const Section &section : note.sections)
        QVERIFY2(html.contains(QStringLiteral("name=\"%1\"").arg(MarkdownRenderer::lineAnchor(section.line))), qPrintable(html));
    // The glyphs replace the checkboxes on exactly the parsed task lines (so line numbers line up).
    QCOMPARE(html.count(QStringLiteral("\u2610")), 2);   // open and proposed
    QCOMPARE(html.count(QStringLiteral("\u2611")), 1);   // done
    QVERIFY(!html.contains(QStringLiteral("[ ?]")));
    QVERIFY(html.contains(QStringLiteral("<span class=\"done\">")));
    QVERIFY(html.contains(QStringLiteral("- [ ] not a task, in code")));
    QVERIFY(html.contains(QStringLiteral("list-style-type: none")));
    QVERIFY(!rendered.truncated);
}

void TestMarkdownRenderer::longNoteIsTruncatedWithBanner()
{
    QString markdown;
    const QString line = QStringLiteral("A line of a very long note that goes on and on. [[Someone]]\n");
    while (markdown.size() < 700 * 1024)
        markdown += line;
    const RenderedMarkdown rendered = MarkdownRenderer::render(markdown);
    QVERIFY(rendered.truncated);
    QCOMPARE(rendered.inputBytes, markdown.toUtf8().size());
    QVERIFY(rendered.html.startsWith(QStringLiteral("<p class=\"banner\">")));
    QVERIFY(rendered.html.contains(QStringLiteral("Note truncated")));
    // Cut at a line boundary, at most the cap.
    const int links = int(rendered.html.count(QStringLiteral("minutes-link:Someone")));
    QVERIFY(links > 1000);
    QVERIFY(qsizetype(links) * line.size() <= MarkdownRenderer::MaxInputBytes);

    const RenderedMarkdown small = MarkdownRenderer::render(line);
    QVERIFY(!small.truncated);
    QVERIFY(!small.html.contains(QStringLiteral("banner")));
}

void TestMarkdownRenderer::pathologicalInputIsCapped()
{
    // "](["-lines make md4c 0.4.8 quadratic (30 s at 800 KB); the cap bounds the time.
    QString markdown;
    while (markdown.size() < 1024 * 1024)
        markdown += QStringLiteral("]([\n");
    MarkdownRenderer::Options options;
    options.maxInputBytes = 32 * 1024;
    QElapsedTimer timer;
    timer.start();
    const RenderedMarkdown rendered = MarkdownRenderer::render(markdown, options);
    QVERIFY(rendered.truncated);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestMarkdownRenderer)
#include "tst_markdownrenderer.moc"
