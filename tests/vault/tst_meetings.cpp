#include "vault/meetinggrouper.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace minutes;

using Files = QMap<QString, QString>;   // relative path -> content

// Which notes are meetings, how copies of one meeting fold into versions, and how
// VaultIndex::reset/apply announce changes. Real files, loaded through VaultLoader.
class TestMeetings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isMeeting_data();
    void isMeeting();
    void duplicates_data();
    void duplicates();
    void duplicateKeyFormat_data();
    void duplicateKeyFormat();
    void primaryVersion_data();
    void primaryVersion();
    void newestFirstWithUndatedLast();
    void participantsAreCanonicalUnion();
    void fixtureVault();
    void seedsAreOneMeetingWithTwoVersions();
    void resetEmitsAroundTheChange();
    void applyAnnouncesExactlyWhatMoved();
    void applyReplacesScanProblemsOfTouchedFiles();

private:
    static void write(const QTemporaryDir &dir, const QString &relativePath, const QString &content);
    static void load(VaultIndex &index, const QTemporaryDir &dir, const Files &files);
    static QList<Note> reload(const QTemporaryDir &dir, const QStringList &paths);
};

void TestMeetings::write(const QTemporaryDir &dir, const QString &relativePath, const QString &content)
{
    const QString path = dir.filePath(relativePath);
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content.toUtf8());
}

void TestMeetings::load(VaultIndex &index, const QTemporaryDir &dir, const Files &files)
{
    QVERIFY(dir.isValid());
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        write(dir, it.key(), it.value());
    ScanResult result = VaultLoader::load(dir.path());
    QVERIFY(result.problems.isEmpty());
    index.reset(std::move(result));
}

QList<Note> TestMeetings::reload(const QTemporaryDir &dir, const QStringList &paths)
{
    Problems problems;
    const QList<Note> notes = VaultLoader::loadNotes(dir.path(), paths, {}, nullptr, &problems);
    if (!problems.isEmpty())
        qWarning() << problems.front().toString();
    return notes;
}

void TestMeetings::isMeeting_data()
{
    QTest::addColumn<QString>("content");
    QTest::addColumn<bool>("meeting");

    QTest::newRow("date and participants") << "---\ndate: 2024-04-02\nparticipants: [Odile Brecht]\n---\n\nx\n" << true;
    QTest::newRow("date and attendees") << "---\ndate: 2024-04-02\nattendees: [Odile Brecht]\n---\n\nx\n" << true;
    QTest::newRow("date and person") << "---\ndate: 2024-04-02\nperson: Odile Brecht\n---\n\nx\n" << true;
    QTest::newRow("transcript source without a date") << "---\nsource: transcript\n---\n\nx\n" << true;
    QTest::newRow("type meeting") << "---\ntype: meeting\n---\n\nx\n" << true;
    QTest::newRow("type people") << "---\ntype: people\n---\n\nx\n" << true;
    QTest::newRow("type 1:1") << "---\ntype: \"1:1\"\n---\n\nx\n" << true;
    QTest::newRow("type call, capitalised") << "---\ntype: Call\n---\n\nx\n" << true;
    QTest::newRow("type as a link") << "---\ntype: \"[[Meeting]]\"\n---\n\nx\n" << true;
    QTest::newRow("person note with date and participants")
        << "---\ntype: person\ndate: 2024-04-02\nparticipants: [Odile Brecht]\n---\n\nx\n" << false;
    QTest::newRow("organisation note with a transcript")
        << "---\ntype: company\nsource: transcript\n---\n\nx\n" << false;
    QTest::newRow("date without participants") << "---\ndate: 2024-04-02\n---\n\nx\n" << false;
    QTest::newRow("participants without a date") << "---\nparticipants: [Odile Brecht]\n---\n\nx\n" << false;
    QTest::newRow("plain note") << "# Reading list\n" << false;
    QTest::newRow("empty participants list") << "---\ndate: 2024-04-02\nparticipants: []\nperson: \"\"\n---\n\nx\n" << false;
}

void TestMeetings::isMeeting()
{
    QFETCH(QString, content);
    QFETCH(bool, meeting);
    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir, Files{{QStringLiteral("Notes/n.md"), content}});
    QCOMPARE(index.meetingForNote(QStringLiteral("Notes/n.md")) != nullptr, meeting);
    QCOMPARE(index.meetings().size(), meeting ? 1 : 0);
    QCOMPARE(index.summary().meetings, meeting ? 1 : 0);
}

void TestMeetings::duplicates_data()
{
    QTest::addColumn<QString>("dateA");
    QTest::addColumn<QString>("refA");
    QTest::addColumn<QString>("dateB");
    QTest::addColumn<QString>("refB");
    QTest::addColumn<int>("meetings");

    QTest::newRow("same date, same source_ref file name in other folders")
        << "2024-04-02" << "Inbox/_archive/2024-04-02 - Pilot review.md"
        << "2024-04-02" << "/Users/someone/Transcripts/2024-04-02 - Pilot review.md" << 1;
    QTest::newRow("with and without .md")
        << "2024-04-02" << "Sources/2024-04-02 - Pilot review.md" << "2024-04-02" << "2024-04-02 - Pilot review" << 1;
    QTest::newRow("file name case differs")
        << "2024-04-02" << "a/Pilot Review.md" << "2024-04-02" << "b/pilot review.MD" << 1;
    QTest::newRow("windows separators")
        << "2024-04-02" << "C:\\\\Notes\\\\Pilot review.md" << "2024-04-02" << "Pilot review.md" << 1;
    QTest::newRow("different dates") << "2024-04-02" << "x/Pilot review.md" << "2024-04-03" << "y/Pilot review.md" << 2;
    QTest::newRow("different file names") << "2024-04-02" << "x/Pilot review.md" << "2024-04-02" << "x/Pilot retro.md" << 2;
    QTest::newRow("same folder, different file names") << "2024-04-02" << "x/a.md" << "2024-04-02" << "x/b.md" << 2;
    QTest::newRow("no source_ref") << "2024-04-02" << "" << "2024-04-02" << "" << 2;
}

void TestMeetings::duplicateKeyFormat_data()
{
    QTest::addColumn<QDate>("date");
    QTest::newRow("ordinary") << QDate(2024, 4, 2);
    QTest::newRow("end of year") << QDate(2025, 12, 31);
    QTest::newRow("year 1") << QDate(1, 1, 1);
    QTest::newRow("three-digit year") << QDate(999, 10, 9);
    QTest::newRow("year 9999") << QDate(9999, 12, 31);
    QTest::newRow("year 10000") << QDate(10000, 1, 1);
    QTest::newRow("before year 1") << QDate(-44, 3, 15);
}

void TestMeetings::duplicateKeyFormat()
{
    // The date part is written by hand for speed: it must be what QDate writes as ISO.
    QFETCH(QDate, date);
    Note note;
    note.date = date;
    note.sourceRef = QStringLiteral(" Inbox/Pilot Review.md ");
    QCOMPARE(MeetingGrouper::duplicateKey(note), date.toString(Qt::ISODate) + QStringLiteral("|pilot review"));
}

void TestMeetings::duplicates()
{
    QFETCH(QString, dateA);
    QFETCH(QString, refA);
    QFETCH(QString, dateB);
    QFETCH(QString, refB);
    QFETCH(int, meetings);

    const auto note = [](const QString &date, const QString &ref, const QString &who) {
        return QStringLiteral("---\ntype: meeting\ntitle: Pilot review\ndate: %1\nsource: transcript\n"
                              "source_ref: \"%2\"\nparticipants: [%3]\n---\n\n- [ ] Follow up @%3\n")
            .arg(date, ref, who);
    };
    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir,
         Files{{QStringLiteral("A/review.md"), note(dateA, refA, QStringLiteral("Odile Brecht"))},
               {QStringLiteral("B/review.md"), note(dateB, refB, QStringLiteral("Wendel Quarry"))}});
    QCOMPARE(index.meetings().size(), meetings);
    QCOMPARE(index.summary().meetings, meetings);
    const Meeting *a = index.meetingForNote(QStringLiteral("A/review.md"));
    const Meeting *b = index.meetingForNote(QStringLiteral("B/review.md"));
    QVERIFY(a && b);
    QCOMPARE(a == b, meetings == 1);
    if (meetings == 1) {
        QCOMPARE(a->versions.size(), 2);
        QStringList participants = a->participants;
        participants.sort();
        QCOMPARE(participants, (QStringList{"Odile Brecht", "Wendel Quarry"}));
        QCOMPARE(a->openTasks, 2);
        QCOMPARE(a->totalTasks, 2);
    } else {
        QCOMPARE(a->versions, QStringList{QStringLiteral("A/review.md")});
    }
}

void TestMeetings::primaryVersion_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("primary");

    const QString head = QStringLiteral("---\ndate: 2024-04-02\nsource: transcript\nsource_ref: x/Pilot.md\n%1---\n\n%2\n");
    const QString titled = head.arg(QStringLiteral("title: Pilot review\n"));
    const QString untitled = head.arg(QString());
    QTest::newRow("the longer body wins")
        << titled.arg(QStringLiteral("Short.")) << titled.arg(QStringLiteral("A much longer summary of the pilot review."))
        << "b.md";
    QTest::newRow("the longer body wins over a title")
        << titled.arg(QStringLiteral("Short.")) << untitled.arg(QStringLiteral("A much longer summary of the pilot review."))
        << "b.md";
    // 15 characters in 27 bytes against 20 in 20: length is counted in characters.
    QTest::newRow("the longer body in characters, not bytes")
        << titled.arg(QStringLiteral("ÄÖÜ ÄÖÜ ÄÖÜ ÄÖÜ")) << titled.arg(QStringLiteral("Plain text, 20 long.")) << "b.md";
    QTest::newRow("same length: a title of its own wins")
        << untitled.arg(QStringLiteral("Same.")) << titled.arg(QStringLiteral("Same.")) << "b.md";
    QTest::newRow("same length: first path")
        << titled.arg(QStringLiteral("Same.")) << titled.arg(QStringLiteral("Same.")) << "a.md";
}

void TestMeetings::primaryVersion()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, primary);
    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir, Files{{QStringLiteral("a.md"), a}, {QStringLiteral("b.md"), b}});
    QCOMPARE(index.meetings().size(), 1);
    const Meeting &meeting = *index.meetings().front();
    QCOMPARE(meeting.versions.size(), 2);
    QCOMPARE(meeting.versions.front(), primary);
    QCOMPARE(meeting.key, primary);
    QCOMPARE(meeting.title, index.note(primary)->title);
}

void TestMeetings::newestFirstWithUndatedLast()
{
    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir,
         Files{{QStringLiteral("old.md"), QStringLiteral("---\ntype: meeting\ndate: 2023-06-01\n---\n\nx\n")},
               {QStringLiteral("undated.md"), QStringLiteral("---\ntype: meeting\n---\n\nx\n")},
               {QStringLiteral("new.md"), QStringLiteral("---\ntype: meeting\ndate: 2024-06-01\n---\n\nx\n")},
               {QStringLiteral("mid.md"), QStringLiteral("---\ntype: meeting\ndate: 2023-12-24\n---\n\nx\n")}});
    QStringList keys;
    for (const MeetingPtr &meeting : index.meetings())
        keys.append(meeting->key);
    QCOMPARE(keys, (QStringList{"new.md", "mid.md", "old.md", "undated.md"}));
}

void TestMeetings::participantsAreCanonicalUnion()
{
    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir,
         Files{{QStringLiteral("People/Tomas Ferreira.md"), QStringLiteral("---\ntype: person\naliases: [Tom Ferreira]\n---\n\nx\n")},
               {QStringLiteral("a.md"), QStringLiteral("---\ndate: 2024-04-02\nsource_ref: Pilot.md\nperson: Odile Brecht\n"
                                                      "participants: [Tom Ferreira, Myself]\n---\n\nx\n")},
               {QStringLiteral("b.md"), QStringLiteral("---\ndate: 2024-04-02\nsource_ref: Pilot\n"
                                                      "participants: [\"[[Tomas Ferreira]]\", odile brecht, Wendel Quarry]\n---\n\nlonger body\n")}});
    QCOMPARE(index.meetings().size(), 1);
    const Meeting &meeting = *index.meetings().front();
    QCOMPARE(meeting.versions, (QStringList{"b.md", "a.md"}));
    QCOMPARE(meeting.participants, (QStringList{"Tomas Ferreira", "Odile Brecht", "Wendel Quarry", "Myself"}));
}

void TestMeetings::fixtureVault()
{
    QTemporaryDir dir;
    const QString from = QStringLiteral(MINUTES_TEST_DATA "/vaults/northwind");
    const QStringList files = VaultLoader::findNotes(from);
    QCOMPARE(files.size(), 10);
    for (const QString &file : files) {
        QVERIFY(QDir().mkpath(QFileInfo(dir.filePath(file)).absolutePath()));
        QVERIFY(QFile::copy(from + QLatin1Char('/') + file, dir.filePath(file)));
    }
    VaultIndex index;
    index.reset(VaultLoader::load(dir.path()));
    QStringList keys;
    for (const MeetingPtr &meeting : index.meetings())
        keys.append(meeting->key);
    QCOMPARE(keys, (QStringList{"Meetings/2024-03-11 Vendor call.md", "Meetings/2024-03-04 Weekly sync.md",
                                "Meetings/2024-02-20 Team lunch.md"}));
    const Meeting &vendor = *index.meetings().front();
    QCOMPARE(vendor.versions, (QStringList{"Meetings/2024-03-11 Vendor call.md", "Inbox/2024-03-11 vendor call copy.md"}));
    QCOMPARE(vendor.title, QStringLiteral("Vendor call with Quintessa Labs"));
    QCOMPARE(vendor.participants, (QStringList{"Wendel Quarry", "Priya Raman"}));
    QCOMPARE(vendor.openTasks, 3);
    QCOMPARE(index.meetingForNote(QStringLiteral("Inbox/2024-03-11 vendor call copy.md")), &vendor);
    QCOMPARE(index.meetings().at(1)->participants, (QStringList{"Tomas Ferreira", "Priya Raman", "Myself"}));
    QVERIFY(!index.meetingForNote(QStringLiteral("People/Priya Raman.md")));
    QVERIFY(!index.meetingForNote(QStringLiteral("Projects/Project Falcon.md")));
}

void TestMeetings::seedsAreOneMeetingWithTwoVersions()
{
    QTemporaryDir dir;
    const QDir seeds(QStringLiteral(MINUTES_SEEDS_DIR));
    const QStringList seedFiles = seeds.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    QCOMPARE(seedFiles.size(), 2);
    for (const QString &seed : seedFiles)
        QVERIFY(QFile::copy(seeds.filePath(seed), dir.filePath(QFileInfo(seed).completeBaseName() + ".md")));
    VaultIndex index;
    index.reset(VaultLoader::load(dir.path()));
    QCOMPARE(index.meetings().size(), 1);
    const Meeting &meeting = *index.meetings().front();
    QCOMPARE(meeting.versions.size(), 2);
    QCOMPARE(meeting.date, QDate(2025, 10, 31));
    QCOMPARE(meeting.openTasks, 9);
    QCOMPARE(meeting.participants, (QStringList{"Jason Vallery", "Rob Banga", "Rob Benoit"}));
}

void TestMeetings::resetEmitsAroundTheChange()
{
    QTemporaryDir dir;
    write(dir, QStringLiteral("a.md"), QStringLiteral("---\ntype: meeting\n---\n\nx\n"));
    VaultIndex index;
    QSignalSpy about(&index, &VaultIndex::aboutToReset);
    QSignalSpy done(&index, &VaultIndex::resetDone);
    bool emptyWhenAboutToReset = false;
    connect(&index, &VaultIndex::aboutToReset, this, [&] { emptyWhenAboutToReset = index.isEmpty(); });
    connect(&index, &VaultIndex::resetDone, this, [&] { QCOMPARE(index.meetings().size(), 1); });
    index.reset(VaultLoader::load(dir.path()));
    QCOMPARE(about.size(), 1);
    QCOMPARE(done.size(), 1);
    QVERIFY(emptyWhenAboutToReset);
    QCOMPARE(index.root(), QDir::cleanPath(dir.path()));
    QCOMPARE(index.notePaths(), QStringList{QStringLiteral("a.md")});
}

void TestMeetings::applyAnnouncesExactlyWhatMoved()
{
    QTemporaryDir dir;
    VaultIndex index;
    const QString meeting = QStringLiteral("---\ndate: 2024-04-02\nsource_ref: x/Pilot.md\nparticipants: [%1]\n---\n\n%2\n");
    load(index, dir,
         Files{{QStringLiteral("a.md"), meeting.arg(QStringLiteral("Odile Brecht"), QStringLiteral("Body of a."))},
               {QStringLiteral("b.md"), meeting.arg(QStringLiteral("Wendel Quarry"), QStringLiteral("Longer body of b."))},
               {QStringLiteral("keep.md"), QStringLiteral("# Keep\n")}});
    QCOMPARE(index.meetings().size(), 1);
    QCOMPARE(index.meetings().front()->versions.size(), 2);

    QSignalSpy spy(&index, &VaultIndex::notesChanged);
    QSignalSpy resets(&index, &VaultIndex::aboutToReset);

    // b changes, c appears, a disappears, keep.md is rescanned unchanged.
    write(dir, QStringLiteral("b.md"), meeting.arg(QStringLiteral("Wendel Quarry"), QStringLiteral("- [ ] New task @Wendel Quarry")));
    write(dir, QStringLiteral("c.md"), QStringLiteral("---\ntype: meeting\ndate: 2024-05-01\n---\n\nx\n"));
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("a.md"))));
    index.apply(reload(dir, {QStringLiteral("b.md"), QStringLiteral("c.md"), QStringLiteral("keep.md")}),
                {QStringLiteral("a.md"), QStringLiteral("never-existed.md")});

    QCOMPARE(spy.size(), 1);
    QCOMPARE(resets.size(), 0);
    const QList<QVariant> args = spy.takeFirst();
    QCOMPARE(args.at(0).toStringList(), QStringList{QStringLiteral("c.md")});
    QCOMPARE(args.at(1).toStringList(), QStringList{QStringLiteral("b.md")});
    QCOMPARE(args.at(2).toStringList(), QStringList{QStringLiteral("a.md")});

    QCOMPARE(index.notePaths(), (QStringList{"b.md", "c.md", "keep.md"}));
    QCOMPARE(index.meetings().size(), 2);
    QCOMPARE(index.meetings().front()->key, QStringLiteral("c.md"));
    QCOMPARE(index.meetingForNote(QStringLiteral("b.md"))->versions, QStringList{QStringLiteral("b.md")});
    QVERIFY(!index.meetingForNote(QStringLiteral("a.md")));
    QVERIFY(!index.entity(QStringLiteral("Odile Brecht")));
    QCOMPARE(index.entity(QStringLiteral("Wendel Quarry"))->openTasks, 1);
    QCOMPARE(index.summary().openTasks, 1);
}

void TestMeetings::applyReplacesScanProblemsOfTouchedFiles()
{
    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir, Files{{QStringLiteral("a.md"), QStringLiteral("# A\n")}});
    QVERIFY(index.problems().isEmpty());

    Problem tooLarge;
    tooLarge.file = QStringLiteral("a.md");
    tooLarge.message = QStringLiteral("file is too large");
    QSignalSpy spy(&index, &VaultIndex::notesChanged);
    index.apply({}, {QStringLiteral("a.md")}, {tooLarge});
    QCOMPARE(spy.size(), 1);
    QCOMPARE(index.problems(), Problems{tooLarge});
    QCOMPARE(index.summary().problems, 1);
    QCOMPARE(index.summary().notes, 0);

    // The file is fixed and comes back: its old problem goes away.
    index.apply(reload(dir, {QStringLiteral("a.md")}), {});
    QVERIFY(index.problems().isEmpty());
    QCOMPARE(index.summary().notes, 1);
}

QTEST_GUILESS_MAIN(TestMeetings)
#include "tst_meetings.moc"
