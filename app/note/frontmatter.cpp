#include "note/frontmatter.h"

#include "note/frontmatterfields.h"
#include "note/simpleyaml.h"
#include "note/yamlreader.h"

#include <optional>

#include <cstring>

namespace minutes {

namespace {

constexpr qsizetype MaxFrontMatterBytes = 256 * 1024;
constexpr int MaxNesting = 64;

struct LineView
{
    qsizetype start = 0;
    qsizetype end = 0;      // before the line ending
    qsizetype next = 0;     // after the line ending
};

// Lines end at "\n", "\r\n" or a lone "\r" (old Mac files), as md4c counts them.
LineView lineAt(QByteArrayView text, qsizetype start)
{
    LineView line{start, start, start};
    qsizetype i = start;
    while (i < text.size() && text[i] != '\n' && text[i] != '\r')
        ++i;
    line.end = i;
    if (i < text.size())
        i += (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
    line.next = i;
    return line;
}

bool isMarkerLine(QByteArrayView line, QByteArrayView marker)
{
    if (!line.startsWith(marker))
        return false;
    for (const char c : line.sliced(marker.size())) {
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}

void report(Problems *problems, int line, const QString &message)
{
    if (problems)
        problems->append({QString(), line, message, Problem::Severity::Warning});
}

// A quote opens a quoted scalar only where a value starts ("key: '", "- '", "[a, '").
bool startsScalar(char prev, char prevNonSpace, int flowDepth)
{
    if (prevNonSpace == 0)
        return true;
    if (flowDepth > 0 && (prevNonSpace == '[' || prevNonSpace == '{' || prevNonSpace == ','))
        return true;
    return prev == ' ' && (prevNonSpace == ':' || prevNonSpace == '-' || prevNonSpace == '?');
}

// The characters precheck() acts on outside quotes; every other one only becomes `prev`.
bool isPrecheckSpecial(char c)
{
    switch (c) {
    case '#': case '"': case '\'': case '[': case '{': case ']': case '}':
        return true;
    default:
        return false;
    }
}

// Crude nesting and quoting check before any YAML parser sees the text: yaml-cpp recurses once
// per level (thousands of '[' exhaust a small stack), and accepts a quote that never closes.
// Returns false when the text nests too deeply to be parsed at all.
bool precheck(QByteArrayView yaml, int firstLine, Problems *problems)
{
    int flowDepth = 0;
    QList<int> indents;
    char quote = 0;
    int quoteLine = 0;
    int lineNo = 0;
    qsizetype pos = 0;
    while (pos < yaml.size()) {
        qsizetype end = yaml.indexOf('\n', pos);
        if (end < 0)
            end = yaml.size();
        const QByteArrayView line = yaml.sliced(pos, end - pos);
        qsizetype i = 0;
        if (!quote) {
            int indent = 0;
            while (indent < line.size() && line[indent] == ' ')
                ++indent;
            if (indent < line.size() && line[indent] != '#') {
                while (!indents.isEmpty() && indents.back() > indent)
                    indents.removeLast();
                if (indents.isEmpty() || indents.back() < indent)
                    indents.append(indent);
                // "- - - x" nests one level per indicator on a single line.
                int compact = 0;
                i = indent;
                while (i + 1 < line.size() && (line[i] == '-' || line[i] == '?' || line[i] == ':') && line[i + 1] == ' ') {
                    ++compact;
                    i += 2;
                }
                if (indents.size() + compact > MaxNesting) {
                    report(problems, firstLine + lineNo,
                           QStringLiteral("front matter nests deeper than %1 levels; ignored").arg(MaxNesting));
                    return false;
                }
            }
            i = indent;
        }
        char prev = ' ';
        char prevNonSpace = 0;   // 0: nothing yet on this line
        for (; i < line.size(); ++i) {
            const char c = line[i];
            if (!quote && !isPrecheckSpecial(c)) {
                // A run of characters that change nothing but prev and prevNonSpace.
                qsizetype j = i + 1;
                while (j < line.size() && !isPrecheckSpecial(line[j]))
                    ++j;
                for (qsizetype k = j - 1; k >= i; --k) {
                    if (line[k] != ' ') {
                        prevNonSpace = line[k];
                        break;
                    }
                }
                prev = line[j - 1];
                i = j - 1;
                continue;
            }
            if (quote == '"') {
                if (c == '\\')
                    ++i;
                else if (c == '"')
                    quote = 0;
            } else if (quote == '\'') {
                if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'')
                    ++i;
                else if (c == '\'')
                    quote = 0;
            } else if (c == '#' && (prev == ' ' || prev == '\t')) {
                break;
            } else if ((c == '"' || c == '\'') && startsScalar(prev, prevNonSpace, flowDepth)) {
                quote = c;
                quoteLine = lineNo;
            } else if (c == '[' || c == '{') {
                if (++flowDepth > MaxNesting) {
                    report(problems, firstLine + lineNo,
                           QStringLiteral("front matter nests deeper than %1 levels; ignored").arg(MaxNesting));
                    return false;
                }
            } else if ((c == ']' || c == '}') && flowDepth > 0) {
                --flowDepth;
            }
            prev = c;
            if (c != ' ')
                prevNonSpace = c;
        }
        pos = end + 1;
        ++lineNo;
    }
    if (quote)
        report(problems, firstLine + quoteLine,
               QStringLiteral("front matter has a quote that is never closed; the value runs to the end"));
    return true;
}

} // namespace

FrontMatter FrontMatterParser::parse(QByteArrayView text, Problems *problems)
{
    FrontMatter fm;
    const LineView opening = lineAt(text, 0);
    if (!isMarkerLine(text.sliced(0, opening.end), "---") || opening.next == opening.end)
        return fm;

    // Find the closing line; the YAML is everything between. Without any '\r' in the text, lines
    // end at '\n' only and memchr finds them; only a line starting with '-' or '.' can close.
    int lineNo = 2;
    qsizetype pos = opening.next;
    std::optional<LineView> closing;
    const bool onlyNewlines = std::memchr(text.data(), '\r', size_t(text.size())) == nullptr;
    while (pos < text.size()) {
        LineView line;
        if (onlyNewlines) {
            const void *newline = std::memchr(text.data() + pos, '\n', size_t(text.size() - pos));
            line.start = pos;
            line.end = newline ? static_cast<const char *>(newline) - text.data() : text.size();
            line.next = newline ? line.end + 1 : line.end;
        } else {
            line = lineAt(text, pos);
        }
        const char lead = line.end > line.start ? text[line.start] : 0;
        const QByteArrayView content = text.sliced(line.start, line.end - line.start);
        if ((lead == '-' && isMarkerLine(content, "---")) || (lead == '.' && isMarkerLine(content, "..."))) {
            closing = line;
            break;
        }
        pos = line.next;
        ++lineNo;
    }
    if (!closing) {
        report(problems, 1, QStringLiteral("front matter opened on line 1 is never closed; read as text"));
        return fm;
    }
    fm.present = true;
    fm.bodyOffset = closing->next;
    fm.bodyLine = lineNo + 1;

    QByteArrayView yaml = text.sliced(opening.next, closing->start - opening.next);
    if (yaml.size() > MaxFrontMatterBytes) {
        report(problems, 2, QStringLiteral("front matter is larger than %1 KiB; ignored").arg(MaxFrontMatterBytes / 1024));
        return fm;
    }
    // yaml-cpp knows only "\n" and "\r\n"; give both readers plain "\n".
    QByteArray normalized;
    if (yaml.contains('\r')) {
        normalized = yaml.toByteArray();
        normalized.replace("\r\n", "\n");
        normalized.replace('\r', '\n');
        yaml = normalized;
    }
    constexpr int firstLine = 2;
    if (!precheck(yaml, firstLine, problems))
        return fm;

    std::optional<YamlValue> root = SimpleYaml::parse(yaml);
    if (!root)
        root = YamlReader::read(yaml, firstLine, problems);
    if (root)
        FrontMatterFields::apply(*root, firstLine, fm, problems);
    return fm;
}

} // namespace minutes
