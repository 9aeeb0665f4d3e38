#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace minutes {

// Something a file got wrong: where (vault-relative path, 1-based line or 0 for the whole file)
// and what, in words a user can act on. The core reports problems; it never throws past itself.
struct Problem
{
    enum class Severity { Warning, Error };

    QString file;
    int line = 0;
    QString message;
    Severity severity = Severity::Warning;

    QString toString() const
    {
        return line > 0 ? QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(message)
                        : QStringLiteral("%1: %2").arg(file, message);
    }
    friend bool operator==(const Problem &, const Problem &) = default;
};

using Problems = QList<Problem>;

} // namespace minutes

Q_DECLARE_METATYPE(minutes::Problem)
