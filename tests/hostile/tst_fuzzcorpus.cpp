// Replays every input of the fuzz corpora (tests/fuzz/corpus/<target>/: the seeds and every
// crash, hang or out-of-memory input scripts/fuzz ever found) through the same checks the
// libFuzzer targets make, in every test run and with any compiler: a fixed crash stays fixed.

#include <QDir>
#include <QFile>
#include <QTest>

#include <stdexcept>

// A broken invariant fails the row (instead of aborting, as under libFuzzer).
#define FUZZ_CHECK(condition)                                                                   \
    do {                                                                                        \
        if (!(condition))                                                                       \
            throw std::runtime_error(std::string(__FILE__) + ":" + std::to_string(__LINE__)      \
                                     + ": invariant broken: " #condition);                      \
    } while (false)

#include "../fuzz/invariants.h"

namespace {

const QString CorpusDir = QStringLiteral(MINUTES_SOURCE_DIR "/tests/fuzz/corpus");

using Target = void (*)(const uint8_t *, size_t);

Target targetNamed(const QString &name)
{
    if (name == QLatin1String("fuzz_frontmatter"))
        return minutes::fuzz::frontmatter;
    if (name == QLatin1String("fuzz_taskline"))
        return minutes::fuzz::taskline;
    if (name == QLatin1String("fuzz_wikilink"))
        return minutes::fuzz::wikilink;
    if (name == QLatin1String("fuzz_note"))
        return minutes::fuzz::note;
    if (name == QLatin1String("fuzz_render"))
        return minutes::fuzz::render;
    return nullptr;
}

} // namespace

class TestFuzzCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTargetHasACorpus();
    void replay_data();
    void replay();
    void nullAndEmptyInputs();
};

void TestFuzzCorpus::everyTargetHasACorpus()
{
    const QStringList targets = QDir(CorpusDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(targets, (QStringList{QStringLiteral("fuzz_frontmatter"), QStringLiteral("fuzz_note"),
                                   QStringLiteral("fuzz_render"), QStringLiteral("fuzz_taskline"),
                                   QStringLiteral("fuzz_wikilink")}));
    for (const QString &target : targets) {
        QVERIFY2(targetNamed(target), qPrintable(target));
        QVERIFY2(QDir(CorpusDir + QLatin1Char('/') + target).entryList(QDir::Files).size() >= 5, qPrintable(target));
    }
}

void TestFuzzCorpus::replay_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    const QStringList targets = QDir(CorpusDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &target : targets) {
        const QDir dir(CorpusDir + QLatin1Char('/') + target);
        for (const QString &file : dir.entryList(QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(target + QLatin1Char('/') + file)) << target << dir.filePath(file);
    }
}

void TestFuzzCorpus::replay()
{
    QFETCH(QString, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QByteArray bytes = file.readAll();
    const Target run = targetNamed(target);
    QVERIFY(run);
    try {
        run(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
    } catch (const std::exception &e) {
        QFAIL(e.what());
    }
}

// libFuzzer never passes a null pointer; an empty QByteArrayView does. Found by UBSan in
// scripts/test-sanitize: XXH64 of an empty view did arithmetic on its null pointer.
void TestFuzzCorpus::nullAndEmptyInputs()
{
    using namespace minutes;
    QCOMPARE(NoteParser::contentHash(QByteArrayView()), QByteArray::fromHex("ef46db3751d8e999"));
    QCOMPARE(NoteParser::contentHash(QByteArrayView("")), QByteArray::fromHex("ef46db3751d8e999"));
    QCOMPARE(NoteParser::parse(QStringLiteral("2025-01-02 empty.md"), QByteArray()).title, QStringLiteral("2025-01-02 empty"));
    QVERIFY(!FrontMatterParser::parse(QByteArrayView()).present);
    QVERIFY(!TaskParser::parse(QStringView(), 1));
    QVERIFY(!TaskParser::looksLikeTask(QStringView()));
    QVERIFY(TaskParser::extractTags(QStringView()).isEmpty());
    QVERIFY(Mojibake::repair(QStringView()).isEmpty());
    QVERIFY(MarkdownScan::scan(QByteArrayView(), 0, NoteParser::MaxMarkdownBytes).sections.isEmpty());
    QVERIFY(MarkdownScan::parseWikiLink(QStringView(), 1).target.isEmpty());
    QVERIFY(!SimpleYaml::parse(QByteArrayView()) || SimpleYaml::parse(QByteArrayView())->isNull());
    QVERIFY(!TaskWriter::plan(QByteArray(), Task{}, U'x', QDate(2025, 1, 2)).ok);
    (void)MarkdownRenderer::render(QString());
    for (const Target run : {minutes::fuzz::frontmatter, minutes::fuzz::taskline, minutes::fuzz::wikilink,
                             minutes::fuzz::note, minutes::fuzz::render}) {
        try {
            run(nullptr, 0);
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }
}

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzzcorpus.moc"
