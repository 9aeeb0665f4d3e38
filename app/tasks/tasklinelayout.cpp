#include "tasks/tasklinelayout.h"

#include <QByteArray>

#include <array>
#include <initializer_list>

namespace minutes {

namespace {

constexpr int kMaxPasses = 21; // the plugin's maxRuns = 20 with `runs <= maxRuns`

// Mac OS Roman bytes 0x80..0xFF as Unicode: how a UTF-8 emoji looks once mangled.
constexpr std::array<char16_t, 128> kMacRoman = {
    0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4, 0x00E3,
    0x00E5, 0x00E7, 0x00E9, 0x00E8, 0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
    0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC, 0x2020, 0x00B0, 0x00A2, 0x00A3,
    0x00A7, 0x2022, 0x00B6, 0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
    0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA,
    0x00BA, 0x03A9, 0x00E6, 0x00F8, 0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
    0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153, 0x2013, 0x2014, 0x201C, 0x201D,
    0x2018, 0x2019, 0x00F7, 0x25CA, 0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
    0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, 0x00CB, 0x00C8, 0x00CD, 0x00CE,
    0x00CF, 0x00CC, 0x00D3, 0x00D4, 0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
    0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
};

// The two spellings of a code point: as is, and its UTF-8 bytes read as Mac Roman.
struct Spellings
{
    QString plain;
    QString mangled;
};

Spellings spellingsOf(char32_t cp)
{
    Spellings s;
    s.plain = QString::fromUcs4(&cp, 1);
    for (const char byte : s.plain.toUtf8()) {
        const auto b = static_cast<unsigned char>(byte);
        s.mangled += b < 0x80 ? QChar(b) : QChar(kMacRoman[b - 0x80]);
    }
    return s;
}

bool isAsciiDigit(QChar c) { return c >= u'0' && c <= u'9'; }
bool isAsciiLetter(QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); }
bool isIdChar(QChar c) { return isAsciiLetter(c) || isAsciiDigit(c) || c == u'-' || c == u'_'; }
bool isRecurrenceChar(QChar c)
{
    return isAsciiLetter(c) || isAsciiDigit(c) || c == u',' || c == u' ' || c == u'!';
}
bool isTagChar(QChar c)
{
    static const QString stops = QStringLiteral(" !@#$%^&*(),.?\":{}|<>");
    return !stops.contains(c);
}

template<typename Pred>
qsizetype runStart(QStringView s, Pred pred)
{
    qsizetype i = s.size();
    while (i > 0 && pred(s[i - 1]))
        --i;
    return i;
}

qsizetype trimmedEnd(QStringView s, qsizetype end)
{
    while (end > 0 && s[end - 1].isSpace())
        --end;
    return end;
}

// If one of `emojis` (plus an optional U+FE0F), in either spelling, ends at `end`: its start.
qsizetype emojiEndingAt(QStringView s, qsizetype end, std::initializer_list<char32_t> emojis)
{
    static const Spellings vs16 = spellingsOf(0xFE0F);
    const QStringView head = s.left(end);
    if (head.endsWith(vs16.plain))
        end -= vs16.plain.size();
    else if (head.endsWith(vs16.mangled))
        end -= vs16.mangled.size();
    const QStringView rest = s.left(end);
    for (const char32_t e : emojis) {
        const Spellings sp = spellingsOf(e);
        if (rest.endsWith(sp.plain))
            return end - sp.plain.size();
        if (rest.endsWith(sp.mangled))
            return end - sp.mangled.size();
    }
    return -1;
}

qsizetype fieldStart(QStringView s, qsizetype valueStart, std::initializer_list<char32_t> emojis)
{
    while (valueStart > 0 && s[valueStart - 1] == u' ')
        --valueStart;
    return emojiEndingAt(s, valueStart, emojis);
}

bool endsWithDateShape(QStringView s)
{
    if (s.size() < 10)
        return false;
    const QStringView d = s.right(10);
    for (int k = 0; k < 10; ++k) {
        if ((k == 4 || k == 7) ? d[k] != u'-' : !isAsciiDigit(d[k]))
            return false;
    }
    return true;
}

// The backwards scan over [0, rest.size()) of the body; positions are body-relative.
class Scanner
{
public:
    explicit Scanner(QStringView body) : m_rest(body) {}

    QList<TaskLineLayout::Field> run()
    {
        using K = TaskLineLayout::Kind;
        for (int pass = 0; pass < kMaxPasses; ++pass) {
            bool matched = false;
            // the plugin's deserializer order: it decides pieces that could be read two ways
            matched |= peelPriority();
            matched |= peelDate(K::Done, {0x2705});
            matched |= peelDate(K::Cancelled, {0x274C});
            matched |= peelDate(K::Due, {0x1F4C5, 0x1F4C6, 0x1F5D3});
            matched |= peelDate(K::Scheduled, {0x23F3, 0x231B});
            matched |= peelDate(K::Start, {0x1F6EB});
            matched |= peelDate(K::Created, {0x2795});
            matched |= peelRecurrence();
            matched |= peelOnCompletion();
            matched |= peelTag();
            matched |= peelId();
            matched |= peelDependsOn();
            if (!matched)
                break;
        }
        return m_fields;
    }
    qsizetype restEnd() const { return m_rest.size(); }

private:
    void take(TaskLineLayout::Kind kind, qsizetype start, qsizetype valueStart)
    {
        m_fields.append({kind, start, valueStart, m_rest.size()});
        m_rest = m_rest.left(trimmedEnd(m_rest, start));
    }

    bool peelPriority()
    {
        const qsizetype start = emojiEndingAt(m_rest, m_rest.size(), {0x1F53A, 0x23EB, 0x1F53C, 0x1F53D, 0x23EC});
        if (start < 0)
            return false;
        take(TaskLineLayout::Kind::Priority, start, m_rest.size());
        return true;
    }

    bool peelDate(TaskLineLayout::Kind kind, std::initializer_list<char32_t> emojis)
    {
        if (!endsWithDateShape(m_rest))
            return false;
        const qsizetype valueStart = m_rest.size() - 10;
        const qsizetype start = fieldStart(m_rest, valueStart, emojis);
        if (start < 0)
            return false;
        take(kind, start, valueStart);
        return true;
    }

    bool peelRecurrence()
    {
        qsizetype value = runStart(m_rest, isRecurrenceChar);
        if (value == m_rest.size())
            return false;
        const qsizetype start = emojiEndingAt(m_rest, value, {0x1F501});
        if (start < 0)
            return false;
        while (value < m_rest.size() && m_rest[value] == u' ')
            ++value;
        take(TaskLineLayout::Kind::Recurrence, start, value);
        return true;
    }

    bool peelOnCompletion()
    {
        const qsizetype value = runStart(m_rest, isAsciiLetter);
        if (value == m_rest.size())
            return false;
        const qsizetype start = fieldStart(m_rest, value, {0x1F3C1});
        if (start < 0)
            return false;
        take(TaskLineLayout::Kind::OnCompletion, start, value);
        return true;
    }

    bool peelTag()
    {
        const qsizetype body = runStart(m_rest, isTagChar);
        if (body == m_rest.size() || body == 0 || m_rest[body - 1] != u'#')
            return false;
        const qsizetype hash = body - 1;
        if (hash > 0 && !m_rest[hash - 1].isSpace())
            return false;
        take(TaskLineLayout::Kind::Tag, hash, hash);
        return true;
    }

    bool peelId()
    {
        const qsizetype value = runStart(m_rest, isIdChar);
        if (value == m_rest.size())
            return false;
        const qsizetype start = fieldStart(m_rest, value, {0x1F194});
        if (start < 0)
            return false;
        take(TaskLineLayout::Kind::Id, start, value);
        return true;
    }

    bool peelDependsOn()
    {
        qsizetype value = runStart(m_rest, [](QChar c) { return isIdChar(c) || c == u',' || c == u' '; });
        if (value == m_rest.size())
            return false;
        const qsizetype start = emojiEndingAt(m_rest, value, {0x26D4});
        if (start < 0)
            return false;
        for (const QStringView part : m_rest.mid(value).split(u',')) {
            const QStringView id = part.trimmed();
            if (id.isEmpty() || id.contains(u' '))
                return false;
        }
        while (value < m_rest.size() && m_rest[value] == u' ')
            ++value;
        take(TaskLineLayout::Kind::DependsOn, start, value);
        return true;
    }

    QStringView m_rest;
    QList<TaskLineLayout::Field> m_fields;
};

} // namespace

std::optional<TaskLineLayout> TaskLineLayout::of(QStringView line)
{
    const qsizetype n = line.size();
    qsizetype i = 0;
    while (i < n && (line[i] == u'>' || line[i].isSpace() || line[i].unicode() == 0xFEFF))
        ++i;
    if (i >= n)
        return std::nullopt;
    if (line[i] == u'-' || line[i] == u'*' || line[i] == u'+') {
        ++i;
    } else {
        const qsizetype digits = i;
        while (i < n && isAsciiDigit(line[i]))
            ++i;
        if (i == digits || i >= n || (line[i] != u'.' && line[i] != u')'))
            return std::nullopt;
        ++i;
    }
    const qsizetype spaces = i;
    while (i < n && line[i] == u' ')
        ++i;
    if (i == spaces || i + 2 >= n || line[i] != u'[')
        return std::nullopt;

    TaskLineLayout layout;
    layout.statusStart = ++i;
    const auto symbolLength = [&](qsizetype at) -> qsizetype {
        return at + 1 < n && line[at].isHighSurrogate() && line[at + 1].isLowSurrogate() ? 2 : 1;
    };
    qsizetype len = symbolLength(i);
    if (line[i] == u' ' && i + 1 < n && line[i + 1] != u']') {
        ++i; // Minutes' "[ ?]"
        if (line[i].isSpace())
            return std::nullopt;
        len = symbolLength(i);
    }
    i += len;
    if (i >= n || line[i] != u']')
        return std::nullopt;
    layout.statusEnd = i++;
    if (i < n && !line[i].isSpace())
        return std::nullopt;
    while (i < n && line[i].isSpace())
        ++i;
    layout.bodyStart = i;

    // the body without trailing whitespace, then the block link cut off its end
    qsizetype end = layout.bodyStart + trimmedEnd(line.mid(layout.bodyStart), n - layout.bodyStart);
    QStringView body = line.mid(layout.bodyStart, end - layout.bodyStart);
    const qsizetype link = runStart(body, [](QChar c) { return isAsciiLetter(c) || isAsciiDigit(c) || c == u'-'; });
    if (link < body.size() && link >= 2 && body[link - 1] == u'^' && body[link - 2] == u' ') {
        layout.blockLinkStart = layout.bodyStart + link - 2;
        layout.blockLinkEnd = end;
        body = body.left(trimmedEnd(body, link - 2));
    }
    layout.contentEnd = layout.bodyStart + body.size();

    Scanner scanner(body);
    layout.fields = scanner.run();
    for (Field &f : layout.fields) {
        f.start += layout.bodyStart;
        f.valueStart += layout.bodyStart;
        f.end += layout.bodyStart;
    }
    layout.descriptionEnd = layout.bodyStart + scanner.restEnd();
    return layout;
}

const TaskLineLayout::Field *TaskLineLayout::effective(Kind kind) const
{
    const Field *found = nullptr;
    for (const Field &f : fields) {
        if (f.kind == kind)
            found = &f; // fields are right to left: the last one seen is the leftmost
    }
    return found;
}

QList<TaskLineLayout::Field> TaskLineLayout::all(Kind kind) const
{
    QList<Field> result;
    for (const Field &f : fields) {
        if (f.kind == kind)
            result.append(f);
    }
    return result;
}

} // namespace minutes
