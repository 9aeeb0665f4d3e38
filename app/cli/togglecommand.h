#pragma once

#include <QDate>
#include <QString>
#include <QTextStream>

#include <optional>

namespace minutes {

// `minutes --toggle FILE:LINE [--status CHAR] [--date YYYY-MM-DD]`: the same write-back the task
// panel performs (TaskWriter), without a window. Prints what changed to `out`, or why it refused
// to `err`; returns 0 when the file was changed, non-zero when it refused.
class ToggleCommand final
{
public:
    static int run(const QString &fileAndLine, const std::optional<QString> &status,
                   const std::optional<QDate> &today, QTextStream &out, QTextStream &err);
};

} // namespace minutes
