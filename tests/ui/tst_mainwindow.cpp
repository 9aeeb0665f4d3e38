// The main window on real vaults: the sidebar filters the timeline and the tasks, search filters
// the timeline, drops open folders and notes, links select people, hostile links and images are
// refused, the seeds show as one meeting in two versions, and the first start opens the sample.

#include "../models/fixture.h"
#include "applicationicon.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "models/meetingmodel.h"
#include "models/taskgroupmodel.h"
#include "models/taskmodel.h"
#include "models/taskwriteback.h"
#include "models/timelinefilter.h"
#include "models/vaultcontroller.h"
#include "note/markdownrenderer.h"
#include "reader.h"
#include "samplevault.h"
#include "sidebar.h"
#include "taskpanel.h"
#include "taskview.h"
#include "timelinepanel.h"

#include <QAbstractItemModelTester>
#include <QScrollBar>
#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QElapsedTimer>
#include <QImage>
#include <QDialog>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <memory>

using namespace minutes;

namespace {

const QString Alpha = QStringLiteral("Meetings/2025-03-10 - Alpha review.md");
const QString Beta = QStringLiteral("Meetings/2025-04-02 - Beta sync.md");

int taskRows(const QAbstractItemModel *groups)
{
    int rows = 0;
    for (int g = 0; g < groups->rowCount(); ++g)
        rows += groups->rowCount(groups->index(g, 0));
    return rows;
}

QStringList timelineKeys(MainWindow &window)
{
    QStringList keys;
    const QAbstractItemModel *model = window.timeline()->view()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        keys.append(model->index(row, 0).data(MeetingModel::KeyRole).toString());
    return keys;
}

bool openAndWait(MainWindow &window, const QString &path)
{
    QSignalSpy shown(&window, &MainWindow::vaultShown);
    if (!window.openPath(path))
        return false;
    return shown.wait(20000);
}

bool waitRendered(Reader *reader)
{
    if (!reader->isRendering())
        return true;
    QSignalSpy rendered(reader, &Reader::rendered);
    return rendered.wait(10000);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void viewsAreNamedAndModelsSound();
    void sidebarSelectionFiltersTimelineAndTasks();
    void searchFiltersTimeline();
    void dropFolderOpensIt();
    void dropNoteOpensItsVaultAndTheNote();
    void wikilinkSelectsEntity();
    void readerRefusesHostileLinksAndImages();
    void seedsShowOneMeetingWithTwoVersions();
    void taskActivationOpensMeetingAtLine();
    void spaceOnTaskRequestsToggle();
    void groupRowsAreDrawnAcrossColumns();
    void largeGroupsAreFetchedAsTheyScrollIn();
    void problemsAreCountedAndListed();
    void firstStartOpensSampleVault();
    void lastVaultReopens();
    void applicationIconHasEveryPackagedSize_data();
    void applicationIconHasEveryPackagedSize();

private:
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_vault;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Settings and the sample vault copy go to a throwaway place, never the user's.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("data"))));
    QCoreApplication::setOrganizationName(QStringLiteral("MinutesTest"));
    QCoreApplication::setApplicationName(QStringLiteral("MinutesTest"));
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_vault = std::make_unique<QTemporaryDir>();
    QVERIFY(fixture::writeVault(m_vault->path()));
    m_window = std::make_unique<MainWindow>();
    m_window->taskModel()->setToday(QDate(2025, 3, 12));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_vault.reset();
}

void TestMainWindow::viewsAreNamedAndModelsSound()
{
    MainWindow &window = *m_window;
    const QList<QAbstractItemModel *> models{window.sidebar()->view()->model(), window.timeline()->view()->model(),
                                             window.taskPanel()->view()->model()};
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (QAbstractItemModel *model : models)
        testers.push_back(std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    QVERIFY(openAndWait(window, m_vault->path()));
    QCOMPARE(window.windowTitle(), QStringLiteral("%1 — Minutes").arg(QFileInfo(m_vault->path()).fileName()));
    for (QWidget *widget : QList<QWidget *>{window.sidebar()->view(), window.timeline()->view(), window.taskPanel()->view(),
                                            window.reader(), window.timeline()->searchEdit(), window.sidebar()->filterEdit()})
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
    // Ctrl+1/2/3 move the focus between the three lists.
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), window.timeline()->view());
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), window.taskPanel()->view());
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), window.sidebar()->view());
}

void TestMainWindow::sidebarSelectionFiltersTimelineAndTasks()
{
    MainWindow &window = *m_window;
    QVERIFY(openAndWait(window, m_vault->path()));
    QCOMPARE(timelineKeys(window), (QStringList{Beta, Alpha}));
    QCOMPARE(taskRows(window.taskPanel()->view()->model()), 7);

    // Click Cara in the sidebar.
    QTreeView *sidebar = window.sidebar()->view();
    QModelIndex cara;
    for (int section = 0; section < sidebar->model()->rowCount(); ++section) {
        const QModelIndex parent = sidebar->model()->index(section, 0);
        for (int row = 0; row < sidebar->model()->rowCount(parent); ++row) {
            if (sidebar->model()->index(row, 0, parent).data().toString() == QLatin1String("Cara Demo"))
                cara = sidebar->model()->index(row, 0, parent);
        }
    }
    QVERIFY(cara.isValid());
    sidebar->scrollTo(cara);
    QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, sidebar->visualRect(cara).center());
    QCOMPARE(window.sidebar()->selectedEntity(), QStringLiteral("Cara Demo"));
    QCOMPARE(timelineKeys(window), QStringList{Beta});
    // Her meeting's open tasks, as her ledger: she owes one, you owe her two (both versions).
    const QAbstractItemModel *tasks = window.taskPanel()->view()->model();
    QCOMPARE(taskRows(tasks), 3);
    QCOMPARE(tasks->index(0, 0).data(TaskGroupModel::GroupRole).toInt(), int(TaskGroupModel::Group::TheyOwe));
    QCOMPARE(window.reader()->currentEntity(), QStringLiteral("Cara Demo"));

    // Everyone clears the selection.
    window.sidebar()->selectEveryone();
    QCOMPARE(window.sidebar()->selectedEntity(), QString());
    QCOMPARE(timelineKeys(window).size(), 2);
    QCOMPARE(taskRows(tasks), 7);
}

void TestMainWindow::searchFiltersTimeline()
{
    MainWindow &window = *m_window;
    QVERIFY(openAndWait(window, m_vault->path()));
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keySequence(&window, QKeySequence::Find);
    QTRY_COMPARE(QApplication::focusWidget(), window.timeline()->searchEdit());
    QTest::keyClicks(window.timeline()->searchEdit(), QStringLiteral("QUARTERLY budget"));
    QCOMPARE(timelineKeys(window), QStringList{Alpha});
    window.timeline()->searchEdit()->clear();
    QTest::keyClicks(window.timeline()->searchEdit(), QStringLiteral("no such words"));
    QCOMPARE(timelineKeys(window), QStringList{});
    window.timeline()->searchEdit()->clear();
    QCOMPARE(timelineKeys(window).size(), 2);
}

void TestMainWindow::dropFolderOpensIt()
{
    MainWindow &window = *m_window;
    QVERIFY(openAndWait(window, m_vault->path()));
    QTemporaryDir other;
    QVERIFY(fixture::write(other.path(), QStringLiteral("Gamma.md"),
                           "---\ntype: meeting\ndate: 2025-05-01\nparticipants: [Dee Person]\n---\n\n# Gamma\n"));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(other.path())});
    QSignalSpy shown(&window, &MainWindow::vaultShown);
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QVERIFY(shown.wait(20000));
    QCOMPARE(window.controller()->root(), QDir::cleanPath(other.path()));
    QCOMPARE(timelineKeys(window), QStringList{QStringLiteral("Gamma.md")});

    // Something that is neither a folder nor a note is not taken.
    QMimeData text;
    text.setUrls({QUrl(QStringLiteral("https://example.org/"))});
    QDragEnterEvent refused(QPoint(50, 50), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());
}

void TestMainWindow::dropNoteOpensItsVaultAndTheNote()
{
    MainWindow &window = *m_window;
    QVERIFY(QDir(m_vault->path()).mkdir(QStringLiteral(".obsidian")));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QDir(m_vault->path()).filePath(Alpha))});
    QSignalSpy shown(&window, &MainWindow::vaultShown);
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QVERIFY(drop.isAccepted());
    QVERIFY(shown.wait(20000));
    // The vault is the folder with .obsidian, not the note's own folder.
    QCOMPARE(window.controller()->root(), QDir::cleanPath(m_vault->path()));
    QCOMPARE(window.reader()->currentPath(), Alpha);
    QCOMPARE(window.timeline()->currentMeeting(), Alpha);
}

void TestMainWindow::wikilinkSelectsEntity()
{
    MainWindow &window = *m_window;
    QVERIFY(openAndWait(window, m_vault->path()));
    window.timeline()->selectMeeting(Alpha);
    window.reader()->showNote(Alpha);
    QVERIFY(waitRendered(window.reader()));
    // The note links [[Annie]], an alias of Ann Example.
    Q_EMIT window.reader()->anchorClicked(MarkdownRenderer::linkUrl(QStringLiteral("Annie")));
    QCOMPARE(window.sidebar()->selectedEntity(), QStringLiteral("Ann Example"));
    QCOMPARE(window.sidebar()->view()->currentIndex().data().toString(), QStringLiteral("Ann Example"));
    QCOMPARE(timelineKeys(window), (QStringList{Beta, Alpha}));

    // A link to an organisation hidden by the sidebar filter clears the filter.
    window.sidebar()->filterEdit()->setText(QStringLiteral("cara"));
    Q_EMIT window.reader()->anchorClicked(MarkdownRenderer::linkUrl(QStringLiteral("Acme")));
    QCOMPARE(window.sidebar()->selectedEntity(), QStringLiteral("Acme Corp"));
    QVERIFY(window.sidebar()->filterEdit()->text().isEmpty());
}

void TestMainWindow::readerRefusesHostileLinksAndImages()
{
    QVERIFY(fixture::write(m_vault->path(), QStringLiteral("Hostile.md"),
                           "# Hostile\n\n[passwd](file:///etc/passwd) [js](javascript:alert(1)) ![z](/dev/zero)\n\nStill here.\n"));
    MainWindow &window = *m_window;
    QVERIFY(openAndWait(window, m_vault->path()));
    Reader *reader = window.reader();
    reader->showNote(QStringLiteral("Hostile.md"));
    QVERIFY(waitRendered(reader));
    QVERIFY(reader->toPlainText().contains(QStringLiteral("Still here.")));
    const QString before = reader->toPlainText();
    QSignalSpy refused(reader, &Reader::linkRefused);
    QSignalSpy external(reader, &Reader::externalLinkRequested);
    for (const char *url : {"file:///etc/passwd", "javascript:alert(1)", "data:text/html,x"})
        Q_EMIT reader->anchorClicked(QUrl(QString::fromLatin1(url)));
    QCOMPARE(refused.size(), 3);
    QCOMPARE(external.size(), 0);
    QCOMPARE(reader->toPlainText(), before);
    QVERIFY(!window.statusBar()->currentMessage().isEmpty());

    QElapsedTimer timer;
    timer.start();
    const QImage zero = reader->loadResource(QTextDocument::ImageResource, QUrl(QStringLiteral("/dev/zero"))).value<QImage>();
    QCOMPARE(zero.text(QStringLiteral("minutes")), QStringLiteral("blocked"));
    QVERIFY(timer.elapsed() < 2000);
}

void TestMainWindow::seedsShowOneMeetingWithTwoVersions()
{
    const QDir seeds(QStringLiteral(MINUTES_SEEDS_DIR));
    const QStringList names = seeds.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    if (names.size() < 2)
        QSKIP("the seed notes are not available");
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("People")));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("Inbox")));
    QVERIFY(QFile::copy(seeds.filePath(names.at(0)), dir.filePath(QStringLiteral("People/seed-one.md"))));
    QVERIFY(QFile::copy(seeds.filePath(names.at(1)), dir.filePath(QStringLiteral("Inbox/seed-two.md"))));

    MainWindow &window = *m_window;
    QVERIFY(openAndWait(window, dir.path()));
    const QAbstractItemModel *timeline = window.timeline()->view()->model();
    QCOMPARE(timeline->rowCount(), 1);
    QCOMPARE(timeline->index(0, 0).data(MeetingModel::VersionCountRole).toInt(), 2);

    int dueOnEighth = 0;
    const TaskModel *tasks = window.taskModel();
    for (int row = 0; row < tasks->rowCount(); ++row) {
        if (tasks->index(row, 0).data(TaskModel::DueRole).toDate() == QDate(2025, 11, 8))
            ++dueOnEighth;
    }
    QCOMPARE(dueOnEighth, 9);

    // The window opened the meeting; its text is repaired.
    QVERIFY(waitRendered(window.reader()));
    const QString key = timeline->index(0, 0).data(MeetingModel::KeyRole).toString();
    QCOMPARE(window.reader()->currentPath(), key);
    const QString text = window.reader()->toPlainText();
    QVERIFY(text.contains(QStringLiteral("📅")));
    QVERIFY(text.contains(QStringLiteral("⏫")));
    QVERIFY(!text.contains(QStringLiteral("üìÖ")));
    QVERIFY(text.contains(QStringLiteral("2 versions")));

    // The other version is a link away.
    const QStringList versions = timeline->index(0, 0).data(MeetingModel::VersionsRole).toStringList();
    QSignalSpy rendered(window.reader(), &Reader::rendered);
    Q_EMIT window.reader()->anchorClicked(QUrl(QStringLiteral("minutes-note:") + versions.at(1)));
    QVERIFY(rendered.wait(10000));
    QCOMPARE(window.reader()->currentPath(), versions.at(1));
    QVERIFY(!window.reader()->toPlainText().contains(QStringLiteral("üìÖ")));
}

void TestMainWindow::taskActivationOpensMeetingAtLine()
{
    MainWindow &window = *m_window;
    QVERIFY(openAndWait(window, m_vault->path()));
    QVERIFY(waitRendered(window.reader()));
    TaskView *view = window.taskPanel()->view();
    const TaskGroupModel *groups = window.taskPanel()->groups();
    const QModelIndex thisWeek = groups->indexOfGroup(TaskGroupModel::Group::ThisWeek);
    const QModelIndex draft = groups->index(0, TaskModel::DescriptionColumn, thisWeek);
    QCOMPARE(draft.data(TaskModel::LineRole).toInt(), 19);
    view->scrollTo(draft);
    const QPoint at = view->visualRect(draft).center();
    QSignalSpy activated(view, &QAbstractItemView::activated);
    // As a user does it: the first click, then the second one that makes the double click.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(activated.size(), 1);
    QTRY_COMPARE(window.reader()->currentPath(), Alpha);
    QVERIFY(waitRendered(window.reader()));
    QCOMPARE(window.timeline()->currentMeeting(), Alpha);
    QCOMPARE(window.reader()->extraSelections().size(), 1);
    QVERIFY(window.reader()->extraSelections().at(0).cursor.block().text().contains(QStringLiteral("Draft agenda")));
}

void TestMainWindow::spaceOnTaskRequestsToggle()
{
    MainWindow &window = *m_window;
    QVERIFY(openAndWait(window, m_vault->path()));
    QSignalSpy toggles(&window, &MainWindow::toggleRequested);
    TaskView *view = window.taskPanel()->view();
    const TaskGroupModel *groups = window.taskPanel()->groups();
    const QModelIndex today = groups->indexOfGroup(TaskGroupModel::Group::Today);
    view->setCurrentIndex(groups->index(0, TaskModel::OwnerColumn, today));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Space);
    QCOMPARE(toggles.size(), 1);
    QCOMPARE(toggles.at(0).at(0).toString(), Alpha);
    QCOMPARE(toggles.at(0).at(1).toInt(), 17);

    // While that write is under way the row shows the tick and takes no second one.
    const QModelIndex box = groups->index(0, TaskModel::DescriptionColumn, today);
    QVERIFY(box.data(TaskModel::PendingRole).toBool());
    QCOMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = view->visualRect(box);
    option.features |= QStyleOptionViewItem::HasCheckIndicator;
    const QRect indicator = view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, view);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, indicator.center());
    QCOMPARE(toggles.size(), 1);
    QTRY_VERIFY(!window.writeBack()->isBusy());
}

// A large group shows a batch of tasks and fetches the next as its last one comes near the
// viewport, also when another group follows it (QTreeView alone fetches only at the very end).
void TestMainWindow::largeGroupsAreFetchedAsTheyScrollIn()
{
    MainWindow &window = *m_window;
    QTemporaryDir vault;
    QByteArray note = "---\ntype: meeting\ntitle: Planning\ndate: 2025-03-10\n---\n## Action Items\n";
    for (int i = 0; i < 120; ++i)
        note += QStringLiteral("- [ ] Later task %1 📅 2026-01-%2\n").arg(i, 3, 10, QLatin1Char('0')).arg(1 + i % 28, 2, 10, QLatin1Char('0')).toUtf8();
    for (int i = 0; i < 5; ++i)
        note += QStringLiteral("- [ ] Undated task %1\n").arg(i).toUtf8();
    QFile file(vault.filePath(QStringLiteral("2025-03-10 Planning.md")));
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(note) == note.size());
    file.close();
    TaskGroupModel *groups = window.taskPanel()->groups();
    groups->setBatchSize(10);
    QAbstractItemModelTester tester(groups, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(openAndWait(window, vault.path()));
    TaskView *view = window.taskPanel()->view();
    QVERIFY(view->viewport()->height() < 60 * view->sizeHintForRow(0));   // the test needs a group taller than the view

    const QModelIndex later = groups->indexOfGroup(TaskGroupModel::Group::Later);
    const QModelIndex undated = groups->indexOfGroup(TaskGroupModel::Group::NoDate);
    QVERIFY(later.isValid() && undated.isValid());
    QCOMPARE(later.data(TaskGroupModel::CountRole).toInt(), 120);   // the count is every task
    // Fetched to fill two screens, not the whole group.
    QTRY_VERIFY(groups->rowCount(later) >= 10);
    QVERIFY(groups->rowCount(later) < 120);
    QVERIFY(groups->canFetchMore(later));

    // Scrolling down a screen at a time brings every task of both groups, in order.
    for (int step = 0; step < 100 && (groups->canFetchMore(later) || groups->canFetchMore(undated)); ++step) {
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() + view->viewport()->height());
        QCoreApplication::processEvents();
    }
    QCOMPARE(groups->rowCount(later), 120);
    QCOMPARE(groups->rowCount(undated), 5);
    QDate previous;
    for (int row = 0; row < 120; ++row) {
        QVERIFY(groups->index(row, TaskModel::DescriptionColumn, later).data().toString().startsWith(QStringLiteral("Later task")));
        const QDate due = groups->index(row, 0, later).data(TaskModel::DueRole).toDate();
        QVERIFY(!previous.isValid() || previous <= due);
        previous = due;
    }
}

// A group row shows its title and counts across the whole row, whatever the width of the first
// column (drawn by TaskView::drawRow, not spanned by QTreeView).
void TestMainWindow::groupRowsAreDrawnAcrossColumns()
{
    MainWindow &window = *m_window;
    QVERIFY(openAndWait(window, m_vault->path()));
    TaskView *view = window.taskPanel()->view();
    const QModelIndex overdue = window.taskPanel()->groups()->indexOfGroup(TaskGroupModel::Group::Overdue);
    QVERIFY(overdue.isValid());
    view->header()->setSectionResizeMode(TaskModel::DescriptionColumn, QHeaderView::Interactive);
    view->header()->resizeSection(TaskModel::DescriptionColumn, 40);
    QCoreApplication::processEvents();
    const QRect first = view->visualRect(overdue);
    const QRect second = view->visualRect(overdue.siblingAtColumn(TaskModel::OwnerColumn));
    QVERIFY(first.isValid() && second.isValid() && second.left() >= first.right());
    const QImage image = view->viewport()->grab().toImage();
    const QColor base = view->palette().color(QPalette::Base);
    int inked = 0;   // pixels of text to the right of the first column, in the group's row
    for (int y = second.top(); y <= second.bottom(); ++y) {
        for (int x = second.left(); x < second.left() + 150 && x < image.width(); ++x)
            inked += qAbs(QColor(image.pixel(x, y)).lightness() - base.lightness()) > 60 ? 1 : 0;
    }
    QVERIFY2(inked > 20, qPrintable(QStringLiteral("%1 text pixels after the first column").arg(inked)));
}

void TestMainWindow::problemsAreCountedAndListed()
{
    MainWindow &window = *m_window;
    QVERIFY(openAndWait(window, m_vault->path()));
    QToolButton *button = window.problemsButton();
    QVERIFY(!button->isHidden());
    QVERIFY2(button->text().contains(QStringLiteral("problem")), qPrintable(button->text()));
    button->click();
    auto *dialog = window.findChild<QDialog *>(QStringLiteral("problemsDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *table = dialog->findChild<QTableView *>(QStringLiteral("problemsView"));
    QVERIFY(table && table->model()->rowCount() >= 1);
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("Broken.md"));
    Q_EMIT table->activated(table->model()->index(0, 2));
    QCOMPARE(window.reader()->currentPath(), QStringLiteral("Broken.md"));
}

void TestMainWindow::firstStartOpensSampleVault()
{
    MainWindow &window = *m_window;
    QSignalSpy shown(&window, &MainWindow::vaultShown);
    window.openInitial();
    QVERIFY(shown.wait(20000));
    QVERIFY(SampleVault::isSample(window.controller()->root()));
    QVERIFY(window.controller()->root().startsWith(m_home.path()));
    QVERIFY(window.timeline()->view()->model()->rowCount() >= 8);
    QVERIFY(window.messageBar()->isVisible());
    QVERIFY(window.messageBar()->text().contains(QStringLiteral("Open Folder")));
    QVERIFY(QFileInfo(QDir(window.controller()->root()).filePath(QStringLiteral("People/Priya Raman.md"))).isWritable());
    // Opening a real folder dismisses the message.
    QVERIFY(openAndWait(window, m_vault->path()));
    QVERIFY(!window.messageBar()->isVisible());
}

void TestMainWindow::lastVaultReopens()
{
    QVERIFY(openAndWait(*m_window, m_vault->path()));
    m_window->close();
    m_window.reset();
    MainWindow again;
    QSignalSpy shown(&again, &MainWindow::vaultShown);
    again.openInitial();
    QVERIFY(shown.wait(20000));
    QCOMPARE(again.controller()->root(), QDir::cleanPath(m_vault->path()));
    QVERIFY(!again.messageBar()->isVisible());
}

void TestMainWindow::applicationIconHasEveryPackagedSize_data()
{
    QTest::addColumn<int>("size");
    for (const int size : {16, 24, 32, 48, 64, 128, 256, 512})
        QTest::newRow(qPrintable(QStringLiteral("%1 px").arg(size))) << size;
}

// The window icon offers the packaged PNG of each size as it is, so small title bars do not get a
// blurry downscale of the 256 px image.
void TestMainWindow::applicationIconHasEveryPackagedSize()
{
    QFETCH(int, size);
    const auto packaged = [](int px) {
        return QStringLiteral(MINUTES_SOURCE_DIR "/packaging/icons/%1/org.minutes.Minutes.png").arg(px);
    };
    QApplication::setWindowIcon(ApplicationIcon::create()); // as main() does
    const QIcon icon = QApplication::windowIcon();
    QVERIFY2(icon.availableSizes().contains(QSize(size, size)),
             qPrintable(QStringLiteral("no %1 px image").arg(size)));
    QCOMPARE(m_window->windowIcon().availableSizes(), icon.availableSizes());

    const QImage file(packaged(size));
    QVERIFY2(!file.isNull(), qPrintable(packaged(size)));
    QCOMPARE(file.size(), QSize(size, size));
    const QImage expected = file.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    const QPixmap pixmap = icon.pixmap(QSize(size, size));
    QCOMPARE(pixmap.size(), QSize(size, size));
    QCOMPARE(pixmap.toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied), expected);

    // The small files are drawn for their size, so a downscale of the 256 px one would not pass.
    if (size < 256) {
        const QImage downscaled = QImage(packaged(256))
                                      .scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                                      .convertToFormat(QImage::Format_ARGB32_Premultiplied);
        QVERIFY(downscaled != expected);
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
