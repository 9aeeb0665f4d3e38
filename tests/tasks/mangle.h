#pragma once

// Test helper: turns text into the mojibake the repair must undo, independently of the table
// in app/note/mojibake.cpp.

#include <QString>

namespace minutes::test {

// Mac OS Roman 0x80..0xFF, written out as characters (independent of the table in the code).
constexpr char16_t kMacRoman[] =
    u"ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’"
    u"÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";
static_assert(sizeof(kMacRoman) / sizeof(char16_t) == 129);

// What an editor does to UTF-8 text it reads as Mac Roman and saves again.
inline QString mangle(const QString &text)
{
    QString out;
    for (const char c : text.toUtf8()) {
        const auto b = static_cast<unsigned char>(c);
        out += b < 0x80 ? QChar(b) : QChar(kMacRoman[b - 0x80]);
    }
    return out;
}

} // namespace minutes::test
