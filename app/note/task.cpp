#include "note/task.h"

#include "note/utf8.h"
#include "tasks/taskparser.h"

namespace minutes {

namespace {

// `text` in UTF-8, in a buffer of its size: QString::toUtf8() allocates room for three bytes a
// code unit, and a vault keeps two of these for each of its hundreds of thousands of tasks.
QByteArray exactUtf8(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    utf8.squeeze();
    return utf8;
}

} // namespace

NoteTask::NoteTask(const Task &task)
    : descriptionUtf8(exactUtf8(task.description))
    , owner(task.owner)
    , rawLine(exactUtf8(task.rawLine))
    , due(task.due)
    , line(task.line)
    , status(task.status)
    , priority(task.priority)
{
}

Task NoteTask::task() const
{
    if (std::optional<Task> task = TaskParser::parse(rawText(), line))
        return *std::move(task);
    // Only a line that read as a task is kept, and it reads the same again; this is what is
    // known should the two ever part.
    Task task;
    task.line = line;
    task.rawLine = rawText();
    task.description = description();
    task.owner = owner;
    task.tags = tags();
    task.due = due;
    task.status = status;
    task.priority = priority;
    return task;
}

QString NoteTask::rawText() const
{
    return utf8::decodeExact(rawLine);
}

QString NoteTask::description() const
{
    return utf8::decodeExact(descriptionUtf8);
}

QStringList NoteTask::tags() const
{
    return TaskParser::extractTags(description());
}

} // namespace minutes
