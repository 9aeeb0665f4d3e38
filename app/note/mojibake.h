#pragma once

#include <QString>
#include <QStringView>

namespace minutes {

// Repairs UTF-8 that was once decoded as Mac Roman and saved again ("üìÖ" for 📅,
// "‚è´" for ⏫). Only runs that re-encode to Mac Roman bytes forming a valid UTF-8
// multi-byte sequence are replaced, so ordinary accented text ("café", "Zürich") is left alone.
// Two-character pairs led by typographic punctuation (« … no-break-space “ ” ‘ ’ ‹ ›) are also
// left alone: real text puts those before accented letters ("l’été", "«Ça"), and what they
// would decode to (Armenian, rare Cyrillic, Syriac, IPA) is rarely what got mangled.
class Mojibake final
{
public:
    // Returns the repaired text; `repairs` (optional) receives how many sequences were repaired.
    static QString repair(QStringView text, int *repairs = nullptr);
    // Cheap test: could `text` contain a repairable sequence at all?
    static bool mayContain(QStringView text);
};

} // namespace minutes
