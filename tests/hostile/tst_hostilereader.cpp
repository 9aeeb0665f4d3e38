// The reader is a viewer, not a browser: a note full of raw HTML, scripts, frames, remote and
// local images and every kind of link is shown with the QTextBrowser the app uses. Raw HTML comes
// out as text, nothing is fetched from the network (a local server listening on the page's URLs
// must see no connection, and no socket is opened), and no click reaches outside the vault.

#include "hostilefiles.h"
#include "note/markdownrenderer.h"
#include "reader.h"
#include "vault/indexcache.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"

#include <QDirIterator>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>

#include <cerrno>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace minutes;
using namespace hostile;

namespace {

const QString HostilePath = QStringLiteral("Meetings/Hostile page.md");

// A TCP server on 127.0.0.1 that nobody should ever call.
class Tripwire
{
public:
    Tripwire()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
            || ::listen(m_fd, 16) != 0 || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
    }
    ~Tripwire()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Tripwire(const Tripwire &) = delete;
    Tripwire &operator=(const Tripwire &) = delete;

    int port() const { return m_port; }
    // How many connections arrived (each is accepted and closed).
    int connections()
    {
        int count = 0;
        for (;;) {
            const int client = ::accept(m_fd, nullptr, nullptr);
            if (client < 0)
                return count;
            ::close(client);
            ++count;
        }
    }

private:
    int m_fd = -1;
    int m_port = 0;
};

// Sockets this process has open (every one shows as "socket:[inode]" under /proc/self/fd).
int openSockets()
{
    int count = 0;
    QDirIterator it(QStringLiteral("/proc/self/fd"), QDir::System | QDir::Files | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        it.next();
        if (it.fileInfo().symLinkTarget().contains(QLatin1String("socket:")))
            ++count;
    }
    return count;
}

bool networkLibraryLoaded()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libQt6Network");
}

QStringList anchorsOf(const QTextDocument *document)
{
    QStringList hrefs;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.isAnchor() && !format.anchorHref().isEmpty() && !hrefs.contains(format.anchorHref()))
                hrefs.append(format.anchorHref());
        }
    }
    return hrefs;
}

QStringList imagesOf(const QTextDocument *document)
{
    QStringList names;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.isImageFormat())
                names.append(format.toImageFormat().name());
        }
    }
    return names;
}

} // namespace

class TestHostileReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void rawHtmlIsText();
    void nothingIsFetched();
    void imagesOutsideTheVaultAreBlocked();
    void links_data();
    void links();
    void everyLinkOnThePageStaysInside();
    void pathOutsideTheVaultShowsNothingOfIt();

private:
    QTemporaryDir m_top;   // vault/ and, beside it, outside/ with the canary
    QString m_root;
    QString m_outside;
    Tripwire m_tripwire;
    VaultIndex m_index;
    Reader *m_reader = nullptr;
    std::unique_ptr<OpenSpy> m_spy;
};

void TestHostileReader::initTestCase()
{
    QVERIFY(m_top.isValid());
    QVERIFY(m_tripwire.port() > 0);
    IndexCache::setEnabled(false);
    m_root = m_top.filePath(QStringLiteral("vault"));
    m_outside = m_top.filePath(QStringLiteral("outside"));
    QImage image(4, 4, QImage::Format_RGB32);
    image.fill(Qt::blue);
    QVERIFY(QDir().mkpath(m_outside));
    QVERIFY(image.save(m_outside + QStringLiteral("/canary.png")));
    QVERIFY(writeFile(m_outside, QStringLiteral("canary.md"), "# Canary\n\n" + CanaryText + "\n"));
    QVERIFY(writeFile(m_root, ControlPath, ControlNote));
    QVERIFY(image.save(m_root + QStringLiteral("/inside.png")));

    const QByteArray server = "http://127.0.0.1:" + QByteArray::number(m_tripwire.port());
    const QByteArray outside = QFile::encodeName(m_outside);
    const QByteArray page = "# Hostile page\n\n"
        "<script>document.title = 'pwned'</script>\n\n"
        "<iframe src=\"" + server + "/frame\"></iframe>\n\n"
        "<img src=\"" + server + "/raw.png\"> <img src=\"file://" + outside + "/canary.png\">\n\n"
        "<style>p { background: url(" + server + "/bg.png) }</style>\n"
        "<link rel=\"stylesheet\" href=\"" + server + "/style.css\">\n\n"
        "<a href=\"javascript:alert(1)\">raw js</a> <object data=\"" + server + "/object\"></object>\n\n"
        "![remote](" + server + "/md.png) ![local file](file://" + outside + "/canary.png) "
        "![climb](../outside/canary.png) ![absolute](" + outside + "/canary.png) "
        "![data](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==) "
        "![[../outside/canary.png]] ![ok](../inside.png)\n\n"
        "[js](javascript:alert(1)) [js entity](jav&#x61;script:alert(1)) [file](file:///etc/passwd) "
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [remote](" + server + "/page) "
        "<" + server + "/autolink> [vbscript](vbscript:msgbox) [ftp](ftp://127.0.0.1/x)\n\n"
        "[[../../etc/passwd]] [[../outside/canary]] [[/etc/passwd]] ![[../../etc/passwd]] "
        "[climb](../../etc/passwd) [climb md](../../outside/canary.md) [absolute](/etc/passwd) "
        "[[2025-05-06 Control|the control]]\n\n"
        "- [ ] <img src=\"" + server + "/task.png\"> task with <b>html</b> [[../../etc/passwd]]\n";
    QVERIFY(writeFile(m_root, HostilePath, page));
    m_index.reset(VaultLoader::load(m_root));
    QVERIFY(m_index.note(HostilePath));
    QVERIFY(!networkLibraryLoaded());
}

void TestHostileReader::init()
{
    m_spy = std::make_unique<OpenSpy>(m_outside);
    QVERIFY(m_spy->isValid());
    m_reader = new Reader;
    m_reader->setIndex(&m_index);
    m_reader->resize(900, 700);
    m_reader->show();
    QSignalSpy rendered(m_reader, &Reader::rendered);
    m_reader->showNote(HostilePath);
    QTRY_VERIFY(!rendered.isEmpty());
    QVERIFY(!m_reader->isRendering());
}

void TestHostileReader::cleanup()
{
    delete m_reader;
    m_reader = nullptr;
    // Whatever a test did, nothing outside the vault was opened and nobody called the server.
    QCOMPARE(m_spy->takeEvents(), QStringList());
    QCOMPARE(m_tripwire.connections(), 0);
}

void TestHostileReader::rawHtmlIsText()
{
    const QString text = m_reader->document()->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("<script>document.title = 'pwned'</script>")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("<iframe src=")));
    QVERIFY(text.contains(QStringLiteral("<style>")));
    QVERIFY(text.contains(QStringLiteral("<a href=\"javascript:alert(1)\">raw js</a>")));
    QVERIFY(m_reader->windowTitle() != QLatin1String("pwned"));
    const QString html = m_reader->document()->toHtml();
    QVERIFY(!html.contains(QStringLiteral("<script"), Qt::CaseInsensitive));
    QVERIFY(!html.contains(QStringLiteral("<iframe"), Qt::CaseInsensitive));
    QVERIFY(!html.contains(QStringLiteral("<object"), Qt::CaseInsensitive));
    // The text of the raw <img> tags is shown; only the markdown images are images.
    QVERIFY(text.contains(QStringLiteral("/raw.png\">")));
}

void TestHostileReader::nothingIsFetched()
{
    const int socketsBefore = openSockets();
    // Lay the page out again at other sizes and scroll through it: every image is asked for.
    m_reader->resize(400, 300);
    m_reader->document()->adjustSize();
    m_reader->resize(1200, 900);
    QCoreApplication::processEvents();
    for (const QString &href : anchorsOf(m_reader->document()))
        m_reader->activateLink(QUrl(href));
    QCOMPARE(openSockets(), socketsBefore);
    QCOMPARE(m_tripwire.connections(), 0);
    QVERIFY(!networkLibraryLoaded());
}

void TestHostileReader::imagesOutsideTheVaultAreBlocked()
{
    const QStringList images = imagesOf(m_reader->document());
    QVERIFY2(images.size() >= 7, qPrintable(images.join(QLatin1Char(' '))));
    int served = 0;
    for (const QString &name : images) {
        // What the document holds is what loadResource() gave it.
        const QVariant resource = m_reader->document()->resource(QTextDocument::ImageResource, QUrl(name));
        QVERIFY2(resource.isValid(), qPrintable(name));
        const QImage image = resource.value<QImage>();
        QVERIFY2(!image.isNull(), qPrintable(name));
        const bool blocked = image.text(QStringLiteral("minutes")) == QLatin1String("blocked");
        if (name.endsWith(QLatin1String("inside.png"))) {
            QVERIFY2(!blocked, qPrintable(name));
            ++served;
        } else {
            QVERIFY2(blocked, qPrintable(name + QStringLiteral(" should be blocked")));
        }
    }
    QCOMPARE(served, 1);
}

void TestHostileReader::links_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("outcome");   // refused, external, note
    const QString server = QStringLiteral("http://127.0.0.1:%1").arg(m_tripwire.port());
    QTest::newRow("javascript:") << QStringLiteral("javascript:alert(1)") << "refused";
    QTest::newRow("JavaScript: in capitals") << QStringLiteral("JaVaScRiPt:alert(1)") << "refused";
    QTest::newRow("vbscript:") << QStringLiteral("vbscript:msgbox") << "refused";
    QTest::newRow("file: /etc/passwd") << QStringLiteral("file:///etc/passwd") << "refused";
    QTest::newRow("file: canary outside") << QUrl::fromLocalFile(m_outside + QStringLiteral("/canary.md")).toString() << "refused";
    QTest::newRow("file: a note inside") << QUrl::fromLocalFile(m_root + QLatin1Char('/') + ControlPath).toString() << "refused";
    QTest::newRow("data: html") << QStringLiteral("data:text/html;base64,PHNjcmlwdD4=") << "refused";
    QTest::newRow("ftp:") << QStringLiteral("ftp://127.0.0.1/x") << "refused";
    QTest::newRow("qrc:") << QStringLiteral("qrc:/icons/x.png") << "refused";
    QTest::newRow("wikilink ../../etc/passwd") << MarkdownRenderer::linkUrl(QStringLiteral("../../etc/passwd")).toString() << "refused";
    QTest::newRow("wikilink to the canary beside the vault") << MarkdownRenderer::linkUrl(QStringLiteral("../outside/canary")).toString() << "refused";
    QTest::newRow("wikilink /etc/passwd") << MarkdownRenderer::linkUrl(QStringLiteral("/etc/passwd")).toString() << "refused";
    QTest::newRow("relative link ../../etc/passwd") << QStringLiteral("../../etc/passwd") << "refused";
    QTest::newRow("relative link to the canary") << QStringLiteral("../../outside/canary.md") << "refused";
    QTest::newRow("absolute path") << QStringLiteral("/etc/passwd") << "refused";
    QTest::newRow("note scheme climbing out") << QStringLiteral("minutes-note:../../etc/passwd") << "refused";
    QTest::newRow("http goes to the desktop, not fetched") << server + QStringLiteral("/page") << "external";
    QTest::newRow("wikilink inside the vault") << MarkdownRenderer::linkUrl(QStringLiteral("2025-05-06 Control")).toString() << "note";
}

void TestHostileReader::links()
{
    QFETCH(QString, url);
    QFETCH(QString, outcome);
    QSignalSpy refused(m_reader, &Reader::linkRefused);
    QSignalSpy external(m_reader, &Reader::externalLinkRequested);
    QSignalSpy note(m_reader, &Reader::noteActivated);
    QSignalSpy entity(m_reader, &Reader::entityActivated);
    const QString page = m_reader->document()->toPlainText();
    m_reader->activateLink(QUrl(url));
    QCOMPARE(refused.size(), outcome == QLatin1String("refused") ? 1 : 0);
    QCOMPARE(external.size(), outcome == QLatin1String("external") ? 1 : 0);
    QCOMPARE(note.size() + entity.size(), outcome == QLatin1String("note") ? 1 : 0);
    if (!note.isEmpty())
        QCOMPARE(note.first().first().toString(), ControlPath);
    // A click never changes the page by itself.
    QCOMPARE(m_reader->document()->toPlainText(), page);
    QCOMPARE(m_reader->currentPath(), HostilePath);
}

void TestHostileReader::everyLinkOnThePageStaysInside()
{
    const QStringList hrefs = anchorsOf(m_reader->document());
    QVERIFY2(hrefs.size() >= 10, qPrintable(hrefs.join(QLatin1Char(' '))));
    QSignalSpy external(m_reader, &Reader::externalLinkRequested);
    QSignalSpy note(m_reader, &Reader::noteActivated);
    for (const QString &href : hrefs)
        m_reader->activateLink(QUrl(href));
    for (const QList<QVariant> &args : std::as_const(external)) {
        const QUrl url = args.first().toUrl();
        QVERIFY2(url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")
                     || url.scheme() == QLatin1String("mailto"),
                 qPrintable(url.toString()));
    }
    for (const QList<QVariant> &args : std::as_const(note))
        QVERIFY2(m_index.note(args.first().toString()), qPrintable(args.first().toString()));
}

void TestHostileReader::pathOutsideTheVaultShowsNothingOfIt()
{
    const QStringList paths{QStringLiteral("../../etc/passwd"), QStringLiteral("/etc/passwd"),
                            QStringLiteral("../outside/canary.md"), m_outside + QStringLiteral("/canary.md")};
    for (const QString &path : paths) {
        QSignalSpy rendered(m_reader, &Reader::rendered);
        m_reader->showNote(path);
        QTRY_VERIFY(!rendered.isEmpty());
        const QString text = m_reader->document()->toPlainText();
        QVERIFY2(!text.contains(QStringLiteral("root:")), qPrintable(path));
        QVERIFY2(!text.contains(QString::fromUtf8(CanaryText)), qPrintable(path));
        QVERIFY2(text.contains(QStringLiteral("not part of the loaded notes")), qPrintable(text));
    }
}

QTEST_MAIN(TestHostileReader)
#include "tst_hostilereader.moc"
