#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace minutes {

// A 🔁 rule of the Obsidian Tasks plugin and its next-occurrence maths (TASKS-FORMAT.md §5),
// for the rules the plugin documents: every [N] day(s), every weekday, every [N] week(s)
// [on Monday, Friday], every Monday, every [N] month(s) [on the 1st, 31st, last],
// every [N] year(s), each optionally followed by "when done". Other rrule wordings are refused
// (parse() returns nullopt) so that a caller never invents a date the plugin would not.
class Recurrence final
{
public:
    enum class Frequency { Daily, Weekly, Monthly, Yearly };

    // Reads the rule text as it follows 🔁 ("every month on the 31st when done"), any case.
    static std::optional<Recurrence> parse(QStringView text, QString *error = nullptr);

    // The next reference date. Without "when done": the first occurrence strictly after
    // `reference`, counted from `reference` (a late completion does not push the date along).
    // With "when done", or when `reference` is null: the first occurrence strictly after `today`,
    // counted from `today`. Rules without " on " pull an impossible month day back to the last
    // day of the month (Jan 31 + 1 month = Feb 28); rules with " on " skip such months.
    QDate next(QDate reference, QDate today) const;

    Frequency frequency() const { return m_frequency; }
    int interval() const { return m_interval; }
    bool whenDone() const { return m_whenDone; }
    QList<int> weekdays() const { return m_weekdays; }     // 1 = Monday .. 7 = Sunday, sorted
    QList<int> monthDays() const { return m_monthDays; }   // 1..31, -1 = last day, sorted
    QString text() const { return m_text; }               // as written, trimmed

private:
    QDate nextFrom(QDate start) const;

    Frequency m_frequency = Frequency::Daily;
    int m_interval = 1;
    bool m_whenDone = false;
    QList<int> m_weekdays;
    QList<int> m_monthDays;
    QString m_text;
};

} // namespace minutes
