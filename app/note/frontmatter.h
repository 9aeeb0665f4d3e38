#pragma once

#include "core/problem.h"

#include <QByteArrayView>
#include <QDate>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace minutes {

// The YAML front matter of a note, typed. Unknown keys are kept in `fields`.
struct FrontMatter
{
    bool present = false;       // a leading "---" line with a closing "---" or "..." line
    int bodyLine = 1;           // 1-based line where the body starts
    qsizetype bodyOffset = 0;   // byte offset where the body starts

    QString type, title, person, source, sourceRef;
    QDate date;
    QStringList participants;   // participants + attendees
    QStringList tags;           // without '#'
    QStringList aliases;
    QVariantMap fields;         // every other key: QString, QStringList, QVariantList, QVariantMap
};

// Finds and parses front matter with yaml-cpp, guarded against what yaml-cpp 0.7 does with
// hostile input (PITFALLS.md): bounded size and depth, cyclic aliases, exceptions turned into
// problems with a line number. Pure and thread-safe.
class FrontMatterParser final
{
public:
    // `text` is the whole file as UTF-8 (BOM already removed). Problems get an empty file name.
    static FrontMatter parse(QByteArrayView text, Problems *problems = nullptr);
};

} // namespace minutes
