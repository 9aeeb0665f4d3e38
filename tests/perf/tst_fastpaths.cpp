// The byte-level fast paths of parsing and of the persistent index give exactly what the plain
// algorithms give: mojibake detection and repair against a straightforward reference (built from
// the Mac Roman table of tests/tasks/mangle.h, not the code's), front matter found the same way
// whatever the line endings, quoted YAML values with and without escapes, tags and links found by
// jumping between '[' and '#', and index chunks that share repeated names.

#include "../tasks/mangle.h"

#include "note/frontmatter.h"
#include "note/markdownscan.h"
#include "note/mojibake.h"
#include "note/noteparser.h"
#include "note/searchtext.h"
#include "note/simpleyaml.h"
#include "note/yamlreader.h"
#include "tasks/taskparser.h"
#include "vault/indexcache.h"
#include "vault/indexfacts.h"
#include "vault/indexnames.h"

#include <QRandomGenerator>
#include <QTest>

#include <optional>

using namespace minutes;

namespace {

// The Mac Roman byte of a character, 0 when it has none (ASCII included).
int macRomanByte(char16_t c)
{
    if (c < 0x80)
        return 0;
    if (c == 0x00A4)
        return 0xDB;   // the currency sign, before Mac OS 8.5
    for (int i = 0; i < 128; ++i) {
        if (test::kMacRoman[i] == c)
            return 0x80 + i;
    }
    return 0;
}

bool isContinuation(int b) { return b >= 0x80 && b <= 0xBF; }

// The reference: one character at a time, exactly as Mojibake documents the rule.
bool referenceMayContain(QStringView text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        const int b = macRomanByte(text[i].unicode());
        if (b >= 0xC2 && b <= 0xF4 && isContinuation(macRomanByte(text[i + 1].unicode())))
            return true;
    }
    return false;
}

int referenceDecodeAt(QStringView text, qsizetype i, char32_t *codePoint)
{
    const int lead = macRomanByte(text[i].unicode());
    int length = 0;
    char32_t cp = 0;
    int low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        cp = lead & 0x0F;
        low = lead == 0xE0 ? 0xA0 : low;
        high = lead == 0xED ? 0x9F : high;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        cp = lead & 0x07;
        low = lead == 0xF0 ? 0x90 : low;
        high = lead == 0xF4 ? 0x8F : high;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    for (int k = 1; k < length; ++k) {
        const int b = macRomanByte(text[i + k].unicode());
        if (!isContinuation(b) || (k == 1 && (b < low || b > high)))
            return 0;
        cp = (cp << 6) | char32_t(b & 0x3F);
    }
    static const QList<int> guarded = {0xC7, 0xC9, 0xCA, 0xD2, 0xD3, 0xD4, 0xD5, 0xDC, 0xDD};
    if (length == 2 && guarded.contains(lead))
        return 0;
    *codePoint = cp;
    return length;
}

QString referenceRepair(QStringView text, int *repairs)
{
    QString out;
    *repairs = 0;
    for (qsizetype i = 0; i < text.size();) {
        char32_t cp = 0;
        const int length = referenceDecodeAt(text, i, &cp);
        if (length == 0) {
            out += text[i++];
            continue;
        }
        out += QString::fromUcs4(&cp, 1);
        i += length;
        ++*repairs;
    }
    return out;
}

// Random text from pieces that matter here: ASCII runs, accented letters, Mac Roman characters,
// emoji (surrogate pairs), mangled emoji and signifiers, lone surrogates.
QString randomText(QRandomGenerator &random)
{
    static const QStringList pieces = {
        QStringLiteral("abc "), QStringLiteral("Call Ann "), QStringLiteral("\n"), QStringLiteral("#tag "),
        QStringLiteral("café "), QStringLiteral("Zürich "), QStringLiteral("l’été "), QStringLiteral("«Ça» "),
        QStringLiteral("📅 2025-11-08 "), QStringLiteral("⏫"), QStringLiteral("✅"), QStringLiteral("—"),
        test::mangle(QStringLiteral("📅")), test::mangle(QStringLiteral("⏫")), test::mangle(QStringLiteral("é")),
        test::mangle(QStringLiteral("🔁 every week")), QString(QChar(0xD83D)), QString(QChar(0xDCC5)),
        QString(QChar(0x00A4)), QString(QChar(0xF8FF)), QStringLiteral("x"),
    };
    QString text;
    const int count = random.bounded(12);
    for (int k = 0; k < count; ++k) {
        if (random.bounded(4) == 0)
            text += QChar(char16_t(0x80 + random.bounded(0x2200)));   // any BMP character, Mac Roman or not
        else
            text += pieces.at(random.bounded(int(pieces.size())));
    }
    return text;
}

Note noteWithNames(int k)
{
    Note note;
    note.relativePath = QStringLiteral("Meetings/2025/%1 sync.md").arg(k);
    note.size = 100 + k;
    note.modified = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + k, Qt::UTC);
    note.contentHash = NoteParser::contentHash(note.relativePath.toUtf8());
    note.hasFrontMatter = true;
    note.bodyLine = 5;
    note.type = QStringLiteral("meeting");
    note.title = QStringLiteral("Sync %1").arg(k);
    note.date = QDate(2025, 1, 1).addDays(k);
    note.participants = {QStringLiteral("Ada Quill"), QStringLiteral("Bo Lantern"), QStringLiteral("Person %1").arg(k % 3)};
    note.tags = {QStringLiteral("meeting"), QStringLiteral("type/sync")};
    note.source = QStringLiteral("transcript");
    note.fields = {{QStringLiteral("project"), QStringLiteral("Falcon")},
                   {QStringLiteral("phases"), QStringList{QStringLiteral("design"), QStringLiteral("build")}}};
    // What an index holds of a body (Note::body itself is never stored).
    const QByteArray body = QStringLiteral("# Sync %1\n\n## Action Items\n- [ ] Send deck @Ada Quill\n").arg(k).toUtf8();
    note.searchText = SearchText::fold(note.title, note.tags, body);
    note.bodyLength = QString::fromUtf8(body).size();
    note.opensWithHeading = true;
    note.sections = {{QStringLiteral("Sync %1").arg(k), 1, 5}, {QStringLiteral("Action Items"), 2, 7}};
    note.links = {{QStringLiteral("Ada Quill"), QString(), QStringLiteral("Ada"), 9}};
    Task task;
    task.line = 8;
    task.rawLine = QStringLiteral("- [ ] Send deck @Ada Quill");
    task.marker = QStringLiteral("-");
    task.description = QStringLiteral("Send deck");
    task.owner = QStringLiteral("Ada Quill");
    if (k % 2) {
        task.tags = {QStringLiteral("#task")};
        task.due = QDate(2025, 2, 1);
        task.done = QDate(2025, 2, 2);
        task.recurrence = QStringLiteral("every week");
        task.id = QStringLiteral("abc");
        task.dependsOn = {QStringLiteral("x"), QStringLiteral("y")};
        task.blockLink = QStringLiteral("^b-1");
        task.malformedStatus = true;
        task.status = U'?';
    }
    note.tasks = {task, task};
    if (k % 4 == 1) {
        // What must come back exactly: a line that opens with byte order marks (write-back finds
        // the task by it), characters outside the BMP, an empty title beside others.
        note.title = QStringLiteral("Sync \u00e9 \U0001F4C5 %1").arg(k);
        note.sourceRef = QString();
        Task marked = task;
        marked.line = 9;
        marked.rawLine = QStringLiteral("\uFEFF\uFEFF- [ ] Send deck \U0001F4C5 2025-02-01 @Ada Quill");
        marked.description = QStringLiteral("Send deck \u00fc\u00f0");
        note.tasks.append(marked);
    }
    if (k % 5 == 0)
        note.problems.append({note.relativePath, 3, QStringLiteral("not valid UTF-8"), Problem::Severity::Warning});
    return note;
}

} // namespace

class TestFastPaths final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mojibakeMatchesReference_data();
    void mojibakeMatchesReference();
    void mojibakeRandomTextMatchesReference();
    void closingLineFoundWhateverTheLineEndings_data();
    void closingLineFoundWhateverTheLineEndings();
    void quotedValuesMatchYamlCpp_data();
    void quotedValuesMatchYamlCpp();
    void tagsAndLinksBetweenMarkers_data();
    void tagsAndLinksBetweenMarkers();
    void taskRawLineIsSharedAndEqual();
    void bodyDecodedOnlyWhereNothingIsMangled_data();
    void bodyDecodedOnlyWhereNothingIsMangled();
    void sharedNamesRoundTrip();
    void inconsistentFactsAreRejected_data();
    void inconsistentFactsAreRejected();
    void tableWithATextTwiceIsRefused();
    void anyFlippedByteIsRejected();
};

void TestFastPaths::mojibakeMatchesReference_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("one ascii") << QStringLiteral("a");
    QTest::newRow("ascii, length not a multiple of four") << QStringLiteral("abcdefg");
    QTest::newRow("mangled at the start") << test::mangle(QStringLiteral("📅 due"));
    QTest::newRow("mangled at the end") << test::mangle(QStringLiteral("due 📅"));
    QTest::newRow("mangled right after four ascii") << test::mangle(QStringLiteral("abcd⏫"));
    QTest::newRow("two mangled in a row") << test::mangle(QStringLiteral("📅⏫"));
    QTest::newRow("mangled then real emoji") << test::mangle(QStringLiteral("é")) + QStringLiteral("📅");
    QTest::newRow("lead as last character") << QStringLiteral("abc") + QChar(0x221A);
    QTest::newRow("guarded pair") << QStringLiteral("l’été");
    QTest::newRow("accented text") << QStringLiteral("Zürich café");
    QTest::newRow("lone surrogates") << QString(QChar(0xD83D)) + QStringLiteral("ab") + QChar(0xDCC5);
    QTest::newRow("currency sign lead") << QString(QChar(0x00A4)) + QChar(0x00C4);
}

void TestFastPaths::mojibakeMatchesReference()
{
    QFETCH(QString, text);
    int repairs = -1, expectedRepairs = -2;
    QCOMPARE(Mojibake::mayContain(text), referenceMayContain(text));
    const QString repaired = Mojibake::repair(text, &repairs);
    QCOMPARE(repaired, referenceRepair(text, &expectedRepairs));
    QCOMPARE(repairs, expectedRepairs);
}

void TestFastPaths::mojibakeRandomTextMatchesReference()
{
    QRandomGenerator random(20251123);
    for (int run = 0; run < 20000; ++run) {
        const QString text = randomText(random);
        const QString label = QString::fromLatin1(text.toUtf8().toPercentEncoding());
        QVERIFY2(Mojibake::mayContain(text) == referenceMayContain(text), qPrintable(label));
        int repairs = -1, expectedRepairs = -2;
        QVERIFY2(Mojibake::repair(text, &repairs) == referenceRepair(text, &expectedRepairs), qPrintable(label));
        QVERIFY2(repairs == expectedRepairs, qPrintable(label));
    }
}

void TestFastPaths::closingLineFoundWhateverTheLineEndings_data()
{
    QTest::addColumn<QByteArray>("text");   // with '\n' line endings
    QTest::newRow("plain") << QByteArray("---\ntitle: A\n---\n# Body\n");
    QTest::newRow("dots close") << QByteArray("---\ntitle: A\n...\nbody\n");
    QTest::newRow("closing with trailing spaces") << QByteArray("---\ntitle: A\n---  \nbody\n");
    QTest::newRow("dashes inside a value") << QByteArray("---\ntitle: ---x\n- a\n----\n---\nbody\n");
    QTest::newRow("closing on the last line") << QByteArray("---\ntitle: A\n---");
    QTest::newRow("never closed") << QByteArray("---\ntitle: A\nbody\n");
    QTest::newRow("empty front matter") << QByteArray("---\n---\nbody\n");
    QTest::newRow("unclosed quote") << QByteArray("---\ntitle: \"open\ndate: 2025-01-01\n---\nbody\n");
    QTest::newRow("comment after quote") << QByteArray("---\ntitle: 'it''s' # note 'x\ntags: [a, 'b c']\n---\n");
}

void TestFastPaths::closingLineFoundWhateverTheLineEndings()
{
    QFETCH(QByteArray, text);
    Problems lfProblems;
    const FrontMatter lf = FrontMatterParser::parse(text, &lfProblems);
    for (const char *ending : {"\r\n", "\r"}) {
        QByteArray other = text;
        other.replace("\n", ending);
        Problems problems;
        const FrontMatter fm = FrontMatterParser::parse(other, &problems);
        QCOMPARE(fm.present, lf.present);
        QCOMPARE(fm.bodyLine, lf.bodyLine);
        QCOMPARE(fm.title, lf.title);
        QCOMPARE(fm.date, lf.date);
        QCOMPARE(fm.tags, lf.tags);
        QCOMPARE(fm.fields, lf.fields);
        QCOMPARE(problems, lfProblems);
        // The body starts where the same line starts.
        const int lfLinesBefore = int(text.left(lf.bodyOffset).count('\n'));
        const int linesBefore = int(other.left(fm.bodyOffset).count(QByteArrayView(ending)));
        QCOMPARE(linesBefore, lfLinesBefore);
    }
}

void TestFastPaths::quotedValuesMatchYamlCpp_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("empty single") << QByteArray("a: ''\n");
    QTest::newRow("empty double") << QByteArray("a: \"\"\n");
    QTest::newRow("doubled single quote") << QByteArray("a: 'it''s'\n");
    QTest::newRow("doubled single quote at the end") << QByteArray("a: 'x'''\n");
    QTest::newRow("escaped double quote") << QByteArray("a: \"say \\\"hi\\\"\"\n");
    QTest::newRow("escaped backslash") << QByteArray("a: \"C:\\\\dir\"\n");
    QTest::newRow("single quote in double") << QByteArray("a: \"it's\"\n");
    QTest::newRow("double quote in single") << QByteArray("a: 'say \"hi\"'\n");
    QTest::newRow("backslash in single") << QByteArray("a: 'C:\\dir'\n");
    QTest::newRow("non-ascii") << QByteArray("a: \"Zürich 📅\"\n");
    QTest::newRow("hash inside quotes") << QByteArray("a: '#not a comment' # comment\n");
    QTest::newRow("quoted items") << QByteArray("a: ['x', \"y\", '', \"\", 'i''m']\n");
    QTest::newRow("quoted block items") << QByteArray("a:\n- ''\n- \"q\\\"\"\n- 'x'\n");
}

void TestFastPaths::quotedValuesMatchYamlCpp()
{
    QFETCH(QByteArray, yaml);
    const std::optional<YamlValue> quick = SimpleYaml::parse(yaml);
    QVERIFY(quick);
    Problems problems;
    const std::optional<YamlValue> full = YamlReader::read(yaml, 2, &problems);
    QVERIFY(full);
    QVERIFY(*quick == *full);
}

void TestFastPaths::tagsAndLinksBetweenMarkers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QStringList>("links");
    QTest::newRow("tag at line start") << QByteArray("#alpha text\n") << QStringList{"alpha"} << QStringList{};
    QTest::newRow("tag after tab") << QByteArray("x\t#beta\n") << QStringList{"beta"} << QStringList{};
    QTest::newRow("hash glued to a word") << QByteArray("C#sharp and a#b\n") << QStringList{} << QStringList{};
    QTest::newRow("tag inside a link") << QByteArray("see [[A #b]] #c\n") << QStringList{"c"} << QStringList{"A"};
    QTest::newRow("link then tag then link") << QByteArray("[[One]] #two [[Three|3]]\n") << QStringList{"two"}
                                             << QStringList{"One", "Three"};
    QTest::newRow("single brackets") << QByteArray("[x] [y] #z [[W]]\n") << QStringList{"z"} << QStringList{"W"};
    QTest::newRow("unclosed link then tag") << QByteArray("[[open #t [[more\n") << QStringList{"t"} << QStringList{};
    QTest::newRow("innermost opening") << QByteArray("[[a [[b]] #c\n") << QStringList{"c"} << QStringList{"b"};
    QTest::newRow("digits only") << QByteArray("#123 #4a\n") << QStringList{"4a"} << QStringList{};
    QTest::newRow("tag at the end") << QByteArray("end #last") << QStringList{"last"} << QStringList{};
    QTest::newRow("inline code") << QByteArray("`#no [[No]]` #yes [[Yes]]\n") << QStringList{"yes"}
                                 << QStringList{"Yes"};
    QTest::newRow("many markers") << QByteArray("# # ## [[ ]] [[A]][[B]] #x#y #é\n") << QStringList{"x", "é"}
                                  << QStringList{"A", "B"};
}

void TestFastPaths::tagsAndLinksBetweenMarkers()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, tags);
    QFETCH(QStringList, links);
    for (const MarkdownScan::Engine engine : {MarkdownScan::Engine::Auto, MarkdownScan::Engine::Md4c}) {
        const MarkdownScan::Result result = MarkdownScan::scan(body, 0, NoteParser::MaxMarkdownBytes, nullptr, engine);
        QCOMPARE(result.tags, tags);
        QStringList targets;
        for (const WikiLink &link : result.links)
            targets.append(link.target);
        QCOMPARE(targets, links);
    }
}

void TestFastPaths::taskRawLineIsSharedAndEqual()
{
    const QString line = QStringLiteral("  * [ ] Send deck @Rob  Banga 📅 2025-11-08 #task ⏫ #x");
    const std::optional<Task> shared = TaskParser::parse(line, 3);
    const std::optional<Task> copied = TaskParser::parse(QStringView(line), 3);
    QVERIFY(shared && copied);
    QVERIFY(*shared == *copied);
    QCOMPARE(shared->rawLine, line);
    QCOMPARE(shared->marker, QStringLiteral("*"));
    QCOMPARE(shared->prefix, QStringLiteral("  "));
    QCOMPARE(shared->owner, QStringLiteral("Rob Banga"));
    QCOMPARE(shared->description, QStringLiteral("Send deck #task #x"));
}

void TestFastPaths::bodyDecodedOnlyWhereNothingIsMangled_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray mangledDue = test::mangle(QStringLiteral("📅")).toUtf8();
    const QByteArray frontMatter = "---\ntitle: Zürich sync\n---\n";
    QTest::newRow("ascii") << frontMatter + "# Sync\n- [ ] Do it\n";
    QTest::newRow("emoji and accents, never two in a row") << frontMatter + "Café 📅 2025-01-01 ⏫ l’été\n";
    QTest::newRow("emoji with variation selector") << frontMatter + "Warn \xE2\x9A\xA0\xEF\xB8\x8F here\n";
    QTest::newRow("two accents in a row") << frontMatter + "Crème brûlée «Ça»\n";
    QTest::newRow("mangled in the body") << frontMatter + "- [ ] Due " + mangledDue + " 2025-01-01\n";
    QTest::newRow("mangled in the front matter") << "---\ntitle: " + mangledDue + "\n---\nbody\n";
    QTest::newRow("mangled at the very end") << frontMatter + "end " + mangledDue;
    QTest::newRow("no front matter, mangled") << "x " + mangledDue + "\n";
    QTest::newRow("only front matter") << frontMatter;
    QTest::newRow("empty") << QByteArray();
}

void TestFastPaths::bodyDecodedOnlyWhereNothingIsMangled()
{
    QFETCH(QByteArray, bytes);
    const Note note = NoteParser::parse(QStringLiteral("n.md"), bytes);
    int repairs = 0;
    const QString whole = referenceRepair(QString::fromUtf8(bytes), &repairs);
    QCOMPARE(note.mojibakeRepairs, repairs);
    QVERIFY2(whole.endsWith(note.body), qPrintable(note.body));
    // The body is everything after the front matter's closing line.
    const qsizetype closing = whole.indexOf(QLatin1String("\n---\n"));
    const QString expected = note.hasFrontMatter ? whole.mid(closing + 5) : whole;
    QCOMPARE(note.body, expected);
}

// The facts of noteWithNames(k), interned into `names`; every fifth note defines a person.
NoteFacts factsWithNames(int k, Note &note, IndexNames &names)
{
    if (k % 5 == 0) {
        note.type = QStringLiteral("person");
        note.aliases = {QStringLiteral("Alias %1").arg(k), QStringLiteral("Ada")};
    }
    return IndexFacts::of(note, names);
}

// Two facts say the same when their ids stand for the same strings in their own tables.
void compareFacts(const NoteFacts &a, const IndexNames &namesA, const NoteFacts &e, const IndexNames &namesE)
{
    const auto text = [](const IndexNames &names, int id) { return id < 0 ? QStringLiteral("<none>") : names.text(id); };
    QCOMPARE(a.path, e.path);
    QCOMPARE(a.definesEntity, e.definesEntity);
    QCOMPARE(a.kind, e.kind);
    QCOMPARE(a.definedNames, e.definedNames);
    QCOMPARE(a.definedKeys.size(), e.definedKeys.size());
    for (qsizetype i = 0; i < e.definedKeys.size(); ++i)
        QCOMPARE(text(namesA, a.definedKeys.at(i)), text(namesE, e.definedKeys.at(i)));
    QCOMPARE(a.typeEvidence, e.typeEvidence);
    QCOMPARE(a.mentions.size(), e.mentions.size());
    for (qsizetype i = 0; i < e.mentions.size(); ++i) {
        const NoteFacts::Mention &x = a.mentions.at(i), &y = e.mentions.at(i);
        QCOMPARE(text(namesA, x.key), text(namesE, y.key));
        QCOMPARE(text(namesA, x.spelling), text(namesE, y.spelling));
        QCOMPARE(x.line, y.line);
        QCOMPARE(x.role, y.role);
        QCOMPARE(x.open, y.open);
    }
    QCOMPARE(a.links.size(), e.links.size());
    for (qsizetype i = 0; i < e.links.size(); ++i) {
        const NoteFacts::Link &x = a.links.at(i), &y = e.links.at(i);
        QCOMPARE(text(namesA, x.target), text(namesE, y.target));
        QCOMPARE(text(namesA, x.key), text(namesE, y.key));
        QCOMPARE(text(namesA, x.spelling), text(namesE, y.spelling));
        QCOMPARE(x.line, y.line);
        QCOMPARE(x.noteLike, y.noteLike);
    }
    QCOMPARE(a.meeting, e.meeting);
    QCOMPARE(text(namesA, a.duplicateKey), text(namesE, e.duplicateKey));
    QCOMPARE(a.group, e.group);
    QCOMPARE(a.date, e.date);
    QCOMPARE(a.title, e.title);
    QCOMPARE(a.bodySize, e.bodySize);
    QCOMPARE(a.titled, e.titled);
    QCOMPARE(a.totalTasks, e.totalTasks);
    QCOMPARE(a.openTasks, e.openTasks);
    QCOMPARE(a.contentHash, e.contentHash);
    QCOMPARE(a.searchText, e.searchText);
}

void TestFastPaths::sharedNamesRoundTrip()
{
    QList<IndexCache::Entry> entries;
    IndexNames names;
    names.intern(QStringLiteral("a string no facts use: left out of the file"));
    for (int k = 0; k < 1200; ++k) {   // more than one chunk: each chunk has its own name table
        Note note = noteWithNames(k);
        std::optional<NoteFacts> facts;
        if (k % 3 != 2)   // some notes come without facts
            facts = factsWithNames(k, note, names);
        entries.append({100 + k, qint64(k) * 1000, note, facts});
    }
    const QByteArray bytes = IndexCache::encode(QStringLiteral("/vault"), entries, names.texts());
    const std::optional<IndexCache::Contents> decoded = IndexCache::decode(bytes, QStringLiteral("/vault"));
    QVERIFY(decoded);
    QCOMPARE(decoded->entries.size(), entries.size());
    QCOMPARE(decoded->names.size(), names.size() - 1);
    for (const IndexCache::Entry &entry : std::as_const(entries)) {
        const IndexCache::Entry *it = decoded->find(entry.note.relativePath);
        QVERIFY(it);
        QCOMPARE(it->size, entry.size);
        QCOMPARE(it->mtimeNs, entry.mtimeNs);
        const Note &a = it->note, &e = entry.note;
        QCOMPARE(a.participants, e.participants);
        QCOMPARE(a.fields, e.fields);
        QCOMPARE(a.sections, e.sections);
        // Kept for the entries without facts only: the facts hold them.
        QCOMPARE(a.links, entry.facts ? QList<WikiLink>() : e.links);
        QCOMPARE(a.problems, e.problems);
        QVERIFY(a.tasks == e.tasks);
        QCOMPARE(a.title, e.title);
        QCOMPARE(a.sourceRef, e.sourceRef);
        QCOMPARE(a.relativePath, e.relativePath);

        QCOMPARE(a.searchText, e.searchText);
        QCOMPARE(a.bodyLength, e.bodyLength);
        QCOMPARE(a.opensWithHeading, e.opensWithHeading);
        QCOMPARE(a.modified, e.modified);
        QCOMPARE(a.contentHash, e.contentHash);
        QCOMPARE(it->facts.has_value(), entry.facts.has_value());
        if (entry.facts) {
            NoteFacts facts = *it->facts;
            IndexFacts::complete(facts, a, decoded->names);
            compareFacts(facts, decoded->names, *entry.facts, names);
            if (QTest::currentTestFailed())
                return;
        }
    }

    // Written in path order whatever the order given (1200 comes before 200), a path given
    // twice once: the last.
    for (qsizetype k = 1; k < decoded->entries.size(); ++k)
        QVERIFY(decoded->entries.at(k - 1).note.relativePath < decoded->entries.at(k).note.relativePath);
    QList<IndexCache::Entry> twice{entries.at(7), entries.at(3), entries.at(7)};
    twice.last().size = 4242;
    const std::optional<IndexCache::Contents> once =
        IndexCache::decode(IndexCache::encode(QStringLiteral("/vault"), twice, names.texts()), QStringLiteral("/vault"));
    QVERIFY(once);
    QCOMPARE(once->entries.size(), 2);
    QCOMPARE(once->find(entries.at(7).note.relativePath)->size, 4242);

    // Facts that are not of the table given are left out rather than written with wrong names.
    QList<IndexCache::Entry> foreign{entries.first()};
    const std::optional<IndexCache::Contents> none =
        IndexCache::decode(IndexCache::encode(QStringLiteral("/vault"), foreign, QStringList()), QStringLiteral("/vault"));
    QVERIFY(none);
    QCOMPARE(none->entries.size(), 1);
    QVERIFY(!none->entries.first().facts);
}

void TestFastPaths::inconsistentFactsAreRejected_data()
{
    QTest::addColumn<int>("damage");
    QTest::newRow("a mention with a spelling and no key") << 0;
    QTest::newRow("a mention with a key and no spelling") << 1;
    QTest::newRow("a link whose name has a key and no spelling") << 2;
    QTest::newRow("an entity note without names") << 3;
    QTest::newRow("an entity note with more names than keys") << 4;
    QTest::newRow("more open tasks than tasks") << 5;
}

void TestFastPaths::inconsistentFactsAreRejected()
{
    // Checksums guard against damage, not against a file written by hand: facts that no note
    // could have given (and that entities are resolved on) make the whole index untrusted.
    QFETCH(int, damage);
    IndexNames names;
    Note note = noteWithNames(5);
    NoteFacts facts = factsWithNames(5, note, names);
    QVERIFY(facts.definesEntity && !facts.mentions.isEmpty() && !facts.links.isEmpty());
    const QList<IndexCache::Entry> good{{100, 1000, note, facts}};
    QVERIFY(IndexCache::decode(IndexCache::encode(QStringLiteral("/vault"), good, names.texts()), QStringLiteral("/vault")));
    switch (damage) {
    case 0: facts.mentions.first().key = -1; break;
    case 1: facts.mentions.first().spelling = -1; break;
    case 2: facts.links.first().spelling = -1; break;
    case 3: facts.definedNames.clear(); facts.definedKeys.clear(); break;
    case 4: facts.definedKeys.removeLast(); break;
    case 5: facts.openTasks = facts.totalTasks + 1; break;
    }
    const QList<IndexCache::Entry> bad{{100, 1000, note, facts}};
    QVERIFY(!IndexCache::decode(IndexCache::encode(QStringLiteral("/vault"), bad, names.texts()), QStringLiteral("/vault")));
}

void TestFastPaths::tableWithATextTwiceIsRefused()
{
    QVERIFY(IndexNames::fromTexts({QStringLiteral("ada"), QStringLiteral("bo")}));
    QCOMPARE(IndexNames::fromTexts({QStringLiteral("ada"), QStringLiteral("bo")})->find(QStringLiteral("bo")), 1);
    QVERIFY(!IndexNames::fromTexts({QStringLiteral("ada"), QStringLiteral("bo"), QStringLiteral("ada")}));
}

void TestFastPaths::anyFlippedByteIsRejected()
{
    // Name references are positions in a per-chunk table: a damaged one must never decode into
    // another name. Every flipped byte is caught (by a checksum, or by the decoder's bounds).
    IndexNames names;
    QList<IndexCache::Entry> entries;
    for (int k = 1; k <= 2; ++k) {
        Note note = noteWithNames(k * 5);
        const NoteFacts facts = factsWithNames(k * 5, note, names);
        entries.append({100 + k, 1000 * k, note, facts});
    }
    const QByteArray bytes = IndexCache::encode(QStringLiteral("/vault"), entries, names.texts());
    QVERIFY(IndexCache::decode(bytes, QStringLiteral("/vault")));
    for (qsizetype at = 0; at < bytes.size(); at += 7) {
        QByteArray damaged = bytes;
        damaged[at] = char(damaged[at] ^ 0x5A);
        QVERIFY2(!IndexCache::decode(damaged, QStringLiteral("/vault")), qPrintable(QString::number(at)));
    }
}

QTEST_GUILESS_MAIN(TestFastPaths)
#include "tst_fastpaths.moc"
