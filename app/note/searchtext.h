#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace minutes {

// Text folded once for fast case-insensitive search: lower-cased (simple case mapping, one code
// point to one) and stored as UTF-8, so that a search over a whole vault is a byte search
// (memmem) instead of a case-folding compare of UTF-16. Queries are folded the same way.
class SearchText final
{
public:
    static QByteArray fold(QStringView text);
    // Valid UTF-8 (what NoteParser has decoded and repaired), without a detour through UTF-16.
    static QByteArray foldUtf8(QByteArrayView utf8);
    // What a note's search covers: title, tags and body, separated by newlines (a term never
    // spans two of them).
    static QByteArray fold(const QString &title, const QStringList &tags, QByteArrayView bodyUtf8);
    // True when `folded` contains `term` (both folded).
    static bool contains(QByteArrayView folded, QByteArrayView term);
};

} // namespace minutes
