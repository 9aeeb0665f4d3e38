#pragma once

#include <QString>

#include <utility>
#include <vector>

namespace minutes {

// A parsed YAML node reduced to what front matter needs: every scalar as the text it denotes
// (YAML types are not resolved: dates, numbers and booleans stay strings), sequences and maps in
// document order, duplicate keys kept. Both front matter readers (yaml-cpp and the fast path for
// simple front matter) produce it, so the typed interpretation is shared and identical.
struct YamlValue
{
    enum class Kind { Null, Scalar, Sequence, Map };

    Kind kind = Kind::Null;
    QString scalar;
    std::vector<YamlValue> items;                         // Sequence
    std::vector<std::pair<QString, YamlValue>> entries;   // Map (keys are scalars)
    std::vector<int> keyLines;                            // Map: 0-based line of each key

    bool isNull() const { return kind == Kind::Null; }

    friend bool operator==(const YamlValue &, const YamlValue &) = default;
};

} // namespace minutes
