#pragma once

#include <QString>
#include <QTextStream>

namespace minutes {

// `minutes --watch FOLDER --json`: loads the vault, keeps it live with the same VaultWatcher and
// VaultIndex the window uses, and prints one JSON object per line (flushed at once):
//   {"event":"ready","root":...,"counts":{...}}                  watching has begun
//   {"event":"change","added":[...],"changed":[...],"removed":[...],"counts":{...}}
//   {"event":"state","state":"root-missing"|"watching"|"degraded","root":...}
//   {"event":"problem","file":...,"message":...}                  about watching itself
// counts: notes, meetings, people, organisations, openTasks, doneTasks, problems. Runs until
// SIGINT or SIGTERM, then returns 0; returns 2 when FOLDER is not a folder.
class WatchCommand final
{
public:
    static int run(const QString &folder, QTextStream &out, QTextStream &err);
};

} // namespace minutes
