#pragma once

#include "note/yamlvalue.h"

#include <QByteArrayView>

#include <optional>

namespace minutes {

// A fast reader for the front matter most notes have: top-level `key: value` lines with plain,
// quoted or one-line flow-list values (one nested level, for unquoted [[wikilinks]]), block lists
// of such values, comments, and folded plain continuation lines. It gives up (returns nothing) on
// anything else, and the caller falls back to yaml-cpp; where it answers, it answers exactly as
// yaml-cpp would (tested on every fixture). yaml-cpp costs 50-150 us per note, which would
// dominate loading a large vault.
class SimpleYaml final
{
public:
    // `yaml` uses '\n' line endings.
    static std::optional<YamlValue> parse(QByteArrayView yaml);
};

} // namespace minutes
