#include "note/mojibake.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

namespace minutes {

namespace {

// Mac OS Roman bytes 0x80..0xFF as Unicode (Apple's table, with the euro sign at 0xDB and the
// Apple logo, a private-use code point, at 0xF0).
constexpr std::array<char16_t, 128> kMacRoman = {
    0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, // 80
    0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8, // 88
    0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3, // 90
    0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC, // 98
    0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF, // A0
    0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8, // A8
    0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211, // B0
    0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8, // B8
    0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB, // C0
    0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153, // C8
    0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA, // D0
    0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02, // D8
    0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, // E0
    0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4, // E8
    0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC, // F0
    0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7, // F8
};

// UTF-16 unit -> Mac Roman byte (0x80..0xFF), 0 for anything else. 64 KiB, built once.
const std::array<std::uint8_t, 0x10000> &reverseTable()
{
    static const auto table = [] {
        auto t = std::make_unique<std::array<std::uint8_t, 0x10000>>();
        t->fill(0);
        for (int i = 0; i < 128; ++i)
            (*t)[kMacRoman[i]] = std::uint8_t(0x80 + i);
        (*t)[0x00A4] = 0xDB; // the currency sign sat at 0xDB before Mac OS 8.5
        return t;
    }();
    return *table;
}

inline std::uint8_t byteOf(char16_t c, const std::array<std::uint8_t, 0x10000> &table)
{
    return c < 0x80 ? 0 : table[c];
}

inline bool isContinuation(std::uint8_t b) { return b >= 0x80 && b <= 0xBF; }

// Two-byte leads that are typographic punctuation in Mac Roman. Real text puts them right
// before an accented letter ("l’été", "«Ça", "“Über”", "…à"), and what they would decode to
// (Armenian, rare Cyrillic, Syriac, IPA, Pinyin tone letters) is rarely the victim of this
// mangling, so such pairs are left as written.
inline bool isGuardedPairLead(std::uint8_t b)
{
    switch (b) {
    case 0xC7: // «
    case 0xC9: // …
    case 0xCA: // no-break space
    case 0xD2: // “
    case 0xD3: // ”
    case 0xD4: // ‘
    case 0xD5: // ’
    case 0xDC: // ‹
    case 0xDD: // ›
        return true;
    default:
        return false;
    }
}

// Decodes the UTF-8 sequence whose Mac Roman spelling starts at text[i]. Returns its length in
// characters (2..4) and sets `codePoint`, or returns 0 when the bytes are not a valid,
// shortest-form multi-byte sequence.
int decodeAt(QStringView text, qsizetype i, char32_t &codePoint,
             const std::array<std::uint8_t, 0x10000> &table)
{
    const std::uint8_t lead = byteOf(text[i].unicode(), table);
    int length = 0;
    char32_t cp = 0;
    std::uint8_t low = 0x80, high = 0xBF; // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        cp = lead & 0x0F;
        if (lead == 0xE0)
            low = 0xA0; // overlong
        else if (lead == 0xED)
            high = 0x9F; // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        cp = lead & 0x07;
        if (lead == 0xF0)
            low = 0x90; // overlong
        else if (lead == 0xF4)
            high = 0x8F; // beyond U+10FFFF
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    for (int k = 1; k < length; ++k) {
        const std::uint8_t b = byteOf(text[i + k].unicode(), table);
        if (!isContinuation(b))
            return 0;
        if (k == 1 && (b < low || b > high))
            return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (length == 2 && isGuardedPairLead(lead))
        return 0;
    codePoint = cp;
    return length;
}

} // namespace

QString Mojibake::repair(QStringView text, int *repairs)
{
    int count = 0;
    if (!mayContain(text)) {
        if (repairs)
            *repairs = 0;
        return text.toString();
    }
    const auto &table = reverseTable();
    QString out;
    out.reserve(text.size());
    qsizetype kept = 0;   // start of the text not yet copied to `out`
    for (qsizetype i = 0; i < text.size();) {
        char32_t cp = 0;
        const int length = text[i].unicode() < 0x80 ? 0 : decodeAt(text, i, cp, table);
        if (length == 0) {
            ++i;
            continue;
        }
        out.append(text.sliced(kept, i - kept));
        if (QChar::requiresSurrogates(cp)) {
            out.append(QChar(QChar::highSurrogate(cp)));
            out.append(QChar(QChar::lowSurrogate(cp)));
        } else {
            out.append(QChar(char16_t(cp)));
        }
        i += length;
        kept = i;
        ++count;
    }
    out.append(text.sliced(kept));
    if (repairs)
        *repairs = count;
    return out;
}

bool Mojibake::mayContain(QStringView text)
{
    // A mangled sequence needs a lead-byte character directly followed by a continuation-byte
    // character; plain ASCII lines never reach the table.
    // ASCII is skipped four units at a time; only a non-ASCII unit is looked up.
    const char16_t *const data = text.utf16();
    const qsizetype n = text.size();
    const auto &table = reverseTable();
    qsizetype i = 0;
    while (i + 1 < n) {
        if (i + 4 <= n) {
            std::uint64_t word;
            std::memcpy(&word, data + i, sizeof word);
            if (!(word & 0xFF80FF80FF80FF80ULL)) {
                i += 4;
                continue;
            }
        }
        const char16_t c = data[i];
        if (c >= 0x80) {
            const std::uint8_t b = table[c];
            if (b >= 0xC2 && b <= 0xF4 && isContinuation(byteOf(data[i + 1], table)))
                return true;
        }
        ++i;
    }
    return false;
}

} // namespace minutes
