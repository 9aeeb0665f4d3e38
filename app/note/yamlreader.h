#pragma once

#include "core/problem.h"
#include "note/yamlvalue.h"

#include <QByteArrayView>

#include <optional>

namespace minutes {

// Reads front matter YAML with yaml-cpp into a YamlValue. yaml-cpp 0.7 is trusted with nothing
// (PITFALLS.md): its exceptions become problems, and the walk over its nodes is bounded in depth
// and in node count because an alias can make a node contain itself (`&a [*a]`).
class YamlReader final
{
public:
    static constexpr int MaxDepth = 64;
    static constexpr int MaxNodes = 200000;   // for the whole document; 256 KiB of plain YAML stays below

    // `yaml` uses '\n' line endings. `firstLine` is the 1-based file line of its first line;
    // problems carry file lines. Returns nothing when yaml-cpp rejects the text.
    static std::optional<YamlValue> read(QByteArrayView yaml, int firstLine, Problems *problems);
};

} // namespace minutes
