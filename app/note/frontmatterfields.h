#pragma once

#include "note/frontmatter.h"
#include "note/yamlvalue.h"

namespace minutes {

// Gives the keys of parsed front matter their meaning: the known keys become typed FrontMatter
// members (forgiving about how they are written: quoted or not, list or comma-separated text,
// [[wikilinks]], dates with times), every other key is kept in `fields`. Known keys match
// case-insensitively ("Title", "DATE"); a key given twice is reported and the first one wins.
class FrontMatterFields final
{
public:
    // `firstLine` is the 1-based file line of the YAML's first line.
    static void apply(const YamlValue &root, int firstLine, FrontMatter &fm, Problems *problems);

    // "2025-10-31", "2025-10-31T14:00:00", "2025-10-31 14:00", "2025-1-5"; invalid otherwise.
    static QDate parseDate(QStringView text);
    // "[[Rob Banga]]", "[[Rob Banga|Rob]]" -> "Rob Banga"; other text trimmed and unchanged.
    static QString unwrapWikiLink(QStringView text);
};

} // namespace minutes
