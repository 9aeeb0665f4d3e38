#include "tasks/taskparser.h"

#include "note/mojibake.h"

#include <initializer_list>

namespace minutes {

namespace {

// The plugin stops its backwards scan after this many passes (maxRuns = 20, `runs <= maxRuns`).
constexpr int kMaxPasses = 21;

constexpr char32_t kVs16 = 0xFE0F;

// Where the list marker and the checkbox of a task line are.
struct Shape
{
    qsizetype prefixEnd = 0;
    qsizetype markerEnd = 0;
    char32_t status = U' ';
    bool malformed = false;
    qsizetype bodyStart = 0; // just after ']'
};

bool isPrefixChar(QChar c)
{
    return c == u'>' || c.isSpace() || c.unicode() == 0xFEFF;
}

bool isLineTerminator(char32_t c)
{
    return c == U'\r' || c == U'\n' || c == 0x2028 || c == 0x2029;
}

bool isAsciiDigit(QChar c) { return c >= u'0' && c <= u'9'; }
bool isAsciiLetter(QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); }
bool isIdChar(QChar c) { return isAsciiLetter(c) || isAsciiDigit(c) || c == u'-' || c == u'_'; }
bool isRecurrenceChar(QChar c)
{
    return isAsciiLetter(c) || isAsciiDigit(c) || c == u',' || c == u' ' || c == u'!';
}

// Characters that end a hashtag (the plugin's `[^ !@#$%^&*(),.?":{}|<>]`).
bool isTagChar(QChar c)
{
    switch (c.unicode()) {
    case ' ': case '!': case '@': case '#': case '$': case '%': case '^': case '&': case '*':
    case '(': case ')': case ',': case '.': case '?': case '"': case ':': case '{': case '}':
    case '|': case '<': case '>':
        return false;
    default:
        return true;
    }
}

// The code point starting at `i` and how many UTF-16 units it takes.
char32_t codePointAt(QStringView s, qsizetype i, int *units)
{
    if (i + 1 < s.size() && s[i].isHighSurrogate() && s[i + 1].isLowSurrogate()) {
        *units = 2;
        return QChar::surrogateToUcs4(s[i], s[i + 1]);
    }
    *units = 1;
    return s[i].unicode();
}

// Prefix, marker and the spaces after it; returns the index of '[' or -1.
qsizetype checkboxOpen(QStringView line, Shape *shape)
{
    const qsizetype n = line.size();
    qsizetype i = 0;
    while (i < n && isPrefixChar(line[i]))
        ++i;
    shape->prefixEnd = i;
    if (i >= n)
        return -1;
    if (line[i] == u'-' || line[i] == u'*' || line[i] == u'+') {
        ++i;
    } else {
        const qsizetype digits = i;
        while (i < n && isAsciiDigit(line[i]))
            ++i;
        if (i == digits || i >= n || (line[i] != u'.' && line[i] != u')'))
            return -1;
        ++i;
    }
    shape->markerEnd = i;
    const qsizetype spaces = i;
    while (i < n && line[i] == u' ')
        ++i;
    if (i == spaces || i >= n || line[i] != u'[')
        return -1;
    return i;
}

// "[c]" or Minutes' "[ c]"; after ']' comes whitespace or the end of the line.
bool readCheckbox(QStringView line, qsizetype open, Shape *shape)
{
    const qsizetype n = line.size();
    qsizetype i = open + 1;
    if (i >= n)
        return false;
    int units = 0;
    char32_t symbol = codePointAt(line, i, &units);
    bool malformed = false;
    if (i + units < n && line[i + units] != u']' && symbol == U' ') {
        i += units;
        symbol = codePointAt(line, i, &units);
        malformed = true;
        if (QChar::isSpace(symbol))
            return false;
    }
    i += units;
    if (isLineTerminator(symbol) || i >= n || line[i] != u']')
        return false;
    ++i;
    if (i < n && !line[i].isSpace())
        return false;
    shape->status = symbol;
    shape->malformed = malformed;
    shape->bodyStart = i;
    return true;
}

bool readShape(QStringView line, Shape *shape)
{
    const qsizetype open = checkboxOpen(line, shape);
    return open >= 0 && readCheckbox(line, open, shape);
}

// The field parsing state: what is left of the body, and where problems go.
struct Scan
{
    QStringView rest;
    Task *task = nullptr;
    Problems *problems = nullptr;
    int lineNumber = 0;

    void cutAt(qsizetype start) { rest = rest.left(start).trimmed(); }

    void report(const QString &message)
    {
        if (problems)
            problems->append(Problem{QString(), lineNumber, message, Problem::Severity::Warning});
    }
};

// If one of `emojis` (plus an optional U+FE0F) ends at `end`, where it starts; otherwise -1.
qsizetype emojiEndingAt(QStringView s, qsizetype end, std::initializer_list<char32_t> emojis,
                        char32_t *which = nullptr)
{
    if (end > 0 && s[end - 1].unicode() == kVs16)
        --end;
    if (end <= 0)
        return -1;
    qsizetype start = end - 1;
    char32_t cp = s[start].unicode();
    if (end >= 2 && s[end - 1].isLowSurrogate() && s[end - 2].isHighSurrogate()) {
        start = end - 2;
        cp = QChar::surrogateToUcs4(s[start], s[end - 1]);
    }
    for (const char32_t e : emojis) {
        if (e == cp) {
            if (which)
                *which = cp;
            return start;
        }
    }
    return -1;
}

// The emoji, an optional U+FE0F and zero or more ASCII spaces before `valueStart`.
qsizetype fieldStart(QStringView s, qsizetype valueStart, std::initializer_list<char32_t> emojis)
{
    while (valueStart > 0 && s[valueStart - 1] == u' ')
        --valueStart;
    return emojiEndingAt(s, valueStart, emojis);
}

// Start of the longest run at the end of `s` whose characters satisfy `pred`.
template<typename Pred>
qsizetype runStart(QStringView s, Pred pred)
{
    qsizetype i = s.size();
    while (i > 0 && pred(s[i - 1]))
        --i;
    return i;
}

bool peelPriority(Scan &scan)
{
    char32_t which = 0;
    const qsizetype start = emojiEndingAt(scan.rest, scan.rest.size(),
                                          {0x1F53A, 0x23EB, 0x1F53C, 0x1F53D, 0x23EC}, &which);
    if (start < 0)
        return false;
    switch (which) {
    case 0x1F53A: scan.task->priority = Priority::Highest; break;
    case 0x23EB: scan.task->priority = Priority::High; break;
    case 0x1F53C: scan.task->priority = Priority::Medium; break;
    case 0x1F53D: scan.task->priority = Priority::Low; break;
    default: scan.task->priority = Priority::Lowest; break;
    }
    scan.cutAt(start);
    return true;
}

bool endsWithDateShape(QStringView s)
{
    if (s.size() < 10)
        return false;
    const QStringView d = s.right(10);
    for (int k = 0; k < 10; ++k) {
        if ((k == 4 || k == 7) ? d[k] != u'-' : !isAsciiDigit(d[k]))
            return false;
    }
    return true;
}

// A date field: the value is consumed even when it names no real day (the plugin keeps an
// "Invalid date"); Minutes leaves the field null and reports it.
bool peelDate(Scan &scan, std::initializer_list<char32_t> emojis, QDate Task::*field,
              const char *name)
{
    if (!endsWithDateShape(scan.rest))
        return false;
    const qsizetype valueStart = scan.rest.size() - 10;
    const qsizetype start = fieldStart(scan.rest, valueStart, emojis);
    if (start < 0)
        return false;
    const QStringView text = scan.rest.mid(valueStart);
    // The shape is checked: ten characters, ASCII digits around the two dashes.
    auto number = [&](qsizetype at, int digits) {
        int value = 0;
        for (int k = 0; k < digits; ++k)
            value = value * 10 + (text[at + k].unicode() - u'0');
        return value;
    };
    const QDate date(number(0, 4), number(5, 2), number(8, 2));
    scan.task->*field = date.isValid() ? date : QDate();
    if (!date.isValid()) {
        scan.report(QStringLiteral("Task has an invalid %1 date \u201c%2\u201d; it is ignored")
                        .arg(QLatin1String(name), text));
    }
    scan.cutAt(start);
    return true;
}

bool peelRecurrence(Scan &scan)
{
    const qsizetype value = runStart(scan.rest, isRecurrenceChar);
    if (value == scan.rest.size())
        return false;
    const qsizetype start = emojiEndingAt(scan.rest, value, {0x1F501});
    if (start < 0)
        return false;
    const QString rule = scan.rest.mid(value).trimmed().toString();
    // The plugin removes any rule it cannot read and forgets it; Minutes keeps only rules the
    // plugin could read ("every ...") and says so about the others.
    if (rule.startsWith(QLatin1String("every"), Qt::CaseInsensitive)) {
        scan.task->recurrence = rule;
    } else {
        scan.task->recurrence.clear();
        scan.report(QStringLiteral("Task has a recurrence rule \u201c%1\u201d that does not start "
                                   "with \u201cevery\u201d; it is ignored").arg(rule));
    }
    scan.cutAt(start);
    return true;
}

bool peelOnCompletion(Scan &scan)
{
    const qsizetype value = runStart(scan.rest, isAsciiLetter);
    if (value == scan.rest.size())
        return false;
    const qsizetype start = fieldStart(scan.rest, value, {0x1F3C1});
    if (start < 0)
        return false;
    scan.task->onCompletion = scan.rest.mid(value).toString();
    scan.cutAt(start);
    return true;
}

// A hashtag at the very end, preceded by whitespace or the start. Prepended to `tags`.
bool peelTag(Scan &scan, QStringList &tags)
{
    const QStringView s = scan.rest;
    const qsizetype body = runStart(s, isTagChar);
    if (body == s.size() || body == 0 || s[body - 1] != u'#')
        return false;
    const qsizetype hash = body - 1;
    if (hash > 0 && !s[hash - 1].isSpace())
        return false;
    tags.prepend(s.mid(hash).trimmed().toString());
    scan.cutAt(hash);
    return true;
}

bool peelId(Scan &scan)
{
    const qsizetype value = runStart(scan.rest, isIdChar);
    if (value == scan.rest.size())
        return false;
    const qsizetype start = fieldStart(scan.rest, value, {0x1F194});
    if (start < 0)
        return false;
    scan.task->id = scan.rest.mid(value).toString();
    scan.cutAt(start);
    return true;
}

bool peelDependsOn(Scan &scan)
{
    const qsizetype value =
        runStart(scan.rest, [](QChar c) { return isIdChar(c) || c == u',' || c == u' '; });
    if (value == scan.rest.size())
        return false;
    const qsizetype start = emojiEndingAt(scan.rest, value, {0x26D4});
    if (start < 0)
        return false;
    // ids separated by commas, spaces allowed only around the commas
    QStringList ids;
    for (const QStringView part : scan.rest.mid(value).split(u',')) {
        const QStringView id = part.trimmed();
        if (id.isEmpty() || id.contains(u' '))
            return false;
        ids.append(id.toString());
    }
    scan.task->dependsOn = ids;
    scan.cutAt(start);
    return true;
}

// Start of the run of hashtags (separated by whitespace) at the end of `d`, or d.size().
qsizetype trailingTagsStart(QStringView d)
{
    qsizetype end = d.size();
    qsizetype first = d.size();
    for (;;) {
        while (end > 0 && d[end - 1].isSpace())
            --end;
        qsizetype i = end;
        while (i > 0 && isTagChar(d[i - 1]) && !d[i - 1].isSpace())
            --i;
        if (i == end || i == 0 || d[i - 1] != u'#' || (i > 1 && !d[i - 2].isSpace()))
            return first;
        first = end = i - 1;
    }
}

bool isNameParticle(QStringView w)
{
    static const char *const particles[] = {"van", "von", "der", "den", "de", "da", "di", "du",
                                            "del", "della", "la", "le", "bin", "ibn", "al", "el",
                                            "y", "dos", "das", "ter", "ten"};
    for (const char *p : particles) {
        if (w == QLatin1String(p))
            return true;
    }
    return false;
}

// One word of a name: letters (with marks), digits, inner apostrophes and hyphens; dots only in
// short abbreviations ("J.", "Jr.", "J.R.").
bool isNameWord(QStringView w, bool first)
{
    if (w.isEmpty() || !w[0].isLetter())
        return false;
    if (!first && !w[0].isUpper() && !isNameParticle(w))
        return false;
    int dots = 0;
    for (qsizetype k = 0; k < w.size(); ++k) {
        const QChar c = w[k];
        if (c.isLetterOrNumber() || c.isMark())
            continue;
        const bool inner = k + 1 < w.size() && w[k - 1].isLetterOrNumber();
        if ((c == u'\'' || c == u'\u2019' || c == u'-') && inner && w[k + 1].isLetterOrNumber())
            continue;
        if (c == u'.' && w[k - 1].isLetter()) {
            ++dots;
            continue;
        }
        return false;
    }
    return dots == 0 || w.size() - dots <= 2;
}

// The owner: the last '@' at the start of a word whose text up to `end` is 1-4 name words.
qsizetype ownerStart(QStringView d, QString *owner)
{
    qsizetype at = d.size();
    while (at > 0 && d[at - 1].isSpace())
        --at;
    const QStringView head = d.left(at);
    at = head.lastIndexOf(u'@');
    while (at > 0 && !head[at - 1].isSpace())
        at = head.lastIndexOf(u'@', at - 1);
    if (at < 0)
        return -1;
    if (at + 1 >= head.size() || head[at + 1].isSpace())
        return -1;
    // 1-4 name words separated by spaces, joined by one space each.
    const QStringView rest = head.sliced(at + 1);
    QStringView words[4];
    int count = 0;
    bool singleSpaced = true;
    for (qsizetype i = 0; i < rest.size();) {
        if (rest[i] == u' ') {
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < rest.size() && rest[end] != u' ')
            ++end;
        if (count == 4 || !isNameWord(rest.sliced(i, end - i), count == 0))
            return -1;
        if (count > 0 && i - 1 > 0 && rest[i - 2] == u' ')
            singleSpaced = false;
        words[count++] = rest.sliced(i, end - i);
        i = end;
    }
    if (count == 0)
        return -1;
    if (singleSpaced) {
        *owner = QStringView(words[0].data(), words[count - 1].data() + words[count - 1].size() - words[0].data()).toString();
    } else {
        owner->clear();
        for (int k = 0; k < count; ++k) {
            if (k > 0)
                owner->append(u' ');
            owner->append(words[k]);
        }
    }
    return at;
}

// Four-byte signifiers mangled through Mac Roman start with the Apple logo (U+F8FF, byte 0xF0),
// which many fonts do not draw and some copies of a note lose. Without it the rest is no valid
// sequence, so Mojibake leaves it; for these distinctive signifier spellings only, put the emoji
// back ("üìÖ" -> 📅).
void restoreOrphanSignifiers(QString &text)
{
    static const struct { const char16_t *mangled; char32_t emoji; } orphans[] = {
        {u"\u00FC\u00EC\u00D6", 0x1F4C5}, {u"\u00FC\u00EC\u00DC", 0x1F4C6},
        {u"\u00FC\u00F3\u00EC", 0x1F5D3}, {u"\u00FC\u00F5\u00B4", 0x1F6EB},
        {u"\u00FC\u00EE\u00C5", 0x1F501}, {u"\u00FC\u00E8\u00C5", 0x1F3C1},
        {u"\u00FC\u00DC\u00EE", 0x1F194}, {u"\u00FC\u00EE\u222B", 0x1F53A},
        {u"\u00FC\u00EE\u00BA", 0x1F53C}, {u"\u00FC\u00EE\u03A9", 0x1F53D},
    };
    for (const auto &orphan : orphans) {
        const QStringView mangled(orphan.mangled);
        if (text.contains(mangled))
            text.replace(mangled.toString(), QString::fromUcs4(&orphan.emoji, 1));
    }
}

// The line as parse() reads it: mojibake repaired and orphaned signifiers restored; null when
// there was nothing to change.
QString readableText(QStringView line)
{
    QString repaired;
    if (Mojibake::mayContain(line))
        repaired = Mojibake::repair(line);
    if ((repaired.isNull() ? line : QStringView(repaired)).contains(QChar(0x00FC))) {
        if (repaired.isNull())
            repaired = line.toString();
        restoreOrphanSignifiers(repaired);
    }
    return repaired;
}

// The list marker; the three bullets share one string each rather than allocating per task.
QString markerText(QStringView marker)
{
    static const QString dash = QStringLiteral("-"), star = QStringLiteral("*"), plus = QStringLiteral("+");
    if (marker.size() == 1) {
        switch (marker[0].unicode()) {
        case '-': return dash;
        case '*': return star;
        case '+': return plus;
        default: break;
        }
    }
    return marker.toString();
}

} // namespace

QStringList TaskParser::extractTags(QStringView text)
{
    QStringList tags;
    const qsizetype n = text.size();
    qsizetype lastEnd = 0; // a whitespace already eaten by the previous match cannot start a tag
    for (qsizetype i = 0; i < n; ++i) {
        if (text[i] != u'#' || (i > 0 && (!text[i - 1].isSpace() || i - 1 < lastEnd)))
            continue;
        qsizetype j = i + 1;
        while (j < n && isTagChar(text[j]))
            ++j;
        if (j == i + 1)
            continue;
        tags.append(text.mid(i, j - i).trimmed().toString());
        lastEnd = j;
        i = j - 1;
    }
    return tags;
}

bool TaskParser::looksLikeTask(QStringView line)
{
    Shape shape;
    const qsizetype open = checkboxOpen(line, &shape);
    if (open < 0)
        return false;
    if (readCheckbox(line, open, &shape))
        return true;
    // A mangled status symbol only reads as one code point once repaired, exactly as parse()
    // repairs it (a fuzzed "[ üìÖ]" read as a task there and not here).
    const QString readable = readableText(line);
    return !readable.isNull() && readShape(readable, &shape);
}

std::optional<Task> TaskParser::parse(QStringView line, int lineNumber, Problems *problems)
{
    return parse(line, nullptr, lineNumber, problems);
}

std::optional<Task> TaskParser::parse(const QString &line, int lineNumber, Problems *problems)
{
    return parse(QStringView(line), &line, lineNumber, problems);
}

std::optional<Task> TaskParser::parse(QStringView line, const QString *shared, int lineNumber, Problems *problems)
{
    Shape shape;
    const qsizetype open = checkboxOpen(line, &shape);
    if (open < 0)
        return std::nullopt;

    const QString repaired = readableText(line);
    const QStringView text = repaired.isNull() ? line : QStringView(repaired);
    if (!readShape(text, &shape))
        return std::nullopt;

    Task task;
    task.line = lineNumber;
    task.rawLine = shared ? *shared : line.toString();
    if (shape.prefixEnd > 0)
        task.prefix = text.left(shape.prefixEnd).toString();
    task.marker = markerText(text.mid(shape.prefixEnd, shape.markerEnd - shape.prefixEnd));
    task.status = shape.status;
    task.malformedStatus = shape.malformed;

    QStringView body = text.mid(shape.bodyStart).trimmed();
    // A block link (" ^abc-1") at the very end is set aside first.
    const qsizetype link =
        runStart(body, [](QChar c) { return isAsciiLetter(c) || isAsciiDigit(c) || c == u'-'; });
    if (link < body.size() && link >= 2 && body[link - 1] == u'^' && body[link - 2] == u' ') {
        task.blockLink = body.mid(link - 1).toString();
        body = body.left(link - 2).trimmed();
    }

    Scan scan{body, &task, problems, lineNumber};
    QStringList trailingTags;
    for (int pass = 0; pass < kMaxPasses; ++pass) {
        bool matched = false;
        // Same order as the plugin's deserializer: it matters where one piece could be read
        // two ways ("#tag📅2025-11-08" is a due date after a tag, not one long tag).
        matched |= peelPriority(scan);
        matched |= peelDate(scan, {0x2705}, &Task::done, "done");
        matched |= peelDate(scan, {0x274C}, &Task::cancelled, "cancelled");
        matched |= peelDate(scan, {0x1F4C5, 0x1F4C6, 0x1F5D3}, &Task::due, "due");
        matched |= peelDate(scan, {0x23F3, 0x231B}, &Task::scheduled, "scheduled");
        matched |= peelDate(scan, {0x1F6EB}, &Task::start, "start");
        matched |= peelDate(scan, {0x2795}, &Task::created, "created");
        matched |= peelRecurrence(scan);
        matched |= peelOnCompletion(scan);
        matched |= peelTag(scan, trailingTags);
        matched |= peelId(scan);
        matched |= peelDependsOn(scan);
        if (!matched)
            break;
    }

    QString description;
    if (trailingTags.isEmpty()) {
        description = scan.rest.toString();
    } else {
        // The text, then the tags peeled from among the fields, one space apart: one allocation.
        qsizetype size = scan.rest.size() + (scan.rest.isEmpty() ? 0 : 1) + trailingTags.size() - 1;
        for (const QString &tag : std::as_const(trailingTags))
            size += tag.size();
        description.reserve(size);
        description.append(scan.rest);
        for (qsizetype k = 0; k < trailingTags.size(); ++k) {
            if (k > 0 || !scan.rest.isEmpty())
                description.append(u' ');
            description.append(trailingTags.at(k));
        }
    }

    const qsizetype tagsAt = trailingTagsStart(description);
    const QStringView head = QStringView(description).left(tagsAt);
    const qsizetype ownerAt = ownerStart(head, &task.owner);
    if (ownerAt >= 0) {
        // The text before the owner and the trailing tags, one space apart, in one allocation.
        const QStringView before = head.left(ownerAt).trimmed();
        const QStringView tags = QStringView(description).mid(tagsAt).trimmed();
        QString rebuilt;
        rebuilt.reserve(before.size() + 1 + tags.size());
        rebuilt.append(before);
        if (!before.isEmpty() && !tags.isEmpty())
            rebuilt.append(u' ');
        rebuilt.append(tags);
        description = std::move(rebuilt);
    }
    task.tags = extractTags(description);
    task.description = description;
    return task;
}

} // namespace minutes
