#include "models/vaultcontroller.h"

#include "core/workpool.h"
#include "vault/vaultloader.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

namespace minutes {

namespace {
Q_LOGGING_CATEGORY(lcController, "minutes.models.controller")
}

using namespace std::chrono_literals;

VaultController::VaultController(QObject *parent)
    : QObject(parent)
    , m_watcher(std::make_unique<VaultWatcher>(&m_index))
{
    m_progressTimer.setInterval(100ms);
    connect(&m_progressTimer, &QTimer::timeout, this, &VaultController::reportProgress);
}

VaultController::~VaultController()
{
    // The worker holds its own reference to the state; it stops early and its result is dropped.
    cancelRunning();
}

void VaultController::cancelRunning()
{
    if (m_loading)
        m_loading->cancel = true;
    m_loading.reset();
    m_progressTimer.stop();
}

bool VaultController::open(const QString &folder)
{
    const QFileInfo info(folder);
    const QString root = QDir::cleanPath(info.absoluteFilePath());
    QString error;
    if (folder.isEmpty())
        error = tr("No folder given.");
    else if (!info.exists())
        error = tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(root));
    else if (!info.isDir())
        error = tr("%1 is not a folder.").arg(QDir::toNativeSeparators(root));
    else if (!info.isReadable() || !info.isExecutable())
        error = tr("The folder %1 cannot be read.").arg(QDir::toNativeSeparators(root));
    if (!error.isEmpty()) {
        qCWarning(lcController) << error;
        Q_EMIT loadFailed(root, error);
        return false;
    }

    cancelRunning();
    m_root = root;
    const int generation = ++m_generation;
    auto state = std::make_shared<LoadState>();
    m_loading = state;
    m_lastDone = m_lastTotal = -1;

    auto *watcher = new QFutureWatcher<ScanResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, root, state] {
        watcher->deleteLater();
        if (generation != m_generation || state->cancel)
            return;   // a newer open() or close() superseded this load
        m_loading.reset();
        m_progressTimer.stop();
        if (state->done != m_lastDone || state->total != m_lastTotal)
            Q_EMIT progress(state->done, state->total);
        // Taken, not copied: the future would otherwise free the notes on this thread later.
        ScanResult result = watcher->future().takeResult();
        const int notes = int(result.notes.size());
        const qint64 elapsed = result.elapsedMs;
        m_index.reset(std::move(result));
        Q_EMIT loadFinished(root, notes, elapsed);
    });
    watcher->setFuture(QtConcurrent::run(workPool(), [root, state] {
        // Folders are watched before they are read: no change in between is missed, and the
        // GUI thread does not list them when the vault is shown.
        std::shared_ptr<PreparedWatch> watch = VaultWatcher::prepare(root);
        ScanResult result = VaultLoader::load(
            root,
            [state](int done, int total) {
                state->done = done;
                state->total = total;
            },
            &state->cancel);
        result.watch = std::move(watch);
        return result;
    }));

    Q_EMIT loadStarted(root);
    m_progressTimer.start();
    return true;
}

bool VaultController::reload()
{
    if (m_root.isEmpty())
        return false;
    return open(m_root);
}

void VaultController::close()
{
    cancelRunning();
    ++m_generation;
    m_root.clear();
    m_index.reset(ScanResult{});
}

void VaultController::reportProgress()
{
    if (!m_loading)
        return;
    const int done = m_loading->done;
    const int total = m_loading->total;
    if (done == m_lastDone && total == m_lastTotal)
        return;
    m_lastDone = done;
    m_lastTotal = total;
    Q_EMIT progress(done, total);
}

} // namespace minutes
