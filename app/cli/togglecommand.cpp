#include "cli/togglecommand.h"

#include "note/utf8.h"
#include "tasks/taskparser.h"
#include "tasks/taskwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace minutes {

namespace {

// "x", " ", "/", "-", any single character, or a name: todo, done, in-progress, cancelled.
std::optional<char32_t> statusFromOption(const QString &text)
{
    const QString name = text.trimmed().toLower();
    if (name == u"todo" || name == u"open" || name == u"space")
        return U' ';
    if (name == u"done")
        return U'x';
    if (name == u"in-progress" || name == u"in progress" || name == u"inprogress")
        return U'/';
    if (name == u"cancelled" || name == u"canceled")
        return U'-';
    const QList<uint> codePoints = text.toUcs4();
    if (codePoints.size() == 1)
        return char32_t(codePoints.first());
    return std::nullopt;
}

// The vault a note belongs to: the nearest folder above it holding ".obsidian", else its own
// folder. Symlinked notes may only point inside it.
QString vaultRootFor(const QString &path)
{
    const QString folder = QFileInfo(path).absolutePath();
    for (QDir dir(folder);;) {
        if (QFileInfo(dir.filePath(QStringLiteral(".obsidian"))).isDir())
            return dir.absolutePath();
        if (!dir.cdUp())
            break;
    }
    return folder;
}

// Line `number` (1-based) of `bytes`, decoded exactly, without its ending or the BOMs that open
// the file (NoteParser skips them all).
std::optional<QString> lineOf(const QByteArray &bytes, int number)
{
    qsizetype pos = utf8::bomBytes(bytes);
    for (int i = 1; pos <= bytes.size(); ++i) {
        qsizetype nl = bytes.indexOf('\n', pos);
        const bool last = nl < 0;
        if (last)
            nl = bytes.size();
        if (i == number) {
            QByteArray line = bytes.mid(pos, nl - pos);
            if (line.endsWith('\r'))
                line.chop(1);
            if (last && line.isEmpty())
                return std::nullopt;
            return utf8::decodeExact(line);
        }
        if (last)
            break;
        pos = nl + 1;
    }
    return std::nullopt;
}

} // namespace

int ToggleCommand::run(const QString &fileAndLine, const std::optional<QString> &status,
                       const std::optional<QDate> &today, QTextStream &out, QTextStream &err)
{
    const qsizetype colon = fileAndLine.lastIndexOf(u':');
    bool numberOk = false;
    const int lineNumber = colon > 0 ? fileAndLine.mid(colon + 1).toInt(&numberOk) : 0;
    if (!numberOk || lineNumber < 1) {
        err << "minutes: --toggle expects FILE:LINE with a line number from 1, got \"" << fileAndLine << "\"\n";
        return 2;
    }
    const QString path = fileAndLine.left(colon);
    std::optional<char32_t> wanted;
    if (status) {
        wanted = statusFromOption(*status);
        if (!wanted) {
            err << "minutes: --status expects one character or todo, done, in-progress, cancelled; got \""
                << *status << "\"\n";
            return 2;
        }
    }
    const QDate day = today.value_or(QDate::currentDate());
    if (!day.isValid()) {
        err << "minutes: --date expects a real day as YYYY-MM-DD\n";
        return 2;
    }

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err << "minutes: " << path << ": " << file.errorString() << '\n';
        return 1;
    }
    const std::optional<QString> line = lineOf(file.readAll(), lineNumber);
    file.close();
    if (!line) {
        err << "minutes: " << path << ':' << lineNumber << ": the note has no such line\n";
        return 1;
    }
    const std::optional<Task> task = TaskParser::parse(*line, lineNumber);
    if (!task) {
        err << "minutes: " << path << ':' << lineNumber << ": not a task line\n";
        return 1;
    }

    const TaskWriteResult result = TaskWriter::setStatus(path, vaultRootFor(path), *task, wanted, day);
    if (!result.ok) {
        err << "minutes: " << path << ':' << lineNumber << ": " << result.error << '\n';
        return 1;
    }
    out << path << ':' << result.edit.line << ": " << result.edit.summary << '\n';
    for (const QString &before : result.edit.before)
        out << "- " << before << '\n';
    for (const QString &after : result.edit.after)
        out << "+ " << after << '\n';
    out.flush();
    return 0;
}

} // namespace minutes
