#include "applicationicon.h"

namespace minutes {

QList<int> ApplicationIcon::sizes()
{
    // Keep in step with the foreach in resources/CMakeLists.txt and packaging/CMakeLists.txt.
    return {16, 24, 32, 48, 64, 128, 256, 512};
}

QString ApplicationIcon::path(int size)
{
    return QStringLiteral(":/icons/%1/org.minutes.Minutes.png").arg(size);
}

QIcon ApplicationIcon::create()
{
    QIcon icon;
    for (const int size : sizes())
        icon.addFile(path(size), QSize(size, size));
    return icon;
}

} // namespace minutes
