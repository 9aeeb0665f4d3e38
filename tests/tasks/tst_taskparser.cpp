#include "mangle.h"
#include "tasks/taskparser.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace minutes;

namespace {

QString u(const char *utf8) { return QString::fromUtf8(utf8); }

QString priorityName(Priority p)
{
    switch (p) {
    case Priority::Highest: return QStringLiteral("highest");
    case Priority::High: return QStringLiteral("high");
    case Priority::Medium: return QStringLiteral("medium");
    case Priority::None: return QStringLiteral("none");
    case Priority::Low: return QStringLiteral("low");
    case Priority::Lowest: return QStringLiteral("lowest");
    }
    return QStringLiteral("?");
}

// Every field of a parsed task that differs from its default, in one comparable line:
// "[status]! description | prefix='> ' | marker=1. | owner=... | tags=#a,#b | prio=high | due=...".
QString describe(const std::optional<Task> &task)
{
    if (!task)
        return QStringLiteral("no task");
    const Task &t = *task;
    QStringList parts;
    parts << QStringLiteral("[%1]%2 %3")
                 .arg(t.statusSymbol(), t.malformedStatus ? QStringLiteral("!") : QString(), t.description);
    if (!t.prefix.isEmpty())
        parts << QStringLiteral("prefix='%1'").arg(t.prefix);
    if (t.marker != QLatin1String("-"))
        parts << QStringLiteral("marker=") + t.marker;
    if (!t.owner.isEmpty())
        parts << QStringLiteral("owner=") + t.owner;
    if (!t.tags.isEmpty())
        parts << QStringLiteral("tags=") + t.tags.join(QLatin1Char(','));
    if (t.priority != Priority::None)
        parts << QStringLiteral("prio=") + priorityName(t.priority);
    const std::pair<const char *, QDate> dates[] = {{"due", t.due}, {"scheduled", t.scheduled},
                                                    {"start", t.start}, {"created", t.created},
                                                    {"done", t.done}, {"cancelled", t.cancelled}};
    for (const auto &[name, date] : dates) {
        if (!date.isNull())
            parts << QStringLiteral("%1=%2").arg(QLatin1String(name), date.toString(Qt::ISODate));
    }
    if (!t.recurrence.isEmpty())
        parts << QStringLiteral("recur=") + t.recurrence;
    if (!t.onCompletion.isEmpty())
        parts << QStringLiteral("oncompletion=") + t.onCompletion;
    if (!t.id.isEmpty())
        parts << QStringLiteral("id=") + t.id;
    if (!t.dependsOn.isEmpty())
        parts << QStringLiteral("deps=") + t.dependsOn.join(QLatin1Char(','));
    if (!t.blockLink.isEmpty())
        parts << QStringLiteral("link=") + t.blockLink;
    return parts.join(QStringLiteral(" | "));
}

struct SeedLine
{
    QString file;
    int number = 0;
    QString text;
};

QList<SeedLine> seedLines()
{
    QList<SeedLine> result;
    const QDir seeds(QStringLiteral(MINUTES_SEEDS_DIR));
    for (const QString &name : seeds.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name)) {
        QFile file(seeds.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i)
            result.append({name, int(i + 1), lines[i]});
    }
    return result;
}

} // namespace

class TestTaskParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void signifierSpellings_data();
    void signifierSpellings();
    void keepsRawLineAndLineNumber();
    void problemsNameTheText_data();
    void problemsNameTheText();
    void extractTags_data();
    void extractTags();
    void seedTasks();
    void randomLinesAgreeWithLooksLikeTask();
};

void TestTaskParser::parse_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("problems");

    auto row = [](const char *name, const char *line, const char *expected, int problems = 0) {
        QTest::newRow(name) << u(line) << u(expected) << problems;
    };

    // Status symbols.
    row("todo", "- [ ] Buy milk", "[ ] Buy milk");
    row("done", "- [x] Buy milk", "[x] Buy milk");
    row("capital X", "- [X] Buy milk", "[X] Buy milk");
    row("in progress", "- [/] Draft", "[/] Draft");
    row("cancelled", "- [-] Drop it", "[-] Drop it");
    row("forwarded", "- [>] Move it", "[>] Move it");
    row("question", "- [?] Ask", "[?] Ask");
    row("exclamation", "- [!] Urgent", "[!] Urgent");
    row("malformed space question", "- [ ?] Ask", "[?]! Ask");
    row("malformed space x", "- [ x] Ask", "[x]! Ask");
    row("emoji status", "- [🔥] Hot", "[🔥] Hot");
    row("accented status", "- [ä] Odd", "[ä] Odd");
    row("empty checkbox", "- [] Not a task", "no task");
    row("two symbols", "- [xx] Not a task", "no task");
    row("two spaces in box", "- [  ] Not a task", "no task");
    row("space then two symbols", "- [ xx] Not a task", "no task");
    row("no space after box", "- [ ]No space", "no task");
    row("text glued after malformed box", "- [ ?]Ask", "no task");
    row("tab after box", "- [ ]\tTabbed", "[ ] Tabbed");
    row("nothing after box", "- [ ]", "[ ] ");
    row("only spaces after box", "- [x]   ", "[x] ");
    row("unclosed box", "- [ ", "no task");
    row("box cut short", "- [x", "no task");
    row("status cr", "- [\r] x", "no task");

    // List markers.
    row("star bullet", "* [ ] Star", "[ ] Star | marker=*");
    row("plus bullet", "+ [ ] Plus", "[ ] Plus | marker=+");
    row("numbered with dot", "1. [ ] First", "[ ] First | marker=1.");
    row("numbered with paren", "12) [x] Twelfth", "[x] Twelfth | marker=12)");
    row("several spaces after marker", "-   [ ] Wide", "[ ] Wide");
    row("tab after marker", "-\t[ ] Tab", "no task");
    row("no space after marker", "-[ ] Tight", "no task");
    row("letter marker", "a. [ ] Letter", "no task");
    row("dot without digits", ". [ ] Dot", "no task");
    row("digits without dot", "1 [ ] Digits", "no task");
    row("plain list item", "- Buy milk", "no task");
    row("heading", "# [ ] Heading", "no task");
    row("plain text", "Just text [x] here", "no task");
    row("empty line", "", "no task");
    row("only whitespace", "   \t ", "no task");
    row("lone marker", "-", "no task");
    row("marker and space", "- ", "no task");

    // Prefixes: nesting, quotes, callouts.
    row("indented with spaces", "    - [ ] Nested", "[ ] Nested | prefix='    '");
    row("indented with tab", "\t\t- [ ] Nested", "[ ] Nested | prefix='\t\t'");
    row("blockquote", "> - [ ] Quoted", "[ ] Quoted | prefix='> '");
    row("nested blockquote", "> > * [x] Deep", "[x] Deep | prefix='> > ' | marker=*");
    row("callout body", ">  - [/] Callout", "[/] Callout | prefix='>  '");
    row("indent then quote", "  > 3. [ ] Mixed", "[ ] Mixed | prefix='  > ' | marker=3.");
    row("quote without space", ">- [ ] Tight quote", "[ ] Tight quote | prefix='>'");

    // Stray carriage returns from CRLF files.
    row("crlf plain", "- [ ] Buy milk\r", "[ ] Buy milk");
    row("crlf after due", "- [ ] Pay 📅 2025-11-08\r", "[ ] Pay | due=2025-11-08");
    row("crlf right after box", "- [x]\r", "[x] ");

    // Each date field, its alternatives, U+FE0F and spacing.
    row("due", "- [ ] Pay 📅 2025-11-08", "[ ] Pay | due=2025-11-08");
    row("due alternative calendar", "- [ ] Pay 📆 2025-11-08", "[ ] Pay | due=2025-11-08");
    row("due alternative spiral", "- [ ] Pay 🗓 2025-11-08", "[ ] Pay | due=2025-11-08");
    row("due spiral with vs16", "- [ ] Pay 🗓️ 2025-11-08", "[ ] Pay | due=2025-11-08");
    row("due with vs16", "- [ ] Pay 📅\xEF\xB8\x8F 2025-11-08", "[ ] Pay | due=2025-11-08");
    row("due without spaces", "- [ ] Pay📅2025-11-08", "[ ] Pay | due=2025-11-08");
    row("due with many spaces", "- [ ] Pay 📅    2025-11-08", "[ ] Pay | due=2025-11-08");
    row("due tab before value", "- [ ] Pay 📅\t2025-11-08", "[ ] Pay 📅\t2025-11-08");
    row("due nbsp before value", "- [ ] Pay 📅\xC2\xA0" "2025-11-08", "[ ] Pay 📅\xC2\xA0" "2025-11-08");
    row("due short date", "- [ ] Pay 📅 2025-1-5", "[ ] Pay 📅 2025-1-5");
    row("due trailing dot", "- [ ] Pay 📅 2025-11-08.", "[ ] Pay 📅 2025-11-08.");
    row("due five digit year", "- [ ] Pay 📅 12025-11-08", "[ ] Pay 📅 12025-11-08");
    row("scheduled", "- [ ] Plan ⏳ 2025-11-09", "[ ] Plan | scheduled=2025-11-09");
    row("scheduled alternative", "- [ ] Plan ⌛ 2025-11-09", "[ ] Plan | scheduled=2025-11-09");
    row("scheduled with vs16", "- [ ] Plan ⏳️2025-11-09", "[ ] Plan | scheduled=2025-11-09");
    row("start", "- [ ] Go 🛫 2025-11-10", "[ ] Go | start=2025-11-10");
    row("created", "- [ ] New ➕ 2025-11-01", "[ ] New | created=2025-11-01");
    row("done date", "- [x] Sent ✅ 2025-11-07", "[x] Sent | done=2025-11-07");
    row("done with vs16", "- [x] Sent ✅️ 2025-11-07", "[x] Sent | done=2025-11-07");
    row("cancelled date", "- [-] Dropped ❌ 2025-11-06", "[-] Dropped | cancelled=2025-11-06");
    row("leap day", "- [ ] Leap ⏳ 2024-02-29", "[ ] Leap | scheduled=2024-02-29");
    row("impossible month", "- [ ] Pay 📅 2025-13-45", "[ ] Pay", 1);
    row("impossible leap day", "- [x] Done ✅ 2025-02-29", "[x] Done", 1);
    row("zero date", "- [ ] Zero 🛫 0000-00-00", "[ ] Zero", 1);

    // Priorities.
    row("highest", "- [ ] Fire 🔺", "[ ] Fire | prio=highest");
    row("high", "- [ ] Fire ⏫", "[ ] Fire | prio=high");
    row("medium", "- [ ] Fire 🔼", "[ ] Fire | prio=medium");
    row("low", "- [ ] Fire 🔽", "[ ] Fire | prio=low");
    row("lowest", "- [ ] Fire ⏬", "[ ] Fire | prio=lowest");
    row("high with vs16", "- [ ] Fire ⏫️", "[ ] Fire | prio=high");
    row("priority glued", "- [ ] Fire⏫", "[ ] Fire | prio=high");

    // Recurrence, on completion, ids, dependencies.
    row("recurrence", "- [ ] Water 🔁 every week", "[ ] Water | recur=every week");
    row("recurrence when done", "- [ ] Water 🔁 every 2 weeks when done", "[ ] Water | recur=every 2 weeks when done");
    row("recurrence glued", "- [ ] Water🔁every day", "[ ] Water | recur=every day");
    row("recurrence with vs16", "- [ ] Water 🔁️ every day", "[ ] Water | recur=every day");
    row("recurrence capitalised", "- [ ] Water 🔁 Every Monday", "[ ] Water | recur=Every Monday");
    row("recurrence with commas", "- [ ] Gym 🔁 every week on Monday, Friday", "[ ] Gym | recur=every week on Monday, Friday");
    row("recurrence then due", "- [ ] Rent 🔁 every month on the 1st 📅 2025-12-01",
        "[ ] Rent | due=2025-12-01 | recur=every month on the 1st");
    row("recurrence not every", "- [ ] Moon 🔁 blue moon", "[ ] Moon", 1);
    row("on completion delete", "- [ ] Once 🏁 delete", "[ ] Once | oncompletion=delete");
    row("on completion keep", "- [ ] Once 🏁keep", "[ ] Once | oncompletion=keep");
    row("on completion other word", "- [ ] Once 🏁 Whatever", "[ ] Once | oncompletion=Whatever");
    row("id", "- [ ] Build 🆔 abc-1_x", "[ ] Build | id=abc-1_x");
    row("id glued", "- [ ] Build🆔abc", "[ ] Build | id=abc");
    row("id with space inside", "- [ ] Build 🆔 a b", "[ ] Build 🆔 a b");
    row("depends one", "- [ ] Ship ⛔ abc", "[ ] Ship | deps=abc");
    row("depends list", "- [ ] Ship ⛔ a1, b-2 ,c_3", "[ ] Ship | deps=a1,b-2,c_3");
    row("depends with vs16", "- [ ] Ship ⛔️ x", "[ ] Ship | deps=x");
    row("depends space separated", "- [ ] Ship ⛔ a b", "[ ] Ship ⛔ a b");
    row("depends trailing comma", "- [ ] Ship ⛔ a,", "[ ] Ship ⛔ a,");

    // Field order, tags among fields, what stops the scan.
    row("canonical order",
        "- [x] All 🆔 t1 ⛔ a,b ⏫ 🔁 every day 🏁 keep ➕ 2025-01-01 🛫 2025-01-02 ⏳ 2025-01-03 📅 2025-01-04 ❌ 2025-01-05 ✅ 2025-01-06 ^blk",
        "[x] All | prio=high | due=2025-01-04 | scheduled=2025-01-03 | start=2025-01-02 | created=2025-01-01 | done=2025-01-06 | cancelled=2025-01-05 | recur=every day | oncompletion=keep | id=t1 | deps=a,b | link=^blk");
    row("reversed order",
        "- [x] All ✅ 2025-01-06 ❌ 2025-01-05 📅 2025-01-04 ⏳ 2025-01-03 🛫 2025-01-02 ➕ 2025-01-01 🏁 keep 🔁 every day ⏫ ⛔ a,b 🆔 t1",
        "[x] All | prio=high | due=2025-01-04 | scheduled=2025-01-03 | start=2025-01-02 | created=2025-01-01 | done=2025-01-06 | cancelled=2025-01-05 | recur=every day | oncompletion=keep | id=t1 | deps=a,b");
    row("shuffled order", "- [ ] Mix 📅 2025-01-04 🔽 🆔 z 🛫 2025-01-02",
        "[ ] Mix | prio=low | due=2025-01-04 | start=2025-01-02 | id=z");
    row("interleaved tags", "- [ ] text #a 📅 2025-11-08 #b ⏫ #c",
        "[ ] text #a #b #c | tags=#a,#b,#c | prio=high | due=2025-11-08");
    row("tag glued to due", "- [ ] Do #tag📅2025-11-08", "[ ] Do #tag | tags=#tag | due=2025-11-08");
    row("text after field stops the scan", "- [ ] Call 📅 2025-11-08 about X", "[ ] Call 📅 2025-11-08 about X");
    row("signifier inside description", "- [ ] Celebrate ✅ milestone 📅 2025-11-08",
        "[ ] Celebrate ✅ milestone | due=2025-11-08");
    row("duplicate due leftmost wins", "- [ ] Do 📅 2025-01-01 📅 2025-02-02", "[ ] Do | due=2025-01-01");
    row("duplicate priority leftmost wins", "- [ ] Do ⏫ 🔽", "[ ] Do | prio=high");
    row("duplicate due invalid leftmost", "- [ ] Do 📅 2025-02-30 📅 2025-02-02", "[ ] Do", 1);
    row("only fields", "- [ ] 📅 2025-11-08 ⏫", "[ ]  | prio=high | due=2025-11-08");
    row("only tags", "- [ ] #a #b", "[ ] #a #b | tags=#a,#b");

    // The plugin gives up after 21 passes, each peeling at most one tag.
    QByteArray flood20("- [ ] Flood 📅 2025-11-08");
    QByteArray tags20;
    for (int i = 1; i <= 20; ++i) {
        flood20 += " #t" + QByteArray::number(i);
        tags20 += ",#t" + QByteArray::number(i);
    }
    const QByteArray flood21 = flood20 + " #t21";
    const QByteArray tags21 = tags20 + ",#t21";
    QTest::newRow("20 trailing tags fit the plugin's pass cap")
        << u(flood20.constData())
        << u("[ ] Flood" + flood20.mid(flood20.indexOf(" #t1")) + " | tags=" + tags20.mid(1) + " | due=2025-11-08")
        << 0;
    QTest::newRow("21 trailing tags hide the due date like the plugin")
        << u(flood21.constData()) << u("[ ] " + flood21.mid(6) + " | tags=" + tags21.mid(1)) << 0;

    // Block links.
    row("block link", "- [ ] Do ^abc-1", "[ ] Do | link=^abc-1");
    row("block link after fields", "- [ ] Do 📅 2025-11-08 ^abc", "[ ] Do | due=2025-11-08 | link=^abc");
    row("block link with trailing spaces", "- [ ] Do ^abc   ", "[ ] Do | link=^abc");
    row("block link glued", "- [ ] Do^abc", "[ ] Do^abc");
    row("block link alone", "- [ ] ^abc", "[ ] ^abc");
    row("block link bad char", "- [ ] Do ^ab_c", "[ ] Do ^ab_c");

    // Mangled emoji (UTF-8 read as Mac Roman), with and without the Apple logo character.
    row("mangled due", "- [ ] Send deck \xEF\xA3\xBF\xC3\xBC\xC3\xAC\xC3\x96 2025-11-08",
        "[ ] Send deck | due=2025-11-08");
    row("mangled due without apple logo", "- [ ] Send deck üìÖ 2025-11-08", "[ ] Send deck | due=2025-11-08");
    row("mangled high", "- [ ] Send deck ‚è´", "[ ] Send deck | prio=high");
    row("mangled low without apple logo", "- [ ] Send deck üîΩ", "[ ] Send deck | prio=low");
    row("mangled done with vs16", "- [x] Sent ‚úÖÔ∏è 2025-01-01", "[x] Sent | done=2025-01-01");
    row("mangled text in description", "- [ ] Caf√© order üîÅ every day", "[ ] Café order | recur=every day");
    row("mangled status symbol", "- [‚úì] Ticked", "[✓] Ticked");
    row("accented text untouched", "- [ ] Zürich café naïve", "[ ] Zürich café naïve");

    // Owners.
    row("owner myself", "- [ ] Book room @Myself", "[ ] Book room | owner=Myself");
    row("owner two words", "- [ ] Send notes @Rob Banga", "[ ] Send notes | owner=Rob Banga");
    row("owner before fields and tags", "- [?] Do it @Rob Banga 📅 2025-11-08 ⏫ #task #proposed",
        "[?] Do it #task #proposed | owner=Rob Banga | tags=#task,#proposed | prio=high | due=2025-11-08");
    row("owner then tags", "- [ ] Do it @Myself #task", "[ ] Do it #task | owner=Myself | tags=#task");
    row("owner between tags", "- [ ] Do #a @Myself #b", "[ ] Do #a #b | owner=Myself | tags=#a,#b");
    row("owner lowercase single word", "- [ ] Ping @alice", "[ ] Ping | owner=alice");
    row("owner four words", "- [ ] Call @Mary Ann Van Dyke", "[ ] Call | owner=Mary Ann Van Dyke");
    row("owner five words", "- [ ] Call @Mary Ann Van Der Dyke", "[ ] Call @Mary Ann Van Der Dyke");
    row("owner with particle", "- [ ] Call @Ana de Souza", "[ ] Call | owner=Ana de Souza");
    row("owner with apostrophe", "- [ ] Call @Sean O'Brien", "[ ] Call | owner=Sean O'Brien");
    row("owner with hyphen", "- [ ] Call @Mary-Jane Watson", "[ ] Call | owner=Mary-Jane Watson");
    row("owner with initials", "- [ ] Call @J. R. Tolkien Jr.", "[ ] Call | owner=J. R. Tolkien Jr.");
    row("owner with accents", "- [ ] Call @Zoë Müller", "[ ] Call | owner=Zoë Müller");
    row("owner double space", "- [ ] Call @Rob  Banga", "[ ] Call | owner=Rob Banga");
    row("last at wins", "- [ ] Tell @Ann to ask @Rob Banga", "[ ] Tell @Ann to ask | owner=Rob Banga");
    row("owner after fields hides them", "- [ ] Do 📅 2025-11-08 @Rob Banga", "[ ] Do 📅 2025-11-08 | owner=Rob Banga");
    row("only owner", "- [ ] @Myself", "[ ]  | owner=Myself");
    row("only owner and tag", "- [ ] @Myself #task", "[ ] #task | owner=Myself | tags=#task");
    row("email is no owner", "- [ ] Mail ann@example.com", "[ ] Mail ann@example.com");
    row("at domain is no owner", "- [ ] Mail @example.com", "[ ] Mail @example.com");
    row("at then space is no owner", "- [ ] Meet @ home", "[ ] Meet @ home");
    row("at at end is no owner", "- [ ] Meet @", "[ ] Meet @");
    row("sentence after at is no owner", "- [ ] Ask @bob about the deck", "[ ] Ask @bob about the deck");
    row("lowercase word after name", "- [ ] Ask @John about budget", "[ ] Ask @John about budget");
    row("colon after name", "- [ ] Follow up @Rob re: pricing", "[ ] Follow up @Rob re: pricing");
    row("period after name", "- [ ] Thanks @Myself.", "[ ] Thanks @Myself.");
    row("at glued to word", "- [ ] cc:@Rob", "[ ] cc:@Rob");
    row("handle with digits", "- [ ] Ping @dev42", "[ ] Ping | owner=dev42");
    row("at followed by digit", "- [ ] Meet @5pm", "[ ] Meet @5pm");

    // Tags.
    row("tag with slash and hyphen", "- [ ] T #project/alpha-beta", "[ ] T #project/alpha-beta | tags=#project/alpha-beta");
    row("non latin tags", "- [ ] T #über_wichtig #日本語", "[ ] T #über_wichtig #日本語 | tags=#über_wichtig,#日本語");
    row("numeric tags", "- [ ] T #2025-Q4 #42", "[ ] T #2025-Q4 #42 | tags=#2025-Q4,#42");
    row("emoji tag", "- [ ] T #🔥hot", "[ ] T #🔥hot | tags=#🔥hot");
    row("hash glued to word", "- [ ] Learn C# and page#section", "[ ] Learn C# and page#section");
    row("tag ended by comma", "- [ ] Fix #urgent, please", "[ ] Fix #urgent, please | tags=#urgent");
    row("hash hash", "- [ ] T #a#b", "[ ] T #a#b | tags=#a");
    row("hash then space", "- [ ] T # heading", "[ ] T # heading");

    // Real-world messiness.
    row("date without emoji", "- [ ] Meet 2025-11-08", "[ ] Meet 2025-11-08");
    row("hard break spaces", "- [ ] Do 📅 2025-11-08  ", "[ ] Do | due=2025-11-08");
    row("wikilink in description", "- [ ] Ask [[Rob Banga]] @Myself 📅 2025-11-08",
        "[ ] Ask [[Rob Banga]] | owner=Myself | due=2025-11-08");
    row("link with fragment", "- [ ] Read [doc](https://x.org/a#sec) #read", "[ ] Read [doc](https://x.org/a#sec) #read | tags=#read");
    row("bold text", "- [ ] **Urgent** fix 🔺", "[ ] **Urgent** fix | prio=highest");
    row("quoted numbered with owner", "> 2) [x] Ship @Ana de Souza ✅ 2025-11-07",
        "[x] Ship | prefix='> ' | marker=2) | owner=Ana de Souza | done=2025-11-07");
    row("lowercase two word owner", "- [ ] Ask @rob banga", "[ ] Ask @rob banga");
    row("callout header", "> [!todo] - [ ] Inside", "no task");
    // QString::fromUtf8 drops a leading BOM, so build that line by hand.
    QTest::newRow("byte order mark") << QChar(0xFEFF) + u("- [ ] First line")
                                     << u("[ ] First line | prefix='") + QChar(0xFEFF) + u("'") << 0;
    row("task in table cell", "| - [ ] cell |", "no task");
    // Found by fuzz_taskline: an orphaned mangled 📅 as the status of a "[ ?]"-style box read as a
    // task in parse() but not in looksLikeTask().
    row("orphaned mangled emoji as status", "- [ \u00fc\u00ec\u00d6] Send it", "[📅]! Send it");
}

void TestTaskParser::parse()
{
    QFETCH(QString, line);
    QFETCH(QString, expected);
    QFETCH(int, problems);

    Problems found;
    const std::optional<Task> task = TaskParser::parse(line, 7, &found);
    QCOMPARE(describe(task), expected);
    QCOMPARE(found.size(), problems);
    QCOMPARE(TaskParser::looksLikeTask(line), task.has_value());
    if (task) {
        QCOMPARE(task->rawLine, line);
        QCOMPARE(task->line, 7);
        QCOMPARE(task->tags, TaskParser::extractTags(task->description));
    }
    // Without a problem list the result is the same.
    QCOMPARE(describe(TaskParser::parse(line, 7)), expected);
}

void TestTaskParser::signifierSpellings_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected");

    struct Signifier { const char *name, *emoji, *value, *field; };
    const Signifier signifiers[] = {
        {"due", "📅", "2025-11-08", "due=2025-11-08"},
        {"due calendar", "📆", "2025-11-08", "due=2025-11-08"},
        {"due spiral", "🗓", "2025-11-08", "due=2025-11-08"},
        {"scheduled", "⏳", "2025-11-09", "scheduled=2025-11-09"},
        {"scheduled hourglass", "⌛", "2025-11-09", "scheduled=2025-11-09"},
        {"start", "🛫", "2025-11-10", "start=2025-11-10"},
        {"created", "➕", "2025-11-01", "created=2025-11-01"},
        {"done", "✅", "2025-11-07", "done=2025-11-07"},
        {"cancelled", "❌", "2025-11-06", "cancelled=2025-11-06"},
        {"recurrence", "🔁", "every day when done", "recur=every day when done"},
        {"on completion", "🏁", "delete", "oncompletion=delete"},
        {"id", "🆔", "x-1_y", "id=x-1_y"},
        {"depends", "⛔", "a, b", "deps=a,b"},
        {"highest", "🔺", "", "prio=highest"},
        {"high", "⏫", "", "prio=high"},
        {"medium", "🔼", "", "prio=medium"},
        {"low", "🔽", "", "prio=low"},
        {"lowest", "⏬", "", "prio=lowest"},
    };
    for (const Signifier &s : signifiers) {
        const QString emoji = u(s.emoji);
        const QString value = u(s.value);
        const QString expected = u("[ ] Task | ") + u(s.field);
        const QString vs16 = emoji + QChar(0xFE0F);
        QString mangledNoLogo = minutes::test::mangle(emoji);
        mangledNoLogo.remove(QChar(0xF8FF));
        const std::pair<const char *, QString> spellings[] = {
            {"spaced", u(" ") + emoji + u(" ")},
            {"with vs16", u(" ") + vs16 + u(" ")},
            {"glued before", emoji + u(" ")},
            {"glued after", u(" ") + emoji},
            {"glued both with vs16", vs16},
            {"many spaces", u(" ") + emoji + u("   ")},
            {"mangled", u(" ") + minutes::test::mangle(emoji) + u(" ")},
            {"mangled with vs16", u(" ") + minutes::test::mangle(vs16) + u(" ")},
            {"mangled without apple logo", u(" ") + mangledNoLogo + u(" ")},
        };
        for (const auto &[spelling, text] : spellings) {
            QString line = u("- [ ] Task") + text + value;
            if (value.isEmpty())
                line = line.trimmed(); // a priority has no value: the line ends at the emoji
            QTest::addRow("%s %s", s.name, spelling) << line << expected;
        }
        // The same field followed by a tag, and with unrecognised text after it.
        const QString field = value.isEmpty() ? emoji : emoji + u(" ") + value;
        QTest::addRow("%s then tag", s.name) << u("- [ ] Task ") + field + u(" #t")
                                             << u("[ ] Task #t | tags=#t | ") + u(s.field);
        QTest::addRow("%s then text", s.name) << u("- [ ] Task ") + field + u(" (later)")
                                              << u("[ ] Task ") + field + u(" (later)");
    }
}

void TestTaskParser::signifierSpellings()
{
    QFETCH(QString, line);
    QFETCH(QString, expected);
    Problems problems;
    QCOMPARE(describe(TaskParser::parse(line, 3, &problems)), expected);
    QVERIFY(problems.isEmpty());
}

void TestTaskParser::keepsRawLineAndLineNumber()
{
    const QString mangled = u("  - [ ?] Plan @Myself \xEF\xA3\xBF\xC3\xBC\xC3\xAC\xC3\x96 2025-11-08 ‚è´ #task\r");
    const std::optional<Task> task = TaskParser::parse(mangled, 42);
    QVERIFY(task);
    QCOMPARE(task->rawLine, mangled);
    QCOMPARE(task->line, 42);
    QCOMPARE(task->prefix, u("  "));
    QCOMPARE(task->status, U'?');
    QVERIFY(task->malformedStatus);
    QCOMPARE(task->description, u("Plan #task"));
    QCOMPARE(task->owner, u("Myself"));
    QCOMPARE(task->due, QDate(2025, 11, 8));
    QCOMPARE(task->priority, Priority::High);
}

void TestTaskParser::problemsNameTheText_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("mentions");

    QTest::newRow("invalid due") << u("- [ ] Pay 📅 2025-13-45") << QStringList{u("due"), u("2025-13-45")};
    QTest::newRow("invalid scheduled") << u("- [ ] Pay ⏳ 2025-02-29") << QStringList{u("scheduled"), u("2025-02-29")};
    QTest::newRow("invalid start") << u("- [ ] Pay 🛫 2025-04-31") << QStringList{u("start"), u("2025-04-31")};
    QTest::newRow("invalid created") << u("- [ ] Pay ➕ 2025-00-10") << QStringList{u("created"), u("2025-00-10")};
    QTest::newRow("invalid done") << u("- [x] Pay ✅ 2025-06-31") << QStringList{u("done"), u("2025-06-31")};
    QTest::newRow("invalid cancelled") << u("- [-] Pay ❌ 2025-11-99") << QStringList{u("cancelled"), u("2025-11-99")};
    QTest::newRow("bad recurrence") << u("- [ ] Pay 🔁 blue moon") << QStringList{u("blue moon")};
}

void TestTaskParser::problemsNameTheText()
{
    QFETCH(QString, line);
    QFETCH(QStringList, mentions);

    Problems problems;
    const std::optional<Task> task = TaskParser::parse(line, 12, &problems);
    QVERIFY(task);
    QCOMPARE(task->description, u("Pay"));
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().line, 12);
    QVERIFY(problems.first().file.isEmpty());
    for (const QString &mention : mentions)
        QVERIFY2(problems.first().message.contains(mention), qPrintable(problems.first().message));
}

void TestTaskParser::extractTags_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tags");

    QTest::newRow("none") << u("no tags here") << QStringList();
    QTest::newRow("start and middle") << u("#a text #b") << QStringList{u("#a"), u("#b")};
    QTest::newRow("url fragment") << u("see http://x/y#frag #real") << QStringList{u("#real")};
    QTest::newRow("punctuation ends") << u("(#x) #y! #z?") << QStringList{u("#y"), u("#z")};
    QTest::newRow("lone hash") << u("# #") << QStringList();
    QTest::newRow("tab separated") << u("a\t#tab") << QStringList{u("#tab")};
}

void TestTaskParser::extractTags()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tags);
    QCOMPARE(TaskParser::extractTags(text), tags);
}

void TestTaskParser::seedTasks()
{
    const QList<SeedLine> lines = seedLines();
    QVERIFY2(!lines.isEmpty(), MINUTES_SEEDS_DIR);

    QList<Task> tasks;
    for (const SeedLine &line : lines) {
        Problems problems;
        std::optional<Task> task = TaskParser::parse(line.text, line.number, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(line.text));
        if (task) {
            QCOMPARE(task->rawLine, line.text);
            QCOMPARE(task->line, line.number);
            tasks.append(*task);
        }
    }
    QCOMPARE(tasks.size(), 9);

    const QStringList owners{u("Myself"), u("Myself"), u("Rob Benoit"), u("Myself"), u("Myself"),
                             u("Myself"), u("Myself"), u("Rob Banga"), u("Myself")};
    const QList<Priority> priorities{Priority::High, Priority::High, Priority::High, Priority::Low,
                                     Priority::Low, Priority::High, Priority::High, Priority::High,
                                     Priority::Low};
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        const Task &t = tasks[i];
        const QByteArray where = QByteArray::number(i) + ": " + t.rawLine.toUtf8();
        QCOMPARE(t.status, U'?');
        QCOMPARE(t.malformedStatus, i < 5); // the first seed writes "[ ?]", the second "[?]"
        QCOMPARE(t.due, QDate(2025, 11, 8));
        QVERIFY2(t.owner == owners[i], where.constData());
        QVERIFY2(t.priority == priorities[i], where.constData());
        QVERIFY2(t.tags.mid(0, 2) == (QStringList{u("#task"), u("#proposed")}), where.constData());
        QVERIFY2(!t.description.contains(QLatin1Char('@')), where.constData());
        QVERIFY2(t.description.endsWith(t.tags.join(QLatin1Char(' '))), where.constData());
        QVERIFY(t.scheduled.isNull() && t.start.isNull() && t.done.isNull() && t.recurrence.isEmpty());
    }
    QCOMPARE(tasks[0].description, u("Schedule coffee with Rob during Tech Summit #task #proposed"));
    QCOMPARE(tasks[5].tags, (QStringList{u("#task"), u("#proposed"), u("#auto")}));
}

// Fuzzed lines built from the characters that matter: parse() and looksLikeTask() agree, keep
// the raw line, and never read outside the line (a Debug build asserts on that).
void TestTaskParser::randomLinesAgreeWithLooksLikeTask()
{
    const QStringList pieces{u(" "), u("  "), u("\t"), u(">"), u("-"), u("*"), u("1"), u("."), u(")"),
                             u("["), u("]"), u("x"), u("?"), u("#"), u("@"), u("a"), u("Rob"),
                             u("📅"), u("⏫"), u("🔁"), u("⛔"), u("🆔"), u("\uFE0F"), u("2025-11-08"),
                             u("2025-02-30"), u("every"), u(","), u("^"), u("\r"), u("‚è´"), u("√"),
                             u("\uF8FF"), u("ü"), u("📅 2025-11-08"), u("- [ ] "), u("- [ ?] ")};
    QRandomGenerator rng(20251108);
    int tasks = 0;
    for (int i = 0; i < 20000; ++i) {
        QString line;
        const int count = rng.bounded(1, 12);
        for (int k = 0; k < count; ++k)
            line += pieces[rng.bounded(int(pieces.size()))];
        Problems problems;
        const std::optional<Task> task = TaskParser::parse(line, i + 1, &problems);
        QVERIFY2(TaskParser::looksLikeTask(line) == task.has_value(), qPrintable(line));
        if (task) {
            ++tasks;
            QCOMPARE(task->rawLine, line);
            QVERIFY2(task->description == task->description.trimmed(), qPrintable(line));
        }
        for (const Problem &p : problems)
            QCOMPARE(p.line, i + 1);
    }
    QVERIFY(tasks > 100);
}

QTEST_GUILESS_MAIN(TestTaskParser)
#include "tst_taskparser.moc"
