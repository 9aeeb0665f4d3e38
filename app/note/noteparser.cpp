#include "note/noteparser.h"

#include "note/frontmatter.h"
#include "note/markdownscan.h"
#include "note/mojibake.h"
#include "note/searchtext.h"
#include "note/utf8.h"
#include "tasks/taskparser.h"

#include <QSet>
#include <QStringDecoder>
#include <QtEndian>

#include <cstring>

namespace minutes {

namespace {

constexpr quint64 Prime1 = 0x9E3779B185EBCA87ULL;
constexpr quint64 Prime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr quint64 Prime3 = 0x165667B19E3779F9ULL;
constexpr quint64 Prime4 = 0x85EBCA77C2B2AE63ULL;
constexpr quint64 Prime5 = 0x27D4EB2F165667C5ULL;

quint64 rotl(quint64 x, int r) { return (x << r) | (x >> (64 - r)); }
quint64 round64(quint64 acc, quint64 input) { return rotl(acc + input * Prime2, 31) * Prime1; }
quint64 merge64(quint64 acc, quint64 value) { return (acc ^ round64(0, value)) * Prime1 + Prime4; }

// XXH64 with seed 0 (the reference algorithm): fast enough to hash every note on every scan.
quint64 xxh64(const uchar *p, qsizetype length)
{
    const uchar *const end = p + length;
    quint64 h;
    if (length >= 32) {
        quint64 v1 = Prime1 + Prime2, v2 = Prime2, v3 = 0, v4 = 0 - Prime1;
        const uchar *const limit = end - 32;
        do {
            v1 = round64(v1, qFromLittleEndian<quint64>(p));
            v2 = round64(v2, qFromLittleEndian<quint64>(p + 8));
            v3 = round64(v3, qFromLittleEndian<quint64>(p + 16));
            v4 = round64(v4, qFromLittleEndian<quint64>(p + 24));
            p += 32;
        } while (p <= limit);
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
        h = merge64(merge64(merge64(merge64(h, v1), v2), v3), v4);
    } else {
        h = Prime5;
    }
    h += quint64(length);
    // Compared as distances: `p + 8` past the end (or on the null data of an empty view) is
    // undefined behaviour (UBSan, scripts/test-sanitize).
    for (; end - p >= 8; p += 8)
        h = rotl(h ^ round64(0, qFromLittleEndian<quint64>(p)), 27) * Prime1 + Prime4;
    if (end - p >= 4) {
        h = rotl(h ^ (quint64(qFromLittleEndian<quint32>(p)) * Prime1), 23) * Prime2 + Prime3;
        p += 4;
    }
    for (; p < end; ++p)
        h = rotl(h ^ (quint64(*p) * Prime5), 11) * Prime1;
    h ^= h >> 33;
    h *= Prime2;
    h ^= h >> 29;
    h *= Prime3;
    h ^= h >> 32;
    return h;
}

// Offset of the first byte that is not part of well-formed UTF-8 (no overlongs, surrogates or
// code points past U+10FFFF), or -1.
qsizetype firstInvalidUtf8(QByteArrayView text)
{
    const auto *data = reinterpret_cast<const uchar *>(text.data());
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        i = utf8::skipAscii(data, i, size);
        if (i >= size)
            break;
        const uchar b = data[i];
        int length;
        uchar low = 0x80, high = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            if (b == 0xE0)
                low = 0xA0;
            else if (b == 0xED)
                high = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            if (b == 0xF0)
                low = 0x90;
            else if (b == 0xF4)
                high = 0x8F;
        } else {
            return i;
        }
        if (i + length > size)
            return i;
        if (data[i + 1] < low || data[i + 1] > high)
            return i;
        for (int k = 2; k < length; ++k) {
            if ((data[i + k] & 0xC0) != 0x80)
                return i;
        }
        i += length;
    }
    return -1;
}

qsizetype firstUnpairedSurrogate(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        else if (text[i].isSurrogate())
            return i;
    }
    return -1;
}

void replaceUnpairedSurrogates(QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        else if (text[i].isSurrogate())
            text[i] = QChar::ReplacementCharacter;
    }
}

// True when the (valid) UTF-8 text has two non-ASCII characters in a row: only then can it hold
// mojibake, whose every mangled sequence is at least two such characters (Mojibake::mayContain).
bool hasAdjacentNonAscii(QByteArrayView text)
{
    const auto *data = reinterpret_cast<const uchar *>(text.data());
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        i = utf8::skipAscii(data, i, size);
        if (i >= size)
            break;
        i += utf8::sequenceLength(data[i]);
        if (i < size && data[i] >= 0x80)
            return true;
    }
    return false;
}

// 1-based line of a byte offset, counting "\n", "\r\n" and a lone "\r" as line ends.
int lineOfOffset(QByteArrayView text, qsizetype offset)
{
    int line = 1;
    for (qsizetype i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n')))
            ++line;
    }
    return line;
}

// How many UTF-16 units the (valid) UTF-8 text decodes to.
qsizetype utf16Length(QByteArrayView utf8)
{
    qsizetype units = 0;
    for (const char c : utf8) {
        const uchar b = uchar(c);
        if ((b & 0xC0) != 0x80)
            units += b >= 0xF0 ? 2 : 1;
    }
    return units;
}

// The first valid YYYY-MM-DD in `text` that is not part of a longer number.
QDate dateIn(QStringView text)
{
    auto digit = [&](qsizetype i) { return text.at(i) >= QLatin1Char('0') && text.at(i) <= QLatin1Char('9'); };
    auto number = [&](qsizetype i, int n) {
        int value = 0;
        for (int k = 0; k < n; ++k)
            value = value * 10 + (text.at(i + k).unicode() - '0');
        return value;
    };
    for (qsizetype i = 0; i + 10 <= text.size(); ++i) {
        if (!(digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) && text.at(i + 4) == QLatin1Char('-')
              && digit(i + 5) && digit(i + 6) && text.at(i + 7) == QLatin1Char('-') && digit(i + 8) && digit(i + 9)))
            continue;
        if ((i > 0 && digit(i - 1)) || (i + 10 < text.size() && digit(i + 10)))
            continue;
        const QDate date(number(i, 4), number(i + 5, 2), number(i + 8, 2));
        if (date.isValid())
            return date;
    }
    return {};
}

// Finds lines by number in increasing order, walking the text once.
class LineCursor
{
public:
    explicit LineCursor(QByteArrayView text) : m_text(text) { }

    QByteArrayView line(int number)
    {
        while (m_line < number && m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '\n' || (c == '\r' && !(m_pos < m_text.size() && m_text[m_pos] == '\n')))
                ++m_line;
        }
        qsizetype end = m_pos;
        while (end < m_text.size() && m_text[end] != '\n' && m_text[end] != '\r')
            ++end;
        return m_text.sliced(m_pos, end - m_pos);
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
};

void appendUnique(QStringList &list, QSet<QString> &seen, const QString &value)
{
    const QString key = value.toCaseFolded();
    if (!seen.contains(key)) {
        seen.insert(key);
        list.append(value);
    }
}

// The generated notes repeat their title as the first heading (the reader then shows it once).
// Where the first code point of `text` from `i` on that is not white space (as QString::trimmed()
// sees it: a no-break space too) starts; text.size() when there is none.
qsizetype skipSpaces(QByteArrayView text, qsizetype i)
{
    const auto *data = reinterpret_cast<const uchar *>(text.data());
    while (i < text.size()) {
        const int length = utf8::sequenceLength(data[i]);
        if (i + length > text.size() || !QChar::isSpace(utf8::codePoint(data + i, length)))
            break;
        i += length;
    }
    return i;
}

// The body's first non-blank line, trimmed, starts with "# " (what the reader asks to show the
// title once): `body.trimmed().section('\n', 0, 0).trimmed().startsWith("# ")`, on UTF-8.
bool opensWithHeading(QByteArrayView body)
{
    const QByteArrayView rest = body.sliced(skipSpaces(body, 0));
    if (!rest.startsWith("# "))
        return false;
    const qsizetype end = rest.indexOf('\n');
    const QByteArrayView line = end < 0 ? rest : rest.first(end);
    return skipSpaces(line, 2) < line.size();
}

// Gives back what the lists grew by while the note was parsed: a vault keeps every note for as
// long as it is open, and a list that grew by appends holds up to twice what it needs.
void shrinkToFit(Note &note)
{
    note.participants.squeeze();
    note.tags.squeeze();
    note.aliases.squeeze();
    note.sections.squeeze();
    note.links.squeeze();
    note.tasks.squeeze();
}

} // namespace

QByteArray NoteParser::contentHash(QByteArrayView bytes)
{
    QByteArray hash(8, Qt::Uninitialized);
    qToBigEndian(xxh64(reinterpret_cast<const uchar *>(bytes.data()), bytes.size()), hash.data());
    return hash;
}

Note NoteParser::parse(const QString &relativePath, const QByteArray &bytes, Body keepBody)
{
    Note note;
    note.relativePath = relativePath;
    note.size = bytes.size();
    auto report = [&](int line, const QString &message, Problem::Severity severity = Problem::Severity::Warning) {
        note.problems.append({relativePath, line, message, severity});
    };
    auto takeProblems = [&](Problems &problems) {
        for (Problem &problem : problems) {
            problem.file = relativePath;
            note.problems.append(std::move(problem));
        }
        problems.clear();
    };
    auto unreadable = [&](int line, const QString &message) {
        report(line, message, Problem::Severity::Error);
        note.title = note.baseName();
        note.date = dateIn(note.fileName());
        if (!note.date.isValid())
            note.date = dateIn(relativePath);
        note.searchText = SearchText::fold(note.title, note.tags, {});
        return note;
    };

    if (bytes.size() > MaxNoteBytes)
        return unreadable(0, QStringLiteral("note is larger than %1 MiB (%2 MiB); not read")
                                 .arg(MaxNoteBytes / (1024 * 1024))
                                 .arg(double(bytes.size()) / (1024 * 1024), 0, 'f', 1));
    note.contentHash = contentHash(bytes);

    // Decode to UTF-8 without a BOM. Valid UTF-8 is used in place, without a copy.
    QByteArray text;
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        QStringDecoder decoder(bytes.startsWith("\xFF\xFE") ? QStringConverter::Utf16LE : QStringConverter::Utf16BE);
        QString decoded = decoder(QByteArrayView(bytes).sliced(2));
        if (decoded.contains(QChar(0)))
            return unreadable(0, QStringLiteral("binary file (contains NUL characters); not read"));
        // Qt passes unpaired surrogates through and ignores a dangling odd byte: check both.
        const qsizetype bad = firstUnpairedSurrogate(decoded);
        if (bad >= 0 || decoder.hasError() || bytes.size() % 2 != 0) {
            const int line = bad >= 0 ? int(QStringView(decoded).first(bad).count(QLatin1Char('\n'))) + 1 : 0;
            report(line, QStringLiteral("not valid UTF-16; damaged characters are shown as \uFFFD"));
            replaceUnpairedSurrogates(decoded);
        }
        while (decoded.startsWith(QChar(0xFEFF)))
            decoded.remove(0, 1);
        text = decoded.toUtf8();
    } else {
        // Every leading BOM: an editor that read one as text may have written a second.
        const QByteArrayView view = QByteArrayView(bytes).sliced(utf8::bomBytes(bytes));
        // An empty file's view may have no data at all, and memchr must not see a null pointer.
        if (const void *nul = view.isEmpty() ? nullptr : std::memchr(view.data(), 0, size_t(view.size())))
            return unreadable(lineOfOffset(view, static_cast<const char *>(nul) - view.data()),
                              QStringLiteral("binary file (contains NUL bytes); not read"));
        if (const qsizetype bad = firstInvalidUtf8(view); bad >= 0) {
            report(lineOfOffset(view, bad), QStringLiteral("not valid UTF-8 (byte 0x%1); damaged characters are shown as \uFFFD")
                                                .arg(uint(uchar(view[bad])), 2, 16, QLatin1Char('0')));
            text = QString::fromUtf8(view).toUtf8();
        } else {
            text = view.size() == bytes.size() ? bytes : QByteArray::fromRawData(view.data(), view.size());
        }
    }

    // Repair mojibake in everything shown; task lines keep the original (Task::rawLine). A mangled
    // sequence is two non-ASCII characters in a row: text without any is neither decoded whole nor
    // checked further (only its body is decoded, below).
    QString decoded;
    const bool mayBeMangled = hasAdjacentNonAscii(text);
    if (mayBeMangled)
        decoded = QString::fromUtf8(text);
    QByteArray original;
    if (mayBeMangled && Mojibake::mayContain(decoded)) {
        int repairs = 0;
        QString repaired = Mojibake::repair(decoded, &repairs);
        if (repairs > 0) {
            note.mojibakeRepairs = repairs;
            original = text;
            text = repaired.toUtf8();
            decoded = std::move(repaired);
        }
    }

    Problems problems;
    FrontMatter fm = FrontMatterParser::parse(text, &problems);
    takeProblems(problems);
    note.hasFrontMatter = fm.present;
    note.bodyLine = fm.bodyLine;
    note.type = std::move(fm.type);
    note.person = std::move(fm.person);
    note.participants = std::move(fm.participants);
    note.aliases = std::move(fm.aliases);
    note.source = std::move(fm.source);
    note.sourceRef = std::move(fm.sourceRef);
    note.fields = std::move(fm.fields);
    // The body, without a BOM at its start (one after the front matter: decoding drops it).
    const qsizetype bodyOffset = fm.bodyOffset + utf8::bomBytes(QByteArrayView(text).sliced(fm.bodyOffset));
    const QByteArrayView body = QByteArrayView(text).sliced(bodyOffset);
    note.bodyLength = utf16Length(body);
    note.opensWithHeading = opensWithHeading(body);
    if (keepBody == Body::Keep && !mayBeMangled)
        note.body = QString::fromUtf8(body);
    else if (keepBody == Body::Keep)
        note.body = decoded.sliced(utf16Length(QByteArrayView(text).first(bodyOffset)));

    MarkdownScan::Result scan = MarkdownScan::scan(text, fm.bodyOffset, MaxMarkdownBytes, &problems);
    takeProblems(problems);
    note.sections = std::move(scan.sections);
    note.links = std::move(scan.links);

    QSet<QString> seenTags;
    for (const QString &tag : std::as_const(fm.tags))
        appendUnique(note.tags, seenTags, tag);
    for (const QString &tag : std::as_const(scan.tags))
        appendUnique(note.tags, seenTags, tag);

    note.title = fm.title;
    for (qsizetype i = 0; note.title.isEmpty() && i < note.sections.size(); ++i) {
        if (note.sections.at(i).level == 1)
            note.title = note.sections.at(i).title;
    }
    if (note.title.isEmpty())
        note.title = note.baseName();

    note.date = fm.date;
    if (!note.date.isValid())
        note.date = dateIn(note.fileName());
    if (!note.date.isValid())
        note.date = dateIn(relativePath);

    note.searchText = SearchText::fold(note.title, note.tags, body);

    LineCursor originalLines(original);
    for (const MarkdownScan::TaskLine &candidate : std::as_const(scan.taskLines)) {
        const QByteArrayView raw = original.isNull()
                                       ? QByteArrayView(text).sliced(candidate.start, candidate.end - candidate.start)
                                       : originalLines.line(candidate.line);
        const QString line = utf8::decodeExact(raw);
        if (!TaskParser::looksLikeTask(QStringView(line)))
            continue;
        if (std::optional<Task> task = TaskParser::parse(line, candidate.line, &problems))
            note.tasks.append(std::move(*task));
    }
    takeProblems(problems);
    shrinkToFit(note);
    return note;
}

} // namespace minutes
