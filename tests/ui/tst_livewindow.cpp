// The window over a live fixture vault: ticking tasks in the panel (Space, the checkbox, the
// context menu) writes the note on disk byte for byte and undoes exactly (Ctrl+Z, the notice's
// Undo, Ctrl+Shift+Z); refusals leave the checkbox and say which note and why; changes made by
// others reach the reader and the panels in place; the watcher's trouble shows in the status bar.
// Every model of the window stays under a QAbstractItemModelTester throughout.

#include "../models/fixture.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "models/entityfilter.h"
#include "models/meetingmodel.h"
#include "models/taskfilter.h"
#include "models/taskgroupmodel.h"
#include "models/taskmodel.h"
#include "models/taskwriteback.h"
#include "models/timelinefilter.h"
#include "models/vaultcontroller.h"
#include "reader.h"
#include "sidebar.h"
#include "taskpanel.h"
#include "taskview.h"
#include "timelinepanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace minutes;

namespace {

const QString Alpha = QStringLiteral("Meetings/2025-03-10 - Alpha review.md");
const QByteArray DeckLine = "- [ ] Send deck to Bob @Myself 📅 2025-03-12 ⏫ #task";
const QByteArray AgendaLine = "- [ ] Draft agenda for the offsite @Myself 📅 2025-03-14 🔼 #task";

QByteArray today()
{
    return QDate::currentDate().toString(Qt::ISODate).toLatin1();
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

// Where a click ticks the checkbox of `index` (its description cell).
QPoint checkboxCentre(QAbstractItemView *view, const QModelIndex &index)
{
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = view->visualRect(index);
    option.features |= QStyleOptionViewItem::HasCheckIndicator;
    return view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, view).center();
}

// The panel's row of the task at `line` of `path`, in the description column.
QModelIndex panelRow(MainWindow &window, const QString &path, int line)
{
    const QModelIndex source = window.taskModel()->indexOfTask(path, line);
    const QModelIndex filtered = window.taskPanel()->filter()->mapFromSource(source);
    return window.taskPanel()->groups()->mapFromSource(filtered);
}

} // namespace

class TestLiveWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void tickWithKeyboardAndMouseThenUndoRedo();
    void noticeUndoButtonUndoesAndRedoes();
    void contextMenuOffersEveryStatus();
    void readOnlyNoteIsRefused();
    void changedNoteOffersReload();
    void tickKeepsSelectionAndExpandedGroups();
    void externalEditRefreshesReaderInPlace();
    void deletedMeetingShowsNotice();
    void vaultFolderGoneShowsInStatusBar();
    void watchLimitShowsInStatusBar();

private:
    QByteArray read(const QString &relativePath = Alpha) const;
    bool waitWritten(int count);

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_vault;
    std::unique_ptr<MainWindow> m_window;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    std::unique_ptr<QSignalSpy> m_written;
    QByteArray m_original;
};

void TestLiveWindow::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("data"))));
    QCoreApplication::setOrganizationName(QStringLiteral("MinutesTest"));
    QCoreApplication::setApplicationName(QStringLiteral("MinutesLiveTest"));
}

void TestLiveWindow::init()
{
    QSettings().clear();
    m_vault = std::make_unique<QTemporaryDir>();
    QVERIFY(fixture::writeVault(m_vault->path()));
    m_original = read();
    m_window = std::make_unique<MainWindow>();
    MainWindow &window = *m_window;
    window.taskModel()->setToday(QDate(2025, 3, 12));
    // Every model and proxy of the window, before it sees a vault.
    QAbstractItemModel *entityFilter = window.sidebar()->view()->model();
    QAbstractItemModel *timeline = window.timeline()->view()->model();
    const QList<QAbstractItemModel *> models{entityFilter,
                                             window.sidebar()->filter()->sourceModel(),
                                             timeline,
                                             window.timeline()->filter()->sourceModel(),
                                             window.taskModel(),
                                             window.taskPanel()->filter(),
                                             window.taskPanel()->groups()};
    for (QAbstractItemModel *model : models)
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_written = std::make_unique<QSignalSpy>(window.writeBack(), &TaskWriteBack::written);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(openAndWait(window, m_vault->path()));
    QTRY_COMPARE(window.controller()->watcher()->state(), VaultWatcher::State::Watching);
}

void TestLiveWindow::cleanup()
{
    if (m_window)
        QTRY_VERIFY(!m_window->writeBack()->isBusy());
    m_written.reset();
    m_testers.clear();
    m_window.reset();
    if (m_vault)
        QFile::setPermissions(QDir(m_vault->path()).filePath(Alpha), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_vault.reset();
}

QByteArray TestLiveWindow::read(const QString &relativePath) const
{
    QFile file(QDir(m_vault->path()).filePath(relativePath));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool TestLiveWindow::waitWritten(int count)
{
    while (m_written->size() < count) {
        if (!m_written->wait(10000))
            return false;
    }
    return m_written->size() == count;
}

void TestLiveWindow::tickWithKeyboardAndMouseThenUndoRedo()
{
    MainWindow &window = *m_window;
    TaskView *view = window.taskPanel()->view();
    const TaskGroupModel *groups = window.taskPanel()->groups();

    // Space on the task due today.
    const QModelIndex deck = panelRow(window, Alpha, 17);
    QCOMPARE(deck.parent(), groups->indexOfGroup(TaskGroupModel::Group::Today));
    view->setCurrentIndex(deck.siblingAtColumn(TaskModel::OwnerColumn));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Space);
    QVERIFY(waitWritten(1));
    QByteArray ticked = m_original;
    ticked.replace(DeckLine, "- [x]" + DeckLine.mid(5) + " ✅ " + today());
    QCOMPARE(read(), ticked);
    // Done tasks are not shown under "Open": the row left, and the Today group with it.
    QVERIFY(!groups->indexOfGroup(TaskGroupModel::Group::Today).isValid());
    QVERIFY(window.writeNotice()->isVisible());
    QVERIFY(window.writeNotice()->text().contains(QStringLiteral("Send deck to Bob")));
    QVERIFY(window.writeNotice()->text().contains(QStringLiteral("Alpha review.md")));
    QCOMPARE(window.writeNoticeButton()->text(), QStringLiteral("Undo"));
    QVERIFY(window.writeNoticeButton()->isVisible());
    QCOMPARE(window.undoAction()->text(), QStringLiteral("&Undo tick “Send deck to Bob”"));
    QVERIFY(window.undoAction()->isEnabled());

    // A click on the checkbox of the task due this week.
    const QModelIndex agenda = panelRow(window, Alpha, 19);
    QVERIFY(agenda.isValid());
    view->scrollTo(agenda);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, checkboxCentre(view, agenda));
    QVERIFY(waitWritten(2));
    QByteArray both = ticked;
    both.replace(AgendaLine, "- [x]" + AgendaLine.mid(5) + " ✅ " + today());
    QCOMPARE(read(), both);

    // Ctrl+Z twice: newest first, back to the very bytes.
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(waitWritten(3));
    QCOMPARE(read(), ticked);
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(waitWritten(4));
    QCOMPARE(read(), m_original);
    QVERIFY(!window.undoAction()->isEnabled());
    QCOMPARE(window.redoAction()->text(), QStringLiteral("&Redo tick “Send deck to Bob”"));
    QVERIFY(panelRow(window, Alpha, 17).isValid());

    // Ctrl+Shift+Z does it again.
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(waitWritten(5));
    QCOMPARE(read(), ticked);
}

void TestLiveWindow::noticeUndoButtonUndoesAndRedoes()
{
    MainWindow &window = *m_window;
    window.setTaskStatus(Alpha, 17, std::nullopt);
    QVERIFY(waitWritten(1));
    QByteArray ticked = m_original;
    ticked.replace(DeckLine, "- [x]" + DeckLine.mid(5) + " ✅ " + today());
    QCOMPARE(read(), ticked);

    QTest::mouseClick(window.writeNoticeButton(), Qt::LeftButton);
    QVERIFY(waitWritten(2));
    QCOMPARE(read(), m_original);
    QVERIFY(window.writeNotice()->text().startsWith(QStringLiteral("Undone:")));
    QCOMPARE(window.writeNoticeButton()->text(), QStringLiteral("Redo"));

    QTest::mouseClick(window.writeNoticeButton(), Qt::LeftButton);
    QVERIFY(waitWritten(3));
    QCOMPARE(read(), ticked);
}

void TestLiveWindow::contextMenuOffersEveryStatus()
{
    MainWindow &window = *m_window;
    TaskPanel *panel = window.taskPanel();
    const auto choose = [&](int line, const QString &text) {
        std::unique_ptr<QMenu> menu(panel->createContextMenu(panelRow(window, Alpha, line)));
        if (!menu)
            return false;
        for (QAction *action : menu->actions()) {
            if (action->text() == text && action->isEnabled()) {
                action->trigger();
                return true;
            }
        }
        return false;
    };
    std::unique_ptr<QMenu> menu(panel->createContextMenu(panelRow(window, Alpha, 17)));
    QVERIFY(menu);
    QStringList texts, checked;
    for (QAction *action : menu->actions()) {
        texts.append(action->text());
        if (action->isChecked())
            checked.append(action->text());
    }
    QCOMPARE(texts, (QStringList{QStringLiteral("To &do"), QStringLiteral("In &progress"), QStringLiteral("D&one"),
                                 QStringLiteral("&Cancelled"), QString(), QStringLiteral("Open in &Note")}));
    QCOMPARE(checked, QStringList{QStringLiteral("To &do")});
    QVERIFY(!panel->createContextMenu(window.taskPanel()->groups()->index(0, 0)));

    QVERIFY(choose(17, QStringLiteral("In &progress")));
    QVERIFY(waitWritten(1));
    QByteArray expected = m_original;
    expected.replace(DeckLine, "- [/] Send deck to Bob @Myself 📅 2025-03-12 ⏫ #task");
    QCOMPARE(read(), expected);
    QCOMPARE(panelRow(window, Alpha, 17).data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));

    QVERIFY(choose(17, QStringLiteral("&Cancelled")));
    QVERIFY(waitWritten(2));
    expected = m_original;
    expected.replace(DeckLine, "- [-] Send deck to Bob @Myself 📅 2025-03-12 ⏫ #task ❌ " + today());
    QCOMPARE(read(), expected);
    QCOMPARE(window.undoAction()->text(), QStringLiteral("&Undo cancel “Send deck to Bob”"));

    // Cancelled tasks show under "Done"; from there it goes back to do.
    window.findChild<QComboBox *>(QStringLiteral("taskStateFilter"))->setCurrentIndex(2);
    QVERIFY(choose(17, QStringLiteral("To &do")));
    QVERIFY(waitWritten(3));
    QCOMPARE(read(), m_original);
    QVERIFY(choose(21, QStringLiteral("D&one")) == false);   // already done: not offered
}

void TestLiveWindow::readOnlyNoteIsRefused()
{
    MainWindow &window = *m_window;
    QVERIFY(QFile::setPermissions(QDir(m_vault->path()).filePath(Alpha),
                                  QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QSignalSpy refused(window.writeBack(), &TaskWriteBack::refused);
    TaskView *view = window.taskPanel()->view();
    view->setCurrentIndex(panelRow(window, Alpha, 17));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Space);
    // Shown as asked while the write is tried ...
    QCOMPARE(panelRow(window, Alpha, 17).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(refused.wait(10000));
    // ... and back as it was once refused.
    const QModelIndex deck = panelRow(window, Alpha, 17);
    QVERIFY(deck.isValid());
    QCOMPARE(deck.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QVERIFY(!deck.data(TaskModel::PendingRole).toBool());
    QCOMPARE(read(), m_original);
    QVERIFY(window.messageBar()->isVisible());
    const QString message = window.messageBar()->text();
    QVERIFY2(message.contains(QStringLiteral("2025-03-10 - Alpha review.md")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("read-only")), qPrintable(message));
    QVERIFY2(!message.contains(m_vault->path()), qPrintable(message));
    QVERIFY(window.messageBar()->actionText().isEmpty());   // reloading would not help
    QVERIFY(!window.undoAction()->isEnabled());
    QVERIFY(!window.writeNotice()->isVisible());
}

void TestLiveWindow::changedNoteOffersReload()
{
    MainWindow &window = *m_window;
    // The watcher waits long enough for the tick to meet a note that changed on disk unseen.
    window.controller()->watcher()->setSettleInterval(std::chrono::seconds(30));
    window.controller()->watcher()->setMaxDelay(std::chrono::seconds(30));
    QByteArray changed = m_original;
    changed.replace(DeckLine, "- [ ] Send the deck to Bob and Ann @Myself 📅 2025-03-12 #task");
    QVERIFY(fixture::write(m_vault->path(), Alpha, changed));

    QSignalSpy refused(window.writeBack(), &TaskWriteBack::refused);
    window.setTaskStatus(Alpha, 17, std::nullopt);
    QVERIFY(refused.wait(10000));
    QCOMPARE(read(), changed);
    QVERIFY(window.messageBar()->text().contains(QStringLiteral("Alpha review.md")));
    QCOMPARE(window.messageBar()->actionText(), QStringLiteral("Reload"));

    QSignalSpy reloaded(window.writeBack(), &TaskWriteBack::noteReloaded);
    window.messageBar()->triggerAction();
    QVERIFY(reloaded.wait(10000));
    QVERIFY(!window.messageBar()->isVisible());
    QCOMPARE(panelRow(window, Alpha, 17).data(TaskModel::DescriptionRole).toString(),
             QStringLiteral("Send the deck to Bob and Ann #task"));
}

void TestLiveWindow::tickKeepsSelectionAndExpandedGroups()
{
    MainWindow &window = *m_window;
    TaskView *view = window.taskPanel()->view();
    const TaskGroupModel *groups = window.taskPanel()->groups();
    QSignalSpy resets(groups, &QAbstractItemModel::modelReset);
    const QModelIndex later = groups->indexOfGroup(TaskGroupModel::Group::Later);
    view->collapse(later);
    const QPersistentModelIndex current = panelRow(window, QStringLiteral("Meetings/2025-04-02 - Beta sync.md"), 16);
    QVERIFY(current.isValid());
    QCOMPARE(current.parent(), groups->indexOfGroup(TaskGroupModel::Group::NoDate));
    view->setCurrentIndex(current);
    QListView *timeline = window.timeline()->view();
    timeline->setCurrentIndex(timeline->model()->index(1, 0));
    const QString meeting = window.timeline()->currentMeeting();

    window.setTaskStatus(Alpha, 19, std::nullopt);   // the only task due this week
    QVERIFY(waitWritten(1));
    QVERIFY(!groups->indexOfGroup(TaskGroupModel::Group::ThisWeek).isValid());
    QCOMPARE(resets.size(), 0);
    QVERIFY(current.isValid());
    QCOMPARE(view->currentIndex(), QModelIndex(current));
    QVERIFY(!view->isExpanded(groups->indexOfGroup(TaskGroupModel::Group::Later)));
    QVERIFY(view->isExpanded(groups->indexOfGroup(TaskGroupModel::Group::NoDate)));
    QCOMPARE(window.timeline()->currentMeeting(), meeting);

    // A group that comes back opens (it was never closed); the closed one stays closed.
    m_window->undoAction()->trigger();
    QVERIFY(waitWritten(2));
    QVERIFY(view->isExpanded(groups->indexOfGroup(TaskGroupModel::Group::ThisWeek)));
    QVERIFY(!view->isExpanded(groups->indexOfGroup(TaskGroupModel::Group::Later)));
    QCOMPARE(view->currentIndex(), QModelIndex(current));
    QCOMPARE(resets.size(), 0);
}

void TestLiveWindow::externalEditRefreshesReaderInPlace()
{
    MainWindow &window = *m_window;
    Reader *reader = window.reader();
    QListView *timeline = window.timeline()->view();
    const auto *meetings = qobject_cast<const MeetingModel *>(window.timeline()->filter()->sourceModel());
    timeline->setCurrentIndex(window.timeline()->filter()->mapFromSource(meetings->indexOfMeeting(Alpha)));
    QCOMPARE(reader->currentPath(), Alpha);
    QVERIFY(waitRendered(reader));
    const QPersistentModelIndex deck = panelRow(window, Alpha, 17);
    window.taskPanel()->view()->setCurrentIndex(deck);

    // Another program makes the note long (appending in place, which a directory watch of
    // QFileSystemWatcher would not even see).
    QSignalSpy refreshed(reader, &Reader::refreshed);
    QByteArray lines;
    for (int i = 1; i <= 150; ++i)
        lines += "Paragraph " + QByteArray::number(i) + " of the long discussion.\n\n";
    {
        QFile file(QDir(m_vault->path()).filePath(Alpha));
        QVERIFY(file.open(QIODevice::Append));
        QCOMPARE(file.write(lines), lines.size());
    }
    QVERIFY(refreshed.wait(10000));
    QVERIFY(waitRendered(reader));
    QVERIFY(reader->toPlainText().contains(QStringLiteral("Paragraph 150 of the long discussion.")));
    QScrollBar *scroll = reader->verticalScrollBar();
    QTRY_VERIFY(scroll->maximum() > 200);
    scroll->setValue(scroll->maximum() / 2);
    const int position = scroll->value();

    // And edits it again: the reader redraws in place, where the user was reading.
    {
        QFile file(QDir(m_vault->path()).filePath(Alpha));
        QVERIFY(file.open(QIODevice::Append));
        QVERIFY(file.write("A unicorn joined the budget talks.\n") > 0);
    }
    QVERIFY(refreshed.wait(10000));
    QVERIFY(waitRendered(reader));
    QVERIFY(reader->toPlainText().contains(QStringLiteral("A unicorn joined the budget talks.")));
    QCOMPARE(reader->currentPath(), Alpha);
    QCOMPARE(scroll->value(), position);
    QCOMPARE(window.timeline()->currentMeeting(), Alpha);
    QVERIFY(deck.isValid());
    QCOMPARE(window.taskPanel()->view()->currentIndex(), QModelIndex(deck));
}

void TestLiveWindow::deletedMeetingShowsNotice()
{
    MainWindow &window = *m_window;
    Reader *reader = window.reader();
    QListView *timeline = window.timeline()->view();
    const auto *meetings = qobject_cast<const MeetingModel *>(window.timeline()->filter()->sourceModel());
    const int before = meetings->rowCount();
    timeline->setCurrentIndex(window.timeline()->filter()->mapFromSource(meetings->indexOfMeeting(Alpha)));
    QVERIFY(waitRendered(reader));
    QVERIFY(reader->toPlainText().contains(QStringLiteral("We went through the quarterly budget")));

    QVERIFY(QFile::remove(QDir(m_vault->path()).filePath(Alpha)));
    QTRY_VERIFY_WITH_TIMEOUT(reader->isCurrentNoteGone(), 10000);
    QCOMPARE(meetings->rowCount(), before - 1);
    const QString text = reader->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("2025-03-10 - Alpha review.md was deleted or moved away on disk")), qPrintable(text));
    // The last version read stays readable under the notice; no other meeting was opened instead.
    QVERIFY(text.contains(QStringLiteral("We went through the quarterly budget")));
    QCOMPARE(reader->currentPath(), Alpha);
    QVERIFY(!timeline->currentIndex().isValid());
    QVERIFY(!panelRow(window, Alpha, 17).isValid());

    // It comes back (restored from the trash): the reader shows it again.
    QVERIFY(fixture::write(m_vault->path(), Alpha, m_original));
    QTRY_VERIFY_WITH_TIMEOUT(!reader->isCurrentNoteGone(), 10000);
    QVERIFY(waitRendered(reader));
    QVERIFY(!reader->toPlainText().contains(QStringLiteral("was deleted")));
}

void TestLiveWindow::vaultFolderGoneShowsInStatusBar()
{
    MainWindow &window = *m_window;
    window.controller()->watcher()->setPollInterval(std::chrono::milliseconds(100));
    QLabel *state = window.watchStateLabel();
    QVERIFY(!state->isVisible());
    const QString moved = m_vault->path() + QStringLiteral("-away");
    QVERIFY(QDir().rename(m_vault->path(), moved));
    QTRY_VERIFY_WITH_TIMEOUT(state->isVisible(), 10000);
    QCOMPARE(state->text(), QStringLiteral("Vault folder is gone — waiting for it to come back"));
    QVERIFY(QDir().rename(moved, m_vault->path()));
    QTRY_VERIFY_WITH_TIMEOUT(!state->isVisible(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(panelRow(window, Alpha, 17).isValid(), 10000);
}

void TestLiveWindow::watchLimitShowsInStatusBar()
{
    MainWindow &window = *m_window;
    window.controller()->watcher()->setMaxWatches(2);
    QVERIFY(openAndWait(window, m_vault->path()));
    QTRY_VERIFY_WITH_TIMEOUT(window.watchStateLabel()->isVisible(), 10000);
    QCOMPARE(window.watchStateLabel()->text(), QStringLiteral("Watching some folders by polling"));
    QVERIFY(!window.watchStateLabel()->toolTip().isEmpty());
}

QTEST_MAIN(TestLiveWindow)
#include "tst_livewindow.moc"
