#include "../tasks/mangle.h"
#include "note/noteparser.h"
#include "note/utf8.h"
#include "tasks/taskparser.h"
#include "tasks/taskwriter.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace minutes;

namespace {

const QDate kToday(2025, 11, 9);

// The task on `line` (1-based) of `bytes`, read the way the note parser hands it over (but also
// where markdown would see code, as the writer does not care): every BOM that opens the file is
// skipped, and the line is decoded exactly.
Task taskAt(const QByteArray &bytes, int line)
{
    QByteArrayView body(bytes);
    while (body.startsWith("\xEF\xBB\xBF"))
        body = body.sliced(3);
    const QList<QByteArray> lines = body.toByteArray().split('\n');
    QByteArray raw = lines.value(line - 1);
    if (raw.endsWith('\r'))
        raw.chop(1);
    const std::optional<Task> task = TaskParser::parse(utf8::decodeExact(raw), line);
    if (!task)
        qFatal("test fixture: line %d is not a task: %s", line, raw.constData());
    return *task;
}

std::optional<char32_t> statusArg(const QString &s)
{
    if (s.isEmpty())
        return std::nullopt;
    return s.toUcs4().first();
}

QByteArray mangled(const char *utf8) { return test::mangle(QString::fromUtf8(utf8)).toUtf8(); }

} // namespace

// Whole-file, byte-for-byte results of planned edits (no disk involved).
class TestTaskWriter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transitions_data();
    void transitions();
    void recurrence_data();
    void recurrence();
    void refusals_data();
    void refusals();
    void movedTask();
    void duplicateAtRecordedLineIsUsed();
    void undoRedo_data();
    void undoRedo();
    void undoAfterOtherEdits();
    void undoRefusedWhenLineChanged();
    void seedNotesTickOneLineOnly();
};

void TestTaskWriter::transitions_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("todo ticked gets done date")
        << QByteArray("# Notes\n- [ ] Send deck 📅 2025-11-08\nafter\n") << 2 << ""
        << QByteArray("# Notes\n- [x] Send deck 📅 2025-11-08 ✅ 2025-11-09\nafter\n");
    QTest::newRow("in progress ticked") << QByteArray("- [/] Draft plan\n") << 1 << ""
                                        << QByteArray("- [x] Draft plan ✅ 2025-11-09\n");
    QTest::newRow("question ticked") << QByteArray("- [?] Maybe call\n") << 1 << ""
                                     << QByteArray("- [x] Maybe call ✅ 2025-11-09\n");
    QTest::newRow("unknown symbol ticked") << QByteArray("- [>] Forwarded\n") << 1 << ""
                                           << QByteArray("- [x] Forwarded ✅ 2025-11-09\n");
    QTest::newRow("capital X is not done: ticked") << QByteArray("- [X] Odd box\n") << 1 << ""
                                                   << QByteArray("- [x] Odd box ✅ 2025-11-09\n");
    QTest::newRow("malformed [ ?] ticked") << QByteArray("- [ ?] Share roadmap @Myself 📅 2025-11-08 ⏫ #task #proposed\n")
                                           << 1 << ""
                                           << QByteArray("- [x] Share roadmap @Myself 📅 2025-11-08 ⏫ #task #proposed ✅ 2025-11-09\n");
    QTest::newRow("done unticked loses done date") << QByteArray("- [x] Send deck 📅 2025-11-08 ✅ 2025-11-09\n") << 1 << ""
                                                   << QByteArray("- [ ] Send deck 📅 2025-11-08\n");
    QTest::newRow("done date in the middle of the run")
        << QByteArray("- [x] Send ✅ 2025-11-09 📅 2025-11-08 #t\n") << 1 << ""
        << QByteArray("- [ ] Send 📅 2025-11-08 #t\n");
    QTest::newRow("done with no done date") << QByteArray("- [x] Old style\n") << 1 << ""
                                            << QByteArray("- [ ] Old style\n");
    QTest::newRow("cancelled reopens and loses cancelled date")
        << QByteArray("- [-] Dropped ❌ 2025-11-01\n") << 1 << "" << QByteArray("- [ ] Dropped\n");
    QTest::newRow("explicit cancel adds cancelled date") << QByteArray("- [ ] Dropped 📅 2025-11-08\n") << 1 << "-"
                                                         << QByteArray("- [-] Dropped 📅 2025-11-08 ❌ 2025-11-09\n");
    QTest::newRow("explicit cancel of done swaps dates")
        << QByteArray("- [x] Dropped ✅ 2025-11-01\n") << 1 << "-" << QByteArray("- [-] Dropped ❌ 2025-11-09\n");
    QTest::newRow("explicit done of cancelled swaps dates")
        << QByteArray("- [-] Back on ❌ 2025-11-01 #t\n") << 1 << "x" << QByteArray("- [x] Back on #t ✅ 2025-11-09\n");
    QTest::newRow("explicit in progress has no date") << QByteArray("- [ ] Start it\n") << 1 << "/"
                                                      << QByteArray("- [/] Start it\n");
    QTest::newRow("explicit todo from in progress") << QByteArray("- [/] Start it\n") << 1 << " "
                                                    << QByteArray("- [ ] Start it\n");
    QTest::newRow("explicit todo of malformed") << QByteArray("- [ ?] Unsure\n") << 1 << " "
                                                << QByteArray("- [ ] Unsure\n");
    QTest::newRow("stray done date on todo is replaced")
        << QByteArray("- [ ] Again ✅ 2020-01-01 📅 2025-11-08\n") << 1 << ""
        << QByteArray("- [x] Again ✅ 2025-11-09 📅 2025-11-08\n");
    QTest::newRow("stray cancelled date on todo is removed")
        << QByteArray("- [ ] Again ❌ 2020-01-01\n") << 1 << "" << QByteArray("- [x] Again ✅ 2025-11-09\n");
    QTest::newRow("block link stays last") << QByteArray("- [ ] Linked task ^abc-1\n") << 1 << ""
                                           << QByteArray("- [x] Linked task ✅ 2025-11-09 ^abc-1\n");
    QTest::newRow("hard break spaces stay last") << QByteArray("- [ ] Task 📅 2025-11-08  \nnext\n") << 1 << ""
                                                 << QByteArray("- [x] Task 📅 2025-11-08 ✅ 2025-11-09  \nnext\n");
    QTest::newRow("single trailing space kept") << QByteArray("- [ ] Task \n") << 1 << ""
                                                << QByteArray("- [x] Task ✅ 2025-11-09 \n");
    QTest::newRow("untick before block link and hard break")
        << QByteArray("- [x] T ✅ 2025-11-09 ^id  \n") << 1 << "" << QByteArray("- [ ] T ^id  \n");
    QTest::newRow("owner after fields: done date still read")
        << QByteArray("- [ ] Call 📅 2025-11-08 @Rob Banga\n") << 1 << ""
        << QByteArray("- [x] Call 📅 2025-11-08 @Rob Banga ✅ 2025-11-09\n");
    QTest::newRow("text after fields") << QByteArray("- [ ] Call 📅 2025-11-08 about X.\n") << 1 << ""
                                       << QByteArray("- [x] Call 📅 2025-11-08 about X. ✅ 2025-11-09\n");
    QTest::newRow("odd spacing kept") << QByteArray("-   [ ]   Spaced    out 📅2025-11-08\n") << 1 << ""
                                      << QByteArray("-   [x]   Spaced    out 📅2025-11-08 ✅ 2025-11-09\n");
    QTest::newRow("variation selector kept") << QByteArray("- [ ] VS ⏳\xEF\xB8\x8F 2025-11-08\n") << 1 << ""
                                             << QByteArray("- [x] VS ⏳\xEF\xB8\x8F 2025-11-08 ✅ 2025-11-09\n");
    QTest::newRow("untick glued done date") << QByteArray("- [x] Glued ⏫✅2025-11-09\n") << 1 << ""
                                            << QByteArray("- [ ] Glued ⏫\n");
    QTest::newRow("empty description") << QByteArray("- [ ]\n") << 1 << "" << QByteArray("- [x] ✅ 2025-11-09\n");
    QTest::newRow("empty description unticked") << QByteArray("- [x] ✅ 2025-11-09\n") << 1 << ""
                                                << QByteArray("- [ ] \n");
    QTest::newRow("celebrate emoji inside the text") << QByteArray("- [ ] Celebrate ✅ milestone\n") << 1 << ""
                                                     << QByteArray("- [x] Celebrate ✅ milestone ✅ 2025-11-09\n");
    QTest::newRow("indented") << QByteArray("- [ ] Parent\n    - [ ] Child\n") << 2 << ""
                              << QByteArray("- [ ] Parent\n    - [x] Child ✅ 2025-11-09\n");
    QTest::newRow("tab indented") << QByteArray("\t\t* [ ] Deep\n") << 1 << ""
                                  << QByteArray("\t\t* [x] Deep ✅ 2025-11-09\n");
    QTest::newRow("quoted") << QByteArray("> - [ ] Quoted\n") << 1 << "" << QByteArray("> - [x] Quoted ✅ 2025-11-09\n");
    QTest::newRow("callout nested") << QByteArray("> [!todo]\n> > + [ ] In callout\n") << 2 << ""
                                    << QByteArray("> [!todo]\n> > + [x] In callout ✅ 2025-11-09\n");
    QTest::newRow("numbered") << QByteArray("1. [ ] One\n12) [ ] Twelve\n") << 2 << ""
                              << QByteArray("1. [ ] One\n12) [x] Twelve ✅ 2025-11-09\n");
    QTest::newRow("CRLF file") << QByteArray("# Title\r\n- [ ] Crlf task\r\nend  \r\n") << 2 << ""
                               << QByteArray("# Title\r\n- [x] Crlf task ✅ 2025-11-09\r\nend  \r\n");
    QTest::newRow("mixed line endings") << QByteArray("a\n- [ ] Mixed\r\nb\n\r\n") << 2 << ""
                                        << QByteArray("a\n- [x] Mixed ✅ 2025-11-09\r\nb\n\r\n");
    QTest::newRow("BOM and task on line 1") << QByteArray("\xEF\xBB\xBF- [ ] First\nsecond\n") << 1 << ""
                                            << QByteArray("\xEF\xBB\xBF- [x] First ✅ 2025-11-09\nsecond\n");
    QTest::newRow("two BOMs and task on line 1") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF- [ ] First\n") << 1 << ""
                                                 << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF- [x] First ✅ 2025-11-09\n");
    // (fuzz) QString::fromUtf8 drops a BOM that opens the line: the task must still be found.
    QTest::newRow("BOM opening a later line") << QByteArray("Title\n`\n\xEF\xBB\xBF- [ ] t #tag\n") << 3 << ""
                                              << QByteArray("Title\n`\n\xEF\xBB\xBF- [x] t #tag ✅ 2025-11-09\n");
    QTest::newRow("no final newline") << QByteArray("a\n- [ ] Last") << 2 << ""
                                      << QByteArray("a\n- [x] Last ✅ 2025-11-09");
    QTest::newRow("CRLF without final newline") << QByteArray("a\r\n- [ ] Last") << 2 << ""
                                                << QByteArray("a\r\n- [x] Last ✅ 2025-11-09");
    QTest::newRow("other lines untouched: trailing spaces, invalid UTF-8, tabs")
        << QByteArray("x  \n\xff\xfe bad\n- [ ] Mid\n\tend\t\n\n\n") << 3 << ""
        << QByteArray("x  \n\xff\xfe bad\n- [x] Mid ✅ 2025-11-09\n\tend\t\n\n\n");
    QTest::newRow("mojibake line keeps its mangled emoji")
        << (QByteArray("- [ ?] Schedule coffee @Myself ") + mangled("📅") + " 2025-11-08 " + mangled("⏫")
            + " #task #proposed\n")
        << 1 << ""
        << (QByteArray("- [x] Schedule coffee @Myself ") + mangled("📅") + " 2025-11-08 " + mangled("⏫")
            + " #task #proposed ✅ 2025-11-09\n");
    QTest::newRow("mojibake done date removed") << (QByteArray("- [x] Old ") + mangled("✅") + " 2025-01-02\n") << 1
                                                << "" << QByteArray("- [ ] Old\n");
    QTest::newRow("tags between fields stay put")
        << QByteArray("- [ ] text #a 📅 2025-11-08 #b ⏫ #c\n") << 1 << ""
        << QByteArray("- [ ] text #a 📅 2025-11-08 #b ⏫ #c\n").replace("[ ]", "[x]").replace("#c\n", "#c ✅ 2025-11-09\n");
    QTest::newRow("emoji status symbol ticked") << QByteArray("- [🔥] Hot one\n") << 1 << ""
                                                << QByteArray("- [x] Hot one ✅ 2025-11-09\n");
    QTest::newRow("done to a custom symbol loses done date") << QByteArray("- [x] Later ✅ 2025-11-01\n") << 1 << ">"
                                                            << QByteArray("- [>] Later\n");
    QTest::newRow("invalid done date removed on untick") << QByteArray("- [x] Odd ✅ 2025-13-45\n") << 1 << ""
                                                         << QByteArray("- [ ] Odd\n");
    QTest::newRow("no-break space keeps a date unread") << QByteArray("- [ ] NB 📅\u00a02025-11-08\n") << 1 << ""
                                                        << QByteArray("- [x] NB 📅\u00a02025-11-08 ✅ 2025-11-09\n");
    QTest::newRow("unknown 🏁 word is ignored") << QByteArray("- [ ] Archive 🏁 archive\n") << 1 << ""
                                               << QByteArray("- [x] Archive 🏁 archive ✅ 2025-11-09\n");
    QTest::newRow("rule without every does not recur") << QByteArray("- [ ] Rule 🔁 sometimes 📅 2025-11-08\n") << 1 << ""
                                                       << QByteArray("- [x] Rule 🔁 sometimes 📅 2025-11-08 ✅ 2025-11-09\n");
    QTest::newRow("unticking a recurring task adds nothing")
        << QByteArray("- [x] R 🔁 every day 📅 2025-11-08 ✅ 2025-11-08\n") << 1 << ""
        << QByteArray("- [ ] R 🔁 every day 📅 2025-11-08\n");
    QTest::newRow("cancelling a recurring task adds nothing") << QByteArray("- [ ] R 🔁 every day 📅 2025-11-08\n") << 1
                                                              << "-"
                                                              << QByteArray("- [-] R 🔁 every day 📅 2025-11-08 ❌ 2025-11-09\n");
    QTest::newRow("mangled variation selector and done date")
        << (QByteArray("- [x] VS ") + mangled("⏳\xEF\xB8\x8F") + " 2025-11-08 " + mangled("✅") + " 2025-11-09\n") << 1 << ""
        << (QByteArray("- [ ] VS ") + mangled("⏳\xEF\xB8\x8F") + " 2025-11-08\n");
    QTest::newRow("🏁 keep stays") << QByteArray("- [ ] Keep me 🏁 keep\n") << 1 << ""
                                  << QByteArray("- [x] Keep me 🏁 keep ✅ 2025-11-09\n");
    QTest::newRow("🏁 delete removes the line") << QByteArray("a\n- [ ] Gone soon 🏁 delete\nb\n") << 2 << ""
                                               << QByteArray("a\nb\n");
    QTest::newRow("🏁 Delete in capitals, last line without newline")
        << QByteArray("a\n- [ ] Gone 🏁 Delete") << 2 << "" << QByteArray("a");
    QTest::newRow("🏁 delete does not apply to cancel") << QByteArray("- [ ] Stay 🏁 delete\n") << 1 << "-"
                                                       << QByteArray("- [-] Stay 🏁 delete ❌ 2025-11-09\n");
}

void TestTaskWriter::transitions()
{
    QFETCH(QByteArray, file);
    QFETCH(int, line);
    QFETCH(QString, status);
    QFETCH(QByteArray, expected);
    const TaskWriteResult r = TaskWriter::plan(file, taskAt(file, line), statusArg(status), kToday);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.bytes, expected);
    // applying the planned edit to the original gives the same bytes, and reverting restores it
    const TaskWriteResult again = TaskWriter::apply(file, r.edit);
    QVERIFY2(again.ok, qPrintable(again.error));
    QCOMPARE(again.bytes, expected);
    const TaskWriteResult undone = TaskWriter::apply(r.bytes, r.edit.reversed());
    QVERIFY2(undone.ok, qPrintable(undone.error));
    QCOMPARE(undone.bytes, file);
}

void TestTaskWriter::recurrence_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("every week") << QByteArray("- [ ] Water plants 🔁 every week 📅 2025-11-08\n") << 1 << kToday
                                << QByteArray("- [ ] Water plants 🔁 every week 📅 2025-11-15\n"
                                              "- [x] Water plants 🔁 every week 📅 2025-11-08 ✅ 2025-11-09\n");
    QTest::newRow("every day, completed late") << QByteArray("- [ ] Stretch 🔁 every day ⏳ 2025-11-01\n") << 1 << kToday
                                               << QByteArray("- [ ] Stretch 🔁 every day ⏳ 2025-11-02\n"
                                                             "- [x] Stretch 🔁 every day ⏳ 2025-11-01 ✅ 2025-11-09\n");
    QTest::newRow("every weekday from a start date") << QByteArray("- [ ] Standup 🔁 every weekday 🛫 2025-11-07\n") << 1
                                                     << kToday
                                                     << QByteArray("- [ ] Standup 🔁 every weekday 🛫 2025-11-10\n"
                                                                   "- [x] Standup 🔁 every weekday 🛫 2025-11-07 ✅ 2025-11-09\n");
    QTest::newRow("every month keeps offsets of start and scheduled")
        << QByteArray("- [ ] Pay rent 🔁 every month 🛫 2025-01-25 ⏳ 2025-01-28 📅 2025-01-31\n") << 1 << kToday
        << QByteArray("- [ ] Pay rent 🔁 every month 🛫 2025-02-22 ⏳ 2025-02-25 📅 2025-02-28\n"
                      "- [x] Pay rent 🔁 every month 🛫 2025-01-25 ⏳ 2025-01-28 📅 2025-01-31 ✅ 2025-11-09\n");
    QTest::newRow("every month on the 31st skips") << QByteArray("- [ ] Report 🔁 every month on the 31st 📅 2025-01-31\n")
                                                   << 1 << kToday
                                                   << QByteArray("- [ ] Report 🔁 every month on the 31st 📅 2025-03-31\n"
                                                                 "- [x] Report 🔁 every month on the 31st 📅 2025-01-31 ✅ 2025-11-09\n");
    QTest::newRow("every year from Feb 29") << QByteArray("- [ ] Leap 🔁 every year 📅 2024-02-29\n") << 1 << kToday
                                            << QByteArray("- [ ] Leap 🔁 every year 📅 2025-02-28\n"
                                                          "- [x] Leap 🔁 every year 📅 2024-02-29 ✅ 2025-11-09\n");
    QTest::newRow("when done counts from today") << QByteArray("- [ ] Haircut 🔁 every 2 weeks when done 📅 2025-10-01\n")
                                                 << 1 << kToday
                                                 << QByteArray("- [ ] Haircut 🔁 every 2 weeks when done 📅 2025-11-23\n"
                                                               "- [x] Haircut 🔁 every 2 weeks when done 📅 2025-10-01 ✅ 2025-11-09\n");
    QTest::newRow("no dates: identical copy") << QByteArray("- [ ] Stretch 🔁 every day\n") << 1 << kToday
                                              << QByteArray("- [ ] Stretch 🔁 every day\n"
                                                            "- [x] Stretch 🔁 every day ✅ 2025-11-09\n");
    QTest::newRow("drops created, id, depends, done, cancelled, block link")
        << QByteArray("- [ ] Review 🔁 every day ➕ 2025-11-01 🆔 abc ⛔ x1,x2 ❌ 2025-01-01 📅 2025-11-08 ^blk\n") << 1
        << kToday
        << QByteArray("- [ ] Review 🔁 every day 📅 2025-11-09\n"
                      "- [x] Review 🔁 every day ➕ 2025-11-01 🆔 abc ⛔ x1,x2 📅 2025-11-08 ✅ 2025-11-09 ^blk\n");
    QTest::newRow("question mark status recurs as todo")
        << QByteArray("* [?] Check 🔁 every week 📅 2025-11-08 #t\n") << 1 << kToday
        << QByteArray("* [ ] Check 🔁 every week 📅 2025-11-15 #t\n* [x] Check 🔁 every week 📅 2025-11-08 #t ✅ 2025-11-09\n");
    QTest::newRow("malformed status recurs as todo")
        << QByteArray("- [ ?] Check 🔁 every week 📅 2025-11-08\n") << 1 << kToday
        << QByteArray("- [ ] Check 🔁 every week 📅 2025-11-15\n- [x] Check 🔁 every week 📅 2025-11-08 ✅ 2025-11-09\n");
    QTest::newRow("quoted and indented keep prefix and marker")
        << QByteArray("> \t1. [ ] Q 🔁 every day 📅 2025-11-08\n") << 1 << kToday
        << QByteArray("> \t1. [ ] Q 🔁 every day 📅 2025-11-09\n> \t1. [x] Q 🔁 every day 📅 2025-11-08 ✅ 2025-11-09\n");
    QTest::newRow("CRLF recurring") << QByteArray("top\r\n- [ ] R 🔁 every day 📅 2025-11-08\r\nend\r\n") << 2 << kToday
                                    << QByteArray("top\r\n- [ ] R 🔁 every day 📅 2025-11-09\r\n"
                                                  "- [x] R 🔁 every day 📅 2025-11-08 ✅ 2025-11-09\r\nend\r\n");
    QTest::newRow("recurring last line without newline")
        << QByteArray("top\n- [ ] R 🔁 every day 📅 2025-11-08") << 2 << kToday
        << QByteArray("top\n- [ ] R 🔁 every day 📅 2025-11-09\n- [x] R 🔁 every day 📅 2025-11-08 ✅ 2025-11-09");
    QTest::newRow("mojibake recurring moves only the digits")
        << (QByteArray("- [ ] Review ") + mangled("🔁") + " every week " + mangled("📅") + " 2025-11-08\n") << 1 << kToday
        << QByteArray(QByteArray("- [ ] Review ") + mangled("🔁") + " every week " + mangled("📅") + " 2025-11-15\n"
            + "- [ ] Review " + mangled("🔁") + " every week " + mangled("📅") + " 2025-11-08 ✅ 2025-11-09\n")
               .replace("\n- [ ] Review", "\n- [x] Review");
    QTest::newRow("🏁 delete recurring leaves only the next one")
        << QByteArray("a\n- [ ] Bins 🔁 every week 🏁 delete 📅 2025-11-08\nb\n") << 2 << kToday
        << QByteArray("a\n- [ ] Bins 🔁 every week 🏁 delete 📅 2025-11-15\nb\n");
    QTest::newRow("duplicate due: leftmost is moved") << QByteArray("- [ ] Dup 🔁 every day 📅 2025-11-08 📅 2025-12-01\n")
                                                      << 1 << kToday
                                                      << QByteArray("- [ ] Dup 🔁 every day 📅 2025-11-09 📅 2025-12-01\n"
                                                                    "- [x] Dup 🔁 every day 📅 2025-11-08 📅 2025-12-01 ✅ 2025-11-09\n");
}

void TestTaskWriter::recurrence()
{
    QFETCH(QByteArray, file);
    QFETCH(int, line);
    QFETCH(QDate, today);
    QFETCH(QByteArray, expected);
    const TaskWriteResult r = TaskWriter::plan(file, taskAt(file, line), std::nullopt, today);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.bytes, expected);
    const TaskWriteResult undone = TaskWriter::apply(r.bytes, r.edit.reversed());
    QVERIFY2(undone.ok, qPrintable(undone.error));
    QCOMPARE(undone.bytes, file);
}

void TestTaskWriter::refusals_data()
{
    QTest::addColumn<QByteArray>("readFrom");   // the file when the task was read
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArray>("now");        // the file when the write is planned
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("reason");

    const QByteArray base("a\n- [ ] Task one\nb\n");
    QTest::newRow("deleted line") << base << 2 << QByteArray("a\nb\n") << "" << "no longer holds";
    QTest::newRow("changed line") << base << 2 << QByteArray("a\n- [ ] Task one, edited\nb\n") << "" << "no longer holds";
    QTest::newRow("already ticked elsewhere") << base << 2 << QByteArray("a\n- [x] Task one\nb\n") << "" << "no longer holds";
    QTest::newRow("moved and duplicated") << base << 2 << QByteArray("new\na\n- [ ] Task one\n- [ ] Task one\nb\n") << ""
                                          << "2 identical";
    QTest::newRow("already done") << QByteArray("- [x] Done ✅ 2025-11-01\n") << 1
                                  << QByteArray("- [x] Done ✅ 2025-11-01\n") << "x" << "already done";
    QTest::newRow("unsupported rule") << QByteArray("- [ ] Tue 🔁 every month on the 2nd Tuesday 📅 2025-11-11\n") << 1
                                      << QByteArray("- [ ] Tue 🔁 every month on the 2nd Tuesday 📅 2025-11-11\n") << ""
                                      << "does not understand";
    QTest::newRow("invalid due date on a recurring task")
        << QByteArray("- [ ] Bad 🔁 every day 📅 2025-02-30\n") << 1 << QByteArray("- [ ] Bad 🔁 every day 📅 2025-02-30\n")
        << "" << "not a real day";
    QTest::newRow("UTF-16 file") << base << 2 << QByteArray("\xFF\xFE" "a\0\n\0", 6) << "" << "UTF-16";
    QTest::newRow("invalid UTF-8 in the task line")
        << QByteArray("- [ ] Caf\xE9\n") << 1 << QByteArray("- [ ] Caf\xE9\n") << "" << "not valid UTF-8";
    QTest::newRow("status ] is refused") << base << 2 << base << "]" << "cannot be a task status";
}

void TestTaskWriter::refusals()
{
    QFETCH(QByteArray, readFrom);
    QFETCH(int, line);
    QFETCH(QByteArray, now);
    QFETCH(QString, status);
    QFETCH(QString, reason);
    const TaskWriteResult r = TaskWriter::plan(now, taskAt(readFrom, line), statusArg(status), kToday);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(reason), qPrintable(r.error));
    QVERIFY(r.bytes.isEmpty());
}

void TestTaskWriter::movedTask()
{
    const QByteArray readFrom("a\n- [ ] Task one\nb\n");
    const QByteArray now("new 1\nnew 2\r\na\n- [ ] Task one\nb\n");
    const TaskWriteResult r = TaskWriter::plan(now, taskAt(readFrom, 2), std::nullopt, kToday);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.edit.line, 4);
    QCOMPARE(r.bytes, QByteArray("new 1\nnew 2\r\na\n- [x] Task one ✅ 2025-11-09\nb\n"));
}

void TestTaskWriter::duplicateAtRecordedLineIsUsed()
{
    const QByteArray file("- [ ] Same\n- [ ] Same\n");
    const TaskWriteResult r = TaskWriter::plan(file, taskAt(file, 2), std::nullopt, kToday);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.bytes, QByteArray("- [ ] Same\n- [x] Same ✅ 2025-11-09\n"));
}

void TestTaskWriter::undoRedo_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("line");
    QTest::newRow("plain tick") << QByteArray("a\n- [ ] T\nb\n") << 2;
    QTest::newRow("recurring tick") << QByteArray("a\r\n- [ ] T 🔁 every day 📅 2025-11-08\r\nb") << 2;
    QTest::newRow("delete in the middle") << QByteArray("a\n- [ ] T 🏁 delete\nb\n") << 2;
    QTest::newRow("delete the first line") << QByteArray("- [ ] T 🏁 delete\nb\n") << 1;
    QTest::newRow("delete the last line without newline") << QByteArray("a\r\n- [ ] T 🏁 delete") << 2;
    QTest::newRow("delete the only line") << QByteArray("- [ ] T 🏁 delete") << 1;
    QTest::newRow("delete after BOM") << QByteArray("\xEF\xBB\xBF- [ ] T 🏁 delete\nb\n") << 1;
}

void TestTaskWriter::undoRedo()
{
    QFETCH(QByteArray, file);
    QFETCH(int, line);
    const TaskWriteResult done = TaskWriter::plan(file, taskAt(file, line), std::nullopt, kToday);
    QVERIFY2(done.ok, qPrintable(done.error));
    QVERIFY(done.bytes != file);
    const TaskWriteResult undone = TaskWriter::apply(done.bytes, done.edit.reversed());
    QVERIFY2(undone.ok, qPrintable(undone.error));
    QCOMPARE(undone.bytes, file);
    const TaskWriteResult redone = TaskWriter::apply(undone.bytes, undone.edit.reversed());
    QVERIFY2(redone.ok, qPrintable(redone.error));
    QCOMPARE(redone.bytes, done.bytes);
    const TaskWriteResult undoneAgain = TaskWriter::apply(redone.bytes, redone.edit.reversed());
    QVERIFY2(undoneAgain.ok, qPrintable(undoneAgain.error));
    QCOMPARE(undoneAgain.bytes, file);
}

void TestTaskWriter::undoAfterOtherEdits()
{
    const QByteArray file("a\n- [ ] Bins 🔁 every week 🏁 delete 📅 2025-11-08\nb\n");
    const TaskWriteResult done = TaskWriter::plan(file, taskAt(file, 2), std::nullopt, kToday);
    QVERIFY2(done.ok, qPrintable(done.error));
    // someone adds lines above and below before the undo
    const QByteArray edited = "inserted\n" + done.bytes + "appended\n";
    const TaskWriteResult undone = TaskWriter::apply(edited, done.edit.reversed());
    QVERIFY2(undone.ok, qPrintable(undone.error));
    QCOMPARE(undone.bytes, "inserted\n" + file + "appended\n");

    // a deleted line goes back between its old neighbours even when they moved
    const QByteArray plain("top\n- [ ] Once 🏁 delete\nbottom\n");
    const TaskWriteResult gone = TaskWriter::plan(plain, taskAt(plain, 2), std::nullopt, kToday);
    QVERIFY2(gone.ok, qPrintable(gone.error));
    QCOMPARE(gone.bytes, QByteArray("top\nbottom\n"));
    const TaskWriteResult back = TaskWriter::apply("x\ny\ntop\nbottom\n", gone.edit.reversed());
    QVERIFY2(back.ok, qPrintable(back.error));
    QCOMPARE(back.bytes, QByteArray("x\ny\ntop\n- [ ] Once 🏁 delete\nbottom\n"));
}

void TestTaskWriter::undoRefusedWhenLineChanged()
{
    const QByteArray file("a\n- [ ] T\nb\n");
    const TaskWriteResult done = TaskWriter::plan(file, taskAt(file, 2), std::nullopt, kToday);
    QVERIFY2(done.ok, qPrintable(done.error));
    const QByteArray changed = QByteArray(done.bytes).replace("- [x] T", "- [x] T edited");
    const TaskWriteResult undone = TaskWriter::apply(changed, done.edit.reversed());
    QVERIFY(!undone.ok);
    QVERIFY2(undone.error.contains("changed"), qPrintable(undone.error));

    const QByteArray plain("top\n- [ ] Once 🏁 delete\nbottom\n");
    const TaskWriteResult gone = TaskWriter::plan(plain, taskAt(plain, 2), std::nullopt, kToday);
    QVERIFY2(gone.ok, qPrintable(gone.error));
    const TaskWriteResult lost = TaskWriter::apply("top\nmiddle\nbottom\n", gone.edit.reversed());
    QVERIFY(!lost.ok);
    QVERIFY2(lost.error.contains("where to put the line back"), qPrintable(lost.error));
    const TaskWriteResult twice = TaskWriter::apply("x\ntop\nbottom\ntop\nbottom\n", gone.edit.reversed());
    QVERIFY2(twice.error.contains("2 times"), qPrintable(twice.error));
    QVERIFY(!twice.ok);
}

// The real notes: ticking any task changes exactly that line and nothing else.
void TestTaskWriter::seedNotesTickOneLineOnly()
{
    const QDir seeds(QStringLiteral(MINUTES_SEEDS_DIR));
    const QStringList names = seeds.entryList({QStringLiteral("*.txt")}, QDir::Files);
    if (names.isEmpty())
        QSKIP("no seed notes on this machine");
    int ticked = 0;
    for (const QString &name : names) {
        QFile f(seeds.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const QList<QByteArray> lines = bytes.split('\n');
        for (int i = 0; i < lines.size(); ++i) {
            const std::optional<Task> task = TaskParser::parse(QString::fromUtf8(lines[i]), i + 1);
            if (!task)
                continue;
            const TaskWriteResult r = TaskWriter::plan(bytes, *task, std::nullopt, kToday);
            QVERIFY2(r.ok, qPrintable(name + QLatin1Char(':') + QString::number(i + 1) + QLatin1String(": ") + r.error));
            QList<QByteArray> expected = lines;
            const std::optional<Task> after = TaskParser::parse(r.edit.after.value(0), i + 1);
            QVERIFY(after);
            QCOMPARE(after->status, task->isOpen() ? U'x' : U' ');
            QCOMPARE(after->due, task->due);
            QCOMPARE(after->priority, task->priority);
            QCOMPARE(after->owner, task->owner);
            QCOMPARE(after->tags, task->tags);
            expected[i] = r.edit.after.value(0).toUtf8();
            QCOMPARE(r.bytes, expected.join('\n'));
            ++ticked;
        }
    }
    QVERIFY(ticked > 0);
}

QTEST_GUILESS_MAIN(TestTaskWriter)
#include "tst_taskwriter.moc"
