#include "tasks/recurrence.h"

#include <QTest>

using namespace minutes;

// The rules the plugin documents, with the dates its rrule-based maths gives (TASKS-FORMAT.md §5).
class TestRecurrence final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void next_data();
    void next();
    void parse_data();
    void parse();
    void unsupported_data();
    void unsupported();
};

void TestRecurrence::next_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QDate>("reference");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QDate>("expected");

    const QDate today(2025, 11, 20);
    QTest::newRow("every day") << "every day" << QDate(2025, 11, 8) << today << QDate(2025, 11, 9);
    QTest::newRow("every 3 days") << "every 3 days" << QDate(2025, 11, 8) << today << QDate(2025, 11, 11);
    QTest::newRow("every day across a year end") << "every day" << QDate(2025, 12, 31) << today << QDate(2026, 1, 1);
    QTest::newRow("every weekday from Friday") << "every weekday" << QDate(2025, 11, 7) << today << QDate(2025, 11, 10);
    QTest::newRow("every weekday from Saturday") << "every weekday" << QDate(2025, 11, 8) << today << QDate(2025, 11, 10);
    QTest::newRow("every weekday midweek") << "every weekday" << QDate(2025, 11, 5) << today << QDate(2025, 11, 6);
    QTest::newRow("every week") << "every week" << QDate(2025, 11, 8) << today << QDate(2025, 11, 15);
    QTest::newRow("every 2 weeks") << "every 2 weeks" << QDate(2025, 11, 8) << today << QDate(2025, 11, 22);
    QTest::newRow("every week on Monday from Wednesday")
        << "every week on Monday" << QDate(2025, 11, 5) << today << QDate(2025, 11, 10);
    QTest::newRow("every week on Monday from Monday")
        << "every week on Monday" << QDate(2025, 11, 10) << today << QDate(2025, 11, 17);
    QTest::newRow("every week on Monday, Friday from Monday")
        << "every week on Monday, Friday" << QDate(2025, 11, 3) << today << QDate(2025, 11, 7);
    QTest::newRow("every week on Monday, Friday from Friday")
        << "every week on Monday, Friday" << QDate(2025, 11, 7) << today << QDate(2025, 11, 10);
    QTest::newRow("every Monday is weekly on Monday")
        << "every Monday" << QDate(2025, 11, 5) << today << QDate(2025, 11, 10);
    QTest::newRow("every 2 weeks on Monday counts weeks from the start week")
        << "every 2 weeks on Monday" << QDate(2025, 11, 5) << today << QDate(2025, 11, 17);
    QTest::newRow("every month") << "every month" << QDate(2025, 1, 15) << today << QDate(2025, 2, 15);
    QTest::newRow("every month from Jan 31 pulls back to Feb 28")
        << "every month" << QDate(2025, 1, 31) << today << QDate(2025, 2, 28);
    QTest::newRow("every month from Jan 31 in a leap year")
        << "every month" << QDate(2024, 1, 31) << today << QDate(2024, 2, 29);
    QTest::newRow("every month from Mar 31 to Apr 30")
        << "every month" << QDate(2025, 3, 31) << today << QDate(2025, 4, 30);
    QTest::newRow("every 2 months from Dec 31") << "every 2 months" << QDate(2024, 12, 31) << today << QDate(2025, 2, 28);
    QTest::newRow("every 3 months") << "every 3 months" << QDate(2025, 11, 30) << today << QDate(2026, 2, 28);
    QTest::newRow("every month on the 31st skips February")
        << "every month on the 31st" << QDate(2025, 1, 31) << today << QDate(2025, 3, 31);
    QTest::newRow("every month on the 31st skips November")
        << "every month on the 31st" << QDate(2025, 10, 31) << today << QDate(2025, 12, 31);
    QTest::newRow("every month on the 31st from mid-month")
        << "every month on the 31st" << QDate(2025, 4, 10) << today << QDate(2025, 5, 31);
    QTest::newRow("every month on the last") << "every month on the last" << QDate(2025, 1, 31) << today << QDate(2025, 2, 28);
    QTest::newRow("every month on the last from February")
        << "every month on the last" << QDate(2025, 2, 28) << today << QDate(2025, 3, 31);
    QTest::newRow("every month on the 1st, 15th before the 15th")
        << "every month on the 1st, 15th" << QDate(2025, 1, 10) << today << QDate(2025, 1, 15);
    QTest::newRow("every month on the 1st and 15th on the 15th")
        << "every month on the 1st and 15th" << QDate(2025, 1, 15) << today << QDate(2025, 2, 1);
    QTest::newRow("every year") << "every year" << QDate(2025, 3, 1) << today << QDate(2026, 3, 1);
    QTest::newRow("every year from Feb 29") << "every year" << QDate(2024, 2, 29) << today << QDate(2025, 2, 28);
    QTest::newRow("every 2 years") << "every 2 years" << QDate(2025, 6, 30) << today << QDate(2027, 6, 30);
    QTest::newRow("late completion keeps the schedule")
        << "every week" << QDate(2025, 11, 1) << today << QDate(2025, 11, 8);
    QTest::newRow("every week when done counts from today")
        << "every week when done" << QDate(2025, 11, 1) << today << QDate(2025, 11, 27);
    QTest::newRow("every day when done") << "every day when done" << QDate(2025, 11, 1) << today << QDate(2025, 11, 21);
    QTest::newRow("every month when done from Jan 31")
        << "every month when done" << QDate(2025, 11, 1) << QDate(2025, 1, 31) << QDate(2025, 2, 28);
    QTest::newRow("every weekday when done on a Friday")
        << "every weekday when done" << QDate(2025, 11, 1) << QDate(2025, 11, 21) << QDate(2025, 11, 24);
    QTest::newRow("no reference date counts from today") << "every week" << QDate() << today << QDate(2025, 11, 27);
    QTest::newRow("capitals") << "Every Week" << QDate(2025, 11, 8) << today << QDate(2025, 11, 15);
    QTest::newRow("When Done in capitals") << "every week WHEN DONE" << QDate(2025, 11, 1) << today << QDate(2025, 11, 27);
}

void TestRecurrence::next()
{
    QFETCH(QString, rule);
    QFETCH(QDate, reference);
    QFETCH(QDate, today);
    QFETCH(QDate, expected);
    QString error;
    const std::optional<Recurrence> r = Recurrence::parse(rule, &error);
    QVERIFY2(r, qPrintable(error));
    QCOMPARE(r->next(reference, today), expected);
}

void TestRecurrence::parse_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<int>("frequency");
    QTest::addColumn<int>("interval");
    QTest::addColumn<bool>("whenDone");
    QTest::addColumn<QList<int>>("weekdays");
    QTest::addColumn<QList<int>>("monthDays");

    using F = Recurrence::Frequency;
    QTest::newRow("every day") << "every day" << int(F::Daily) << 1 << false << QList<int>{} << QList<int>{};
    QTest::newRow("every 1 days") << "every 1 days" << int(F::Daily) << 1 << false << QList<int>{} << QList<int>{};
    QTest::newRow("weekday") << "every weekday" << int(F::Weekly) << 1 << false << QList<int>{1, 2, 3, 4, 5}
                             << QList<int>{};
    QTest::newRow("days listed out of order, abbreviated")
        << "every week on fri, Mon" << int(F::Weekly) << 1 << false << QList<int>{1, 5} << QList<int>{};
    QTest::newRow("month days with last") << "every 2 months on the last, 1st when done" << int(F::Monthly) << 2
                                          << true << QList<int>{} << QList<int>{-1, 1};
    QTest::newRow("extra spaces") << "  every   2   years  " << int(F::Yearly) << 2 << false << QList<int>{}
                                  << QList<int>{};
}

void TestRecurrence::parse()
{
    QFETCH(QString, rule);
    QFETCH(int, frequency);
    QFETCH(int, interval);
    QFETCH(bool, whenDone);
    QFETCH(QList<int>, weekdays);
    QFETCH(QList<int>, monthDays);
    const std::optional<Recurrence> r = Recurrence::parse(rule);
    QVERIFY(r);
    QCOMPARE(int(r->frequency()), frequency);
    QCOMPARE(r->interval(), interval);
    QCOMPARE(r->whenDone(), whenDone);
    QCOMPARE(r->weekdays(), weekdays);
    QCOMPARE(r->monthDays(), monthDays);
    QCOMPARE(r->text(), rule.trimmed());
}

void TestRecurrence::unsupported_data()
{
    QTest::addColumn<QString>("rule");
    QTest::newRow("empty") << "";
    QTest::newRow("not every") << "daily";
    QTest::newRow("every alone") << "every";
    QTest::newRow("blue moon") << "every blue moon";
    QTest::newRow("nth weekday of month") << "every month on the 2nd Tuesday";
    QTest::newRow("zero interval") << "every 0 days";
    QTest::newRow("weekday with a number") << "every 2 weekday";
    QTest::newRow("on a weekday of a day rule") << "every day on Monday";
    QTest::newRow("impossible month day") << "every month on the 32nd";
    QTest::newRow("when done alone") << "every when done";
    QTest::newRow("hours") << "every 2 hours";
}

void TestRecurrence::unsupported()
{
    QFETCH(QString, rule);
    QString error;
    QVERIFY(!Recurrence::parse(rule, &error));
    QVERIFY(error.contains(rule.trimmed()));
}

QTEST_GUILESS_MAIN(TestRecurrence)
#include "tst_recurrence.moc"
