// The reader's markdown renderer against md4c 0.4.8's quadratic inputs: every block md4c would
// spend too long on (or that nests too deep for the reader) is shown as escaped plain text with a
// notice, the rest is formatted, and a normal note renders exactly as md4c-html renders it.

#include "note/markdownrenderer.h"
#include "note/noteparser.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <md4c-html.h>

#include <limits>
#include <vector>

using namespace minutes;

namespace {

constexpr qint64 Unbounded = std::numeric_limits<qint64>::max();

void appendOutput(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    static_cast<QByteArray *>(userdata)->append(text, qsizetype(size));
}

// Plain md4c-html with the renderer's flags: the reference.
QString md4cHtml(const QByteArray &utf8)
{
    std::vector<char> buffer(size_t(utf8.size()) + 64, '\0');   // md4c 0.4.8 reads past the end
    std::copy(utf8.cbegin(), utf8.cend(), buffer.begin());
    QByteArray html;
    if (md_html(buffer.data(), MD_SIZE(utf8.size()), appendOutput, &html, MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0) != 0)
        qFatal("md_html failed");
    return QString::fromUtf8(html);
}

QString repeated(const QString &unit, qsizetype bytes)
{
    QString text;
    text.reserve(bytes + unit.size());
    while (text.size() < bytes)
        text += unit;
    return text;
}

// Large notes of the kinds real vaults hold, which must not be mistaken for pathological ones.
QHash<QString, QString> bigNormalNotes()
{
    QHash<QString, QString> notes;
    QString tasks = QStringLiteral("# Every open task\n\n");
    for (int i = 0; i < 3000; ++i)
        tasks += QStringLiteral("- [ ] Follow up on item %1 with [[Ada Wren]] *soon* (see `ref-%1`) \U0001F4C5 2025-05-%2\n")
                     .arg(i).arg(1 + i % 28, 2, 10, QLatin1Char('0'));
    notes[QStringLiteral("3,000-item task list")] = tasks;

    QString table = QStringLiteral("| Who | What | When |\n|---|---|---|\n");
    for (int i = 0; i < 1000; ++i)
        table += QStringLiteral("| [[Ben Ortiz]] | **item %1** with _notes_ | [link](https://example.org/%1) |\n").arg(i);
    notes[QStringLiteral("1,000-row table")] = table;

    QString transcript = QStringLiteral("## Transcript\n\n");
    for (int i = 0; i < 600; ++i)
        transcript += QStringLiteral("Cleo Marsh (00:%1): so the *pilot* goes ahead, and [[Dan Ivers]] takes the (draft) plan\n")
                          .arg(i % 60, 2, 10, QLatin1Char('0'));
    notes[QStringLiteral("600-line hard-wrapped paragraph")] = transcript;

    QString code = QStringLiteral("```json\n");
    for (int i = 0; i < 4000; ++i)
        code += QStringLiteral("  {\"id\": %1, \"tags\": [\"a\", \"b\"], \"ok\": true},\n").arg(i);
    code += QStringLiteral("```\n");
    notes[QStringLiteral("4,000-line code block")] = code;

    QString nested = QStringLiteral("Outline:\n\n");
    for (int depth = 0; depth < 12; ++depth)
        nested += QString(depth * 2, QLatin1Char(' ')) + QStringLiteral("- level %1 > quote? no\n").arg(depth);
    notes[QStringLiteral("outline twelve levels deep")] = nested;
    return notes;
}

} // namespace

class TestHostileMarkdown : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void normalNotesRenderAsMd4cDoes_data();
    void normalNotesRenderAsMd4cDoes();
    void bigNormalNotesRenderAsMd4cDoes_data();
    void bigNormalNotesRenderAsMd4cDoes();
    void pathologicalBlocksBecomePlainText_data();
    void pathologicalBlocksBecomePlainText();
    void onlyTheBadBlockIsPlain();
    void budgetIsSharedByTheWholeNote();
    void plainTextKeepsLineAnchors();

private:
    QTemporaryDir m_notes;
};

void TestHostileMarkdown::initTestCase()
{
    QVERIFY(m_notes.isValid());
    // The sample vault and the real seed notes (copied at run time, never into the repository).
    const QStringList sources{QStringLiteral(MINUTES_SOURCE_DIR "/resources/sample-vault"), QStringLiteral(MINUTES_SEEDS_DIR)};
    int copied = 0;
    for (const QString &source : sources) {
        QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QString target = m_notes.filePath(QFileInfo(source).fileName() + QLatin1Char('/') + QDir(source).relativeFilePath(file));
            QVERIFY(QDir().mkpath(QFileInfo(target).absolutePath()));
            QVERIFY2(QFile::copy(file, target), qPrintable(file));
            ++copied;
        }
    }
    QVERIFY2(copied >= 20, qPrintable(QStringLiteral("only %1 notes found").arg(copied)));
}

void TestHostileMarkdown::normalNotesRenderAsMd4cDoes_data()
{
    QTest::addColumn<QString>("path");
    QDirIterator it(m_notes.path(), QDir::Files, QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext())
        paths.append(it.next());
    paths.sort();
    for (const QString &path : std::as_const(paths))
        QTest::newRow(qPrintable(QDir(m_notes.path()).relativeFilePath(path))) << path;
}

void TestHostileMarkdown::normalNotesRenderAsMd4cDoes()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const Note note = NoteParser::parse(QFileInfo(path).fileName(), bytes);

    // The bounded md4c stage is md4c itself, for the whole file and for the body.
    for (const QString &markdown : {QString::fromUtf8(bytes), note.body}) {
        const RenderedMarkdown bounded = MarkdownRenderer::markdownToHtml(markdown);
        QVERIFY(bounded.plainText.isEmpty());
        QCOMPARE(bounded.html, md4cHtml(markdown.toUtf8()));
    }
    // And the reader's page (wikilinks, task glyphs, anchors) is what it was without the bounds.
    const RenderedMarkdown page = MarkdownRenderer::render(note);
    MarkdownRenderer::Options unbounded = MarkdownRenderer::optionsFor(note);
    unbounded.workBudget = Unbounded;
    QVERIFY(page.plainText.isEmpty());
    QVERIFY(!page.html.contains(QLatin1String("shown as plain text")));
    QCOMPARE(page.html, MarkdownRenderer::render(note.body, unbounded).html);
}

void TestHostileMarkdown::bigNormalNotesRenderAsMd4cDoes_data()
{
    QTest::addColumn<QString>("markdown");
    const QHash<QString, QString> notes = bigNormalNotes();
    QStringList names = notes.keys();
    names.sort();
    for (const QString &name : std::as_const(names))
        QTest::newRow(qPrintable(name)) << notes.value(name);
}

void TestHostileMarkdown::bigNormalNotesRenderAsMd4cDoes()
{
    QFETCH(QString, markdown);
    QVERIFY(markdown.toUtf8().size() < MarkdownRenderer::MaxInputBytes);
    const RenderedMarkdown bounded = MarkdownRenderer::markdownToHtml(markdown);
    QVERIFY(bounded.plainText.isEmpty());
    QCOMPARE(bounded.html, md4cHtml(markdown.toUtf8()));
    MarkdownRenderer::Options unbounded;
    unbounded.workBudget = Unbounded;
    const RenderedMarkdown page = MarkdownRenderer::render(markdown);
    QVERIFY(page.plainText.isEmpty());
    QCOMPARE(page.html, MarkdownRenderer::render(markdown, unbounded).html);
}

void TestHostileMarkdown::pathologicalBlocksBecomePlainText_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("shown");    // escaped text the page must hold
    QTest::addColumn<QString>("reason");

    const qsizetype MB = 1024 * 1024;
    const QString dense = QStringLiteral("too dense");
    const QString nested = QStringLiteral("nested more than");
    QTest::newRow("]([ lines, 1 MB (26 s in md4c)") << repeated(QStringLiteral("]([\n"), MB) << QStringLiteral("]([\n]([") << dense;
    QTest::newRow("]([ lines, 100 KB") << repeated(QStringLiteral("]([\n"), 100 * 1024) << QStringLiteral("]([\n]([") << dense;
    QTest::newRow("[ x 1 MB, one line") << repeated(QStringLiteral("["), MB) << QStringLiteral("[[[[[[[[") << dense;
    QTest::newRow("*_ alternating, 1 MB line") << repeated(QStringLiteral("*_"), MB) << QStringLiteral("*_*_*_*_") << dense;
    QTest::newRow("*_ alternating, 1 MB of lines") << repeated(QStringLiteral("*_*_*_*_*_*_\n"), MB)
                                                   << QStringLiteral("*_*_*_*_*_*_\n*_") << dense;
    QTest::newRow("100k nested >") << QString(100'000, QLatin1Char('>')) + QStringLiteral(" deep quote")
                                   << QStringLiteral("&gt;&gt;&gt;&gt; deep quote") << nested;
    QTest::newRow("100k nested list markers") << repeated(QStringLiteral("- "), 200'000) + QStringLiteral("deep item")
                                              << QStringLiteral("- - - deep item") << nested;
    QTest::newRow("1 MB line of backticks") << QString(MB, QLatin1Char('`')) << QStringLiteral("``````````") << dense;
    QTest::newRow("[ lines then ] lines (12 s for 256 KB)")
        << repeated(QStringLiteral("[\n"), 128 * 1024) + repeated(QStringLiteral("]\n"), 128 * 1024) << QStringLiteral("[\n[\n[") << dense;
    QTest::newRow("[a]( lines") << repeated(QStringLiteral("[a](\n"), 256 * 1024) << QStringLiteral("[a](\n[a](") << dense;
    QTest::newRow("www autolinks, one paragraph") << repeated(QStringLiteral("www.example.org\n"), 256 * 1024)
                                                  << QStringLiteral("www.example.org\nwww.") << dense;
    QTest::newRow("www autolinks, one line") << repeated(QStringLiteral("www.a.b "), 400 * 1024)
                                             << QStringLiteral("www.a.b www.a.b") << dense;
    QTest::newRow("items that are lazy paragraph lines") << QStringLiteral("Intro\n") + repeated(QStringLiteral("2. ]([\n"), 60 * 1024)
                                                         << QStringLiteral("Intro\n2. ]([") << dense;
    QTest::newRow("indented items that are lazy paragraph lines")
        << QStringLiteral("- a\n") + repeated(QStringLiteral("      - ]([\n"), 100 * 1024) << QStringLiteral("      - ]([") << dense;
    QTest::newRow("lone CR line endings") << repeated(QStringLiteral("]([\r"), 60 * 1024) << QStringLiteral("]([\r]([") << dense;
    QTest::newRow("]([ in a block quote") << repeated(QStringLiteral("> ]([\n"), 256 * 1024) << QStringLiteral("&gt; ]([") << dense;
    QTest::newRow("]([ inside a fence md4c does not see")
        << QStringLiteral("- a\n   ```\n```\nx\n```\n") + repeated(QStringLiteral("]([\n"), 256 * 1024) << QStringLiteral("]([\n]([") << dense;
    QTest::newRow("400 levels of indented lists")
        << [] { QString s; for (int i = 0; i < 400; ++i) s += QString(2 * i, QLatin1Char(' ')) + QStringLiteral("- a\n"); return s; }()
        << QStringLiteral("  - a") << nested;
}

void TestHostileMarkdown::pathologicalBlocksBecomePlainText()
{
    QFETCH(QString, markdown);
    QFETCH(QString, shown);
    QFETCH(QString, reason);
    const RenderedMarkdown page = MarkdownRenderer::render(markdown);
    QVERIFY(!page.plainText.isEmpty());
    QVERIFY2(page.plainText.first().reason.contains(reason), qPrintable(page.plainText.first().reason));
    QVERIFY(page.html.contains(QLatin1String("Parts of this note are shown as plain text: line")));
    QVERIFY2(page.html.contains(shown), qPrintable(page.html.left(2000)));
    QVERIFY(page.html.contains(QLatin1String("<pre class=\"plain\"")));
    // md4c formatted none of it.
    QVERIFY(!page.html.contains(QLatin1String("<blockquote>")));
    QVERIFY(!page.html.contains(QLatin1String("<em>")));
    QVERIFY(!page.html.contains(QLatin1String("<a href")));
    // The same holds for the bounded md4c stage on its own (no size cap there).
    const RenderedMarkdown bare = MarkdownRenderer::markdownToHtml(markdown.left(MarkdownRenderer::MaxInputBytes / 2));
    QVERIFY(!bare.plainText.isEmpty());
}

void TestHostileMarkdown::onlyTheBadBlockIsPlain()
{
    const QString bad = repeated(QStringLiteral("]([\n"), 64 * 1024);
    const QString markdown = QStringLiteral("# Weekly sync\n\nWith **Ada** and [[Ben Ortiz]].\n\n") + bad
                             + QStringLiteral("- [ ] Send the *deck*\n\n> Quoted `code`\n");
    const RenderedMarkdown page = MarkdownRenderer::render(markdown);
    QCOMPARE(page.plainText.size(), 1);
    const int lines = int(bad.count(QLatin1Char('\n')));
    QCOMPARE(page.plainText.first().firstLine, 5);
    // The list right after it has no blank line between: it belongs to the same block.
    QCOMPARE(page.plainText.first().lastLine, 5 + lines);
    QVERIFY(page.html.contains(QStringLiteral("lines 5\u2013%1 (").arg(5 + lines)));
    QVERIFY(page.html.contains(QLatin1String("<h1>Weekly sync</h1>")));
    QVERIFY(page.html.contains(QLatin1String("<strong>Ada</strong>")));
    QVERIFY(page.html.contains(QLatin1String("href=\"minutes-link:Ben%20Ortiz\"")));
    QVERIFY(page.html.contains(QLatin1String("<blockquote>")));
    QVERIFY(page.html.contains(QLatin1String("<code>code</code>")));
    QVERIFY(page.html.contains(QLatin1String("- [ ] Send the *deck*</pre>")));
}

void TestHostileMarkdown::budgetIsSharedByTheWholeNote()
{
    // Blocks each well within the limit for one block, but together past the note's budget:
    // the first ones are formatted, the rest named as plain text.
    QStringList blocks;
    for (int i = 0; i < 60; ++i)
        blocks.append(repeated(QStringLiteral("[\n"), 4000));
    const RenderedMarkdown page = MarkdownRenderer::render(blocks.join(QLatin1Char('\n')));
    QVERIFY(!page.plainText.isEmpty());
    QVERIFY(page.plainText.size() < 60);
    QVERIFY2(page.plainText.first().firstLine > 1, "the first blocks fit the budget");
    QVERIFY2(page.plainText.last().reason.contains(QLatin1String("used up")), qPrintable(page.plainText.last().reason));
    QVERIFY(page.html.contains(QLatin1String("more.</p>")));
}

void TestHostileMarkdown::plainTextKeepsLineAnchors()
{
    const QString markdown = QStringLiteral("## Action items\n") + repeated(QStringLiteral("- [ ] ]([ [x\n"), 16)
                             + QString(40, QLatin1Char('>')) + QStringLiteral(" too deep\n");
    MarkdownRenderer::Options options;
    options.firstLine = 10;
    options.anchorLines = {10};
    options.taskLines = {{12, U' '}};
    const RenderedMarkdown page = MarkdownRenderer::render(markdown, options);
    QCOMPARE(page.plainText.size(), 1);
    QCOMPARE(page.plainText.first().firstLine, 10);
    QVERIFY(page.html.contains(QLatin1String("<a name=\"L10\"></a>## Action items")));
    QVERIFY(page.html.contains(QLatin1String("<a name=\"L12\"></a>- [ ] ]([ [x")));
}

QTEST_GUILESS_MAIN(TestHostileMarkdown)
#include "tst_hostilemarkdown.moc"
