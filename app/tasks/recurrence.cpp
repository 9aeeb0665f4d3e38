#include "tasks/recurrence.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace minutes {

namespace {

// Weekday names as the rrule text parser reads them: full names and three-letter abbreviations.
int weekdayNumber(QStringView word)
{
    static const char *const names[] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};
    for (int i = 0; i < 7; ++i) {
        const QLatin1String full(names[i]);
        if (word == full || word == full.left(3))
            return i + 1;
    }
    return 0;
}

// "1st", "2nd", "23rd", "31st", "last" -> 1..31 or -1; 0 when it is none of these.
int monthDayNumber(QStringView word)
{
    if (word == u"last")
        return -1;
    static const QRegularExpression ordinal(QStringLiteral("^([0-9]{1,2})(st|nd|rd|th)$"));
    const QRegularExpressionMatch m = ordinal.match(word.toString());
    if (!m.hasMatch())
        return 0;
    const int day = m.capturedView(1).toInt();
    return day >= 1 && day <= 31 ? day : 0;
}

// Splits "Monday, Friday and Sunday" into its words; commas and "and" separate items.
QStringList listItems(const QStringList &words, qsizetype from)
{
    QStringList items;
    for (qsizetype i = from; i < words.size(); ++i) {
        if (words[i] != u"and")
            items.append(words[i]);
    }
    return items;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

std::optional<Recurrence> Recurrence::parse(QStringView text, QString *error)
{
    Recurrence rule;
    rule.m_text = text.trimmed().toString();
    QString lower = rule.m_text.toLower();
    lower.replace(u',', QLatin1String(" "));
    QStringList words = lower.split(u' ', Qt::SkipEmptyParts);
    const auto unsupported = [&] {
        fail(error, QStringLiteral("Minutes does not understand the recurrence rule \u201c%1\u201d")
                        .arg(rule.m_text));
        return std::nullopt;
    };

    if (words.size() >= 2 && words.last() == u"done" && words[words.size() - 2] == u"when") {
        rule.m_whenDone = true;
        words.resize(words.size() - 2);
    }
    if (words.size() < 2 || words.first() != u"every")
        return unsupported();

    qsizetype i = 1;
    bool hasNumber = false;
    bool numberOk = false;
    const int number = words[i].toInt(&numberOk);
    if (numberOk) {
        if (number < 1 || number > 1000)
            return unsupported();
        rule.m_interval = number;
        hasNumber = true;
        ++i;
    }
    if (i >= words.size())
        return unsupported();

    const QString unit = words[i++];
    const bool plural = unit.endsWith(u's');
    const QString singular = plural ? unit.chopped(1) : unit;
    if (singular == u"day") {
        rule.m_frequency = Frequency::Daily;
    } else if (unit == u"weekday" && !hasNumber) {
        rule.m_frequency = Frequency::Weekly;
        rule.m_weekdays = {1, 2, 3, 4, 5};
    } else if (singular == u"week") {
        rule.m_frequency = Frequency::Weekly;
    } else if (singular == u"month") {
        rule.m_frequency = Frequency::Monthly;
    } else if (singular == u"year") {
        rule.m_frequency = Frequency::Yearly;
    } else if (!hasNumber && weekdayNumber(unit) > 0) {
        // "every Monday, Friday" is the plugin's "every week on Monday, Friday"
        rule.m_frequency = Frequency::Weekly;
        for (const QString &item : listItems(words, i - 1)) {
            const int day = weekdayNumber(item);
            if (day == 0)
                return unsupported();
            rule.m_weekdays.append(day);
        }
        i = words.size();
    } else {
        return unsupported();
    }

    if (i < words.size()) {
        if (words[i] != u"on")
            return unsupported();
        ++i;
        if (rule.m_frequency == Frequency::Weekly && rule.m_weekdays.isEmpty()) {
            for (const QString &item : listItems(words, i)) {
                const int day = weekdayNumber(item);
                if (day == 0)
                    return unsupported();
                rule.m_weekdays.append(day);
            }
        } else if (rule.m_frequency == Frequency::Monthly && i < words.size() && words[i] == u"the") {
            for (const QString &item : listItems(words, i + 1)) {
                const int day = monthDayNumber(item);
                if (day == 0)
                    return unsupported();
                rule.m_monthDays.append(day);
            }
        } else {
            return unsupported();
        }
        if (rule.m_weekdays.isEmpty() && rule.m_monthDays.isEmpty())
            return unsupported();
    }

    std::sort(rule.m_weekdays.begin(), rule.m_weekdays.end());
    rule.m_weekdays.erase(std::unique(rule.m_weekdays.begin(), rule.m_weekdays.end()), rule.m_weekdays.end());
    std::sort(rule.m_monthDays.begin(), rule.m_monthDays.end());
    rule.m_monthDays.erase(std::unique(rule.m_monthDays.begin(), rule.m_monthDays.end()), rule.m_monthDays.end());
    return rule;
}

QDate Recurrence::next(QDate reference, QDate today) const
{
    return nextFrom(m_whenDone || !reference.isValid() ? today : reference);
}

// The plugin builds an rrule with dtstart = `start` and asks for the first occurrence after the
// end of that day; its month/year overflow fix-up then walks back to the last valid day.
QDate Recurrence::nextFrom(QDate start) const
{
    if (!start.isValid())
        return {};
    switch (m_frequency) {
    case Frequency::Daily:
        return start.addDays(m_interval);
    case Frequency::Yearly:
        return start.addYears(m_interval); // Feb 29 + 1 year = Feb 28, as the plugin's fix-up
    case Frequency::Weekly: {
        // rrule counts weeks from the week of dtstart, weeks starting on Monday
        const QList<int> days = m_weekdays.isEmpty() ? QList<int>{start.dayOfWeek()} : m_weekdays;
        const QDate firstMonday = start.addDays(1 - start.dayOfWeek());
        for (QDate d = start.addDays(1); d <= start.addDays(7 * m_interval + 7); d = d.addDays(1)) {
            const qint64 weeks = firstMonday.daysTo(d.addDays(1 - d.dayOfWeek())) / 7;
            if (weeks % m_interval == 0 && days.contains(d.dayOfWeek()))
                return d;
        }
        return {};
    }
    case Frequency::Monthly: {
        if (m_monthDays.isEmpty())
            return start.addMonths(m_interval); // clamps Jan 31 + 1 month to Feb 28
        // "on the 31st" follows RFC 5545: months without that day are skipped
        const QDate firstOfMonth(start.year(), start.month(), 1);
        for (int k = 0; k <= 12 * 8 * m_interval; k += m_interval) {
            const QDate month = firstOfMonth.addMonths(k);
            QDate best;
            for (const int day : m_monthDays) {
                const int resolved = day < 0 ? month.daysInMonth() : day;
                if (resolved > month.daysInMonth())
                    continue;
                const QDate candidate(month.year(), month.month(), resolved);
                if (candidate > start && (!best.isValid() || candidate < best))
                    best = candidate;
            }
            if (best.isValid())
                return best;
        }
        return {};
    }
    }
    return {};
}

} // namespace minutes
