// The models and proxies over a VaultIndex loaded from a fixture vault on disk: contents, roles,
// filters, grouping, and that an incremental change is announced row by row (selection survives).

#include "fixture.h"
#include "models/entityfilter.h"
#include "models/entitymodel.h"
#include "models/meetingmodel.h"
#include "models/problemmodel.h"
#include "models/taskfilter.h"
#include "models/taskgroupmodel.h"
#include "models/taskmodel.h"
#include "models/timelinefilter.h"
#include "note/noteparser.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <numeric>

using namespace minutes;

namespace {

const QDate Today(2025, 3, 12);
const QString Alpha = QStringLiteral("Meetings/2025-03-10 - Alpha review.md");
const QString Beta = QStringLiteral("Meetings/2025-04-02 - Beta sync.md");
const QString BetaCopy = QStringLiteral("Archive/2025-04-02 - Beta sync.md");

QStringList column(const QAbstractItemModel *model, int role, const QModelIndex &parent = {})
{
    QStringList values;
    for (int row = 0; row < model->rowCount(parent); ++row)
        values.append(model->index(row, 0, parent).data(role).toString());
    return values;
}

// The task tree as text: each group, then its tasks with their check state and description.
QStringList tree(const QAbstractItemModel *model)
{
    QStringList lines;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex group = model->index(row, 0);
        lines.append(QStringLiteral("%1 (%2)").arg(group.data().toString()).arg(group.data(TaskGroupModel::CountRole).toInt()));
        for (int child = 0; child < model->rowCount(group); ++child) {
            const QModelIndex task = model->index(child, 0, group);
            lines.append(QStringLiteral("  [%1] %2 | %3")
                             .arg(task.data(Qt::CheckStateRole).toInt())
                             .arg(task.data().toString(), task.siblingAtColumn(TaskModel::DueColumn).data().toString()));
        }
    }
    return lines;
}

// The tree of `partial` (groups shown in batches) is the start of `whole`'s: the same groups and
// counts, and each group's rows the first rows of the same group there.
bool isStartOf(const QAbstractItemModel *partial, const QAbstractItemModel *whole)
{
    const QStringList all = tree(whole);
    QStringList expected;
    qsizetype at = 0;
    for (int row = 0; row < partial->rowCount(); ++row) {
        const QModelIndex group = partial->index(row, 0);
        if (at >= all.size())
            return false;
        expected.append(all.at(at++));   // the group's line
        for (int child = 0; child < partial->rowCount(group); ++child)
            expected.append(at < all.size() ? all.at(at++) : QString());
        while (at < all.size() && all.at(at).startsWith(QLatin1String("  ")))
            ++at;   // not fetched yet
    }
    return at == all.size() && tree(partial) == expected;
}

// A task of the source maps into `partial` where it is in `whole`, or nowhere when not fetched yet.
bool mapsAsFetched(const TaskGroupModel &partial, const TaskGroupModel &whole, const QAbstractItemModel *source)
{
    for (int row = 0; row < source->rowCount(); ++row) {
        const QModelIndex task = source->index(row, 0);
        const QModelIndex there = whole.mapFromSource(task);
        const QModelIndex here = partial.mapFromSource(task);
        const bool fetched = there.isValid() && there.row() < partial.rowCount(partial.index(there.parent().row(), 0));
        if (here.isValid() != fetched || (fetched && (here.row() != there.row() || here.parent().row() != there.parent().row()
                                                        || partial.mapToSource(here) != task)))
            return false;
    }
    return true;
}

void fetchAll(QAbstractItemModel *model)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        while (model->canFetchMore(model->index(row, 0)))
            model->fetchMore(model->index(row, 0));
    }
}

// Group title -> number of tasks under it, in display order.
QList<QPair<int, int>> groups(const TaskGroupModel *model)
{
    QList<QPair<int, int>> result;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex group = model->index(row, 0);
        result.append({group.data(TaskGroupModel::GroupRole).toInt(), model->rowCount(group)});
    }
    return result;
}

QPair<int, int> group(TaskGroupModel::Group g, int count)
{
    return {int(g), count};
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void meetingsOneRowPerMeeting();
    void timelineNewestFirst();
    void timelineSearch_data();
    void timelineSearch();
    void timelineSearchAsYouType_data();
    void timelineSearchAsYouType();
    void timelineEntityFilter();
    void entitiesInSectionsWithAliases();
    void entityFilterMatchesAliases();
    void entitySortByRecentMeeting();
    void taskRolesAndBuckets();
    void taskMineFollowsNamesAndAliases();
    void taskCheckboxOnlyRequests();
    void taskFilterStates_data();
    void taskFilterStates();
    void taskFilterEntity();
    void taskFilterTextAsTheRolesSay();
    void taskFilterTextOverManyNotes();
    void taskFilterSourceRowsAreItsMapping();
    void taskFilterAnnouncesFewChangesResetsForMany();
    void manyScatteredTaskChangesAreOneReset();
    void groupsByDueDate();
    void ledgerGroups();
    void groupMappingRoundTrips();
    void problemsListed();
    void incrementalChangeKeepsRows();
    void removedNoteRemovesRows();
    void oneEditedNoteAnnouncesOnlyItsRows();
    void lineAddedAboveTasksMovesNoRow();
    void entitiesSortByCollatedName();
    void groupTreeFollowsChanges_data();
    void groupTreeFollowsChanges();
    void groupTreeFollowsToday();
    void pendingRowShowsWantedState();

private:
    QByteArray read(const QString &relativePath) const;
    // The TaskModel rows whose description, owner or meeting title holds each word of `text`
    // (ignoring case), read through the roles: what TaskFilter must keep for that text.
    QList<int> tasksWithWords(const QString &text) const;
    // Replaces `from` by `to` in the note and applies it to the index, as the watcher would.
    bool edit(const QString &relativePath, const QByteArray &from, const QByteArray &to);

    void reload();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<VaultIndex> m_index;
    std::unique_ptr<EntityModel> m_entities;
    std::unique_ptr<EntityFilter> m_entityFilter;
    std::unique_ptr<MeetingModel> m_meetings;
    std::unique_ptr<TimelineFilter> m_timeline;
    std::unique_ptr<TaskModel> m_tasks;
    std::unique_ptr<TaskFilter> m_taskFilter;
    std::unique_ptr<TaskGroupModel> m_groups;
    std::unique_ptr<ProblemModel> m_problems;
    QList<std::shared_ptr<QAbstractItemModelTester>> m_testers;
};

void TestModels::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(fixture::writeVault(m_dir->path()));

    // Every model and proxy is under a tester before it sees any data.
    m_index = std::make_unique<VaultIndex>();
    m_entities = std::make_unique<EntityModel>(m_index.get());
    m_entityFilter = std::make_unique<EntityFilter>();
    m_entityFilter->setSourceModel(m_entities.get());
    m_meetings = std::make_unique<MeetingModel>(m_index.get());
    m_timeline = std::make_unique<TimelineFilter>();
    m_timeline->setSourceModel(m_meetings.get());
    m_tasks = std::make_unique<TaskModel>(m_index.get());
    m_tasks->setToday(Today);
    m_taskFilter = std::make_unique<TaskFilter>();
    m_taskFilter->setSourceModel(m_tasks.get());
    m_groups = std::make_unique<TaskGroupModel>();
    m_groups->setSourceModel(m_taskFilter.get());
    m_problems = std::make_unique<ProblemModel>(m_index.get());
    const QList<QAbstractItemModel *> models{m_entities.get(), m_entityFilter.get(), m_meetings.get(),
                                             m_timeline.get(), m_tasks.get(), m_taskFilter.get(),
                                             m_groups.get(), m_problems.get()};
    for (QAbstractItemModel *model : models)
        m_testers.append(std::make_shared<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    reload();
}

void TestModels::cleanup()
{
    m_testers.clear();
    m_groups.reset();
    m_taskFilter.reset();
    m_tasks.reset();
    m_timeline.reset();
    m_meetings.reset();
    m_entityFilter.reset();
    m_entities.reset();
    m_problems.reset();
    m_index.reset();
    m_dir.reset();
}

void TestModels::reload()
{
    m_index->reset(VaultLoader::load(m_dir->path()));
}

QList<int> TestModels::tasksWithWords(const QString &text) const
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<int> rows;
    for (int row = 0; row < m_tasks->rowCount(); ++row) {
        const QModelIndex index = m_tasks->index(row, 0);
        const QStringList texts{index.data(TaskModel::DescriptionRole).toString(),
                                index.data(TaskModel::OwnerEntityRole).toString(),
                                index.data(TaskModel::MeetingTitleRole).toString()};
        if (std::all_of(words.cbegin(), words.cend(), [&](const QString &word) {
                return std::any_of(texts.cbegin(), texts.cend(),
                                   [&](const QString &t) { return t.contains(word, Qt::CaseInsensitive); });
            }))
            rows.append(row);
    }
    return rows;
}

QByteArray TestModels::read(const QString &relativePath) const
{
    QFile file(QDir(m_dir->path()).filePath(relativePath));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool TestModels::edit(const QString &relativePath, const QByteArray &from, const QByteArray &to)
{
    QByteArray bytes = read(relativePath);
    if (!bytes.contains(from))
        return false;
    bytes.replace(from, to);
    if (!fixture::write(m_dir->path(), relativePath, bytes))
        return false;
    m_index->apply({NoteParser::parse(relativePath, bytes)}, {});
    return true;
}

void TestModels::meetingsOneRowPerMeeting()
{
    QCOMPARE(m_meetings->rowCount(), 2);
    const QModelIndex beta = m_meetings->indexOfMeeting(Beta);
    QVERIFY(beta.isValid());
    QCOMPARE(beta.data(MeetingModel::VersionCountRole).toInt(), 2);
    QCOMPARE(beta.data(MeetingModel::VersionsRole).toStringList(), (QStringList{Beta, BetaCopy}));
    QCOMPARE(beta.data(MeetingModel::DateRole).toDate(), QDate(2025, 4, 2));
    QCOMPARE(beta.data(MeetingModel::MonthRole).toDate(), QDate(2025, 4, 1));
    QCOMPARE(beta.data(MeetingModel::ParticipantsRole).toStringList(), (QStringList{"Ann Example", "Cara Demo"}));
    QCOMPARE(beta.data(MeetingModel::TotalTasksRole).toInt(), 3);
    const QModelIndex alpha = m_meetings->indexOfMeeting(Alpha);
    QCOMPARE(alpha.data(MeetingModel::TitleRole).toString(), QStringLiteral("Alpha review: budget and hiring"));
    QCOMPARE(alpha.data(MeetingModel::OpenTasksRole).toInt(), 4);
    QCOMPARE(alpha.data(MeetingModel::TotalTasksRole).toInt(), 5);
    QVERIFY(!m_meetings->indexOfMeeting(BetaCopy).isValid());
}

void TestModels::timelineNewestFirst()
{
    QCOMPARE(column(m_timeline.get(), MeetingModel::KeyRole), (QStringList{Beta, Alpha}));
}

void TestModels::timelineSearch_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("keys");
    QTest::newRow("empty shows all") << QString() << QStringList{Beta, Alpha};
    QTest::newRow("title, any case") << QStringLiteral("ALPHA") << QStringList{Alpha};
    QTest::newRow("body text") << QStringLiteral("quarterly budget") << QStringList{Alpha};
    QTest::newRow("participant") << QStringLiteral("cara") << QStringList{Beta};
    QTest::newRow("every word must match") << QStringLiteral("ann beta") << QStringList{Beta};
    QTest::newRow("words in different fields") << QStringLiteral("bob hiring") << QStringList{Alpha};
    QTest::newRow("text of the second version") << QStringLiteral("second copy") << QStringList{Beta};
    QTest::newRow("no match") << QStringLiteral("zeppelin") << QStringList{};
    QTest::newRow("accented capitals, typed in lower case") << QStringLiteral("übersicht") << QStringList{Alpha};
    QTest::newRow("accented, typed in capitals") << QStringLiteral("ZOË") << QStringList{Alpha};
    QTest::newRow("greek, typed in lower case") << QStringLiteral("σοφία") << QStringList{Alpha};
    QTest::newRow("an accent is not its base letter") << QStringLiteral("zoe's") << QStringList{};
    QTest::newRow("date, whole") << QStringLiteral("2025-03-10") << QStringList{Alpha};
    QTest::newRow("date, month and day") << QStringLiteral("04-02") << QStringList{Beta};
}

void TestModels::timelineSearch()
{
    QFETCH(QString, search);
    QFETCH(QStringList, keys);
    m_timeline->setSearchText(search);
    QCOMPARE(column(m_timeline.get(), MeetingModel::KeyRole), keys);
}

void TestModels::timelineSearchAsYouType_data()
{
    QTest::addColumn<QStringList>("typed");      // what the search box holds, one step after the other
    QTest::addColumn<QStringList>("keys");       // what the last step shows
    QTest::newRow("typing on narrows") << QStringList{QStringLiteral("a"), QStringLiteral("al"), QStringLiteral("alpha")}
                                       << QStringList{Alpha};
    QTest::newRow("deleting a letter widens") << QStringList{QStringLiteral("alpha"), QStringLiteral("alph"), QStringLiteral("a")}
                                              << QStringList{Beta, Alpha};
    QTest::newRow("dropping a word widens") << QStringList{QStringLiteral("ann beta"), QStringLiteral("ann")}
                                            << QStringList{Beta, Alpha};
    QTest::newRow("a new word narrows") << QStringList{QStringLiteral("ann"), QStringLiteral("ann beta")} << QStringList{Beta};
    QTest::newRow("another word entirely") << QStringList{QStringLiteral("cara"), QStringLiteral("hiring")} << QStringList{Alpha};
    QTest::newRow("cleared") << QStringList{QStringLiteral("zeppelin"), QString()} << QStringList{Beta, Alpha};
}

void TestModels::timelineSearchAsYouType()
{
    QFETCH(QStringList, typed);
    QFETCH(QStringList, keys);
    for (const QString &text : std::as_const(typed))
        m_timeline->setSearchText(text);
    QCOMPARE(column(m_timeline.get(), MeetingModel::KeyRole), keys);
}

void TestModels::timelineEntityFilter()
{
    const Entity *cara = m_index->entity(QStringLiteral("Cara Demo"));
    QVERIFY(cara);
    m_timeline->setEntity(cara->name, cara->meetingKeys);
    QCOMPARE(column(m_timeline.get(), MeetingModel::KeyRole), QStringList{Beta});
    m_timeline->setEntity({}, {});
    QCOMPARE(m_timeline->rowCount(), 2);
}

void TestModels::entitiesInSectionsWithAliases()
{
    QCOMPARE(m_entities->rowCount(), 3);
    const QModelIndex everyone = m_entities->index(0, 0);
    QCOMPARE(everyone.data(EntityModel::RowKindRole).value<EntityModel::RowKind>(), EntityModel::RowKind::Everyone);
    QCOMPARE(everyone.data(EntityModel::MeetingCountRole).toInt(), 2);
    const QModelIndex people = m_entities->index(1, 0);
    const QModelIndex organisations = m_entities->index(2, 0);
    QStringList names = column(m_entities.get(), EntityModel::NameRole, people);
    names.sort();
    // Aliases are never rows, and the vault owner ("Myself") is not listed.
    QCOMPARE(names, (QStringList{"Ann Example", "Bob Sample", "Cara Demo"}));
    QCOMPARE(column(m_entities.get(), EntityModel::NameRole, organisations), QStringList{"Acme Corp"});

    const QModelIndex ann = m_entities->indexOfEntity(QStringLiteral("annie"));
    QVERIFY(ann.isValid());
    QCOMPARE(ann.parent(), people);
    QCOMPARE(ann.data(EntityModel::NameRole).toString(), QStringLiteral("Ann Example"));
    QVERIFY(ann.data(EntityModel::AliasesRole).toStringList().contains(QStringLiteral("Annie")));
    QCOMPARE(ann.data(EntityModel::MeetingCountRole).toInt(), 2);
    QCOMPARE(ann.data(EntityModel::NotePathRole).toString(), QStringLiteral("People/Ann Example.md"));
    const QModelIndex bob = m_entities->indexOfEntity(QStringLiteral("Bob Sample"));
    QCOMPARE(bob.data(EntityModel::OpenTasksRole).toInt(), 1);
    QCOMPARE(bob.data(EntityModel::LastMeetingRole).toDate(), QDate(2025, 3, 10));
    QVERIFY(!(m_entities->flags(people) & Qt::ItemIsSelectable));
    QVERIFY(m_entities->flags(ann) & Qt::ItemIsSelectable);
}

void TestModels::entityFilterMatchesAliases()
{
    m_entityFilter->setFilterText(QStringLiteral("annie"));
    QCOMPARE(m_entityFilter->rowCount(), 2);   // Everyone and People; the empty section is hidden
    const QModelIndex people = m_entityFilter->index(1, 0);
    QCOMPARE(column(m_entityFilter.get(), EntityModel::NameRole, people), QStringList{"Ann Example"});

    m_entityFilter->setFilterText(QStringLiteral("acme"));
    QCOMPARE(column(m_entityFilter.get(), EntityModel::NameRole),
             (QStringList{m_entities->index(0, 0).data(EntityModel::NameRole).toString(), "Organisations"}));

    m_entityFilter->setFilterText(QStringLiteral("zeppelin"));
    QCOMPARE(m_entityFilter->rowCount(), 1);   // Everyone stays
}

void TestModels::entitySortByRecentMeeting()
{
    const QModelIndex people = m_entityFilter->index(1, 0);
    QCOMPARE(column(m_entityFilter.get(), EntityModel::NameRole, people),
             (QStringList{"Ann Example", "Bob Sample", "Cara Demo"}));
    m_entityFilter->setSortMode(EntityFilter::SortMode::RecentMeeting);
    // Ann and Cara were last met on 2 April (ties by name), Bob on 10 March.
    QCOMPARE(column(m_entityFilter.get(), EntityModel::NameRole, m_entityFilter->index(1, 0)),
             (QStringList{"Ann Example", "Cara Demo", "Bob Sample"}));
}

void TestModels::taskRolesAndBuckets()
{
    QCOMPARE(m_tasks->rowCount(), 8);
    QCOMPARE(m_tasks->columnCount(), int(TaskModel::ColumnCount));
    const auto bucketOf = [this](const QString &path, int line) {
        return TaskModel::Bucket(m_tasks->indexOfTask(path, line).data(TaskModel::BucketRole).toInt());
    };
    // Line numbers count the front matter: the first task of Alpha is on line 17.
    const QModelIndex deck = m_tasks->indexOfTask(Alpha, 17);
    QVERIFY(deck.isValid());
    QCOMPARE(deck.data(TaskModel::DescriptionRole).toString(), QStringLiteral("Send deck to Bob #task"));
    QCOMPARE(deck.data().toString(), QStringLiteral("Send deck to Bob"));
    QCOMPARE(deck.data(TaskModel::OwnerRole).toString(), QStringLiteral("Myself"));
    QCOMPARE(deck.data(TaskModel::DueRole).toDate(), QDate(2025, 3, 12));
    QCOMPARE(deck.data(TaskModel::PriorityRole).toInt(), int(Priority::High));
    QCOMPARE(deck.data(TaskModel::MeetingKeyRole).toString(), Alpha);
    QCOMPARE(deck.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QCOMPARE(deck.siblingAtColumn(TaskModel::OwnerColumn).data().toString(), QStringLiteral("Myself"));
    QCOMPARE(deck.siblingAtColumn(TaskModel::PriorityColumn).data().toString(), QStringLiteral("High"));
    QCOMPARE(deck.siblingAtColumn(TaskModel::MeetingColumn).data().toString(), QStringLiteral("Alpha review: budget and hiring"));
    QVERIFY(!deck.siblingAtColumn(TaskModel::DueColumn).data(Qt::CheckStateRole).isValid());

    QCOMPARE(bucketOf(Alpha, 17), TaskModel::Bucket::Today);
    QCOMPARE(bucketOf(Alpha, 18), TaskModel::Bucket::Overdue);
    QCOMPARE(bucketOf(Alpha, 19), TaskModel::Bucket::ThisWeek);
    QCOMPARE(bucketOf(Alpha, 20), TaskModel::Bucket::Later);
    QCOMPARE(bucketOf(Alpha, 21), TaskModel::Bucket::Done);
    QVERIFY(m_tasks->indexOfTask(Alpha, 18).data(TaskModel::OverdueRole).toBool());
    QVERIFY(!m_tasks->indexOfTask(Alpha, 17).data(TaskModel::OverdueRole).toBool());
    QCOMPARE(m_tasks->indexOfTask(Alpha, 21).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));

    // The day moves on: what was due today is overdue tomorrow.
    QSignalSpy changed(m_tasks.get(), &QAbstractItemModel::dataChanged);
    m_tasks->setToday(Today.addDays(1));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(bucketOf(Alpha, 17), TaskModel::Bucket::Overdue);
}

void TestModels::taskMineFollowsNamesAndAliases()
{
    const QModelIndex deck = m_tasks->indexOfTask(Alpha, 17);       // @Myself
    const QModelIndex room = m_tasks->indexOfTask(Alpha, 21);       // @Ann Example
    QVERIFY(deck.data(TaskModel::IsMineRole).toBool());
    QVERIFY(!room.data(TaskModel::IsMineRole).toBool());
    m_tasks->setMyNames({QStringLiteral("Annie")});                  // an alias of Ann
    QVERIFY(room.data(TaskModel::IsMineRole).toBool());
    QVERIFY(deck.data(TaskModel::IsMineRole).toBool());
    QVERIFY(!m_tasks->indexOfTask(Alpha, 20).data(TaskModel::IsMineRole).toBool());
}

void TestModels::taskCheckboxOnlyRequests()
{
    QSignalSpy requests(m_tasks.get(), &TaskModel::toggleRequested);
    const QModelIndex deck = m_tasks->indexOfTask(Alpha, 17);
    QVERIFY(m_tasks->flags(deck) & Qt::ItemIsUserCheckable);
    QVERIFY(!m_tasks->setData(deck.siblingAtColumn(TaskModel::OwnerColumn), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(m_tasks->setData(deck, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).at(0).toString(), Alpha);
    QCOMPARE(requests.at(0).at(1).toInt(), 17);
    // The file is the truth: nothing changes until the index reports the new line.
    QCOMPARE(deck.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

    // Through the filter and the grouping, the same request.
    m_taskFilter->setStateFilter(TaskFilter::StateFilter::All);
    const QModelIndex grouped = m_groups->mapFromSource(m_taskFilter->mapFromSource(deck));
    QVERIFY(grouped.isValid());
    QVERIFY(m_groups->setData(grouped, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(requests.size(), 2);
    QVERIFY(!m_groups->setData(m_groups->index(0, 0), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(requests.size(), 2);
}

void TestModels::taskFilterStates_data()
{
    QTest::addColumn<TaskFilter::StateFilter>("state");
    QTest::addColumn<TaskFilter::OwnerFilter>("owner");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("rows");
    QTest::newRow("open, anyone") << TaskFilter::StateFilter::Open << TaskFilter::OwnerFilter::Anyone << QString() << 7;
    QTest::newRow("done") << TaskFilter::StateFilter::Done << TaskFilter::OwnerFilter::Anyone << QString() << 1;
    QTest::newRow("all") << TaskFilter::StateFilter::All << TaskFilter::OwnerFilter::Anyone << QString() << 8;
    QTest::newRow("open, mine") << TaskFilter::StateFilter::Open << TaskFilter::OwnerFilter::Mine << QString() << 5;
    QTest::newRow("open, others") << TaskFilter::StateFilter::Open << TaskFilter::OwnerFilter::Others << QString() << 2;
    QTest::newRow("text in description") << TaskFilter::StateFilter::All << TaskFilter::OwnerFilter::Anyone << QStringLiteral("acme CONTRACT") << 2;
    QTest::newRow("text in owner") << TaskFilter::StateFilter::All << TaskFilter::OwnerFilter::Anyone << QStringLiteral("bob sample") << 1;
    QTest::newRow("text in meeting title") << TaskFilter::StateFilter::Open << TaskFilter::OwnerFilter::Anyone << QStringLiteral("hiring") << 4;
}

void TestModels::taskFilterStates()
{
    QFETCH(TaskFilter::StateFilter, state);
    QFETCH(TaskFilter::OwnerFilter, owner);
    QFETCH(QString, text);
    QFETCH(int, rows);
    m_taskFilter->setStateFilter(state);
    m_taskFilter->setOwnerFilter(owner);
    m_taskFilter->setText(text);
    QCOMPARE(m_taskFilter->rowCount(), rows);
}

void TestModels::taskFilterEntity()
{
    const Entity *cara = m_index->entity(QStringLiteral("Cara Demo"));
    QVERIFY(cara);
    m_taskFilter->setStateFilter(TaskFilter::StateFilter::All);
    m_taskFilter->setEntity(cara->name, cara->meetingKeys);
    // Her meeting's three tasks (both versions), including the one she owns.
    QCOMPARE(m_taskFilter->rowCount(), 3);
    // Ordered by due date, undated last.
    QCOMPARE(m_taskFilter->index(2, 0).data(TaskModel::OwnerRole).toString(), QStringLiteral("Cara Demo"));
}

// The filter reads rows directly and narrows as words grow; what it keeps must be what the rows'
// roles say, word by word (each in the description, the owner or the meeting title, ignoring
// case), letter by letter as typed and erased, for non-ASCII text too (the Kelvin sign and the
// long s fold to ASCII letters).
void TestModels::taskFilterTextAsTheRolesSay()
{
    QVERIFY(fixture::write(m_dir->path(), QStringLiteral("Meetings/2025-03-05 Straße review.md"),
                      "---\ntype: meeting\ntitle: Straße review\ndate: 2025-03-05\nparticipants: [\"Zoë Quint\"]\n---\n"
                      "# Straße review\n\n## Action Items\n"
                      "- [ ] Measure the 300 \u212A sensor @Zoë Quint #task\n"
                      "- [ ] Ship the \u017Ftuff by Friday #task\n"
                      "- [ ] ÉTÉ plan with Zoë 📅 2025-03-20 #task\n"
                      "- [ ] Plain item for the team @Bob Sample #task\n"));
    reload();
    m_taskFilter->setStateFilter(TaskFilter::StateFilter::All);
    m_taskFilter->setOwnerFilter(TaskFilter::OwnerFilter::Anyone);
    const QStringList typed{QStringLiteral("k sensor"), QStringLiteral("STUFF"), QStringLiteral("zoë ét"),
                            QStringLiteral("ZOË QUINT"), QStringLiteral("straße team"), QStringLiteral("acme contract"),
                            QStringLiteral("review acme"), QStringLiteral("bob sample"), QStringLiteral("hiring #task"),
                            QStringLiteral("the the")};
    int matchedSomething = 0;
    for (const QString &text : typed) {
        QStringList steps;
        for (qsizetype n = 1; n <= text.size(); ++n)
            steps.append(text.left(n));
        for (qsizetype n = text.size() - 1; n >= 0; --n)
            steps.append(text.left(n));
        for (const QString &step : std::as_const(steps)) {
            m_taskFilter->setText(step);
            QCOMPARE(m_taskFilter->sourceRows(), tasksWithWords(step));
        }
        m_taskFilter->setText(text);
        matchedSomething += m_taskFilter->rowCount() > 0 ? 1 : 0;
    }
    QCOMPARE(matchedSomething, typed.size());
}

// Enough tasks for the filter to split its pass in two (TaskFilter's kRowsToSplit), notes
// looked up once and kept while the index stays the same: the rows still match what the roles
// say, before and after notes change.
void TestModels::taskFilterTextOverManyNotes()
{
    const QStringList words{QStringLiteral("roadmap"), QStringLiteral("Budget"), QStringLiteral("café"),
                            QStringLiteral("review"), QStringLiteral("ROAD"), QStringLiteral("Zoë"),
                            QStringLiteral("pipeline"), QStringLiteral("\u212Aelvin")};
    const QStringList owners{QStringLiteral("Myself"), QStringLiteral("Bob Sample"), QStringLiteral("Ann Example"),
                             QStringLiteral("Rhoda Vance")};
    const auto noteText = [&](int n, int variant) {
        QString text = QStringLiteral("---\ntype: meeting\ntitle: Sync %1 %2\ndate: 2025-02-%3\n---\n## Action Items\n")
                           .arg(n)
                           .arg(words.at((n + variant) % words.size()))
                           .arg(1 + n % 28, 2, 10, QLatin1Char('0'));
        for (int k = 0; k < 10; ++k) {
            text += QStringLiteral("- [%1] Task %2 %3 about %4 @%5 #task\n")
                        .arg(k % 4 == 0 ? QLatin1Char('x') : QLatin1Char(' '))
                        .arg(k)
                        .arg(words.at((n * 3 + k + variant) % words.size()), words.at((n + k * 5) % words.size()),
                             owners.at((n + k) % owners.size()));
        }
        return text.toUtf8();
    };
    for (int n = 0; n < 600; ++n)
        QVERIFY(fixture::write(m_dir->path(), QStringLiteral("Bulk/%1.md").arg(n), noteText(n, 0)));
    reload();
    QVERIFY(m_tasks->rowCount() > 6000);
    m_taskFilter->setStateFilter(TaskFilter::StateFilter::All);
    const auto typeAndCheck = [&](const QString &text) {
        for (qsizetype n = 1; n <= text.size(); ++n) {
            m_taskFilter->setText(text.left(n));
            QCOMPARE(m_taskFilter->sourceRows(), tasksWithWords(text.left(n)));
        }
    };
    typeAndCheck(QStringLiteral("road rhoda"));
    typeAndCheck(QStringLiteral("café kelvin sync"));
    const int before = m_taskFilter->rowCount();
    QVERIFY(before > 0);
    // Notes change under the filter: their tasks and titles read anew.
    for (int n = 0; n < 600; n += 7)
        m_index->apply({NoteParser::parse(QStringLiteral("Bulk/%1.md").arg(n), noteText(n, 3))}, {});
    QCOMPARE(m_taskFilter->sourceRows(), tasksWithWords(m_taskFilter->text()));
    typeAndCheck(QStringLiteral("budget review"));
    typeAndCheck(QStringLiteral("zoë pipeline"));
}

void TestModels::taskFilterSourceRowsAreItsMapping()
{
    // TaskGroupModel reads every row's task through sourceRows() in one pass: it must be exactly
    // what the proxy maps, whatever the filter.
    const auto check = [this] {
        QList<int> mapped;
        for (int row = 0; row < m_taskFilter->rowCount(); ++row)
            mapped.append(m_taskFilter->mapToSource(m_taskFilter->index(row, 0)).row());
        QCOMPARE(m_taskFilter->sourceRows(), mapped);
    };
    const Entity *cara = m_index->entity(QStringLiteral("Cara Demo"));
    QVERIFY(cara);
    using S = TaskFilter::StateFilter;
    using O = TaskFilter::OwnerFilter;
    for (const S state : {S::Open, S::Done, S::All}) {
        for (const O owner : {O::Anyone, O::Mine, O::Others}) {
            for (const QString &text : {QString(), QStringLiteral("acme"), QStringLiteral("hiring")}) {
                for (const bool entity : {false, true}) {
                    m_taskFilter->setStateFilter(state);
                    m_taskFilter->setOwnerFilter(owner);
                    m_taskFilter->setText(text);
                    m_taskFilter->setEntity(entity ? cara->name : QString(), entity ? cara->meetingKeys : QStringList());
                    check();
                    if (QTest::currentTestFailed())
                        return;
                }
            }
        }
    }
    QVERIFY(m_taskFilter->sourceRows().size() < m_tasks->rowCount());
}

// A new criterion that shows or hides tasks in a few runs announces them (the tree keeps its
// state); one that changes them in many runs resets the filter once instead.
void TestModels::taskFilterAnnouncesFewChangesResetsForMany()
{
    QByteArray many = "---\ntype: meeting\ndate: 2025-03-11\n---\n# Many\n\n## Action Items\n";
    for (int k = 0; k < 300; ++k)
        many += QStringLiteral("- [%1] Step %2 @Bob Sample\n").arg(k % 2 ? QLatin1Char('x') : QLatin1Char(' ')).arg(k).toUtf8();
    QVERIFY(fixture::write(m_dir->path(), QStringLiteral("Meetings/2025-03-11 - Many.md"), many));
    reload();
    QSignalSpy resets(m_taskFilter.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_taskFilter.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_taskFilter.get(), &QAbstractItemModel::rowsRemoved);
    const auto expected = [this](bool open, const QString &term) {
        QList<int> rows;
        for (int row = 0; row < m_tasks->rowCount(); ++row) {
            const QModelIndex task = m_tasks->index(row, 0);
            const auto state = TaskState(task.data(TaskModel::StateRole).toInt());
            if ((state == TaskState::Todo || state == TaskState::InProgress) == open
                && task.data(TaskModel::DescriptionRole).toString().contains(term, Qt::CaseInsensitive))
                rows.append(row);
        }
        return rows;
    };
    QCOMPARE(m_taskFilter->sourceRows(), expected(true, QString()));

    m_taskFilter->setText(QStringLiteral("offsite"));   // every open task but one goes, in a few runs
    QCOMPARE(m_taskFilter->sourceRows(), expected(true, QStringLiteral("offsite")));
    QCOMPARE(resets.size(), 0);
    QVERIFY(!removed.isEmpty());
    m_taskFilter->setText(QString());
    QCOMPARE(resets.size(), 0);
    QVERIFY(!inserted.isEmpty());
    QCOMPARE(m_taskFilter->sourceRows(), expected(true, QString()));

    // The done steps come between the open ones: 150 runs, one reset.
    m_taskFilter->setStateFilter(TaskFilter::StateFilter::All);
    QCOMPARE(resets.size(), 1);
    QList<int> all(m_tasks->rowCount());
    std::iota(all.begin(), all.end(), 0);
    QCOMPARE(m_taskFilter->sourceRows(), all);
    // The open ones leave from between them: another.
    m_taskFilter->setStateFilter(TaskFilter::StateFilter::Done);
    QCOMPARE(resets.size(), 2);
    QCOMPARE(m_taskFilter->sourceRows(), expected(false, QString()));
    // Every open task back and every done one gone: two runs, announced.
    m_taskFilter->setStateFilter(TaskFilter::StateFilter::Open);
    QCOMPARE(resets.size(), 2);
    QCOMPARE(m_taskFilter->sourceRows(), expected(true, QString()));
}

// Changes all over the panel's order (a sync tool bringing many notes at once): rows that stay
// are one change from the first to the last, and past 32 runs of rows that come or go each model
// resets once instead of announcing every run. A few runs are still announced, and a line added
// above many tasks resets nothing: the selection stays on its task.
void TestModels::manyScatteredTaskChangesAreOneReset()
{
    const auto note = [](const char *title) {
        QByteArray text = QByteArray("---\ntype: meeting\ndate: 2025-03-11\n---\n# ") + title + "\n\n## Action Items\n";
        for (int k = 0; k < 60; ++k)
            text += QStringLiteral("- [ ] Step %1 \U0001F4C5 %2\n").arg(k).arg(QDate(2025, 6, 1).addDays(k).toString(Qt::ISODate)).toUtf8();
        return text;
    };
    // The two notes' tasks alternate in the panel's order: same due dates, one note after the other.
    const QString odd = QStringLiteral("Meetings/2025-03-11 - Odd.md"), even = QStringLiteral("Meetings/2025-03-11 - Even.md");
    QVERIFY(fixture::write(m_dir->path(), odd, note("Odd")));
    QVERIFY(fixture::write(m_dir->path(), even, note("Even")));
    reload();
    QSignalSpy taskResets(m_tasks.get(), &QAbstractItemModel::modelReset);
    QSignalSpy filterResets(m_taskFilter.get(), &QAbstractItemModel::modelReset);
    QSignalSpy groupResets(m_groups.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_tasks.get(), &QAbstractItemModel::dataChanged);
    const auto sameTree = [this] {
        TaskGroupModel fresh;
        fresh.setSourceModel(m_taskFilter.get());
        return tree(m_groups.get()) == tree(&fresh);
    };

    // A line above all 60 tasks of a note: every one is changed, none comes or goes.
    const QPersistentModelIndex step = m_groups->mapFromSource(m_taskFilter->mapFromSource(m_tasks->indexOfTask(odd, 10)));
    QVERIFY(step.isValid());
    QVERIFY(edit(odd, "## Action Items\n", "## Action Items\nIn order:\n"));
    QCOMPARE(taskResets.size() + filterResets.size() + groupResets.size(), 0);
    QCOMPARE(changed.size(), 1);   // one change from the first shifted task to the last
    QVERIFY(step.isValid());
    QCOMPARE(step.data(TaskModel::LineRole).toInt(), 11);
    QVERIFY(sameTree());

    changed.clear();
    QVERIFY(edit(even, "- [ ] Step 1 ", "- [x] Step 1 "));
    QVERIFY(edit(even, "- [ ] Step 7 ", "- [x] Step 7 "));
    QCOMPARE(taskResets.size() + filterResets.size() + groupResets.size(), 0);
    QCOMPARE(changed.size(), 2);
    QVERIFY(sameTree());

    QVERIFY(edit(odd, "- [ ] ", "- [x] "));   // every task of the note done: 60 runs leave the filter
    QCOMPARE(taskResets.size(), 0);
    QCOMPARE(filterResets.size(), 1);
    for (int k = 0; k < 60; ++k) {
        const QModelIndex task = m_tasks->indexOfTask(odd, 9 + k);
        QVERIFY(task.isValid());
        QCOMPARE(task.data(TaskModel::StateRole).toInt(), int(TaskState::Done));
        QVERIFY(!m_taskFilter->mapFromSource(task).isValid());
    }
    QVERIFY(sameTree());

    QVERIFY(QFile::remove(QDir(m_dir->path()).filePath(even)));
    m_index->apply({}, {even});   // its 60 tasks gone, each a run of its own between the other note's
    QCOMPARE(taskResets.size(), 1);
    QCOMPARE(m_tasks->indexOfTask(even, 8), QModelIndex());
    QVERIFY(sameTree());
}

void TestModels::groupsByDueDate()
{
    using G = TaskGroupModel::Group;
    QCOMPARE(groups(m_groups.get()), (QList<QPair<int, int>>{group(G::Overdue, 1), group(G::Today, 1),
                                                            group(G::ThisWeek, 1), group(G::Later, 3),
                                                            group(G::NoDate, 1)}));
    m_taskFilter->setStateFilter(TaskFilter::StateFilter::All);
    QCOMPARE(groups(m_groups.get()).constLast(), group(G::Done, 1));
    const QModelIndex overdue = m_groups->indexOfGroup(G::Overdue);
    QCOMPARE(overdue.data().toString(), QStringLiteral("Overdue"));
    QCOMPARE(overdue.data(TaskGroupModel::CountRole).toInt(), 1);
    QCOMPARE(overdue.data(TaskGroupModel::OverdueCountRole).toInt(), 1);
    QVERIFY(overdue.data(TaskGroupModel::IsGroupRole).toBool());
    QVERIFY(!(m_groups->flags(overdue) & Qt::ItemIsSelectable));
    const QModelIndex later = m_groups->indexOfGroup(G::Later);
    // Within a group, the filter's order: by due date.
    QCOMPARE(m_groups->index(0, 0, later).data(TaskModel::DueRole).toDate(), QDate(2025, 3, 20));
    QCOMPARE(m_groups->headerData(TaskModel::DueColumn, Qt::Horizontal).toString(), QStringLiteral("Due"));

    // A new day moves tasks between groups.
    m_tasks->setToday(QDate(2025, 3, 21));
    QCOMPARE(m_groups->indexOfGroup(G::Overdue).data(TaskGroupModel::CountRole).toInt(), 4);
}

void TestModels::ledgerGroups()
{
    using G = TaskGroupModel::Group;
    const Entity *bob = m_index->entity(QStringLiteral("Bob Sample"));
    QVERIFY(bob);
    m_taskFilter->setEntity(bob->name, bob->meetingKeys);
    m_groups->setLedgerEntity(bob->name);
    QCOMPARE(groups(m_groups.get()), (QList<QPair<int, int>>{group(G::TheyOwe, 1), group(G::OwedToThem, 3)}));
    const QModelIndex theyOwe = m_groups->indexOfGroup(G::TheyOwe);
    QCOMPARE(theyOwe.data().toString(), QStringLiteral("Bob Sample owes you"));
    QCOMPARE(m_groups->index(0, 0, theyOwe).data(TaskModel::DescriptionRole).toString(), QStringLiteral("Fix the login bug #task"));
    const QModelIndex owed = m_groups->indexOfGroup(G::OwedToThem);
    QCOMPARE(owed.data().toString(), QStringLiteral("You owe Bob Sample"));
    QCOMPARE(owed.data(TaskGroupModel::OverdueCountRole).toInt(), 1);

    const Entity *ann = m_index->entity(QStringLiteral("Ann Example"));
    m_taskFilter->setStateFilter(TaskFilter::StateFilter::All);
    m_taskFilter->setEntity(ann->name, ann->meetingKeys);
    m_groups->setLedgerEntity(ann->name);
    QCOMPARE(groups(m_groups.get()), (QList<QPair<int, int>>{group(G::OwedToThem, 5), group(G::Others, 2), group(G::Done, 1)}));

    m_groups->setLedgerEntity({});
    QCOMPARE(m_groups->rowCount(), 6);
}

void TestModels::groupMappingRoundTrips()
{
    m_taskFilter->setStateFilter(TaskFilter::StateFilter::All);
    int seen = 0;
    for (int row = 0; row < m_taskFilter->rowCount(); ++row) {
        for (int column = 0; column < m_taskFilter->columnCount(); ++column) {
            const QModelIndex source = m_taskFilter->index(row, column);
            const QModelIndex proxy = m_groups->mapFromSource(source);
            QVERIFY(proxy.isValid());
            QVERIFY(proxy.parent().isValid());
            QCOMPARE(m_groups->mapToSource(proxy), source);
            QCOMPARE(proxy.data(), source.data());
            ++seen;
        }
    }
    QCOMPARE(seen, 8 * int(TaskModel::ColumnCount));
    QVERIFY(!m_groups->mapToSource(m_groups->index(0, 0)).isValid());
}

void TestModels::problemsListed()
{
    QVERIFY(m_problems->rowCount() >= 1);
    const QStringList files = column(m_problems.get(), ProblemModel::FileRole);
    QVERIFY2(files.contains(QStringLiteral("Broken.md")), qPrintable(files.join(QLatin1Char(','))));
    const int row = int(files.indexOf(QStringLiteral("Broken.md")));
    QVERIFY(!m_problems->index(row, ProblemModel::MessageColumn).data().toString().isEmpty());
    QCOMPARE(m_problems->headerData(ProblemModel::LineColumn, Qt::Horizontal).toString(), QStringLiteral("Line"));
}

void TestModels::incrementalChangeKeepsRows()
{
    const QPersistentModelIndex deck = m_tasks->indexOfTask(Alpha, 17);
    const QPersistentModelIndex alpha = m_timeline->mapFromSource(m_meetings->indexOfMeeting(Alpha));
    const QPersistentModelIndex ann = m_entities->indexOfEntity(QStringLiteral("Ann Example"));
    QVERIFY(deck.isValid() && alpha.isValid() && ann.isValid());

    QSignalSpy taskResets(m_tasks.get(), &QAbstractItemModel::modelReset);
    QSignalSpy meetingResets(m_meetings.get(), &QAbstractItemModel::modelReset);
    QSignalSpy entityResets(m_entities.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_tasks.get(), &QAbstractItemModel::rowsInserted);

    // A new task appended to Beta, as the watcher would report it.
    QFile file(QDir(m_dir->path()).filePath(Beta));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray bytes = file.readAll();
    file.close();
    bytes.append("- [ ] Send the minutes @Cara Demo 📅 2025-04-03 #task\n");
    m_index->apply({NoteParser::parse(Beta, bytes)}, {});

    QCOMPARE(taskResets.size(), 0);
    QCOMPARE(meetingResets.size(), 0);
    QCOMPARE(entityResets.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(m_tasks->rowCount(), 9);
    QVERIFY(deck.isValid());
    QCOMPARE(deck.data(TaskModel::DescriptionRole).toString(), QStringLiteral("Send deck to Bob #task"));
    QVERIFY(alpha.isValid());
    QCOMPARE(alpha.data(MeetingModel::KeyRole).toString(), Alpha);
    QVERIFY(ann.isValid());
    QCOMPARE(m_meetings->indexOfMeeting(Beta).data(MeetingModel::TotalTasksRole).toInt(), 4);
}

void TestModels::removedNoteRemovesRows()
{
    QSignalSpy removed(m_tasks.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(m_meetings.get(), &QAbstractItemModel::modelReset);
    const QPersistentModelIndex deck = m_tasks->indexOfTask(Alpha, 17);
    m_index->apply({}, {Beta, BetaCopy});
    QVERIFY(!removed.isEmpty());
    QCOMPARE(resets.size(), 0);
    QCOMPARE(m_tasks->rowCount(), 5);
    QCOMPARE(m_meetings->rowCount(), 1);
    QCOMPARE(m_timeline->rowCount(), 1);
    QVERIFY(deck.isValid());
    QCOMPARE(deck.data(TaskModel::LineRole).toInt(), 17);
    // Cara took part only in Beta.
    QVERIFY(!m_entities->indexOfEntity(QStringLiteral("Cara Demo")).isValid());
}

// A line added above a note's tasks shifts them all: each is still the row it was (selection and
// expanded groups stay with it), announced as changed, not removed and inserted again.
void TestModels::lineAddedAboveTasksMovesNoRow()
{
    const QList<QAbstractItemModel *> models{m_tasks.get(), m_taskFilter.get(), m_groups.get()};
    std::vector<std::unique_ptr<QSignalSpy>> inserted, removed, resets;
    for (QAbstractItemModel *model : models) {
        inserted.push_back(std::make_unique<QSignalSpy>(model, &QAbstractItemModel::rowsInserted));
        removed.push_back(std::make_unique<QSignalSpy>(model, &QAbstractItemModel::rowsRemoved));
        resets.push_back(std::make_unique<QSignalSpy>(model, &QAbstractItemModel::modelReset));
    }
    QSignalSpy changed(m_tasks.get(), &QAbstractItemModel::dataChanged);
    const QPersistentModelIndex agenda = m_tasks->indexOfTask(Alpha, 19);
    QVERIFY(agenda.isValid());
    const int rows = m_tasks->rowCount();

    QVERIFY(edit(Alpha, "## Action Items\n", "## Action Items\nFrom the call, in order of urgency:\n"));

    for (qsizetype m = 0; m < models.size(); ++m) {
        const QString name = QString::fromLatin1(models.at(m)->metaObject()->className());
        QVERIFY2(inserted.at(size_t(m))->isEmpty(), qPrintable(name));
        QVERIFY2(removed.at(size_t(m))->isEmpty(), qPrintable(name));
        QVERIFY2(resets.at(size_t(m))->isEmpty(), qPrintable(name));
    }
    QCOMPARE(m_tasks->rowCount(), rows);
    QVERIFY(agenda.isValid());
    QCOMPARE(agenda.data(TaskModel::LineRole).toInt(), 20);
    QCOMPARE(agenda.data(TaskModel::DescriptionRole).toString(), QStringLiteral("Draft agenda for the offsite #task"));
    QCOMPARE(m_tasks->indexOfTask(Alpha, 20), QModelIndex(agenda));
    // Every task of the note says where it is now.
    QSet<int> announced;
    for (const QList<QVariant> &signal : std::as_const(changed)) {
        for (int row = signal.at(0).value<QModelIndex>().row(); row <= signal.at(1).value<QModelIndex>().row(); ++row)
            announced.insert(row);
    }
    for (int line : {18, 19, 20, 21, 22}) {
        const QModelIndex task = m_tasks->indexOfTask(Alpha, line);
        QVERIFY2(task.isValid(), qPrintable(QString::number(line)));
        QVERIFY2(announced.contains(task.row()), qPrintable(QString::number(line)));
    }
}

// Names sort as the locale collates them, case aside, then as written; a name that arrives
// later takes its place among them.
void TestModels::entitiesSortByCollatedName()
{
    const auto collated = [](QStringList names) {
        std::sort(names.begin(), names.end(), [](const QString &l, const QString &r) {
            const int byName = QString::localeAwareCompare(l.toLower(), r.toLower());
            return byName != 0 ? byName < 0 : l < r;
        });
        return names;
    };
    QVERIFY(fixture::write(m_dir->path(), QStringLiteral("Meetings/2025-05-01 - Names.md"), R"(---
type: meeting
date: 2025-05-01
participants: [émile Durand, Eve Adams, zoë Quinn, Ängel Berg, adam Smith, Zed Roe]
---
# Names
)"));
    reload();
    QStringList people = column(m_entityFilter.get(), EntityModel::NameRole, m_entityFilter->index(1, 0));
    QVERIFY(people.contains(QStringLiteral("émile Durand")));
    QCOMPARE(people, collated(people));

    QVERIFY(edit(QStringLiteral("Meetings/2025-05-01 - Names.md"), "Zed Roe]", "Zed Roe, Élise Marr, bea Ode]"));
    people = column(m_entityFilter.get(), EntityModel::NameRole, m_entityFilter->index(1, 0));
    QVERIFY(people.contains(QStringLiteral("Élise Marr")));
    QVERIFY(people.contains(QStringLiteral("bea Ode")));
    QCOMPARE(people, collated(people));
}

void TestModels::oneEditedNoteAnnouncesOnlyItsRows()
{
    // Every model of the window, spied on for every kind of announcement.
    const QList<QAbstractItemModel *> models{m_entities.get(), m_entityFilter.get(), m_meetings.get(), m_timeline.get(),
                                             m_tasks.get(), m_taskFilter.get(), m_groups.get()};
    std::vector<std::unique_ptr<QSignalSpy>> resets, layouts, inserted, removed, changed;
    for (QAbstractItemModel *model : models) {
        resets.push_back(std::make_unique<QSignalSpy>(model, &QAbstractItemModel::modelReset));
        layouts.push_back(std::make_unique<QSignalSpy>(model, &QAbstractItemModel::layoutChanged));
        inserted.push_back(std::make_unique<QSignalSpy>(model, &QAbstractItemModel::rowsInserted));
        removed.push_back(std::make_unique<QSignalSpy>(model, &QAbstractItemModel::rowsRemoved));
        changed.push_back(std::make_unique<QSignalSpy>(model, &QAbstractItemModel::dataChanged));
    }
    const QPersistentModelIndex agenda = m_tasks->indexOfTask(Alpha, 19);
    QVERIFY(agenda.isValid());

    QVERIFY(edit(Alpha, "Draft agenda for the offsite", "Draft agenda for the spring offsite"));

    for (qsizetype m = 0; m < models.size(); ++m) {
        const QString name = QString::fromLatin1(models.at(m)->metaObject()->className());
        const auto at = size_t(m);
        QVERIFY2(resets.at(at)->isEmpty(), qPrintable(name));
        QVERIFY2(layouts.at(at)->isEmpty(), qPrintable(name));
        QVERIFY2(inserted.at(at)->isEmpty(), qPrintable(name));
        QVERIFY2(removed.at(at)->isEmpty(), qPrintable(name));
    }
    // The task: its row alone.
    QSignalSpy &tasks = *changed.at(4);
    QCOMPARE(tasks.size(), 1);
    QCOMPARE(tasks.at(0).at(0).value<QModelIndex>().row(), agenda.row());
    QCOMPARE(tasks.at(0).at(1).value<QModelIndex>().row(), agenda.row());
    QCOMPARE(agenda.data(TaskModel::DescriptionRole).toString(), QStringLiteral("Draft agenda for the spring offsite #task"));
    // Its meeting: that row alone (its body changed).
    QSignalSpy &meetings = *changed.at(2);
    QCOMPARE(meetings.size(), 1);
    QCOMPARE(meetings.at(0).at(0).value<QModelIndex>(), m_meetings->indexOfMeeting(Alpha));
    QCOMPARE(meetings.at(0).at(1).value<QModelIndex>().row(), m_meetings->indexOfMeeting(Alpha).row());
    // Nobody's counts moved.
    QCOMPARE(changed.at(0)->size(), 0);
    // The tree: the one task under "This week".
    QSignalSpy &groups = *changed.at(6);
    QCOMPARE(groups.size(), 1);
    const QModelIndex thisWeek = m_groups->indexOfGroup(TaskGroupModel::Group::ThisWeek);
    QCOMPARE(groups.at(0).at(0).value<QModelIndex>().parent(), thisWeek);
    QCOMPARE(groups.at(0).at(0).value<QModelIndex>().data(TaskModel::LineRole).toInt(), 19);
    QCOMPARE(groups.at(0).at(1).value<QModelIndex>().row(), groups.at(0).at(0).value<QModelIndex>().row());
}

void TestModels::groupTreeFollowsChanges_data()
{
    QTest::addColumn<int>("state");
    // Edits applied one after the other: note, text to replace, replacement ("" with a note
    // alone deletes it).
    QTest::addColumn<QStringList>("steps");
    const auto open = int(TaskFilter::StateFilter::Open);
    const auto all = int(TaskFilter::StateFilter::All);
    const auto done = int(TaskFilter::StateFilter::Done);
    const QString deck = QStringLiteral("- [ ] Send deck to Bob");
    const QString ticked = QStringLiteral("- [x] Send deck to Bob");

    QTest::newRow("ticking the only task due today empties Today")
        << open << QStringList{Alpha, deck, ticked};
    QTest::newRow("ticking moves a task into Done")
        << all << QStringList{Alpha, deck, ticked};
    QTest::newRow("unticking the only done task removes Done, then ticking brings it back")
        << done << QStringList{Alpha, QStringLiteral("- [x] Book"), QStringLiteral("- [ ] Book"), Alpha, deck, ticked};
    QTest::newRow("an unticked task arrives among the undated")
        << open << QStringList{Alpha, QStringLiteral("- [x] Book"), QStringLiteral("- [ ] Book")};
    QTest::newRow("postponing moves a task between groups")
        << open << QStringList{Alpha, QStringLiteral("📅 2025-03-12"), QStringLiteral("📅 2025-03-15")};
    QTest::newRow("a higher priority reorders a group")
        << open << QStringList{Beta, QStringLiteral("Review the Acme contract @Myself 📅 2025-04-05"),
                               QStringLiteral("Review the Acme contract @Myself 📅 2025-03-20 🔺")};
    QTest::newRow("a new overdue task and a new group")
        << all << QStringList{Beta, QStringLiteral("- [ ] Ask about"), QStringLiteral("- [ ] Chase the auditors 📅 2025-02-01\n- [ ] Ask about"),
                              Alpha, deck, ticked, Alpha, QStringLiteral("- [ ] Reply"), QStringLiteral("- [x] Reply")};
    QTest::newRow("a deleted note takes its tasks and emptied groups")
        << all << QStringList{Beta, QString(), QString(), BetaCopy, QString(), QString()};
    QTest::newRow("a line inserted above shifts every later task")
        << all << QStringList{Alpha, QStringLiteral("## Action Items\n"), QStringLiteral("## Action Items\n- [ ] New first task 📅 2025-03-13\n")};
}

void TestModels::groupTreeFollowsChanges()
{
    QFETCH(int, state);
    QFETCH(QStringList, steps);
    m_taskFilter->setStateFilter(TaskFilter::StateFilter(state));
    QSignalSpy resets(m_groups.get(), &QAbstractItemModel::modelReset);
    const QModelIndex firstGroup = m_groups->index(0, 0);
    const QPersistentModelIndex first = m_groups->index(0, 0, firstGroup);
    // The same tree one task at a time: a group shows one task until more are fetched.
    TaskGroupModel partial;
    partial.setBatchSize(1);
    partial.setSourceModel(m_taskFilter.get());
    QAbstractItemModelTester partialTester(&partial, QAbstractItemModelTester::FailureReportingMode::QtTest);

    for (qsizetype i = 0; i + 2 < steps.size(); i += 3) {
        const QString path = steps.at(i);
        if (steps.at(i + 1).isEmpty()) {
            QVERIFY(QFile::remove(QDir(m_dir->path()).filePath(path)));
            m_index->apply({}, {path});
        } else {
            QVERIFY2(edit(path, steps.at(i + 1).toUtf8(), steps.at(i + 2).toUtf8()), qPrintable(steps.at(i + 1)));
        }
        // The tree built step by step equals one built from scratch.
        TaskGroupModel fresh;
        fresh.setSourceModel(m_taskFilter.get());
        QCOMPARE(tree(m_groups.get()), tree(&fresh));
        // So does the filter under it.
        TaskFilter freshFilter;
        freshFilter.setStateFilter(m_taskFilter->stateFilter());
        freshFilter.setSourceModel(m_tasks.get());
        QCOMPARE(m_taskFilter->sourceRows(), freshFilter.sourceRows());
        QVERIFY2(isStartOf(&partial, &fresh), qPrintable(tree(&partial).join(QLatin1Char('\n'))));
        QVERIFY(mapsAsFetched(partial, fresh, m_taskFilter.get()));
        if (i % 2 == 0) {   // every other step, one more task of each group
            for (int row = 0; row < partial.rowCount(); ++row)
                partial.fetchMore(partial.index(row, 0));
        }
    }
    QCOMPARE(resets.size(), 0);
    TaskGroupModel whole;
    whole.setSourceModel(m_taskFilter.get());
    fetchAll(&partial);
    QCOMPARE(tree(&partial), tree(&whole));
    // A persistent index either followed its task or was dropped with it; never left dangling.
    if (first.isValid())
        QVERIFY(first.model()->index(first.row(), first.column(), first.parent()) == first);
}

void TestModels::groupTreeFollowsToday()
{
    // Past midnight the buckets move: Wednesday's "today" becomes next Monday's "overdue".
    QSignalSpy resets(m_groups.get(), &QAbstractItemModel::modelReset);
    for (const QDate day : {QDate(2025, 3, 17), QDate(2025, 3, 20), QDate(2025, 2, 1), Today}) {
        m_tasks->setToday(day);
        TaskGroupModel fresh;
        fresh.setSourceModel(m_taskFilter.get());
        QCOMPARE(tree(m_groups.get()), tree(&fresh));
    }
    QCOMPARE(resets.size(), 0);
}

void TestModels::pendingRowShowsWantedState()
{
    const QModelIndex deck = m_tasks->indexOfTask(Alpha, 17);
    QCOMPARE(deck.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QVERIFY(deck.flags() & Qt::ItemIsUserCheckable);
    QSignalSpy changed(m_tasks.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy toggles(m_tasks.get(), &TaskModel::toggleRequested);

    m_tasks->setPending(Alpha, 17, TaskState::Done);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), deck.row());
    QVERIFY(m_tasks->isPending(Alpha, 17));
    QVERIFY(deck.data(TaskModel::PendingRole).toBool());
    QCOMPARE(deck.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(!(deck.flags() & Qt::ItemIsUserCheckable));
    // A second tick while the first is being written is not asked for.
    QVERIFY(!m_tasks->setData(deck, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(toggles.size(), 0);
    // Through the proxies too.
    const QModelIndex today = m_groups->indexOfGroup(TaskGroupModel::Group::Today);
    QVERIFY(m_groups->index(0, 0, today).data(TaskModel::PendingRole).toBool());

    m_tasks->clearPending(Alpha, 17);
    QCOMPARE(changed.size(), 2);
    QVERIFY(!deck.data(TaskModel::PendingRole).toBool());
    QCOMPARE(deck.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QVERIFY(m_tasks->setData(deck, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(toggles.size(), 1);
}

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
