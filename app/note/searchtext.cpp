#include "note/searchtext.h"

#include "note/utf8.h"

#include <QChar>

#include <cstring>

namespace minutes {

namespace {

void appendUtf8(QByteArray &out, char32_t c)
{
    if (c < 0x80) {
        out.append(char(c));
    } else if (c < 0x800) {
        out.append(char(0xC0 | (c >> 6)));
        out.append(char(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.append(char(0xE0 | (c >> 12)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    } else {
        out.append(char(0xF0 | (c >> 18)));
        out.append(char(0x80 | ((c >> 12) & 0x3F)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    }
}

// Appends `utf8` lower-cased. ASCII runs are copied and lowered in place; other code points are
// decoded, mapped and encoded again (most map to themselves: emoji, punctuation, CJK).
void foldInto(QByteArray &out, QByteArrayView text)
{
    const auto *data = reinterpret_cast<const uchar *>(text.data());
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        const qsizetype run = i;
        i = utf8::skipAscii(data, i, size);
        if (i > run) {
            const qsizetype at = out.size();
            out.append(text.sliced(run, i - run));
            for (char *c = out.data() + at, *stop = out.data() + out.size(); c < stop; ++c) {
                if (*c >= 'A' && *c <= 'Z')
                    *c = char(*c + ('a' - 'A'));
            }
        }
        if (i == size)
            break;
        // A multi-byte sequence; a broken one (never produced by the parser) is copied as is.
        const int length = utf8::sequenceLength(data[i]);
        if (data[i] < 0xC0 || i + length > size) {
            out.append(char(data[i++]));
            continue;
        }
        const char32_t c = utf8::codePoint(data + i, length);
        const char32_t lower = QChar::toLower(c);
        if (lower == c)
            out.append(text.sliced(i, length));
        else
            appendUtf8(out, lower);
        i += length;
    }
}

} // namespace

QByteArray SearchText::fold(QStringView text)
{
    return foldUtf8(text.toUtf8());
}

QByteArray SearchText::foldUtf8(QByteArrayView utf8)
{
    QByteArray folded;
    folded.reserve(utf8.size());
    foldInto(folded, utf8);
    return folded;
}

QByteArray SearchText::fold(const QString &title, const QStringList &tags, QByteArrayView bodyUtf8)
{
    QByteArray folded;
    folded.reserve(title.size() + 16 * tags.size() + bodyUtf8.size() + 2);
    foldInto(folded, title.toUtf8());
    folded.append('\n');
    foldInto(folded, tags.join(QLatin1Char(' ')).toUtf8());
    folded.append('\n');
    foldInto(folded, bodyUtf8);
    return folded;
}

bool SearchText::contains(QByteArrayView folded, QByteArrayView term)
{
    if (term.isEmpty())
        return true;
    return memmem(folded.data(), size_t(folded.size()), term.data(), size_t(term.size())) != nullptr;
}

} // namespace minutes
