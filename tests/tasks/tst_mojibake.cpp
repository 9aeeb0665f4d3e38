#include "mangle.h"
#include "note/mojibake.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace minutes;

namespace {

QString u(const char *utf8) { return QString::fromUtf8(utf8); }

} // namespace

class TestMojibake final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repair_data();
    void repair();
    void roundTrip_data();
    void roundTrip();
    void mayContain_data();
    void mayContain();
    void seedLines_data();
    void seedLines();
};

void TestMojibake::repair_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("repairs");

    QTest::newRow("empty") << QString() << QString() << 0;
    QTest::newRow("ascii") << u("- [ ] Send deck 2025-11-08 #task") << u("- [ ] Send deck 2025-11-08 #task") << 0;
    QTest::newRow("due emoji with apple logo") << u("Send \uF8FF\u00FC\u00EC\u00D6 2025-11-08")
                                               << u("Send 📅 2025-11-08") << 1;
    QTest::newRow("high priority") << u("Send ‚è´ #task") << u("Send ⏫ #task") << 1;
    QTest::newRow("low priority") << u("Send \uF8FFüîΩ") << u("Send 🔽") << 1;
    QTest::newRow("adjacent sequences") << u("\uF8FFüìÖ‚è´") << u("📅⏫") << 2;
    QTest::newRow("mangled e acute") << u("caf√©") << u("café") << 1;
    QTest::newRow("mangled right quote") << u("don‚Äôt") << u("don’t") << 1;
    QTest::newRow("mangled em dash") << u("a ‚Äî b") << u("a — b") << 1;
    QTest::newRow("mangled cyrillic") << u("–ü—Ä–∏–≤–µ—Ç") << u("Привет") << 6;
    QTest::newRow("mangled romanian s comma") << u("Bra»ôov") << u("Brașov") << 1;
    QTest::newRow("mangled and plain accents mixed") << u("Zürich caf√©") << u("Zürich café") << 1;
    QTest::newRow("check mark with vs16") << u("‚úÖÔ∏è 2025-01-01") << u("✅\uFE0F 2025-01-01") << 2;

    // Left alone: ordinary text and broken sequences.
    QTest::newRow("cafe") << u("café") << u("café") << 0;
    QTest::newRow("zurich") << u("Zürich") << u("Zürich") << 0;
    QTest::newRow("naive") << u("naïve") << u("naïve") << 0;
    QTest::newRow("angstrom") << u("Ångström") << u("Ångström") << 0;
    QTest::newRow("euro amount") << u("€100") << u("€100") << 0;
    QTest::newRow("creme brulee") << u("Crème brûlée à la carte") << u("Crème brûlée à la carte") << 0;
    QTest::newRow("spanish") << u("¿Señor piñata? ¡Olé!") << u("¿Señor piñata? ¡Olé!") << 0;
    QTest::newRow("french apostrophe") << u("l’été d’Éric qu’à") << u("l’été d’Éric qu’à") << 0;
    QTest::newRow("guillemets") << u("«Ça va» «Élan»") << u("«Ça va» «Élan»") << 0;
    QTest::newRow("german quotes") << u("“Über” ‘Äpfel’ „Öl“") << u("“Über” ‘Äpfel’ „Öl“") << 0;
    QTest::newRow("ellipsis before accent") << u("Et…été") << u("Et…été") << 0;
    QTest::newRow("no-break space before accent") << u("voil\u00E0\u00A0\u00E0 toi") << u("voil\u00E0\u00A0\u00E0 toi") << 0;
    QTest::newRow("real emoji") << u("📅 ⏫ 🔽 ✅") << u("📅 ⏫ 🔽 ✅") << 0;
    QTest::newRow("math symbols") << u("≤ 5 ≥ π ∞ ± √2") << u("≤ 5 ≥ π ∞ ± √2") << 0;
    QTest::newRow("cjk") << u("日本語のメモ") << u("日本語のメモ") << 0;
    QTest::newRow("orphan continuations") << u("üìÖ") << u("üìÖ") << 0;
    QTest::newRow("truncated four byte") << u("\uF8FFüì 2025") << u("\uF8FFüì 2025") << 0;
    QTest::newRow("lead at end") << u("x √") << u("x √") << 0;
    QTest::newRow("overlong two byte") << u("¿Ä") << u("¿Ä") << 0;
    QTest::newRow("overlong three byte") << u("‡Äñ") << u("‡Äñ") << 0;
    QTest::newRow("encoded surrogate") << u("Ì†Ä") << u("Ì†Ä") << 0;
    QTest::newRow("beyond U+10FFFF") << u("Ùêáá") << u("Ùêáá") << 0;
    QTest::newRow("lead followed by ascii") << u("√a") << u("√a") << 0;
    QTest::newRow("armenian stays mangled (guarded pair)") << minutes::test::mangle(u("Ա")) << minutes::test::mangle(u("Ա")) << 0;
}

void TestMojibake::repair()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(int, repairs);

    int count = -1;
    QCOMPARE(Mojibake::repair(input, &count), expected);
    QCOMPARE(count, repairs);
    QCOMPARE(Mojibake::repair(input), expected);
}

void TestMojibake::roundTrip_data()
{
    QTest::addColumn<QString>("original");
    QTest::addColumn<int>("sequences");

    const char *const samples[] = {
        "📅", "📆", "🗓", "🗓️", "⏳", "⌛", "🛫", "➕", "✅", "✅️", "❌", "🔁", "🏁", "🆔", "⛔",
        "🔺", "⏫", "🔼", "🔽", "⏬", "👍🏽", "🇩🇪", "👨‍👩‍👧", "🔥", "🚀", "😀", "—", "–", "’", "“x”",
        "…", "é", "ü", "ß", "€", "©", "™", "日本語", "Привет", "ș", "Ελληνικά", "→", "✓", "\U0010FFFD",
    };
    for (const char *sample : samples) {
        const QString text = QString::fromUtf8(sample);
        int nonAscii = 0;
        for (const char32_t cp : text.toUcs4())
            nonAscii += cp >= 0x80 ? 1 : 0;
        QTest::newRow(sample) << text << nonAscii;
    }
}

void TestMojibake::roundTrip()
{
    QFETCH(QString, original);
    QFETCH(int, sequences);

    const QString line = u("- [ ] Item ") + original + u(" 2025-11-08 #tag");
    const QString mangled = minutes::test::mangle(line);
    QVERIFY(mangled != line);
    QVERIFY(Mojibake::mayContain(mangled));
    int count = 0;
    QCOMPARE(Mojibake::repair(mangled, &count), line);
    QCOMPARE(count, sequences);
    // Repairing twice changes nothing more.
    QCOMPARE(Mojibake::repair(line, &count), line);
    QCOMPARE(count, 0);
}

void TestMojibake::mayContain_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("ascii") << u("plain ascii line") << false;
    QTest::newRow("accented word") << u("café Zürich") << false;
    QTest::newRow("lone lead") << u("√") << false;
    QTest::newRow("emoji") << u("📅") << false;
    QTest::newRow("mangled due") << u("x \uF8FFüìÖ 2025") << true;
    QTest::newRow("mangled high") << u("‚è´") << true;
    QTest::newRow("mangled pair at end") << u("caf√©") << true;
}

void TestMojibake::mayContain()
{
    QFETCH(QString, text);
    QFETCH(bool, expected);
    QCOMPARE(Mojibake::mayContain(text), expected);
}

void TestMojibake::seedLines_data()
{
    QTest::addColumn<QString>("line");

    const QDir seeds(QStringLiteral(MINUTES_SEEDS_DIR));
    const QStringList files = seeds.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 2, qPrintable(seeds.absolutePath()));
    for (const QString &name : files) {
        QFile file(seeds.filePath(name));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i)
            QTest::addRow("%s:%lld", qPrintable(name), qlonglong(i + 1)) << lines[i];
    }
}

void TestMojibake::seedLines()
{
    QFETCH(QString, line);

    int count = -1;
    const QString repaired = Mojibake::repair(line, &count);
    bool hasNonAscii = false;
    for (const QChar c : line)
        hasNonAscii = hasNonAscii || c.unicode() >= 0x80;
    if (!hasNonAscii) {
        QCOMPARE(repaired, line);
        QCOMPARE(count, 0);
        return;
    }
    // Every mangled line of the seeds is a task with a due date and a priority.
    QCOMPARE(count, 2);
    QVERIFY2(repaired.contains(u("📅 2025-11-08 ")), qPrintable(repaired));
    QVERIFY2(repaired.contains(u("⏫")) != repaired.contains(u("🔽")), qPrintable(repaired));
    QVERIFY(!Mojibake::mayContain(repaired));
    // Nothing that looks like a Mac Roman character is left.
    for (const QChar c : repaired)
        QVERIFY2(!QStringView(minutes::test::kMacRoman).contains(c), qPrintable(repaired));
}

QTEST_GUILESS_MAIN(TestMojibake)
#include "tst_mojibake.moc"
