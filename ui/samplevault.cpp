#include "samplevault.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QStandardPaths>

namespace minutes {

namespace {
const QString ResourceRoot = QStringLiteral(":/sample-vault");
}

QString SampleVault::location()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("Sample Vault"));
}

bool SampleVault::isSample(const QString &folder)
{
    return QDir::cleanPath(QFileInfo(folder).absoluteFilePath()) == QDir::cleanPath(location());
}

std::optional<QString> SampleVault::install(QString *error)
{
    const QString target = location();
    QDirIterator it(ResourceRoot, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString relative = source.mid(ResourceRoot.size() + 1);
        const QString destination = QDir(target).filePath(relative);
        if (QFileInfo::exists(destination))
            continue;
        if (!QDir().mkpath(QFileInfo(destination).absolutePath()) || !QFile::copy(source, destination)) {
            if (error)
                *error = QObject::tr("Could not write the sample vault to %1.").arg(QDir::toNativeSeparators(target));
            return std::nullopt;
        }
        // Resources are read-only and QFile::copy keeps that; the user's copy must be writable.
        QFile::setPermissions(destination, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                               | QFileDevice::ReadOther);
    }
    if (!QFileInfo(target).isDir()) {
        if (error)
            *error = QObject::tr("The built-in sample vault is missing.");
        return std::nullopt;
    }
    return target;
}

} // namespace minutes
