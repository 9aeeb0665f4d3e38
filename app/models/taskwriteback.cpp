#include "models/taskwriteback.h"

#include "core/workpool.h"
#include "models/taskmodel.h"
#include "note/noteparser.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

namespace minutes {

namespace {

Q_LOGGING_CATEGORY(lcWriteBack, "minutes.models.writeback")

constexpr qsizetype MaxDescribed = 48;

} // namespace

TaskWriteBack::TaskWriteBack(VaultIndex *index, TaskModel *tasks, QObject *parent)
    : QObject(parent)
    , m_index(index)
    , m_tasks(tasks)
{
    // Another vault: queued writes and the history belong to the old one.
    connect(index, &VaultIndex::aboutToReset, this, [this] {
        ++m_generation;
        for (const Job &job : std::as_const(m_queue)) {
            if (job.kind == Kind::Change && m_tasks)
                m_tasks->clearPending(job.notePath, job.task.line);
        }
        m_queue.clear();
        clearHistory();
    });
}

TaskWriteBack::~TaskWriteBack() = default;

QString TaskWriteBack::describe(const NoteTask &task, std::optional<char32_t> status)
{
    const char32_t next = status.value_or(TaskWriter::toggledStatus(task.status));
    QString text = TaskModel::displayDescription(task.description());
    if (text.size() > MaxDescribed)
        text = text.left(MaxDescribed - 1).trimmed() + QChar(0x2026);
    const TaskState from = task.state();
    QString verb;
    switch (stateOfStatus(next)) {
    case TaskState::Done:
        verb = tr("tick");
        break;
    case TaskState::InProgress:
        verb = tr("mark in progress");
        break;
    case TaskState::Cancelled:
        verb = tr("cancel");
        break;
    case TaskState::Todo:
        verb = from == TaskState::Done ? tr("untick") : from == TaskState::Cancelled ? tr("reopen") : tr("mark to do");
        break;
    }
    return tr("%1 “%2”").arg(verb, text);
}

bool TaskWriteBack::setStatus(const QString &notePath, int line, std::optional<char32_t> status)
{
    if (!m_index || !m_tasks)
        return false;
    const NoteTask *task = m_tasks->task(notePath, line);
    if (!task || m_tasks->isPending(notePath, line))
        return false;
    Job job;
    job.kind = Kind::Change;
    job.notePath = notePath;
    job.task = task->task();
    job.status = status;
    job.wanted = stateOfStatus(status.value_or(TaskWriter::toggledStatus(task->status)));
    job.summary = describe(*task, status);
    m_tasks->setPending(notePath, line, job.wanted);
    enqueue(std::move(job));
    return true;
}

QString TaskWriteBack::undoText() const
{
    return m_undone < m_history.size() ? m_history.at(m_history.size() - m_undone - 1).summary : QString();
}

QString TaskWriteBack::redoText() const
{
    return m_undone > 0 ? m_history.at(m_history.size() - m_undone).summary : QString();
}

void TaskWriteBack::undo()
{
    if (!canUndo())
        return;
    const int step = int(m_history.size()) - m_undone - 1;
    Job job;
    job.kind = Kind::Undo;
    job.step = step;
    job.notePath = m_history.at(step).notePath;
    job.summary = m_history.at(step).summary;
    job.edit = m_history.at(step).edit.reversed();
    enqueue(std::move(job));
}

void TaskWriteBack::redo()
{
    if (!canRedo())
        return;
    const int step = int(m_history.size()) - m_undone;
    Job job;
    job.kind = Kind::Redo;
    job.step = step;
    job.notePath = m_history.at(step).notePath;
    job.summary = m_history.at(step).summary;
    job.edit = m_history.at(step).edit;
    enqueue(std::move(job));
}

void TaskWriteBack::clearHistory()
{
    if (m_history.isEmpty())
        return;
    m_history.clear();
    m_undone = 0;
    Q_EMIT historyChanged();
}

void TaskWriteBack::enqueue(Job job)
{
    m_queue.append(std::move(job));
    startNext();
    Q_EMIT historyChanged();
}

void TaskWriteBack::startNext()
{
    if (m_running || m_queue.isEmpty() || !m_index)
        return;
    const Job job = m_queue.takeFirst();
    const Note *note = m_index->note(job.notePath);
    // What the index holds now: the write is based on it, and its result replaces it only if
    // nothing newer (the watcher's) came in meanwhile.
    const QByteArray baseHash = note ? note->contentHash : QByteArray();
    const QString root = m_index->root();
    const QDate today = m_date.isValid() ? m_date : QDate::currentDate();
    const int generation = m_generation;
    m_running = true;

    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job, baseHash, generation] {
        watcher->deleteLater();
        m_running = false;
        if (job.kind == Kind::Change && m_tasks)
            m_tasks->clearPending(job.notePath, job.task.line);
        if (generation == m_generation)
            finish(job, baseHash, watcher->result());
        startNext();
        Q_EMIT historyChanged();
    });
    watcher->setFuture(QtConcurrent::run(workPool(), &TaskWriteBack::run, root, job, baseHash, today));
}

TaskWriteBack::Outcome TaskWriteBack::run(const QString &root, const Job &job, const QByteArray &baseHash, QDate today)
{
    Outcome outcome;
    const QString path = QDir(root).filePath(job.notePath);
    if (job.kind == Kind::Change) {
        outcome.result = TaskWriter::setStatus(path, root, job.task, job.status, today);
    } else {
        LineEdit edit = job.edit;
        edit.path = path;
        outcome.result = TaskWriter::applyToFile(edit, root);
    }
    if (outcome.result.ok) {
        Note note = NoteParser::parse(job.notePath, outcome.result.bytes, NoteParser::Body::Drop);
        note.relativePath = job.notePath;
        note.size = outcome.result.bytes.size();
        note.modified = QFileInfo(path).lastModified();
        outcome.note = std::move(note);
        return outcome;
    }
    QFile file(path);
    outcome.changedOnDisk = !file.open(QIODevice::ReadOnly) || NoteParser::contentHash(file.readAll()) != baseHash;
    return outcome;
}

void TaskWriteBack::finish(const Job &job, const QByteArray &baseHash, const Outcome &outcome)
{
    if (!outcome.result.ok) {
        qCInfo(lcWriteBack) << "refused" << job.notePath << outcome.result.error;
        Q_EMIT refused(job.kind, job.notePath, job.summary, outcome.result.error, outcome.changedOnDisk);
        return;
    }
    if (outcome.note)
        applyNote(*outcome.note, baseHash);
    switch (job.kind) {
    case Kind::Change:
        m_history.resize(m_history.size() - m_undone);
        m_undone = 0;
        m_history.append(Step{job.notePath, job.summary, outcome.result.edit});
        break;
    case Kind::Undo:
        if (job.step >= 0 && job.step < m_history.size()) {
            m_history[job.step].edit = outcome.result.edit.reversed();
            ++m_undone;
        }
        break;
    case Kind::Redo:
        if (job.step >= 0 && job.step < m_history.size()) {
            m_history[job.step].edit = outcome.result.edit;
            --m_undone;
        }
        break;
    }
    Q_EMIT written(job.kind, job.notePath, job.summary);
}

void TaskWriteBack::applyNote(const Note &note, const QByteArray &baseHash)
{
    if (!m_index)
        return;
    const Note *current = m_index->note(note.relativePath);
    if (current && current->contentHash == note.contentHash)
        return;   // the watcher was quicker and brought these very bytes
    if (current && current->contentHash != baseHash) {
        // The watcher already brought a version newer than the write was based on: the file
        // moved on again after our write, and the watcher will bring that too.
        return;
    }
    m_index->apply({note}, {});
}

void TaskWriteBack::reloadNote(const QString &notePath)
{
    if (!m_index)
        return;
    const QString root = m_index->root();
    const int generation = m_generation;
    struct Reloaded
    {
        QList<Note> notes;
        Problems problems;
    };
    auto *watcher = new QFutureWatcher<Reloaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, notePath, generation] {
        watcher->deleteLater();
        if (generation != m_generation || !m_index)
            return;
        const Reloaded reloaded = watcher->result();
        if (reloaded.notes.isEmpty())
            m_index->apply({}, {notePath}, reloaded.problems);
        else
            m_index->apply(reloaded.notes, {}, reloaded.problems);
        Q_EMIT noteReloaded(notePath);
    });
    watcher->setFuture(QtConcurrent::run(workPool(), [root, notePath] {
        Reloaded reloaded;
        reloaded.notes = VaultLoader::loadNotes(root, {notePath}, {}, nullptr, &reloaded.problems);
        return reloaded;
    }));
}

} // namespace minutes
