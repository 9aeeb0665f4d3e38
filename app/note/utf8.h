#pragma once

// Small readers of UTF-8 that the parser has already validated (NoteParser, SearchText): they
// trust the lead bytes and never look past a sequence's declared length.

#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <cstring>

namespace minutes::utf8 {

// The offset of the first byte from `i` on that is not ASCII (or `size`), eight bytes at a time.
inline qsizetype skipAscii(const uchar *data, qsizetype i, qsizetype size)
{
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        std::memcpy(&word, data + i, 8);
        if (word & 0x8080808080808080ULL)
            break;
    }
    while (i < size && data[i] < 0x80)
        ++i;
    return i;
}

// Bytes in the sequence that `lead` starts (1 for ASCII).
inline int sequenceLength(uchar lead)
{
    return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
}

// The code point of the `length`-byte sequence at `p`.
inline char32_t codePoint(const uchar *p, int length)
{
    if (length == 1)
        return p[0];
    char32_t c = p[0] & (0x7F >> length);
    for (int k = 1; k < length; ++k)
        c = (c << 6) | (p[k] & 0x3F);
    return c;
}

// How many bytes the byte order marks that open `bytes` take (an editor that read one as text may
// have written a second).
inline qsizetype bomBytes(QByteArrayView bytes)
{
    qsizetype n = 0;
    while (bytes.sliced(n).startsWith("\xEF\xBB\xBF"))
        n += 3;
    return n;
}

// `bytes` decoded as they are. QString::fromUtf8 drops a byte order mark that opens its input, so
// a line that starts with one (a second BOM in a file, or one pasted mid-file) would not encode
// back to the bytes it came from; this keeps every one as U+FEFF.
inline QString decodeExact(QByteArrayView bytes)
{
    const qsizetype boms = bomBytes(bytes);
    if (boms == 0)
        return QString::fromUtf8(bytes);
    return QString(boms / 3, QChar(0xFEFF)) + QString::fromUtf8(bytes.sliced(boms));
}

} // namespace minutes::utf8
