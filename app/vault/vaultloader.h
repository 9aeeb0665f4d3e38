#pragma once

#include "vault/vaultindex.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace minutes {

// Finds the markdown files of a vault and parses them on every core. Plain functions on plain
// values so that the GUI can run them with QtConcurrent and the CLI can call them directly.
class VaultLoader final
{
public:
    // Relative paths of every note under `root` (recursive, *.md case-insensitively), skipping
    // dot-folders and never following a symlink out of the vault or round a cycle. Sorted.
    static QStringList findNotes(const QString &root, Problems *problems = nullptr);

    // Reads and parses the given notes in parallel, without their bodies (Note::body stays empty:
    // an index keeps what it derives from a body, not the body). `progress(done, total)` may be called from
    // worker threads; `cancel` set to true stops early (the result is then partial).
    static QList<Note> loadNotes(const QString &root, const QStringList &relativePaths,
                                 const std::function<void(int, int)> &progress = {},
                                 const std::atomic_bool *cancel = nullptr, Problems *problems = nullptr);

    // One note with its body, read as loadNotes() reads it (what the reader shows). None when it
    // cannot be read; `problems` then says why.
    static std::optional<Note> readNote(const QString &root, const QString &relativePath, Problems *problems = nullptr);

    // findNotes + loadNotes.
    static ScanResult load(const QString &root, const std::function<void(int, int)> &progress = {},
                           const std::atomic_bool *cancel = nullptr);
};

} // namespace minutes
