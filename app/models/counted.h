#pragma once

#include <QString>

namespace minutes {

// "1 meeting", "2 meetings": picks the singular or plural pattern (each already translated with
// tr(), "%1" for the number). Qt's "%n" plurals need a loaded translation even for English.
inline QString counted(qsizetype n, const QString &one, const QString &many)
{
    return (n == 1 ? one : many).arg(n);
}

} // namespace minutes
