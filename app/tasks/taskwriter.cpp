#include "tasks/taskwriter.h"

#include "note/utf8.h"
#include "tasks/recurrence.h"
#include "tasks/tasklinelayout.h"
#include "tasks/taskparser.h"
#include "vault/safefilewriter.h"

#include <QCryptographicHash>

#include <algorithm>

namespace minutes {

namespace {

using Kind = TaskLineLayout::Kind;

// A note split into lines, each with its own ending, so that untouched lines are rebuilt
// byte for byte: "\n", "\r\n", a lone "\r" at the very end, or "" for a last line without one.
struct FileLines
{
    QByteArray bom;
    QList<QByteArray> text;
    QList<QByteArray> endings;

    qsizetype size() const { return text.size(); }
};

std::optional<FileLines> splitLines(const QByteArray &bytes, QString *error)
{
    FileLines file;
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        *error = QStringLiteral("The note is stored as UTF-16; Minutes only edits UTF-8 notes");
        return std::nullopt;
    }
    // Every leading BOM, as NoteParser skips them all: line 1 is what follows the last one.
    qsizetype pos = utf8::bomBytes(bytes);
    file.bom = bytes.first(pos);
    while (pos < bytes.size()) {
        const qsizetype nl = bytes.indexOf('\n', pos);
        if (nl < 0) {
            QByteArray rest = bytes.mid(pos);
            const bool cr = rest.endsWith('\r');
            file.text.append(cr ? rest.chopped(1) : rest);
            file.endings.append(cr ? QByteArray("\r") : QByteArray());
            break;
        }
        const bool cr = nl > pos && bytes[nl - 1] == '\r';
        file.text.append(bytes.mid(pos, nl - pos - (cr ? 1 : 0)));
        file.endings.append(cr ? QByteArray("\r\n") : QByteArray("\n"));
        pos = nl + 1;
    }
    return file;
}

// The line as the parser recorded it, compared without a stray '\r'.
QByteArray comparable(const QString &line)
{
    QStringView v(line);
    if (v.endsWith(u'\r'))
        v.chop(1);
    return v.toUtf8();
}

QByteArray endingFor(const FileLines &file, qsizetype index, qsizetype removed, const QString &preferred)
{
    if (removed > 0 && index < file.size() && !file.endings[index].isEmpty() && file.endings[index] != "\r")
        return file.endings[index];
    if (!preferred.isEmpty())
        return preferred.toUtf8();
    if (index > 0 && !file.endings[index - 1].isEmpty())
        return file.endings[index - 1];
    for (const QByteArray &e : file.endings) {
        if (!e.isEmpty() && e != "\r")
            return e;
    }
    return "\n";
}

// Replaces `removed` lines at `index` with `lines`. Whatever line ends the file afterwards takes
// the ending the old last line had, so a final newline (or its absence) survives.
QByteArray rebuild(const FileLines &file, qsizetype index, qsizetype removed, const QStringList &lines,
                   const QString &preferredEnding)
{
    const QByteArray fill = endingFor(file, index, removed, preferredEnding);
    QList<QByteArray> text = file.text.mid(0, index);
    QList<QByteArray> endings = file.endings.mid(0, index);
    for (const QString &line : lines) {
        text.append(line.toUtf8());
        endings.append(fill);
    }
    text.append(file.text.mid(index + removed));
    endings.append(file.endings.mid(index + removed));
    for (qsizetype i = 0; i + 1 < endings.size(); ++i) {
        if (endings[i].isEmpty() || endings[i] == "\r")
            endings[i] = fill;
    }
    if (!endings.isEmpty())
        endings.last() = file.size() > 0 ? file.endings.last() : QByteArray();
    QByteArray out = file.bom;
    for (qsizetype i = 0; i < text.size(); ++i)
        out += text[i] + endings[i];
    return out;
}

std::optional<QString> lineAt(const FileLines &file, qsizetype index)
{
    if (index < 0 || index >= file.size())
        return std::nullopt;
    return utf8::decodeExact(file.text[index]);
}

// One change to a line: [start, end) becomes `text`.
struct Splice
{
    qsizetype start;
    qsizetype end;
    QString text;
};

// Applies non-overlapping splices (touching deletions are merged). nullopt if they overlap.
std::optional<QString> applySplices(QString line, QList<Splice> splices)
{
    std::sort(splices.begin(), splices.end(), [](const Splice &a, const Splice &b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    QList<Splice> merged;
    for (const Splice &s : splices) {
        if (!merged.isEmpty() && s.start < merged.last().end) {
            if (!s.text.isEmpty() || !merged.last().text.isEmpty())
                return std::nullopt;
            merged.last().end = std::max(merged.last().end, s.end);
            continue;
        }
        merged.append(s);
    }
    for (auto it = merged.crbegin(); it != merged.crend(); ++it)
        line.replace(it->start, it->end - it->start, it->text);
    return line;
}

// Removing a field takes the whitespace before it along; a field that opens the body takes the
// whitespace after it instead, so that "] " keeps its space.
Splice removal(QStringView line, const TaskLineLayout &layout, qsizetype start, qsizetype end)
{
    qsizetype s = start;
    while (s > layout.bodyStart && line[s - 1].isSpace())
        --s;
    if (s > layout.bodyStart)
        return {s, end, {}};
    qsizetype e = end;
    while (e < line.size() && line[e].isSpace())
        ++e;
    return {start, e < line.size() ? e : end, {}};
}

QString isoDate(QDate d) { return d.toString(Qt::ISODate); }

QDate fieldDate(QStringView line, const TaskLineLayout::Field &f)
{
    const QStringView v = line.mid(f.valueStart, f.end - f.valueStart);
    return QDate(v.left(4).toInt(), v.mid(5, 2).toInt(), v.mid(8, 2).toInt());
}

QString statusName(char32_t status)
{
    switch (status) {
    case U' ': return QStringLiteral("to do");
    case U'x': return QStringLiteral("done");
    case U'/': return QStringLiteral("in progress");
    case U'-': return QStringLiteral("cancelled");
    default: return QStringLiteral("status \u201c%1\u201d").arg(QString::fromUcs4(&status, 1));
    }
}

TaskWriteResult refusal(const QString &message)
{
    TaskWriteResult r;
    r.error = message;
    return r;
}

// Sets, keeps or removes one date field (✅ or ❌) of the completed line.
void updateDateField(QStringView line, const TaskLineLayout &layout, Kind kind, bool wanted, bool had,
                     QDate today, const QString &emoji, QList<Splice> *splices, QString *insertion)
{
    const QList<TaskLineLayout::Field> fields = layout.all(kind);
    if (!wanted) {
        for (const TaskLineLayout::Field &f : fields)
            splices->append(removal(line, layout, f.start, f.end));
        return;
    }
    if (had)
        return; // the plugin keeps the date of a status that stays done (or cancelled)
    const TaskLineLayout::Field *keep = layout.effective(kind);
    for (const TaskLineLayout::Field &f : fields) {
        if (keep && f.start == keep->start)
            splices->append({f.valueStart, f.end, isoDate(today)});
        else
            splices->append(removal(line, layout, f.start, f.end));
    }
    if (!keep)
        *insertion += u' ' + emoji + u' ' + isoDate(today);
}

bool sameTask(Task a, Task b)
{
    a.line = b.line = 0;
    a.rawLine.clear();
    b.rawLine.clear();
    return a == b;
}

// The result of a successful edit at `index` (0-based) of the file, with the new neighbours.
TaskWriteResult success(const FileLines &file, qsizetype index, qsizetype removed, LineEdit edit)
{
    TaskWriteResult r;
    r.ok = true;
    r.bytes = rebuild(file, index, removed, edit.after, edit.lineEnding);
    r.contentHash = QCryptographicHash::hash(r.bytes, QCryptographicHash::Sha1);
    edit.line = int(index + 1);
    edit.above = lineAt(file, index - 1);
    edit.below = lineAt(file, index + removed);
    if (edit.lineEnding.isEmpty())
        edit.lineEnding = QString::fromUtf8(endingFor(file, index, removed, {}));
    r.edit = edit;
    return r;
}

} // namespace

LineEdit LineEdit::reversed() const
{
    LineEdit r = *this;
    std::swap(r.before, r.after);
    r.summary = QStringLiteral("Undo: %1").arg(summary);
    return r;
}

char32_t TaskWriter::toggledStatus(char32_t status)
{
    switch (status) {
    case U'x': return U' ';
    case U'-': return U' ';
    default: return U'x';
    }
}

TaskWriteResult TaskWriter::plan(const QByteArray &bytes, const Task &task, std::optional<char32_t> status,
                                 QDate today)
{
    QString error;
    const std::optional<FileLines> file = splitLines(bytes, &error);
    if (!file)
        return refusal(error);
    if (!today.isValid())
        return refusal(QStringLiteral("No valid date to write as today"));

    // Find the task: at its line, else as the one identical line elsewhere.
    // A line that is not valid UTF-8 was read with U+FFFD in it: compare it decoded.
    const QByteArray wanted = comparable(task.rawLine);
    const bool lossy = task.rawLine.contains(QChar::ReplacementCharacter);
    const auto holdsTask = [&](qsizetype i) {
        return file->text[i] == wanted || (lossy && utf8::decodeExact(file->text[i]).toUtf8() == wanted);
    };
    qsizetype index = task.line - 1;
    if (index < 0 || index >= file->size() || !holdsTask(index)) {
        QList<qsizetype> found;
        for (qsizetype i = 0; i < file->size(); ++i) {
            if (holdsTask(i))
                found.append(i);
        }
        if (found.isEmpty()) {
            return refusal(QStringLiteral("Line %1 no longer holds this task; it was changed or deleted "
                                          "since the note was read").arg(task.line));
        }
        if (found.size() > 1) {
            return refusal(QStringLiteral("The task moved from line %1 and now appears on %2 identical "
                                          "lines; Minutes cannot tell which one to change")
                               .arg(task.line).arg(found.size()));
        }
        index = found.first();
    }
    const QString line = utf8::decodeExact(file->text[index]);
    if (line.toUtf8() != file->text[index])
        return refusal(QStringLiteral("Line %1 is not valid UTF-8; Minutes will not rewrite it").arg(index + 1));

    const std::optional<Task> current = TaskParser::parse(line, int(index + 1));
    const std::optional<TaskLineLayout> layout = TaskLineLayout::of(line);
    if (!current || !layout)
        return refusal(QStringLiteral("Line %1 is not a task line").arg(index + 1));

    const char32_t newStatus = status.value_or(toggledStatus(current->status));
    if (newStatus == U']' || newStatus == U'\n' || newStatus == U'\r' || newStatus == U'\t'
        || QChar::isSurrogate(newStatus) || newStatus > 0x10FFFF) {
        return refusal(QStringLiteral("\u201c%1\u201d cannot be a task status").arg(QString::fromUcs4(&newStatus, 1)));
    }
    if (newStatus == current->status && !current->malformedStatus)
        return refusal(QStringLiteral("The task on line %1 is already %2").arg(index + 1).arg(statusName(newStatus)));

    Task wantedTask = *current;
    wantedTask.status = newStatus;
    wantedTask.malformedStatus = false;
    const TaskState oldState = current->state();
    const TaskState newState = wantedTask.state();
    const bool wasDone = oldState == TaskState::Done;
    const bool isDone = newState == TaskState::Done;
    const bool wasCancelled = oldState == TaskState::Cancelled;
    const bool isCancelled = newState == TaskState::Cancelled;
    wantedTask.done = isDone ? (wasDone ? current->done : today) : QDate();
    wantedTask.cancelled = isCancelled ? (wasCancelled ? current->cancelled : today) : QDate();

    // The completed (or reopened) line: status, then ✅ and ❌.
    QList<Splice> splices{{layout->statusStart, layout->statusEnd, QString::fromUcs4(&newStatus, 1)}};
    QString insertion;
    updateDateField(line, *layout, Kind::Cancelled, isCancelled, wasCancelled, today, QStringLiteral("\u274C"),
                    &splices, &insertion);
    updateDateField(line, *layout, Kind::Done, isDone, wasDone, today, QStringLiteral("\u2705"), &splices,
                    &insertion);
    if (!insertion.isEmpty())
        splices.append({layout->contentEnd, layout->contentEnd, insertion});
    const std::optional<QString> changed = applySplices(line, splices);

    QStringList after;
    QStringList notes{QStringLiteral("%1 \u2192 %2").arg(statusName(current->status), statusName(newStatus))};
    if (isDone && !wasDone)
        notes.append(QStringLiteral("\u2705 %1").arg(isoDate(today)));
    if (isCancelled && !wasCancelled)
        notes.append(QStringLiteral("\u274C %1").arg(isoDate(today)));

    // Recurrence: the next occurrence goes on its own line above the completed one.
    if (isDone && !wasDone && !current->recurrence.isEmpty()) {
        QString why;
        const std::optional<Recurrence> rule = Recurrence::parse(current->recurrence, &why);
        if (!rule)
            return refusal(why + QStringLiteral("; complete this recurring task in Obsidian"));
        QDate dates[3];
        const Kind kinds[3] = {Kind::Due, Kind::Scheduled, Kind::Start};
        const char *names[3] = {"due", "scheduled", "start"};
        QDate reference;
        for (int k = 0; k < 3; ++k) {
            if (const TaskLineLayout::Field *f = layout->effective(kinds[k])) {
                dates[k] = fieldDate(line, *f);
                if (!dates[k].isValid()) {
                    return refusal(QStringLiteral("The %1 date \u201c%2\u201d is not a real day, so the next "
                                                  "occurrence cannot be computed; correct it first")
                                       .arg(QLatin1String(names[k]), line.mid(f->valueStart, f->end - f->valueStart)));
                }
                if (!reference.isValid())
                    reference = dates[k];
            }
        }
        Task next = *current;
        next.status = U' ';
        next.malformedStatus = false;
        next.done = next.cancelled = next.created = QDate();
        next.id.clear();
        next.dependsOn.clear();
        next.blockLink.clear();
        QList<Splice> nextSplices{{layout->statusStart, layout->statusEnd, QStringLiteral(" ")}};
        if (reference.isValid()) {
            const QDate nextReference = rule->next(reference, today);
            if (!nextReference.isValid())
                return refusal(QStringLiteral("The rule \u201c%1\u201d has no next occurrence").arg(rule->text()));
            for (int k = 0; k < 3; ++k) {
                if (!dates[k].isValid())
                    continue;
                const QDate moved = nextReference.addDays(reference.daysTo(dates[k]));
                const TaskLineLayout::Field *f = layout->effective(kinds[k]);
                nextSplices.append({f->valueStart, f->end, isoDate(moved)});
                (k == 0 ? next.due : k == 1 ? next.scheduled : next.start) = moved;
            }
            notes.append(QStringLiteral("next occurrence %1").arg(isoDate(nextReference)));
        } else {
            notes.append(QStringLiteral("next occurrence added"));
        }
        for (const TaskLineLayout::Field &f : layout->fields) {
            if (f.kind == Kind::Done || f.kind == Kind::Cancelled || f.kind == Kind::Id
                || f.kind == Kind::DependsOn || f.kind == Kind::Created) {
                nextSplices.append(removal(line, *layout, f.start, f.end));
            }
        }
        if (layout->blockLinkStart >= 0)
            nextSplices.append({layout->blockLinkStart, layout->blockLinkEnd, {}});
        const std::optional<QString> nextLine = applySplices(line, nextSplices);
        const std::optional<Task> reread = nextLine ? TaskParser::parse(*nextLine, int(index + 1)) : std::nullopt;
        if (!reread || !sameTask(*reread, next)) {
            return refusal(QStringLiteral("Line %1: the next occurrence would not read back as intended; "
                                          "Minutes leaves this line alone").arg(index + 1));
        }
        after.append(*nextLine);
    }

    const std::optional<Task> reread = changed ? TaskParser::parse(*changed, int(index + 1)) : std::nullopt;
    if (!reread || !sameTask(*reread, wantedTask)) {
        return refusal(QStringLiteral("Line %1: the changed task would not read back as intended; "
                                      "Minutes leaves this line alone").arg(index + 1));
    }
    // 🏁 delete: the completed instance goes away (a recurring task leaves its next occurrence)
    if (isDone && !wasDone && current->onCompletion.compare(QLatin1String("delete"), Qt::CaseInsensitive) == 0)
        notes.append(QStringLiteral("completed line removed (\U0001F3C1 delete)"));
    else
        after.append(*changed);

    LineEdit edit;
    edit.before = {line};
    edit.after = after;
    edit.summary = QStringLiteral("Line %1: %2").arg(index + 1).arg(notes.join(QLatin1String(", ")));
    return success(*file, index, 1, edit);
}

TaskWriteResult TaskWriter::apply(const QByteArray &bytes, const LineEdit &edit)
{
    QString error;
    const std::optional<FileLines> file = splitLines(bytes, &error);
    if (!file)
        return refusal(error);

    const qsizetype count = edit.before.size();
    QList<QByteArray> wanted;
    for (const QString &l : edit.before)
        wanted.append(comparable(l));
    const auto holdsBlock = [&](qsizetype at) {
        if (at < 0 || at + count > file->size())
            return false;
        for (qsizetype k = 0; k < count; ++k) {
            if (file->text[at + k] != wanted[k])
                return false;
        }
        return true;
    };
    const auto neighboursMatch = [&](qsizetype at) {
        const std::optional<QString> up = lineAt(*file, at - 1);
        const std::optional<QString> down = lineAt(*file, at + count);
        return up == edit.above && down == edit.below;
    };

    const qsizetype recorded = edit.line - 1;
    qsizetype index = -1;
    if (count > 0 ? holdsBlock(recorded) : neighboursMatch(recorded)) {
        index = recorded;
    } else {
        QList<qsizetype> found;
        for (qsizetype at = 0; at <= file->size(); ++at) {
            if (count > 0 ? holdsBlock(at) : neighboursMatch(at))
                found.append(at);
        }
        if (found.size() > 1 && count > 0) {
            QList<qsizetype> inContext;
            for (const qsizetype at : found) {
                if (neighboursMatch(at))
                    inContext.append(at);
            }
            if (inContext.size() == 1)
                found = inContext;
        }
        if (found.isEmpty()) {
            return refusal(count > 0 ? QStringLiteral("The lines at %1 were changed since; nothing was changed")
                                           .arg(edit.line)
                                     : QStringLiteral("The lines around line %1 were changed since, so Minutes "
                                                      "cannot tell where to put the line back").arg(edit.line));
        }
        if (found.size() > 1) {
            return refusal(count > 0 ? QStringLiteral("The lines at %1 now appear %2 times; Minutes cannot tell "
                                                      "which to change").arg(edit.line).arg(found.size())
                                     : QStringLiteral("The neighbours of line %1 now appear %2 times; Minutes cannot "
                                                      "tell where to put the line back").arg(edit.line).arg(found.size()));
        }
        index = found.first();
    }
    return success(*file, index, count, edit);
}

namespace {

TaskWriteResult writeThrough(const QString &path, const QString &vaultRoot,
                             const std::function<TaskWriteResult(const QByteArray &)> &edit)
{
    TaskWriteResult last;
    const SafeFileWriter writer(vaultRoot);
    const SafeFileWriter::Result written = writer.write(path, [&](const QByteArray &current, QString *error)
                                                               -> std::optional<QByteArray> {
        last = edit(current);
        if (!last.ok) {
            *error = last.error;
            return std::nullopt;
        }
        return last.bytes;
    });
    if (!written.ok) {
        last.ok = false;
        last.error = written.error;
        return last;
    }
    last.edit.path = path;
    last.bytes = written.after;
    last.contentHash = written.contentHash;
    return last;
}

} // namespace

TaskWriteResult TaskWriter::setStatus(const QString &path, const QString &vaultRoot, const Task &task,
                                      std::optional<char32_t> status, QDate today)
{
    // Each attempt plans again from the task on the file as it is now.
    return writeThrough(path, vaultRoot, [&](const QByteArray &current) {
        return plan(current, task, status, today);
    });
}

TaskWriteResult TaskWriter::applyToFile(const LineEdit &edit, const QString &vaultRoot)
{
    return writeThrough(edit.path, vaultRoot, [&](const QByteArray &current) { return apply(current, edit); });
}

TaskWriteResult TaskWriter::revertInFile(const LineEdit &edit, const QString &vaultRoot)
{
    return applyToFile(edit.reversed(), vaultRoot);
}

} // namespace minutes
