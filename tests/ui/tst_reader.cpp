// The reader follows only the links it allows and serves only images that are regular files
// inside the vault, without ever blocking (/dev/zero, FIFOs, symlinks out, huge files).

#include "../models/fixture.h"
#include "note/markdownrenderer.h"
#include "reader.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"

#include <QElapsedTimer>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

#include <sys/stat.h>

using namespace minutes;

namespace {
const QString Alpha = QStringLiteral("Meetings/2025-03-10 - Alpha review.md");
}

class TestReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void images_data();
    void images();
    void noteWithHostileImagesRenders();
    void links_data();
    void links();
    void refusedLinkLeavesThePage();
    void clickOnWikilinkActivatesEntity();
    void headerShowsDateParticipantsTags();
    void taskLineIsHighlighted();
    void entityPage();
    void bodyComesFromTheFileAsItIsNow();

private:
    QTemporaryDir m_dir;
    VaultIndex m_index;
    Reader *m_reader = nullptr;
};

void TestReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString root = m_dir.path();
    QVERIFY(fixture::writeVault(root));
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(Qt::red);
    QVERIFY(QDir().mkpath(root + QStringLiteral("/img")));
    QVERIFY(image.save(root + QStringLiteral("/img/ok.png")));
    QVERIFY(::mkfifo(QFile::encodeName(root + QStringLiteral("/pipe.png")).constData(), 0600) == 0);
    QVERIFY(QFile::link(QStringLiteral("/dev/zero"), root + QStringLiteral("/zero.png")));
    QVERIFY(QFile::link(QStringLiteral("/etc"), root + QStringLiteral("/etc-link")));
    QFile big(root + QStringLiteral("/big.png"));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(Reader::MaxImageBytes + 1));
    big.close();
    QVERIFY(fixture::write(root, QStringLiteral("Images.md"),
                           "# Images\n\n![zero](/dev/zero) ![fifo](pipe.png) ![link](zero.png) ![big](big.png)\n\n"
                           "![ok](img/ok.png) ![[img/ok.png]]\n\nThe end.\n"));
    QVERIFY(fixture::write(root, QStringLiteral("Edited.md"), "# Edited\n\nThe first draft.\n"));
    QVERIFY(fixture::write(root, QStringLiteral("Doomed.md"), "# Doomed\n\nSoon gone.\n"));
    m_index.reset(VaultLoader::load(root));
}

void TestReader::init()
{
    m_reader = new Reader;
    m_reader->setIndex(&m_index);
    m_reader->resize(800, 600);
}

void TestReader::cleanup()
{
    delete m_reader;
    m_reader = nullptr;
}

void TestReader::images_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("served");
    QTest::newRow("image in the vault") << QStringLiteral("img/ok.png") << true;
    QTest::newRow("embedded wikilink image") << QStringLiteral("minutes-link:img/ok.png") << true;
    QTest::newRow("file URL inside the vault") << QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("img/ok.png"))).toString() << true;
    QTest::newRow("/dev/zero") << QStringLiteral("/dev/zero") << false;
    QTest::newRow("file:///dev/zero") << QStringLiteral("file:///dev/zero") << false;
    QTest::newRow("climbing out to /dev/zero") << QStringLiteral("../../../../../../../../dev/zero") << false;
    QTest::newRow("FIFO in the vault") << QStringLiteral("pipe.png") << false;
    QTest::newRow("symlink to /dev/zero") << QStringLiteral("zero.png") << false;
    QTest::newRow("symlinked folder out of the vault") << QStringLiteral("etc-link/hostname") << false;
    QTest::newRow("larger than the cap") << QStringLiteral("big.png") << false;
    QTest::newRow("remote") << QStringLiteral("https://example.org/a.png") << false;
    QTest::newRow("data URL") << QStringLiteral("data:image/png;base64,iVBORw0KGgo=") << false;
    QTest::newRow("Qt resource") << QStringLiteral("qrc:/icons/org.minutes.Minutes.png") << false;
    QTest::newRow("a note, not an image") << Alpha << false;
}

void TestReader::images()
{
    QFETCH(QString, url);
    QFETCH(bool, served);
    QElapsedTimer timer;
    timer.start();
    const QVariant resource = m_reader->loadResource(QTextDocument::ImageResource, QUrl(url));
    QVERIFY2(timer.elapsed() < 2000, "loadResource must never block");
    // Never an invalid value: QTextDocument would then read the file itself.
    QVERIFY(resource.isValid());
    const QImage image = resource.value<QImage>();
    QVERIFY(!image.isNull());
    QCOMPARE(image.text(QStringLiteral("minutes")) == QLatin1String("blocked"), !served);
    if (served)
        QCOMPARE(image.size(), QSize(8, 8));
    const QVariant sheet = m_reader->loadResource(QTextDocument::StyleSheetResource, QUrl(url));
    QVERIFY(sheet.isValid());
    QVERIFY(sheet.toByteArray().isEmpty());
}

void TestReader::noteWithHostileImagesRenders()
{
    QSignalSpy rendered(m_reader, &Reader::rendered);
    m_reader->show();
    m_reader->showNote(QStringLiteral("Images.md"));
    QVERIFY(rendered.wait(10000));
    QVERIFY(m_reader->toPlainText().contains(QStringLiteral("The end.")));
    // Painting makes the document ask for its images: it must not hang.
    QVERIFY(QTest::qWaitForWindowExposed(m_reader));
    m_reader->viewport()->repaint();
}

void TestReader::links_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");   // entity:NAME, note:PATH, external, refused
    QTest::newRow("wikilink to a person by alias") << MarkdownRenderer::linkUrl(QStringLiteral("Annie")).toString() << QStringLiteral("entity:Ann Example");
    QTest::newRow("wikilink to an organisation") << MarkdownRenderer::linkUrl(QStringLiteral("Acme")).toString() << QStringLiteral("entity:Acme Corp");
    QTest::newRow("wikilink to a note") << MarkdownRenderer::linkUrl(QStringLiteral("2025-03-10 - Alpha review")).toString() << QStringLiteral("note:") + Alpha;
    QTest::newRow("wikilink to nothing") << MarkdownRenderer::linkUrl(QStringLiteral("Nobody Here")).toString() << QStringLiteral("refused");
    QTest::newRow("relative markdown link") << QStringLiteral("Broken.md") << QStringLiteral("note:Broken.md");
    QTest::newRow("http") << QStringLiteral("http://example.org/") << QStringLiteral("external");
    QTest::newRow("https") << QStringLiteral("https://example.org/a?b=c") << QStringLiteral("external");
    QTest::newRow("mailto") << QStringLiteral("mailto:someone@example.org") << QStringLiteral("external");
    QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << QStringLiteral("refused");
    QTest::newRow("file inside the vault") << QUrl::fromLocalFile(m_dir.filePath(Alpha)).toString() << QStringLiteral("refused");
    QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << QStringLiteral("refused");
    QTest::newRow("data") << QStringLiteral("data:text/html,<b>x</b>") << QStringLiteral("refused");
    QTest::newRow("ftp") << QStringLiteral("ftp://example.org/x") << QStringLiteral("refused");
    QTest::newRow("qrc") << QStringLiteral("qrc:/sample-vault/x.md") << QStringLiteral("refused");
}

void TestReader::links()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QSignalSpy entity(m_reader, &Reader::entityActivated);
    QSignalSpy note(m_reader, &Reader::noteActivated);
    QSignalSpy external(m_reader, &Reader::externalLinkRequested);
    QSignalSpy refused(m_reader, &Reader::linkRefused);
    m_reader->showNote(Alpha);
    Q_EMIT m_reader->anchorClicked(QUrl(url));
    QCOMPARE(entity.size() + note.size() + external.size() + refused.size(), 1);
    if (expected.startsWith(QLatin1String("entity:"))) {
        QCOMPARE(entity.size(), 1);
        QCOMPARE(entity.at(0).at(0).toString(), expected.mid(7));
    } else if (expected.startsWith(QLatin1String("note:"))) {
        QCOMPARE(note.size(), 1);
        QCOMPARE(note.at(0).at(0).toString(), expected.mid(5));
    } else if (expected == QLatin1String("external")) {
        QCOMPARE(external.size(), 1);
        QCOMPARE(external.at(0).at(0).toUrl(), QUrl(url));
    } else {
        QCOMPARE(refused.size(), 1);
        QVERIFY(!refused.at(0).at(1).toString().isEmpty());
    }
}

void TestReader::refusedLinkLeavesThePage()
{
    QSignalSpy rendered(m_reader, &Reader::rendered);
    m_reader->showNote(Alpha);
    QVERIFY(rendered.wait(10000));
    const QString before = m_reader->toPlainText();
    Q_EMIT m_reader->anchorClicked(QUrl(QStringLiteral("file:///etc/passwd")));
    Q_EMIT m_reader->anchorClicked(QUrl(QStringLiteral("javascript:document.write('x')")));
    QCOMPARE(m_reader->toPlainText(), before);
    QCOMPARE(m_reader->currentPath(), Alpha);
    QVERIFY(!m_reader->source().isValid() || m_reader->source().isEmpty());
}

void TestReader::clickOnWikilinkActivatesEntity()
{
    QSignalSpy rendered(m_reader, &Reader::rendered);
    QSignalSpy entity(m_reader, &Reader::entityActivated);
    m_reader->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_reader));
    m_reader->showNote(Alpha);
    QVERIFY(rendered.wait(10000));
    // "[[Annie]]" in the summary: click it as a user would.
    const QTextCursor found = m_reader->document()->find(QStringLiteral("Annie"));
    QVERIFY(!found.isNull());
    QTextCursor inside(m_reader->document());
    inside.setPosition(found.selectionStart() + 2);
    m_reader->setTextCursor(inside);
    m_reader->ensureCursorVisible();
    const QPoint at = m_reader->cursorRect(inside).center();
    QTest::mouseClick(m_reader->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(entity.size(), 1);
    QCOMPARE(entity.at(0).at(0).toString(), QStringLiteral("Ann Example"));
}

void TestReader::headerShowsDateParticipantsTags()
{
    QSignalSpy rendered(m_reader, &Reader::rendered);
    m_reader->showNote(QStringLiteral("Meetings/2025-04-02 - Beta sync.md"));
    QVERIFY(rendered.wait(10000));
    const QString text = m_reader->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("2025")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Ann Example")));
    QVERIFY(text.contains(QStringLiteral("Cara Demo")));
    QVERIFY(text.contains(QStringLiteral("Archive/2025-04-02 - Beta sync.md")));   // the other version
    QCOMPARE(text.count(QStringLiteral("Beta sync")), 3);   // title once (not twice) + two version paths
}

void TestReader::taskLineIsHighlighted()
{
    QSignalSpy rendered(m_reader, &Reader::rendered);
    m_reader->show();
    m_reader->showNote(Alpha, 19);
    QVERIFY(rendered.wait(10000));
    const QList<QTextEdit::ExtraSelection> selections = m_reader->extraSelections();
    QCOMPARE(selections.size(), 1);
    QVERIFY2(selections.at(0).cursor.block().text().contains(QStringLiteral("Draft agenda")),
             qPrintable(selections.at(0).cursor.block().text()));
}

void TestReader::entityPage()
{
    QSignalSpy rendered(m_reader, &Reader::rendered);
    m_reader->showEntity(QStringLiteral("Annie"));
    QTRY_VERIFY(!rendered.isEmpty());
    const QString text = m_reader->toPlainText();
    QCOMPARE(m_reader->currentEntity(), QStringLiteral("Ann Example"));
    QVERIFY(text.contains(QStringLiteral("also known as Annie")));
    QVERIFY(text.contains(QStringLiteral("2 meetings")));
    QVERIFY(text.contains(QStringLiteral("Works at")));   // her own note's body
}

// The index holds no bodies: the reader reads the file when it shows a note (the watcher, not
// running here, would tell the index about the change a moment later).
void TestReader::bodyComesFromTheFileAsItIsNow()
{
    QVERIFY(fixture::write(m_dir.path(), QStringLiteral("Edited.md"), "# Edited\n\nThe second draft.\n"));
    QVERIFY(QFile::remove(m_dir.filePath(QStringLiteral("Doomed.md"))));
    QSignalSpy rendered(m_reader, &Reader::rendered);
    m_reader->showNote(QStringLiteral("Edited.md"));
    QVERIFY(rendered.wait(10000));
    QString text = m_reader->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("The second draft.")) && !text.contains(QStringLiteral("first draft")),
             qPrintable(text));

    m_reader->showNote(QStringLiteral("Doomed.md"));
    QVERIFY(rendered.wait(10000));
    text = m_reader->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("cannot read the note: no such file")), qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("Soon gone.")));
}

QTEST_MAIN(TestReader)
#include "tst_reader.moc"
