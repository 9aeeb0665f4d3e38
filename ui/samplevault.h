#pragma once

#include <QString>

#include <optional>

namespace minutes {

// The sample vault compiled into the binary (resources/sample-vault), copied to a writable place
// so that a first start shows something real and ticking a task can write to a file.
class SampleVault final
{
public:
    // Where the copy lives: <AppDataLocation>/Sample Vault.
    static QString location();
    // Copies the sample notes that are missing (never overwriting an edited one); returns the
    // folder, or nullopt with `error` set when it cannot be written.
    static std::optional<QString> install(QString *error = nullptr);
    // True when `folder` is the installed sample vault.
    static bool isSample(const QString &folder);
};

} // namespace minutes
