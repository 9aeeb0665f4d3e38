#include "note/simpleyaml.h"

#include <vector>

namespace minutes {

namespace {

using View = QByteArrayView;

struct Line
{
    View content;   // after the indentation, trailing spaces removed
    int indent = 0;
    bool blank = false;     // empty, spaces only, or a comment
};

struct Scalar
{
    YamlValue value;
    bool plain = false;
};

bool isSpace(char c) { return c == ' '; }

View trimRight(View v)
{
    while (!v.isEmpty() && isSpace(v.back()))
        v.chop(1);
    return v;
}

View trimLeft(View v)
{
    while (!v.isEmpty() && isSpace(v.front()))
        v = v.sliced(1);
    return v;
}

YamlValue scalarValue(View text)
{
    YamlValue value;
    value.kind = YamlValue::Kind::Scalar;
    value.scalar = QString::fromUtf8(text);
    return value;
}

// yaml-cpp reads these plain scalars as null (IsNullString).
YamlValue plainValue(View text)
{
    if (text.isEmpty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
        return {};
    return scalarValue(text);
}

bool isIndicator(char c)
{
    switch (c) {
    case '-': case '?': case ':': case ',': case '[': case ']': case '{': case '}': case '#': case '&':
    case '*': case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
        return true;
    default:
        return false;
    }
}

// Characters that end or complicate a plain scalar inside a flow list.
bool isFlowSpecial(char c)
{
    switch (c) {
    case '[': case ']': case '{': case '}': case '#': case ':': case '"': case '\'':
        return true;
    default:
        return false;
    }
}

// What may follow a quoted scalar or flow list on its line: nothing or a comment.
bool onlyComment(View rest)
{
    if (rest.isEmpty())
        return true;
    if (!isSpace(rest.front()))
        return false;
    rest = trimLeft(rest);
    return rest.isEmpty() || rest.front() == '#';
}

// A one-line plain scalar in block context, its comment cut off; nothing if it is not simple.
std::optional<View> plainText(View v)
{
    if (v.isEmpty())
        return std::nullopt;
    if (isIndicator(v.front()) && !(v.front() == '-' && v.size() > 1 && !isSpace(v[1])))
        return std::nullopt;
    for (qsizetype i = 1; i < v.size(); ++i) {
        if (v[i] == '#' && isSpace(v[i - 1])) {
            v = v.first(i);
            break;
        }
    }
    v = trimRight(v);
    for (qsizetype i = 0; i < v.size(); ++i) {
        if (v[i] == ':' && (i + 1 == v.size() || isSpace(v[i + 1])))
            return std::nullopt;
    }
    return v;
}

// A quoted scalar that closes on this line; `end` receives the index after the closing quote.
std::optional<QString> quotedText(View v, qsizetype *end)
{
    const char quote = v.front();
    // Most quoted values hold no escape: they are the bytes between the quotes.
    for (qsizetype k = 1; k < v.size(); ++k) {
        const char c = v[k];
        if (quote == '"' && c == '\\')
            break;
        if (c == quote) {
            if (quote == '\'' && k + 1 < v.size() && v[k + 1] == '\'')
                break;
            *end = k + 1;
            return k == 1 ? QString() : QString::fromUtf8(v.sliced(1, k - 1));
        }
    }
    QByteArray out;
    qsizetype i = 1;
    while (i < v.size()) {
        const char c = v[i];
        if (quote == '"' && c == '\\') {
            if (i + 1 < v.size() && (v[i + 1] == '"' || v[i + 1] == '\\')) {
                out += v[i + 1];
                i += 2;
                continue;
            }
            return std::nullopt;   // other escapes: leave them to yaml-cpp
        }
        if (c == quote) {
            if (quote == '\'' && i + 1 < v.size() && v[i + 1] == '\'') {
                out += '\'';
                i += 2;
                continue;
            }
            *end = i + 1;
            return QString::fromUtf8(out);
        }
        out += c;
        ++i;
    }
    return std::nullopt;   // continues on the next line, or never closes
}

// A flow list starting at v[*pos] == '[' and closing on the same line; *pos ends after its ']'.
// One nested level is read, for Obsidian's unquoted wikilinks: [[Ada Wren]] is a list in a list.
std::optional<YamlValue> flowList(View v, qsizetype *pos, int depth)
{
    YamlValue list;
    list.kind = YamlValue::Kind::Sequence;
    qsizetype i = *pos + 1;
    auto skipSpaces = [&] {
        while (i < v.size() && isSpace(v[i]))
            ++i;
    };
    skipSpaces();
    if (i < v.size() && v[i] == ']') {
        *pos = i + 1;
        return list;
    }
    while (i < v.size()) {
        skipSpaces();
        if (i >= v.size())
            return std::nullopt;
        const char c = v[i];
        if (c == '"' || c == '\'') {
            qsizetype end = 0;
            const auto text = quotedText(v.sliced(i), &end);
            if (!text)
                return std::nullopt;
            YamlValue item;
            item.kind = YamlValue::Kind::Scalar;
            item.scalar = *text;
            list.items.push_back(std::move(item));
            i += end;
        } else if (c == '[' && depth < 2) {
            auto inner = flowList(v, &i, depth + 1);
            if (!inner)
                return std::nullopt;
            list.items.push_back(std::move(*inner));
        } else {
            if (isIndicator(c))
                return std::nullopt;
            const qsizetype start = i;
            while (i < v.size() && v[i] != ',' && v[i] != ']') {
                if (isFlowSpecial(v[i]))
                    return std::nullopt;
                ++i;
            }
            list.items.push_back(plainValue(trimRight(v.sliced(start, i - start))));
        }
        skipSpaces();
        if (i >= v.size())
            return std::nullopt;
        if (v[i] == ']') {
            *pos = i + 1;
            return list;
        }
        if (v[i] != ',')
            return std::nullopt;
        ++i;
        skipSpaces();
        if (i < v.size() && v[i] == ']')
            return std::nullopt;   // trailing comma
    }
    return std::nullopt;
}

// A value written on the key's (or the list item's) line.
std::optional<Scalar> inlineValue(View text)
{
    const char c = text.front();
    if (c == '"' || c == '\'') {
        qsizetype end = 0;
        const auto quoted = quotedText(text, &end);
        if (!quoted || !onlyComment(text.sliced(end)))
            return std::nullopt;
        YamlValue value;
        value.kind = YamlValue::Kind::Scalar;
        value.scalar = *quoted;
        return Scalar{std::move(value), false};
    }
    if (c == '[') {
        qsizetype end = 0;
        auto list = flowList(text, &end, 1);
        if (!list || !onlyComment(text.sliced(end)))
            return std::nullopt;
        return Scalar{std::move(*list), false};
    }
    const auto plain = plainText(text);
    if (!plain)
        return std::nullopt;
    return Scalar{plainValue(*plain), true};
}

bool isItem(const Line &line)
{
    return line.content == "-" || line.content.startsWith("- ");
}

std::vector<Line> splitLines(View yaml)
{
    std::vector<Line> lines;
    qsizetype pos = 0;
    while (pos < yaml.size()) {
        qsizetype end = yaml.indexOf('\n', pos);
        if (end < 0)
            end = yaml.size();
        View text = yaml.sliced(pos, end - pos);
        Line line;
        while (line.indent < text.size() && isSpace(text[line.indent]))
            ++line.indent;
        line.content = trimRight(text.sliced(line.indent));
        line.blank = line.content.isEmpty() || line.content.front() == '#';
        lines.push_back(line);
        pos = end + 1;
    }
    return lines;
}

std::optional<QString> keyOf(View content, View *rest)
{
    qsizetype colon = -1;
    for (qsizetype i = 0; i < content.size(); ++i) {
        if (content[i] == ':' && (i + 1 == content.size() || isSpace(content[i + 1]))) {
            colon = i;
            break;
        }
    }
    if (colon <= 0)
        return std::nullopt;
    const View key = content.first(colon);
    if (isIndicator(key.front()) || isSpace(key.back()))
        return std::nullopt;
    for (const char c : key) {
        if (c != '-' && c != '?' && isIndicator(c))
            return std::nullopt;
    }
    *rest = trimLeft(content.sliced(colon + 1));
    return QString::fromUtf8(key);
}

} // namespace

std::optional<YamlValue> SimpleYaml::parse(QByteArrayView yaml)
{
    // Tabs, control characters, and what YAML gives meaning to beyond '\n': NEL, LS, PS, BOM.
    const auto *bytes = reinterpret_cast<const uchar *>(yaml.data());
    const qsizetype size = yaml.size();
    for (qsizetype i = 0; i < size; ++i) {
        const uchar c = bytes[i];
        if (c < 0x20 && c != '\n')
            return std::nullopt;
        if (c == 0xC2 && i + 1 < size && bytes[i + 1] == 0x85)
            return std::nullopt;
        if (c == 0xE2 && i + 2 < size && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9))
            return std::nullopt;
        if (c == 0xEF && i + 2 < size && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF)
            return std::nullopt;
    }

    const std::vector<Line> lines = splitLines(yaml);
    const int n = int(lines.size());
    YamlValue root;
    root.kind = YamlValue::Kind::Map;
    int i = 0;
    while (i < n) {
        if (lines[i].blank) {
            ++i;
            continue;
        }
        if (lines[i].indent != 0)
            return std::nullopt;
        View rest;
        const auto key = keyOf(lines[i].content, &rest);
        if (!key)
            return std::nullopt;
        const int keyLine = i++;
        YamlValue value;
        if (rest.isEmpty() || rest.front() == '#') {
            int j = i;
            while (j < n && lines[j].blank)
                ++j;
            if (j < n && isItem(lines[j])) {
                const int indent = lines[j].indent;
                value.kind = YamlValue::Kind::Sequence;
                i = j;
                while (i < n) {
                    if (lines[i].blank) {
                        ++i;
                        continue;
                    }
                    if (lines[i].indent > indent || (lines[i].indent < indent && lines[i].indent > 0))
                        return std::nullopt;
                    if (lines[i].indent < indent || !isItem(lines[i]))
                        break;
                    const View itemText = trimLeft(lines[i].content.sliced(1));
                    if (itemText.isEmpty() || itemText.front() == '#') {
                        value.items.emplace_back();
                    } else {
                        auto item = inlineValue(itemText);
                        if (!item)
                            return std::nullopt;
                        value.items.push_back(std::move(item->value));
                    }
                    ++i;
                }
            } else if (j < n && lines[j].indent > 0) {
                return std::nullopt;   // a nested map or something richer
            }
        } else {
            auto scalar = inlineValue(rest);
            if (!scalar)
                return std::nullopt;
            if (scalar->plain && !scalar->value.isNull()) {
                // Folded continuation lines (a long source_ref wrapped by the writer).
                QString text = scalar->value.scalar;
                while (i < n && !lines[i].blank && lines[i].indent > 0) {
                    const View cont = lines[i].content;
                    if (isIndicator(cont.front()))
                        return std::nullopt;
                    const auto plain = plainText(cont);
                    if (!plain || plain->size() != cont.size())
                        return std::nullopt;
                    text += QLatin1Char(' ') + QString::fromUtf8(*plain);
                    ++i;
                }
                scalar->value.scalar = text;
            } else if (i < n && !lines[i].blank && lines[i].indent > 0) {
                return std::nullopt;
            }
            value = std::move(scalar->value);
        }
        root.entries.emplace_back(*key, std::move(value));
        root.keyLines.push_back(keyLine);
    }
    if (root.entries.empty())
        return YamlValue();
    return root;
}

} // namespace minutes
