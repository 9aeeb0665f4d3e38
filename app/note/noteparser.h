#pragma once

#include "note/note.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace minutes {

// Turns the bytes of one markdown file into a Note: decoding (UTF-8, BOM, UTF-16, invalid bytes
// reported), mojibake repair, front matter, and the body through md4c (sections, wikilinks,
// tags; task lines outside code). Never throws; whatever is wrong becomes a Problem.
// Pure and thread-safe: the loader runs it on every core.
class NoteParser final
{
public:
    static constexpr qint64 MaxNoteBytes = 8 * 1024 * 1024;   // larger files are a problem, not a note
    static constexpr qint64 MaxMarkdownBytes = 512 * 1024;    // md4c sees at most this much (PITFALLS.md)

    // Whether Note::body is filled: an index holds what it derives from the body (searchText,
    // sections, links, tasks) but not the body itself.
    enum class Body : quint8 { Keep, Drop };

    static Note parse(const QString &relativePath, const QByteArray &bytes, Body body = Body::Keep);

    // The hash stored in Note::contentHash: XXH64 (seed 0) of the bytes, 8 bytes big-endian.
    // Use it to recognise a file as read (our own writes, unchanged files).
    static QByteArray contentHash(QByteArrayView bytes);
};

} // namespace minutes
