#include "vault/givennames.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace minutes;

using Files = QMap<QString, QString>;   // relative path -> content

// People and organisations: every classification rule, with the evidence it leaves, on real
// files loaded through VaultLoader.
class TestEntities : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classification_data();
    void classification();
    void notEntities_data();
    void notEntities();
    void aliasesMergeIntoOneRow();
    void displayNameIsTheMostFrequentSpelling();
    void countsMeetingsTasksAndLastMeeting();
    void peopleFirstThenByName();
    void fixtureVault();
    void seedsPeopleAndOrganisations();
    void givenNames_data();
    void givenNames();
    void evidenceIsCappedPerEntity();
    void templatePlaceholdersAreNotNames();

private:
    static void load(VaultIndex &index, const QTemporaryDir &dir, const Files &files);
    static void copyTree(const QString &from, const QString &to);
};

void TestEntities::load(VaultIndex &index, const QTemporaryDir &dir, const Files &files)
{
    QVERIFY(dir.isValid());
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString path = dir.filePath(it.key());
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(it.value().toUtf8());
    }
    ScanResult result = VaultLoader::load(dir.path());
    QVERIFY(result.problems.isEmpty());
    index.reset(std::move(result));
}

void TestEntities::copyTree(const QString &from, const QString &to)
{
    QDir source(from);
    QVERIFY(QDir().mkpath(to));
    const QFileInfoList entries = source.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        const QString target = to + QLatin1Char('/') + entry.fileName();
        if (entry.isDir())
            copyTree(entry.filePath(), target);
        else
            QVERIFY(QFile::copy(entry.filePath(), target));
    }
}

void TestEntities::classification_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("person");
    QTest::addColumn<QString>("evidence");

    const auto meeting = [](const char *participants, const char *body) {
        return QStringLiteral("---\ntype: meeting\ndate: 2024-01-05\nparticipants: [%1]\n---\n\n%2\n")
            .arg(QString::fromUtf8(participants), QString::fromUtf8(body));
    };

    QTest::newRow("participant is a person")
        << Files{{"Meetings/2024-01-05 Sync.md", meeting("Wendel Quarry", "Notes.")}}
        << "Wendel Quarry" << "Wendel Quarry" << true << "participant in Meetings/2024-01-05 Sync.md";
    QTest::newRow("person field is a person")
        << Files{{"Meetings/Call.md", "---\ndate: 2024-01-05\nperson: Ilse Vantongeren\n---\n\nCall.\n"}}
        << "Ilse Vantongeren" << "Ilse Vantongeren" << true << "person of Meetings/Call.md";
    QTest::newRow("task owner is a person")
        << Files{{"Inbox.md", "# Inbox\n\n- [ ] Send the deck @Marlowe Finch 📅 2024-02-01\n"}}
        << "Marlowe Finch" << "Marlowe Finch" << true << "owns a task at Inbox.md:3";
    QTest::newRow("Myself is the vault owner")
        << Files{{"Inbox.md", "# Inbox\n\n- [ ] Book the room @Myself\n"}}
        << "myself" << "Myself" << true << "vault owner";
    QTest::newRow("link with a common given name is a person")
        << Files{{"Notes.md", "Met [[Nadia Okafor]] today.\n"}}
        << "Nadia Okafor" << "Nadia Okafor" << true << "given name \"Nadia\"";
    QTest::newRow("given names across cultures: Hebrew")
        << Files{{"Notes.md", "Spoke with [[Ronen Azoulay]].\n"}}
        << "Ronen Azoulay" << "Ronen Azoulay" << true << "given name \"Ronen\"";
    QTest::newRow("given names across cultures: South Asian, three words")
        << Files{{"Notes.md", "Spoke with [[Priya Venkat Subramanian]].\n"}}
        << "Priya Venkat Subramanian" << "Priya Venkat Subramanian" << true << "given name \"Priya\"";
    QTest::newRow("given name with an accent")
        << Files{{"Notes.md", "Lunch with [[José Quintanilla]].\n"}}
        << "José Quintanilla" << "José Quintanilla" << true << "given name \"José\"";
    QTest::newRow("link without a given name is an organisation")
        << Files{{"Notes.md", "Quote from [[Harbor Freightways]].\n"}}
        << "Harbor Freightways" << "Harbor Freightways" << false << "not a person's name";
    QTest::newRow("single-word link is an organisation")
        << Files{{"Notes.md", "Partnering with [[Fabrikam]].\n"}}
        << "Fabrikam" << "Fabrikam" << false << "linked from Notes.md:1";
    QTest::newRow("four words is an organisation even with a given name")
        << Files{{"Notes.md", "Hired [[Nadia Okafor Design Studio]].\n"}}
        << "Nadia Okafor Design Studio" << "Nadia Okafor Design Studio" << false << "not a person's name";
    QTest::newRow("lower-case word is an organisation")
        << Files{{"Notes.md", "Call [[Jason and partners]].\n"}}
        << "Jason and partners" << "Jason and partners" << false << "not a person's name";
    QTest::newRow("participant beats the name rules")
        << Files{{"Meetings/M.md", meeting("Harbor Lights", "Met [[Harbor Lights]].")}}
        << "Harbor Lights" << "Harbor Lights" << true << "named as a participant";
    QTest::newRow("person note")
        << Files{{"People/Quill Amberly.md", "---\ntype: person\n---\n\n# Quill Amberly\n"}}
        << "Quill Amberly" << "Quill Amberly" << true << "type: person in People/Quill Amberly.md";
    QTest::newRow("contact note titled differently from its file")
        << Files{{"People/qa.md", "---\ntype: contact\ntitle: Quill Amberly\n---\n\nHi.\n"},
                 {"Notes.md", "See [[qa]].\n"}}
        << "qa" << "Quill Amberly" << true << "type: contact in People/qa.md";
    QTest::newRow("organisation note beats a given name")
        << Files{{"Orgs/Grace Harbor Trust.md", "---\ntype: organisation\n---\n\n# Grace Harbor Trust\n"},
                 {"Notes.md", "Funded by [[Grace Harbor Trust]].\n"}}
        << "Grace Harbor Trust" << "Grace Harbor Trust" << false << "type: organisation in Orgs/Grace Harbor Trust.md";
    QTest::newRow("company note")
        << Files{{"Orgs/Fabrikam.md", "---\ntype: company\n---\n\n# Fabrikam\n"}}
        << "Fabrikam" << "Fabrikam" << false << "type: company";
    QTest::newRow("customer note")
        << Files{{"Orgs/Northwind.md", "---\ntype: Customer\n---\n\n# Northwind\n"}}
        << "Northwind" << "Northwind" << false << "type: Customer";
    QTest::newRow("partner note, American spelling type org")
        << Files{{"Orgs/Contoso.md", "---\ntype: organization\n---\n\n# Contoso\n"}}
        << "Contoso" << "Contoso" << false << "type: organization";
    QTest::newRow("alias of a person note")
        << Files{{"People/Tomas Ferreira.md", "---\ntype: person\naliases: [Tom Ferreira]\n---\n\n# Tomas Ferreira\n"},
                 {"Meetings/M.md", meeting("Tom Ferreira", "Notes.")}}
        << "Tom Ferreira" << "Tomas Ferreira" << true << "participant in Meetings/M.md";
    QTest::newRow("link to a person note is that person")
        << Files{{"People/Tomas Ferreira.md", "---\ntype: person\n---\n\n# Tomas Ferreira\n"},
                 {"Notes.md", "Ask [[Tomas Ferreira|Tom]].\n"}}
        << "Tomas Ferreira" << "Tomas Ferreira" << true << "linked from Notes.md:1";
    QTest::newRow("wikilink in front matter participants")
        << Files{{"Meetings/M.md", meeting("\"[[Nadia Okafor|Nadia]]\"", "Notes.")}}
        << "Nadia Okafor" << "Nadia Okafor" << true << "participant in Meetings/M.md";
    QTest::newRow("attendees count as participants")
        << Files{{"Meetings/M.md", "---\ndate: 2024-01-05\nattendees: [Odile Brecht]\n---\n\nx\n"}}
        << "Odile Brecht" << "Odile Brecht" << true << "participant in Meetings/M.md";
    QTest::newRow("case-insensitive lookup")
        << Files{{"Notes.md", "Quote from [[Harbor Freightways]].\n"}}
        << "HARBOR freightways" << "Harbor Freightways" << false << "linked from Notes.md:1";
}

void TestEntities::classification()
{
    QFETCH(Files, files);
    QFETCH(QString, query);
    QFETCH(QString, name);
    QFETCH(bool, person);
    QFETCH(QString, evidence);

    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir, files);
    const Entity *entity = index.entity(query);
    QVERIFY2(entity, qPrintable(query));
    QCOMPARE(entity->name, name);
    QCOMPARE(entity->isPerson(), person);
    const QString all = entity->evidence.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(evidence), qPrintable(all));
    // Exactly one row carries the name.
    const auto rows = std::count_if(index.entities().cbegin(), index.entities().cend(),
                                    [&](const Entity &e) { return e.name == name; });
    QCOMPARE(rows, 1);
}

void TestEntities::notEntities_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<QString>("query");

    QTest::newRow("link to a note by base name")
        << Files{{"Projects/Falcon Plan.md", "# Falcon Plan\n"}, {"Notes.md", "See [[Falcon Plan]].\n"}}
        << "Falcon Plan";
    QTest::newRow("link to a note by path")
        << Files{{"Projects/Falcon Plan.md", "# Falcon Plan\n"}, {"Notes.md", "See [[Projects/Falcon Plan]].\n"}}
        << "Projects/Falcon Plan";
    QTest::newRow("link to a note that looks like a person's name")
        << Files{{"Jason Example.md", "# Jason Example\n"}, {"Notes.md", "See [[jason example]].\n"}}
        << "Jason Example";
    QTest::newRow("path-like link to no note")
        << Files{{"Notes.md", "See [[Archive/Old Plan]].\n"}} << "Archive/Old Plan";
    QTest::newRow("markdown file name")
        << Files{{"Notes.md", "See [[Quarterly Review.md]].\n"}} << "Quarterly Review.md";
    QTest::newRow("attachment")
        << Files{{"Notes.md", "![[Budget.xlsx]] and ![[diagram.png]]\n"}} << "Budget.xlsx";
    QTest::newRow("dated note title")
        << Files{{"Notes.md", "*Source: [[2024-02-01 - Kickoff with Harbor Freightways]]*\n"}}
        << "2024-02-01 - Kickoff with Harbor Freightways";
    QTest::newRow("type people is a meeting, not a person")
        << Files{{"Meetings/Jason Vallery.md", "---\ntype: people\ntitle: Jason Vallery\ndate: 2024-01-02\n---\n\nx\n"}}
        << "Jason Vallery";
    QTest::newRow("empty person field")
        << Files{{"Meetings/M.md", "---\ntype: meeting\nperson: \"\"\n---\n\nx\n"}} << "";
}

void TestEntities::notEntities()
{
    QFETCH(Files, files);
    QFETCH(QString, query);

    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir, files);
    QVERIFY(!index.entity(query));
    QStringList names;
    for (const Entity &entity : index.entities())
        names.append(entity.name);
    QVERIFY2(names.isEmpty(), qPrintable(names.join(QLatin1String(", "))));
}

void TestEntities::aliasesMergeIntoOneRow()
{
    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir,
         Files{{"People/Rafe Example.md", "---\ntype: person\naliases:\n  - Rafe Exemplar\n  - R. Example\n---\n\n# Rafe Example\n"},
               {"Meetings/2024-01-05 A.md", "---\ndate: 2024-01-05\nparticipants: [Rafe Exemplar, Myself]\n---\n\n"
                                            "- [ ] Send notes @Rafe Exemplar\n- [ ] Reply @Rafe Example\n"},
               {"Notes.md", "Ask [[R. Example]] and [[rafe exemplar]].\n"}});
    const Entity *entity = index.entity(QStringLiteral("Rafe Exemplar"));
    QVERIFY(entity);
    QCOMPARE(entity, index.entity(QStringLiteral("rafe example")));
    QCOMPARE(entity, index.entity(QStringLiteral("R. Example")));
    QCOMPARE(entity->name, QStringLiteral("Rafe Example"));
    QCOMPARE(entity->notePath, QStringLiteral("People/Rafe Example.md"));
    QCOMPARE(entity->aliases, (QStringList{QStringLiteral("Rafe Exemplar"), QStringLiteral("R. Example")}));
    QCOMPARE(entity->openTasks, 2);
    QCOMPARE(index.entities().size(), 2);   // Rafe Example and Myself
    QCOMPARE(index.summary().people, 1);    // the vault's owner is not counted
    QCOMPARE(index.summary().organisations, 0);
}

void TestEntities::displayNameIsTheMostFrequentSpelling()
{
    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir,
         Files{{"a.md", "[[fabrikam]]\n"}, {"b.md", "[[Fabrikam]] and [[Fabrikam]]\n"}, {"c.md", "[[FABRIKAM]]\n"}});
    QCOMPARE(index.entities().size(), 1);
    QCOMPARE(index.entities().front().name, QStringLiteral("Fabrikam"));
    QVERIFY(index.entities().front().aliases.isEmpty());
}

void TestEntities::countsMeetingsTasksAndLastMeeting()
{
    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir,
         Files{{"M/2024-01-05 A.md", "---\ndate: 2024-01-05\nparticipants: [Wendel Quarry]\n---\n\n"
                                     "- [ ] One @Wendel Quarry\n- [x] Two @Wendel Quarry\n- [/] Three @Wendel Quarry\n"},
               {"M/2024-02-09 B.md", "---\ndate: 2024-02-09\nparticipants: [Myself]\n---\n\nWith [[Wendel Quarry]].\n"},
               {"M/2023-12-01 C.md", "---\ndate: 2023-12-01\nparticipants: [wendel quarry]\n---\n\n- [-] Four @Wendel Quarry\n"},
               {"Notes.md", "[[Wendel Quarry]]\n"}});
    const Entity *wendel = index.entity(QStringLiteral("Wendel Quarry"));
    QVERIFY(wendel);
    QCOMPARE(wendel->openTasks, 2);
    QCOMPARE(wendel->meetingKeys, (QStringList{QStringLiteral("M/2024-02-09 B.md"), QStringLiteral("M/2024-01-05 A.md"),
                                              QStringLiteral("M/2023-12-01 C.md")}));
    QCOMPARE(wendel->lastMeeting, QDate(2024, 2, 9));
    const Entity *me = index.entity(QStringLiteral("Myself"));
    QVERIFY(me);
    QVERIFY(me->vaultOwner);
    QCOMPARE(me->openTasks, 0);
    QCOMPARE(me->meetingKeys, QStringList{QStringLiteral("M/2024-02-09 B.md")});
}

void TestEntities::peopleFirstThenByName()
{
    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir, Files{{"a.md", "[[Zeta Corp]] [[alpha inc]] [[Nadia Okafor]] [[Andy Brenn]]\n"}});
    QStringList names;
    for (const Entity &entity : index.entities())
        names.append(entity.name);
    QCOMPARE(names, (QStringList{"Andy Brenn", "Nadia Okafor", "alpha inc", "Zeta Corp"}));
}

void TestEntities::fixtureVault()
{
    QTemporaryDir dir;
    copyTree(QStringLiteral(MINUTES_TEST_DATA "/vaults/northwind"), dir.path());
    VaultIndex index;
    ScanResult result = VaultLoader::load(dir.path());
    QVERIFY(result.problems.isEmpty());
    index.reset(std::move(result));

    QStringList people, organisations;
    for (const Entity &entity : index.entities())
        (entity.isPerson() ? people : organisations).append(entity.name);
    QCOMPARE(people, (QStringList{"Myself", "Nadia Okafor", "Priya Raman", "Tomas Ferreira", "Wendel Quarry"}));
    QCOMPARE(organisations, (QStringList{"Grace Harbor Trust", "Harbor Freightways", "Quintessa Labs"}));

    const Entity *tom = index.entity(QStringLiteral("T. Ferreira"));
    QVERIFY(tom);
    QCOMPARE(tom->name, QStringLiteral("Tomas Ferreira"));
    QCOMPARE(tom->aliases, (QStringList{"Tom Ferreira", "T. Ferreira"}));
    QCOMPARE(tom->openTasks, 1);
    QCOMPARE(tom->lastMeeting, QDate(2024, 3, 4));

    const Entity *priya = index.entity(QStringLiteral("Priya R"));
    QVERIFY(priya);
    QCOMPARE(priya->name, QStringLiteral("Priya Raman"));
    QCOMPARE(priya->openTasks, 2);
    QCOMPARE(priya->meetingKeys.size(), 2);
    QCOMPARE(priya->lastMeeting, QDate(2024, 3, 11));

    const Entity *hfw = index.entity(QStringLiteral("HFW"));
    QVERIFY(hfw);
    QCOMPARE(hfw->name, QStringLiteral("Harbor Freightways"));
    QCOMPARE(hfw->meetingKeys, QStringList{QStringLiteral("Meetings/2024-03-04 Weekly sync.md")});

    const Entity *me = index.entity(QStringLiteral("Myself"));
    QVERIFY(me && me->vaultOwner);
    QCOMPARE(me->openTasks, 3);

    QVERIFY(!index.entity(QStringLiteral("Project Falcon")));
    QVERIFY(!index.entity(QStringLiteral("diagram.png")));
    QVERIFY(!index.entity(QStringLiteral("2024-02-01 Kickoff")));

    const VaultSummary summary = index.summary();
    QCOMPARE(summary.notes, 10);
    QCOMPARE(summary.people, 4);   // Myself not counted
    QCOMPARE(summary.organisations, 3);
    QCOMPARE(summary.openTasks, 6);
    QCOMPARE(summary.doneTasks, 2);
    QCOMPARE(summary.problems, 0);
}

void TestEntities::seedsPeopleAndOrganisations()
{
    QTemporaryDir dir;
    const QDir seeds(QStringLiteral(MINUTES_SEEDS_DIR));
    const QStringList seedFiles = seeds.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    QCOMPARE(seedFiles.size(), 2);
    for (const QString &seed : seedFiles)
        QVERIFY(QFile::copy(seeds.filePath(seed), dir.filePath(QFileInfo(seed).completeBaseName() + ".md")));
    VaultIndex index;
    index.reset(VaultLoader::load(dir.path()));

    for (const char *name : {"Myself", "Jason Vallery", "Rob Benoit", "Rob Banga", "Jeff Denworth",
                             "Andy Perlsteiner", "Ronen Cohen"}) {
        const Entity *entity = index.entity(QString::fromUtf8(name));
        QVERIFY2(entity && entity->isPerson(), name);
    }
    for (const char *name : {"NetApp", "Microsoft", "Google", "Amazon", "Oracle", "Databricks", "OpenAI",
                             "CoreWeave", "Goldman Sachs", "Cisco"}) {
        const Entity *entity = index.entity(QString::fromUtf8(name));
        QVERIFY2(entity && !entity->isPerson(), name);
    }
    QCOMPARE(index.summary().people, 6);   // Myself not counted
    QCOMPARE(index.summary().organisations, 10);
    QCOMPARE(index.entity(QStringLiteral("Rob Banga"))->openTasks, 1);
    QCOMPARE(index.entity(QStringLiteral("Myself"))->openTasks, 7);
}

void TestEntities::givenNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("given");
    for (const char *name : {"Jeff", "Andy", "Ronen", "Rob", "Jason", "priya", "YUKI", "Kwame", "Benoît", "José"})
        QTest::newRow(name) << QString::fromUtf8(name) << true;
    for (const char *name : {"Goldman", "Morgan", "Chase", "Microsoft", "Acme", "", "Harbor"})
        QTest::newRow(*name ? name : "empty") << QString::fromUtf8(name) << false;
}

void TestEntities::givenNames()
{
    QFETCH(QString, name);
    QFETCH(bool, given);
    QCOMPARE(GivenNames::contains(name), given);
}

void TestEntities::evidenceIsCappedPerEntity()
{
    Files files;
    for (int i = 0; i < 60; ++i)
        files.insert(QStringLiteral("n%1.md").arg(i, 2, 10, QLatin1Char('0')), QStringLiteral("- [ ] Task %1 @Myself\n").arg(i));
    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir, files);
    const Entity *me = index.entity(QStringLiteral("Myself"));
    QVERIFY(me);
    QCOMPARE(me->openTasks, 60);
    QVERIFY2(me->evidence.size() < 30, qPrintable(QString::number(me->evidence.size())));
    QVERIFY2(me->evidence.constLast().contains(QLatin1String("more mentions")), qPrintable(me->evidence.constLast()));
}

void TestEntities::templatePlaceholdersAreNotNames()
{
    QTemporaryDir dir;
    VaultIndex index;
    load(index, dir,
         Files{{"Templates/Meeting.md", "---\ntype: meeting\nperson: \"{{person}}\"\nparticipants: [\"<% tp.file.title %>\"]\n---\n\n"
                                        "- [ ] Follow up @{{owner}}\n"}});
    QVERIFY(index.entities().isEmpty());
}

QTEST_GUILESS_MAIN(TestEntities)
#include "tst_entities.moc"
