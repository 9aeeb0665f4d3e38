#pragma once

#include <QStringView>

namespace minutes {

// A built-in list of a few hundred common given names across cultures, used to tell a person
// ("Jeff Denworth") from an organisation ("Goldman Sachs") when a wikilink is the only evidence.
// Names that are commonly the first word of a company ("Morgan", "Chase", "Lincoln") are left out.
class GivenNames final
{
public:
    // Case-insensitive.
    static bool contains(QStringView name);
};

} // namespace minutes
