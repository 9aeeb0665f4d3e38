#include "cli/watchcommand.h"

#include "vault/vaultindex.h"
#include "vault/vaultloader.h"
#include "vault/vaultwatcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <unistd.h>

namespace minutes {

namespace {

int g_signalPipe[2] = {-1, -1};

extern "C" void forwardSignal(int)
{
    // Only async-signal-safe calls here: the event loop reads the byte and quits.
    const int saved = errno;
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
    errno = saved;
}

// SIGINT and SIGTERM become an orderly quit of the event loop for as long as it lives: a
// self-pipe, because the signal may land on any thread (the parser's pool included).
class InterruptGuard final
{
public:
    InterruptGuard()
    {
        if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
            m_error = QString::fromLocal8Bit(std::strerror(errno));
            return;
        }
        struct sigaction action = {};
        action.sa_handler = forwardSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &action, &m_oldInt);
        ::sigaction(SIGTERM, &action, &m_oldTerm);
        m_notifier = std::make_unique<QSocketNotifier>(g_signalPipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [] {
            char buffer[16];
            while (::read(g_signalPipe[0], buffer, sizeof buffer) > 0) {
            }
            QCoreApplication::quit();
        });
    }
    ~InterruptGuard()
    {
        if (g_signalPipe[0] < 0)
            return;
        ::sigaction(SIGINT, &m_oldInt, nullptr);
        ::sigaction(SIGTERM, &m_oldTerm, nullptr);
        m_notifier.reset();
        ::close(g_signalPipe[0]);
        ::close(g_signalPipe[1]);
        g_signalPipe[0] = g_signalPipe[1] = -1;
    }
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

    QString errorString() const { return m_error; }

private:
    QString m_error;
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
    std::unique_ptr<QSocketNotifier> m_notifier;
};

QJsonObject countsObject(const VaultSummary &summary)
{
    return QJsonObject{
        {QStringLiteral("notes"), summary.notes},
        {QStringLiteral("meetings"), summary.meetings},
        {QStringLiteral("people"), summary.people},
        {QStringLiteral("organisations"), summary.organisations},
        {QStringLiteral("openTasks"), summary.openTasks},
        {QStringLiteral("doneTasks"), summary.doneTasks},
        {QStringLiteral("problems"), summary.problems},
    };
}

QString stateName(VaultWatcher::State state)
{
    switch (state) {
    case VaultWatcher::State::Stopped: return QStringLiteral("stopped");
    case VaultWatcher::State::Watching: return QStringLiteral("watching");
    case VaultWatcher::State::Degraded: return QStringLiteral("degraded");
    case VaultWatcher::State::RootMissing: return QStringLiteral("root-missing");
    }
    return QStringLiteral("stopped");
}

void printLine(QTextStream &out, const QJsonObject &object)
{
    out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
    out.flush();
}

} // namespace

int WatchCommand::run(const QString &folder, QTextStream &out, QTextStream &err)
{
    std::unique_ptr<QCoreApplication> ownApplication;
    if (!QCoreApplication::instance()) {
        static int argc = 1;
        static char name[] = "minutes";
        static char *argv[] = {name, nullptr};
        ownApplication = std::make_unique<QCoreApplication>(argc, argv);
    }
    const QFileInfo info(folder);
    if (!info.isDir()) {
        err << QStringLiteral("minutes: %1: %2\n")
                   .arg(folder, info.exists() ? QStringLiteral("not a folder") : QStringLiteral("no such folder"));
        err.flush();
        return 2;
    }
    const QString root = QDir::cleanPath(info.absoluteFilePath());

    const InterruptGuard interrupts;
    if (!interrupts.errorString().isEmpty()) {
        err << QStringLiteral("minutes: cannot handle interrupts: %1\n").arg(interrupts.errorString());
        err.flush();
        return 1;
    }

    VaultIndex index;
    VaultWatcher watcher(&index);
    QObject::connect(&index, &VaultIndex::notesChanged, &index,
                     [&](const QStringList &added, const QStringList &changed, const QStringList &removed) {
                         printLine(out, QJsonObject{
                                            {QStringLiteral("event"), QStringLiteral("change")},
                                            {QStringLiteral("added"), QJsonArray::fromStringList(added)},
                                            {QStringLiteral("changed"), QJsonArray::fromStringList(changed)},
                                            {QStringLiteral("removed"), QJsonArray::fromStringList(removed)},
                                            {QStringLiteral("counts"), countsObject(index.summary())},
                                        });
                     });
    QObject::connect(&watcher, &VaultWatcher::problemFound, &index, [&](const Problem &problem) {
        printLine(out, QJsonObject{
                           {QStringLiteral("event"), QStringLiteral("problem")},
                           {QStringLiteral("file"), problem.file},
                           {QStringLiteral("message"), problem.message},
                       });
    });

    // The watcher starts on reset(); watches are in place when it returns.
    index.reset(VaultLoader::load(root));
    printLine(out, QJsonObject{
                       {QStringLiteral("event"), QStringLiteral("ready")},
                       {QStringLiteral("root"), root},
                       {QStringLiteral("state"), stateName(watcher.state())},
                       {QStringLiteral("counts"), countsObject(index.summary())},
                   });
    QObject::connect(&watcher, &VaultWatcher::stateChanged, &index, [&](VaultWatcher::State state) {
        printLine(out, QJsonObject{
                           {QStringLiteral("event"), QStringLiteral("state")},
                           {QStringLiteral("state"), stateName(state)},
                           {QStringLiteral("root"), root},
                       });
    });
    QCoreApplication::exec();
    return 0;
}

} // namespace minutes
