#include "note/task.h"

#include "note/utf8.h"
#include "tasks/taskparser.h"

namespace minutes {

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
