#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace minutes {

// Text folded once for fast case-insensitive search: lower-cased and stored as UTF-8, so that a
// search over a whole vault is a byte search (memmem) instead of a case-folding compare of UTF-16.
class SearchText final
{
public:
    // `text` lower-cased as UTF-8 (an ASCII-only text without a pass through QString::toLower).
    static QByteArray fold(QStringView text);
    // Several texts folded into one, separated by newlines (a term never spans two of them).
    static QByteArray fold(const QStringList &texts);
    // True when `folded` contains `term` (both folded).
    static bool contains(QByteArrayView folded, QByteArrayView term);
};

} // namespace minutes
