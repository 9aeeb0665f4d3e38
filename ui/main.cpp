#include "cli/commandline.h"
#include "core/heap.h"

#include "applicationicon.h"
#include "mainwindow.h"
#include "reader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTimer>

#include <cstdio>

namespace {

// `--screenshot FILE` (hidden): once the vault is shown and the note rendered, saves the window
// to FILE and quits. Used by scripts/screenshot to look at the app without a desktop.
void scheduleScreenshot(minutes::MainWindow *window, const QString &file)
{
    const auto shoot = [window, file] {
        QTimer::singleShot(400, window, [window, file] {
            const bool saved = window->grab().save(file);
            std::fprintf(stderr, saved ? "minutes: saved %s\n" : "minutes: could not save %s\n", qPrintable(file));
            QCoreApplication::exit(saved ? 0 : 1);
        });
    };
    QObject::connect(window, &minutes::MainWindow::vaultShown, window, [window, shoot] {
        if (window->reader()->isRendering())
            QObject::connect(window->reader(), &minutes::Reader::rendered, window, shoot, Qt::SingleShotConnection);
        else
            shoot();
    });
    QTimer::singleShot(60000, window, [] {
        std::fprintf(stderr, "minutes: gave up waiting for the vault\n");
        QCoreApplication::exit(1);
    });
}

} // namespace

int main(int argc, char **argv)
{
    minutes::tuneHeap();
    if (const auto status = minutes::CommandLine::runIfRequested(argc, argv))
        return *status;

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Minutes"));
    QApplication::setApplicationDisplayName(QStringLiteral("Minutes"));
    QApplication::setOrganizationName(QStringLiteral("Minutes"));
    QApplication::setOrganizationDomain(QStringLiteral("minutes.org"));
    QApplication::setApplicationVersion(QStringLiteral(MINUTES_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.minutes.Minutes"));
    // Every packaged size, compiled in: not the icon theme, whose hicolor entry may resolve to the
    // scalable SVG, which cannot be drawn without Qt's SVG plugin.
    QApplication::setWindowIcon(minutes::ApplicationIcon::create());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Browse a folder of markdown meeting notes."));
    parser.addPositionalArgument(QStringLiteral("path"),
                                 QApplication::translate("main", "A folder of notes, or a note in one."),
                                 QStringLiteral("[FOLDER|FILE.md]"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save a screenshot and quit."),
                                  QStringLiteral("file"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshot);
    if (!parser.parse(QApplication::arguments())) {
        std::fprintf(stderr, "minutes: %s\n", qPrintable(parser.errorText()));
        return 2;
    }

    minutes::MainWindow window;
    if (parser.isSet(screenshot))
        scheduleScreenshot(&window, QDir::current().absoluteFilePath(parser.value(screenshot)));
    window.show();
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        window.openInitial();
    else
        window.openPath(QDir::current().absoluteFilePath(paths.constFirst()));
    return QApplication::exec();
}
