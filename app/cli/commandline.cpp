#include "cli/commandline.h"

#include "cli/togglecommand.h"
#include "cli/watchcommand.h"
#include "vault/indexcache.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace minutes {

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kLeakChecked = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kLeakChecked = true;
#else
constexpr bool kLeakChecked = false;
#endif
#else
constexpr bool kLeakChecked = false;
#endif

constexpr int kExitProblems = 1;
constexpr int kExitUsage = 2;

bool isCommandLineArgument(const char *arg)
{
    static const char *const commands[] = {"--summary", "--json", "--no-cache", "--toggle", "--watch", "--help", "-h",
                                           "--help-all", "-?", "--version", "-v"};
    for (const char *command : commands) {
        const size_t length = std::strlen(command);
        if (std::strncmp(arg, command, length) == 0 && (arg[length] == '\0' || arg[length] == '='))
            return true;
    }
    return false;
}

QString priorityName(Priority priority)
{
    switch (priority) {
    case Priority::Highest: return QStringLiteral("highest");
    case Priority::High: return QStringLiteral("high");
    case Priority::Medium: return QStringLiteral("medium");
    case Priority::None: return QStringLiteral("none");
    case Priority::Low: return QStringLiteral("low");
    case Priority::Lowest: return QStringLiteral("lowest");
    }
    return QStringLiteral("none");
}

QString stateName(TaskState state)
{
    switch (state) {
    case TaskState::Todo: return QStringLiteral("todo");
    case TaskState::InProgress: return QStringLiteral("in-progress");
    case TaskState::Done: return QStringLiteral("done");
    case TaskState::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("todo");
}

QJsonValue dateValue(const QDate &date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonObject entityObject(const Entity &entity)
{
    return QJsonObject{
        {QStringLiteral("name"), entity.name},
        {QStringLiteral("aliases"), QJsonArray::fromStringList(entity.aliases)},
        {QStringLiteral("note"), entity.notePath.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(entity.notePath)},
        {QStringLiteral("vaultOwner"), entity.vaultOwner},
        {QStringLiteral("evidence"), QJsonArray::fromStringList(entity.evidence)},
        {QStringLiteral("meetings"), int(entity.meetingKeys.size())},
        {QStringLiteral("openTasks"), entity.openTasks},
        {QStringLiteral("lastMeeting"), dateValue(entity.lastMeeting)},
    };
}

int meetingsWithVersions(const VaultIndex &index)
{
    return int(std::count_if(index.meetings().cbegin(), index.meetings().cend(),
                             [](const MeetingPtr &m) { return m->versions.size() > 1; }));
}

QJsonDocument summaryJson(const VaultIndex &index, qint64 elapsedMs)
{
    const VaultSummary summary = index.summary();
    QJsonArray people, organisations;
    for (const Entity &entity : index.entities())
        (entity.isPerson() ? people : organisations).append(entityObject(entity));

    QJsonArray meetings;
    for (const MeetingPtr &listed : index.meetings()) {
        const Meeting &meeting = *listed;
        meetings.append(QJsonObject{
            {QStringLiteral("key"), meeting.key},
            {QStringLiteral("date"), dateValue(meeting.date)},
            {QStringLiteral("title"), meeting.title},
            {QStringLiteral("versions"), QJsonArray::fromStringList(meeting.versions)},
            {QStringLiteral("participants"), QJsonArray::fromStringList(meeting.participants)},
            {QStringLiteral("openTasks"), meeting.openTasks},
            {QStringLiteral("totalTasks"), meeting.totalTasks},
        });
    }

    QJsonArray tasks;
    for (const QString &path : index.notePaths()) {
        for (const NoteTask &kept : index.note(path)->tasks) {
            const Task task = kept.task();
            tasks.append(QJsonObject{
                {QStringLiteral("file"), path},
                {QStringLiteral("line"), task.line},
                {QStringLiteral("status"), task.statusSymbol()},
                {QStringLiteral("state"), stateName(task.state())},
                {QStringLiteral("description"), task.description},
                {QStringLiteral("owner"), task.owner.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(task.owner)},
                {QStringLiteral("due"), dateValue(task.due)},
                {QStringLiteral("scheduled"), dateValue(task.scheduled)},
                {QStringLiteral("start"), dateValue(task.start)},
                {QStringLiteral("done"), dateValue(task.done)},
                {QStringLiteral("priority"), priorityName(task.priority)},
                {QStringLiteral("tags"), QJsonArray::fromStringList(task.tags)},
            });
        }
    }

    QJsonArray problems;
    for (const Problem &problem : index.problems()) {
        problems.append(QJsonObject{
            {QStringLiteral("file"), problem.file},
            {QStringLiteral("line"), problem.line},
            {QStringLiteral("message"), problem.message},
            {QStringLiteral("severity"),
             problem.severity == Problem::Severity::Error ? QStringLiteral("error") : QStringLiteral("warning")},
        });
    }

    const QJsonObject counts{
        {QStringLiteral("notes"), summary.notes},
        {QStringLiteral("meetings"), summary.meetings},
        {QStringLiteral("meetingsWithVersions"), meetingsWithVersions(index)},
        {QStringLiteral("people"), summary.people},
        {QStringLiteral("organisations"), summary.organisations},
        {QStringLiteral("openTasks"), summary.openTasks},
        {QStringLiteral("doneTasks"), summary.doneTasks},
        {QStringLiteral("problems"), summary.problems},
    };
    return QJsonDocument(QJsonObject{
        {QStringLiteral("version"), QStringLiteral(MINUTES_VERSION)},
        {QStringLiteral("vault"), index.root()},
        {QStringLiteral("loadMs"), elapsedMs},
        {QStringLiteral("counts"), counts},
        {QStringLiteral("people"), people},
        {QStringLiteral("organisations"), organisations},
        {QStringLiteral("meetings"), meetings},
        {QStringLiteral("tasks"), tasks},
        {QStringLiteral("problems"), problems},
    });
}

// Called with the vault's index still alive, once everything is written (output flushed, the
// persistent index committed): freeing the index object by object before exiting took a sixth of
// a 50k summary, so the process ends here. Under AddressSanitizer it returns, for the leak check.
int endWithIndex(int status)
{
    if constexpr (!kLeakChecked) {
        std::fflush(nullptr);
        std::_Exit(status);
    }
    return status;
}

int runSummary(const QString &folder, bool json, QTextStream &out, QTextStream &err)
{
    const QFileInfo info(folder);
    if (!info.exists()) {
        err << "minutes: " << folder << ": no such folder\n";
        return kExitUsage;
    }
    if (!info.isDir()) {
        err << "minutes: " << folder << ": not a folder (--summary takes the vault folder)\n";
        return kExitUsage;
    }

    ScanResult result = VaultLoader::load(folder);
    const qint64 elapsedMs = result.elapsedMs;
    VaultIndex index;
    index.reset(std::move(result));
    const VaultSummary summary = index.summary();

    if (json) {
        out << summaryJson(index, elapsedMs).toJson(QJsonDocument::Indented);
    } else {
        out << "Vault:         " << index.root() << '\n'
            << "Notes:         " << summary.notes << '\n'
            << "Meetings:      " << summary.meetings << " (" << meetingsWithVersions(index)
            << " with several versions)\n"
            << "People:        " << summary.people << '\n'
            << "Organisations: " << summary.organisations << '\n'
            << "Tasks:         " << summary.openTasks << " open, " << summary.doneTasks << " done\n"
            << "Problems:      " << summary.problems << '\n'
            << "Loaded in " << elapsedMs << " ms\n";
    }
    out.flush();
    // The persistent index is written off the loading thread; let it finish before exiting.
    IndexCache::waitForBackgroundWrites();
    const Problems problems = index.problems();
    for (const Problem &problem : problems)
        err << problem.toString() << '\n';
    err.flush();
    return endWithIndex(problems.isEmpty() ? 0 : kExitProblems);
}

} // namespace

std::optional<int> CommandLine::runIfRequested(int argc, char **argv)
{
    if (!std::any_of(argv + 1, argv + argc, [](const char *arg) { return isCommandLineArgument(arg); }))
        return std::nullopt;

    std::unique_ptr<QCoreApplication> app;
    if (!QCoreApplication::instance())
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("minutes"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MINUTES_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Minutes: a fast browser for a folder of markdown meeting notes.\n\n"
        "Usage:\n"
        "  minutes [FOLDER|FILE.md]          open the window on a vault folder or a note\n"
        "  minutes --summary [--json] [--no-cache] FOLDER\n"
        "                                    print what the vault holds; exit 1 when it has problems\n"
        "  minutes --toggle FILE:LINE [--status CHAR] [--date YYYY-MM-DD]\n"
        "                                    tick or change one task, as the task panel does\n"
        "  minutes --watch FOLDER --json     keep the vault loaded and print changes as JSON lines"));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption summaryOption(QStringLiteral("summary"),
                                           QStringLiteral("Load FOLDER and print counts and problems."));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("With --summary: print one JSON document instead."));
    const QCommandLineOption toggleOption(QStringLiteral("toggle"),
                                          QStringLiteral("Toggle the task at FILE:LINE."), QStringLiteral("FILE:LINE"));
    const QCommandLineOption statusOption(QStringLiteral("status"),
                                          QStringLiteral("With --toggle: set this status symbol instead."),
                                          QStringLiteral("CHAR"));
    const QCommandLineOption dateOption(QStringLiteral("date"),
                                        QStringLiteral("With --toggle: the date to record as today."),
                                        QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption watchOption(QStringLiteral("watch"),
                                         QStringLiteral("Keep FOLDER loaded and print each change as a JSON line."));
    const QCommandLineOption noCacheOption(
        QStringLiteral("no-cache"),
        QStringLiteral("With --summary: parse every note, neither reading nor writing the persistent index."));
    parser.addOptions({summaryOption, jsonOption, toggleOption, statusOption, dateOption, watchOption, noCacheOption});
    parser.addPositionalArgument(QStringLiteral("FOLDER"), QStringLiteral("The vault folder (with --summary)."),
                                 QStringLiteral("[FOLDER|FILE.md]"));

    // From argv rather than QCoreApplication::arguments(): an application may already exist.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    if (!parser.parse(arguments)) {
        err << "minutes: " << parser.errorText() << "\nTry 'minutes --help'.\n";
        return kExitUsage;
    }
    if (parser.isSet(helpOption)) {
        out << parser.helpText();
        return 0;
    }
    if (parser.isSet(versionOption)) {
        out << "minutes " << MINUTES_VERSION << '\n';
        return 0;
    }

    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(watchOption)) {
        if (parser.isSet(summaryOption) || parser.isSet(toggleOption)) {
            err << "minutes: --watch cannot be combined with --summary or --toggle\n";
            return kExitUsage;
        }
        if (positional.size() != 1) {
            err << "minutes: --watch needs exactly one vault FOLDER\nTry 'minutes --help'.\n";
            return kExitUsage;
        }
        // WatchCommand runs an event loop until SIGINT/SIGTERM; it needs the application object.
        return WatchCommand::run(positional.front(), out, err);
    }
    const bool summary = parser.isSet(summaryOption) || parser.isSet(jsonOption);
    if (summary && parser.isSet(toggleOption)) {
        err << "minutes: --summary and --toggle cannot be combined\n";
        return kExitUsage;
    }
    if (summary) {
        if (positional.size() != 1) {
            err << "minutes: --summary needs exactly one vault FOLDER\nTry 'minutes --help'.\n";
            return kExitUsage;
        }
        if (parser.isSet(noCacheOption))
            IndexCache::setEnabled(false);
        return runSummary(positional.front(), parser.isSet(jsonOption), out, err);
    }

    if (parser.isSet(noCacheOption)) {
        err << "minutes: --no-cache goes with --summary\nTry 'minutes --help'.\n";
        return kExitUsage;
    }
    if (!parser.isSet(toggleOption)) {
        err << "minutes: nothing to do\nTry 'minutes --help'.\n";
        return kExitUsage;
    }
    if (!positional.isEmpty()) {
        err << "minutes: --toggle takes no folder or file besides FILE:LINE\n";
        return kExitUsage;
    }
    std::optional<QString> status;
    if (parser.isSet(statusOption))
        status = parser.value(statusOption);
    std::optional<QDate> today;
    if (parser.isSet(dateOption)) {
        const QDate date = QDate::fromString(parser.value(dateOption), Qt::ISODate);
        if (!date.isValid()) {
            err << "minutes: --date wants YYYY-MM-DD, got \"" << parser.value(dateOption) << "\"\n";
            return kExitUsage;
        }
        today = date;
    }
    const int exitCode = ToggleCommand::run(parser.value(toggleOption), status, today, out, err);
    out.flush();
    err.flush();
    return exitCode;
}

} // namespace minutes
