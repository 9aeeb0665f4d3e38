#include "note/frontmatterfields.h"

#include <QSet>

namespace minutes {

namespace {

enum class Key { Other, Type, Title, Date, Person, Participants, Tags, Aliases, Source, SourceRef };

struct KnownKey
{
    QLatin1StringView name;
    Key key;
};

constexpr KnownKey KnownKeys[] = {
    {QLatin1StringView("type"), Key::Type},
    {QLatin1StringView("title"), Key::Title},
    {QLatin1StringView("date"), Key::Date},
    {QLatin1StringView("person"), Key::Person},
    {QLatin1StringView("participants"), Key::Participants},
    {QLatin1StringView("attendees"), Key::Participants},
    {QLatin1StringView("tags"), Key::Tags},
    {QLatin1StringView("aliases"), Key::Aliases},
    {QLatin1StringView("source"), Key::Source},
    {QLatin1StringView("source_ref"), Key::SourceRef},
};

const KnownKey *knownKey(const QString &key)
{
    // Cheap rejection first: every known key is 4 to 12 characters long.
    if (key.size() < 4 || key.size() > 12)
        return nullptr;
    for (const KnownKey &known : KnownKeys) {
        if (key.size() == known.name.size() && key.compare(known.name, Qt::CaseInsensitive) == 0)
            return &known;
    }
    return nullptr;
}

class Reader
{
public:
    Reader(int firstLine, Problems *problems) : m_firstLine(firstLine), m_problems(problems) { }

    void report(int yamlLine, const QString &message) const
    {
        if (m_problems)
            m_problems->append({QString(), m_firstLine + yamlLine, message, Problem::Severity::Warning});
    }

    // Every scalar of a value, lists flattened: an unquoted `[[Rob Banga]]` is a list in a list.
    static void collect(const YamlValue &value, QStringList &out, bool *hadMap)
    {
        switch (value.kind) {
        case YamlValue::Kind::Null:
            break;
        case YamlValue::Kind::Scalar:
            out.append(value.scalar);
            break;
        case YamlValue::Kind::Sequence:
            for (const YamlValue &item : value.items)
                collect(item, out, hadMap);
            break;
        case YamlValue::Kind::Map:
            *hadMap = true;
            break;
        }
    }

    QString text(const YamlValue &value, const QString &key, int line) const
    {
        QStringList parts;
        bool hadMap = false;
        collect(value, parts, &hadMap);
        if (hadMap)
            report(line, QStringLiteral("front matter '%1' should be text, not a set of keys").arg(key));
        if (parts.size() > 1)
            report(line, QStringLiteral("front matter '%1' should be a single value; its values are joined").arg(key));
        if (parts.size() == 1)
            return parts.constFirst().trimmed();   // shares the scalar when there is nothing to trim
        return parts.join(QStringLiteral(", ")).trimmed();
    }

    // A list, or text separated by commas (and by spaces too when `spaces` is set).
    QStringList list(const YamlValue &value, const QString &key, int line, bool spaces) const
    {
        QStringList parts;
        bool hadMap = false;
        collect(value, parts, &hadMap);
        if (hadMap)
            report(line, QStringLiteral("front matter '%1' should be a list, not a set of keys").arg(key));
        if (value.kind == YamlValue::Kind::Scalar || spaces) {
            QStringList split;
            for (const QString &part : std::as_const(parts))
                splitInto(part, spaces, split);
            parts = split;
        }
        QStringList out;
        for (const QString &part : std::as_const(parts)) {
            const QString trimmed = part.trimmed();
            if (!trimmed.isEmpty())
                out.append(trimmed);
        }
        return out;
    }

    QVariant variant(const YamlValue &value, int depth = 0) const
    {
        switch (value.kind) {
        case YamlValue::Kind::Null:
            return QString();
        case YamlValue::Kind::Scalar:
            return value.scalar;
        case YamlValue::Kind::Sequence: {
            const bool flat = std::all_of(value.items.begin(), value.items.end(), [](const YamlValue &item) {
                return item.kind == YamlValue::Kind::Null || item.kind == YamlValue::Kind::Scalar;
            });
            if (flat) {
                QStringList strings;
                strings.reserve(qsizetype(value.items.size()));
                for (const YamlValue &item : value.items)
                    strings.append(item.scalar);
                return strings;
            }
            QVariantList list;
            for (const YamlValue &item : value.items)
                list.append(variant(item, depth + 1));
            return list;
        }
        case YamlValue::Kind::Map: {
            QVariantMap map;
            for (size_t i = 0; i < value.entries.size(); ++i) {
                const auto &[key, child] = value.entries[i];
                if (map.contains(key)) {
                    report(value.keyLines[i], QStringLiteral("front matter key '%1' appears more than once; the first is used").arg(key));
                    continue;
                }
                map.insert(key, variant(child, depth + 1));
            }
            return map;
        }
        }
        return {};
    }

private:
    // Splits at commas (and whitespace) that are not inside [[...]].
    static void splitInto(const QString &text, bool spaces, QStringList &out)
    {
        int brackets = 0;
        qsizetype start = 0;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('[') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('[')) {
                ++brackets;
                ++i;
            } else if (c == QLatin1Char(']') && brackets > 0 && i + 1 < text.size() && text.at(i + 1) == QLatin1Char(']')) {
                --brackets;
                ++i;
            } else if (brackets == 0 && (c == QLatin1Char(',') || (spaces && c.isSpace()))) {
                out.append(text.mid(start, i - start));
                start = i + 1;
            }
        }
        out.append(text.mid(start));
    }

    int m_firstLine;
    Problems *m_problems;
};

// Appends unless already there, comparing case-insensitively. Short lists (the usual case) are
// searched directly; a set keeps long ones linear.
void appendUnique(QStringList &list, QSet<QString> &seen, const QString &value)
{
    constexpr qsizetype SetFrom = 16;
    if (list.size() < SetFrom) {
        if (!list.contains(value, Qt::CaseInsensitive))
            list.append(value);
        return;
    }
    if (seen.isEmpty()) {
        for (const QString &item : std::as_const(list))
            seen.insert(item.toCaseFolded());
    }
    const QString key = value.toCaseFolded();
    if (!seen.contains(key)) {
        seen.insert(key);
        list.append(value);
    }
}

bool readNumber(QStringView text, qsizetype &pos, int minDigits, int maxDigits, int *value)
{
    int digits = 0;
    int n = 0;
    while (pos < text.size() && digits < maxDigits && text.at(pos).isDigit() && text.at(pos).unicode() < 128) {
        n = n * 10 + (text.at(pos).unicode() - '0');
        ++pos;
        ++digits;
    }
    *value = n;
    return digits >= minDigits && !(pos < text.size() && text.at(pos).isDigit());
}

bool expect(QStringView text, qsizetype &pos, char c)
{
    if (pos < text.size() && text.at(pos) == QLatin1Char(c)) {
        ++pos;
        return true;
    }
    return false;
}

// "14:00", "14:00:00", "14:00:00.123", each optionally followed by "Z" or an offset.
bool isTime(QStringView text)
{
    qsizetype pos = 0;
    int hour = 0, minute = 0, second = 0;
    if (!readNumber(text, pos, 1, 2, &hour) || !expect(text, pos, ':') || !readNumber(text, pos, 2, 2, &minute))
        return false;
    if (expect(text, pos, ':')) {
        if (!readNumber(text, pos, 2, 2, &second))
            return false;
        if (expect(text, pos, '.')) {
            int fraction = 0;
            if (!readNumber(text, pos, 1, 9, &fraction))
                return false;
        }
    }
    if (hour > 24 || minute > 59 || second > 60)
        return false;
    while (pos < text.size() && text.at(pos) == QLatin1Char(' '))
        ++pos;
    if (pos == text.size() || (expect(text, pos, 'Z') && pos == text.size()))
        return true;
    if (!expect(text, pos, '+') && !expect(text, pos, '-'))
        return false;
    int offsetHours = 0, offsetMinutes = 0;
    if (!readNumber(text, pos, 1, 2, &offsetHours))
        return false;
    if (expect(text, pos, ':') && !readNumber(text, pos, 2, 2, &offsetMinutes))
        return false;
    return pos == text.size() && offsetHours <= 14 && offsetMinutes <= 59;
}

} // namespace

QDate FrontMatterFields::parseDate(QStringView text)
{
    text = text.trimmed();
    qsizetype pos = 0;
    int year = 0, month = 0, day = 0;
    if (!readNumber(text, pos, 4, 4, &year) || !expect(text, pos, '-') || !readNumber(text, pos, 1, 2, &month)
        || !expect(text, pos, '-') || !readNumber(text, pos, 1, 2, &day))
        return {};
    if (pos < text.size()) {
        const QChar separator = text.at(pos);
        if (separator != QLatin1Char('T') && separator != QLatin1Char('t') && separator != QLatin1Char(' '))
            return {};
        if (!isTime(text.sliced(pos + 1).trimmed()))
            return {};
    }
    return QDate(year, month, day);
}

QString FrontMatterFields::unwrapWikiLink(QStringView text)
{
    text = text.trimmed();
    if (text.size() > 4 && text.startsWith(QLatin1String("[[")) && text.endsWith(QLatin1String("]]"))) {
        QStringView inner = text.sliced(2, text.size() - 4);
        const qsizetype bar = inner.indexOf(QLatin1Char('|'));
        if (bar >= 0)
            inner = inner.first(bar);
        const qsizetype hash = inner.indexOf(QLatin1Char('#'));
        if (hash >= 0)
            inner = inner.first(hash);
        inner = inner.trimmed();
        if (inner.endsWith(QLatin1Char('\\')))   // "[[Rob\|Rob B]]" escaped for a table
            inner.chop(1);
        if (!inner.isEmpty())
            return inner.toString();
    }
    return text.toString();
}

void FrontMatterFields::apply(const YamlValue &root, int firstLine, FrontMatter &fm, Problems *problems)
{
    const Reader reader(firstLine, problems);
    if (root.isNull())
        return;
    if (root.kind != YamlValue::Kind::Map) {
        reader.report(-1, QStringLiteral("front matter is not a list of 'key: value' lines; ignored"));
        return;
    }
    QSet<QString> seenOther;
    std::vector<const KnownKey *> seenKnown;
    QSet<QString> participants, tags, aliases;
    for (size_t i = 0; i < root.entries.size(); ++i) {
        const auto &[key, value] = root.entries[i];
        const int line = root.keyLines[i];
        const KnownKey *known = knownKey(key);
        const bool duplicate = known ? std::find(seenKnown.begin(), seenKnown.end(), known) != seenKnown.end()
                                     : seenOther.contains(key);
        if (duplicate) {
            reader.report(line, QStringLiteral("front matter key '%1' appears more than once; the first is used").arg(key));
            continue;
        }
        if (known)
            seenKnown.push_back(known);
        else
            seenOther.insert(key);
        switch (known ? known->key : Key::Other) {
        case Key::Other:
            fm.fields.insert(key, reader.variant(value));
            break;
        case Key::Type:
            fm.type = reader.text(value, key, line);
            break;
        case Key::Title:
            fm.title = reader.text(value, key, line);
            break;
        case Key::Person:
            fm.person = unwrapWikiLink(reader.text(value, key, line));
            break;
        case Key::Source:
            fm.source = reader.text(value, key, line);
            break;
        case Key::SourceRef:
            fm.sourceRef = reader.text(value, key, line);
            break;
        case Key::Date: {
            const QString text = reader.text(value, key, line);
            if (text.isEmpty())
                break;
            fm.date = parseDate(text);
            if (!fm.date.isValid())
                reader.report(line, QStringLiteral("front matter date '%1' is not a date (YYYY-MM-DD)").arg(text));
            break;
        }
        case Key::Participants:
            for (const QString &name : reader.list(value, key, line, false)) {
                const QString person = unwrapWikiLink(name);
                if (!person.isEmpty())
                    appendUnique(fm.participants, participants, person);
            }
            break;
        case Key::Tags:
            for (const QString &tag : reader.list(value, key, line, true)) {
                qsizetype start = 0;
                while (start < tag.size() && tag.at(start) == QLatin1Char('#'))
                    ++start;
                if (start < tag.size())
                    appendUnique(fm.tags, tags, tag.sliced(start));
            }
            break;
        case Key::Aliases:
            for (const QString &alias : reader.list(value, key, line, false)) {
                if (!aliases.contains(alias)) {
                    aliases.insert(alias);
                    fm.aliases.append(alias);
                }
            }
            break;
        }
    }
}

} // namespace minutes
