// The installed application as a desktop would see it: install rules, desktop entry, AppStream
// metainfo, icons, man page, and the Debian package built by CPack, unpacked and run.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args, const QString &workDir = {})
{
    QProcess process;
    if (!workDir.isEmpty())
        process.setWorkingDirectory(workDir);
    process.start(program, args);
    Run result;
    if (!process.waitForFinished(240'000)) {
        result.err = QStringLiteral("did not finish: ") + process.errorString();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

const QString appId = QStringLiteral("org.minutes.Minutes");

} // namespace

class TestPackaging final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_prefix.isValid());
        const Run install = run(QStringLiteral("cmake"),
                                {QStringLiteral("--install"), QStringLiteral(MINUTES_BUILD_DIR),
                                 QStringLiteral("--prefix"), m_prefix.path()});
        QVERIFY2(install.exitCode == 0, qPrintable(install.err + install.out));
    }

    void installsEveryDesktopFile_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("binary") << QStringLiteral("bin/minutes");
        QTest::newRow("desktop entry") << QStringLiteral("share/applications/%1.desktop").arg(appId);
        QTest::newRow("metainfo") << QStringLiteral("share/metainfo/%1.metainfo.xml").arg(appId);
        QTest::newRow("man page") << QStringLiteral("share/man/man1/minutes.1");
        QTest::newRow("scalable icon") << QStringLiteral("share/icons/hicolor/scalable/apps/%1.svg").arg(appId);
        for (int size : {16, 24, 32, 48, 64, 128, 256, 512}) {
            QTest::newRow(qPrintable(QStringLiteral("%1px icon").arg(size)))
                << QStringLiteral("share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(appId);
        }
    }
    void installsEveryDesktopFile()
    {
        QFETCH(QString, path);
        QVERIFY2(QFileInfo(m_prefix.filePath(path)).isFile(), qPrintable(path));
    }

    void desktopEntryValidates()
    {
        const Run check = run(QStringLiteral("desktop-file-validate"),
                              {m_prefix.filePath(QStringLiteral("share/applications/%1.desktop").arg(appId))});
        QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
        QVERIFY2(check.out.trimmed().isEmpty(), qPrintable(check.out));
    }

    void desktopEntryDoesNotClaimFolders()
    {
        QFile desktop(m_prefix.filePath(QStringLiteral("share/applications/%1.desktop").arg(appId)));
        QVERIFY(desktop.open(QIODevice::ReadOnly));
        const QByteArray text = desktop.readAll();
        QVERIFY(text.contains("Exec=minutes %f"));
        QVERIFY(!text.contains("inode/directory"));
    }

    void metainfoValidates()
    {
        const Run check = run(QStringLiteral("appstreamcli"),
                              {QStringLiteral("validate"), QStringLiteral("--no-net"), QStringLiteral("--pedantic"),
                               m_prefix.filePath(QStringLiteral("share/metainfo/%1.metainfo.xml").arg(appId))});
        QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
    }

    void installedBinaryRuns()
    {
        const Run version = run(m_prefix.filePath(QStringLiteral("bin/minutes")), {QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.contains(QStringLiteral(MINUTES_VERSION)), qPrintable(version.out));
    }

    void debianPackageInstallsAndRuns()
    {
        QTemporaryDir work;
        QVERIFY(work.isValid());
        const Run pack = run(QStringLiteral("cpack"),
                             {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                              QStringLiteral(MINUTES_BUILD_DIR "/CPackConfig.cmake"), QStringLiteral("-B"), work.path()},
                             work.path());
        QVERIFY2(pack.exitCode == 0, qPrintable(pack.out + pack.err));
        const QStringList debs = QDir(work.path()).entryList({QStringLiteral("minutes_*.deb")}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        const QString deb = work.filePath(debs.first());

        const Run fields = run(QStringLiteral("dpkg-deb"), {QStringLiteral("--field"), deb});
        QCOMPARE(fields.exitCode, 0);
        QVERIFY2(fields.out.contains(QStringLiteral("libqt6widgets6")), qPrintable(fields.out));
        QVERIFY2(fields.out.contains(QStringLiteral("libyaml-cpp0.7")), qPrintable(fields.out));
        QVERIFY2(fields.out.contains(QStringLiteral("qt6-qpa-plugins")), qPrintable(fields.out));
        QVERIFY2(fields.out.contains(QStringLiteral("Description: browse a folder of markdown meeting notes")),
                 qPrintable(fields.out));

        const QString root = work.filePath(QStringLiteral("root"));
        const Run unpack = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), deb, root});
        QVERIFY2(unpack.exitCode == 0, qPrintable(unpack.err));
        const QString binary = root + QStringLiteral("/usr/bin/minutes");
        QVERIFY(QFileInfo(binary).isExecutable());
        QVERIFY(QFileInfo::exists(root + QStringLiteral("/usr/share/applications/%1.desktop").arg(appId)));

        const Run version = run(binary, {QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.contains(QStringLiteral(MINUTES_VERSION)));

        const Run summary = run(binary, {QStringLiteral("--summary"),
                                         QStringLiteral(MINUTES_SOURCE_DIR "/resources/sample-vault")});
        QVERIFY2(summary.exitCode == 0, qPrintable(summary.out + summary.err));
        QVERIFY2(summary.out.contains(QStringLiteral("Meetings:")), qPrintable(summary.out));
    }

private:
    QTemporaryDir m_prefix;
};

QTEST_GUILESS_MAIN(TestPackaging)
#include "tst_packaging.moc"
