#include "note/yamlreader.h"

#include <yaml-cpp/yaml.h>

#include <string>

namespace minutes {

namespace {

// Shared by the whole document: aliases can make a small text expand without end.
struct Walk
{
    int nodesLeft = YamlReader::MaxNodes;
    bool tooDeep = false;
    bool overflow() const { return tooDeep || nodesLeft < 0; }
};

QString toQString(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// Converts `node`; on running out of depth or nodes marks the walk and returns Null.
YamlValue convert(const YAML::Node &node, int depth, Walk &walk)
{
    YamlValue value;
    if (depth > YamlReader::MaxDepth)
        walk.tooDeep = true;
    if (walk.tooDeep || --walk.nodesLeft < 0)
        return value;
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        break;
    case YAML::NodeType::Scalar:
        value.kind = YamlValue::Kind::Scalar;
        value.scalar = toQString(node.Scalar());
        break;
    case YAML::NodeType::Sequence:
        value.kind = YamlValue::Kind::Sequence;
        value.items.reserve(node.size());
        for (const YAML::Node &item : node) {
            value.items.push_back(convert(item, depth + 1, walk));
            if (walk.overflow())
                return {};
        }
        break;
    case YAML::NodeType::Map:
        value.kind = YamlValue::Kind::Map;
        for (auto it = node.begin(); it != node.end(); ++it) {
            // A key that is itself a list or map (`? [a, b]`) is kept as its flattened text.
            QString key;
            if (it->first.IsScalar())
                key = toQString(it->first.Scalar());
            else if (!it->first.IsNull())
                key = QStringLiteral("?");
            value.entries.emplace_back(key, convert(it->second, depth + 1, walk));
            value.keyLines.push_back(it->first.Mark().line);
            if (walk.overflow())
                return {};
        }
        break;
    }
    return value;
}

} // namespace

std::optional<YamlValue> YamlReader::read(QByteArrayView yaml, int firstLine, Problems *problems)
{
    auto report = [&](int yamlLine, const QString &message) {
        if (problems)
            problems->append({QString(), yamlLine >= 0 ? firstLine + yamlLine : firstLine - 1, message,
                              Problem::Severity::Warning});
    };
    try {
        const YAML::Node root = YAML::Load(std::string(yaml.data(), size_t(yaml.size())));
        Walk walk;
        if (!root.IsMap()) {
            YamlValue value = convert(root, 0, walk);
            if (walk.overflow()) {
                report(-1, QStringLiteral("front matter nests too deeply or refers to itself; ignored"));
                return YamlValue();
            }
            return value;
        }
        // Walk the top level here so that a self-referring value costs only its own key.
        YamlValue map;
        map.kind = YamlValue::Kind::Map;
        for (auto it = root.begin(); it != root.end(); ++it) {
            const int keyLine = it->first.Mark().line;
            const QString key = it->first.IsScalar() ? toQString(it->first.Scalar()) : QString();
            if (!it->first.IsScalar() && !it->first.IsNull()) {
                report(keyLine, QStringLiteral("front matter key is not plain text; ignored"));
                continue;
            }
            YamlValue value = convert(it->second, 1, walk);
            if (walk.nodesLeft < 0) {
                report(keyLine, QStringLiteral("front matter expands to more than %1 values from '%2' on (aliases?); "
                                               "the rest is ignored")
                                    .arg(MaxNodes)
                                    .arg(key));
                break;
            }
            if (walk.tooDeep) {
                report(keyLine, QStringLiteral("front matter value of '%1' nests too deeply or refers to itself; ignored")
                                    .arg(key));
                walk.tooDeep = false;
                continue;
            }
            map.entries.emplace_back(key, std::move(value));
            map.keyLines.push_back(keyLine);
        }
        return map;
    } catch (const YAML::Exception &e) {
        report(e.mark.is_null() ? -1 : e.mark.line,
               QStringLiteral("front matter is not valid YAML: %1").arg(toQString(e.msg)));
    } catch (const std::exception &e) {
        // yaml-cpp can also throw plain standard exceptions (bad_alloc on absurd input).
        report(-1, QStringLiteral("front matter could not be read: %1").arg(QString::fromLocal8Bit(e.what())));
    }
    return std::nullopt;
}

} // namespace minutes
