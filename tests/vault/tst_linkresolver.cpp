// IndexLinks: which note a wikilink target names (Obsidian's rules), and which keys a note that
// comes or goes makes resolve differently.

#include "vault/indexlinks.h"

#include <QRandomGenerator>
#include <QTest>

using namespace minutes;

class TestLinkResolver final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolvesAsObsidian_data();
    void resolvesAsObsidian();
    void noteThatComesOrGoesChangesItsKeysOnly();
    void oneAtATimeMatchesAWholeBuild();
};

void TestLinkResolver::resolvesAsObsidian_data()
{
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("note");

    const QStringList plan{QStringLiteral("Projects/Falcon Plan.md")};
    QTest::newRow("base name anywhere") << plan << "Falcon Plan" << plan.first();
    QTest::newRow("file name") << plan << "Falcon Plan.md" << plan.first();
    QTest::newRow("path") << plan << "Projects/Falcon Plan" << plan.first();
    QTest::newRow("path with .md") << plan << "Projects/Falcon Plan.md" << plan.first();
    QTest::newRow("ignoring case") << plan << "FALCON plan.MD" << plan.first();
    QTest::newRow("heading and alias") << plan << "Falcon Plan#Goals|the plan" << plan.first();
    QTest::newRow("leading ./ and /") << plan << "./Projects/Falcon Plan" << plan.first();
    QTest::newRow("part of a path is no key") << plan << "Plan" << QString();
    QTest::newRow("another folder is no path") << plan << "Other/Falcon Plan" << QString();
    QTest::newRow("upper-case extension")
        << QStringList{QStringLiteral("A/Plan.MD")} << "a/plan.md" << QStringLiteral("A/Plan.MD");
    QTest::newRow("upper-case extension, base name")
        << QStringList{QStringLiteral("A/Plan.MD")} << "Plan" << QStringLiteral("A/Plan.MD");
    QTest::newRow("nearest the root wins")
        << QStringList{QStringLiteral("A/B/Plan.md"), QStringLiteral("Z/Plan.md")} << "Plan" << QStringLiteral("Z/Plan.md");
    QTest::newRow("same depth: the first path")
        << QStringList{QStringLiteral("B/Plan.md"), QStringLiteral("A/Plan.md")} << "Plan" << QStringLiteral("A/Plan.md");
    QTest::newRow("two paths equal ignoring case: the last")
        << QStringList{QStringLiteral("Plan.md"), QStringLiteral("plan.md")} << "PLAN" << QStringLiteral("plan.md");
    QTest::newRow("a note named b.md.md, by its file name")
        << QStringList{QStringLiteral("Notes/b.md.md"), QStringLiteral("x/b.md")} << "b.md.md" << QStringLiteral("Notes/b.md.md");
    QTest::newRow("b.md: its path beats another's base name")
        << QStringList{QStringLiteral("Notes/b.md.md"), QStringLiteral("b.md")} << "b.md" << QStringLiteral("b.md");
    QTest::newRow("b.md: a base name nearer the root than a file name")
        << QStringList{QStringLiteral("b.md.md"), QStringLiteral("x/b.md")} << "b.md" << QStringLiteral("b.md.md");
    QTest::newRow("b.md: a file name nearer the root than a base name")
        << QStringList{QStringLiteral("y/z/b.md.md"), QStringLiteral("x/b.md")} << "b.md" << QStringLiteral("x/b.md");
    QTest::newRow("a file that is only an extension")
        << QStringList{QStringLiteral("Notes/.md")} << ".md" << QStringLiteral("Notes/.md");
    QTest::newRow("non-ASCII names fold character by character")
        << QStringList{QStringLiteral("Équipe/Straße Ödön.md")} << "ÉQUIPE/straße ÖDÖN" << QStringLiteral("Équipe/Straße Ödön.md");
}

void TestLinkResolver::resolvesAsObsidian()
{
    QFETCH(QStringList, paths);
    QFETCH(QString, target);
    QFETCH(QString, note);

    IndexLinks built;
    built.build(paths);
    QCOMPARE(built.resolve(target), note);
    IndexLinks added;
    for (const QString &path : std::as_const(paths))
        added.add(path);
    QCOMPARE(added.resolve(target), note);
}

void TestLinkResolver::noteThatComesOrGoesChangesItsKeysOnly()
{
    IndexLinks links;
    links.build({QStringLiteral("A/Plan.md"), QStringLiteral("Other.md")});
    QVERIFY(links.changedKeys().isEmpty());

    // Nearer the root: it takes over the base name and the file name, and brings its own paths.
    links.add(QStringLiteral("Plan.md"));
    QCOMPARE(links.takeChangedKeys(), (QSet<QString>{QStringLiteral("plan"), QStringLiteral("plan.md")}));
    QCOMPARE(links.resolve(QStringLiteral("Plan")), QStringLiteral("Plan.md"));
    QCOMPARE(links.resolve(QStringLiteral("A/Plan")), QStringLiteral("A/Plan.md"));

    // Deeper: only its own paths are new.
    links.add(QStringLiteral("Z/Y/Plan.md"));
    QCOMPARE(links.takeChangedKeys(), (QSet<QString>{QStringLiteral("z/y/plan"), QStringLiteral("z/y/plan.md")}));

    links.remove(QStringLiteral("Plan.md"));
    QCOMPARE(links.takeChangedKeys(), (QSet<QString>{QStringLiteral("plan"), QStringLiteral("plan.md")}));
    QCOMPARE(links.resolve(QStringLiteral("plan.md")), QStringLiteral("A/Plan.md"));

    links.remove(QStringLiteral("A/Plan.md"));
    QCOMPARE(links.takeChangedKeys(), (QSet<QString>{QStringLiteral("plan"), QStringLiteral("plan.md"), QStringLiteral("a/plan"),
                                                     QStringLiteral("a/plan.md")}));
    QCOMPARE(links.resolve(QStringLiteral("Plan")), QStringLiteral("Z/Y/Plan.md"));
    links.remove(QStringLiteral("Never there.md"));
    QVERIFY(links.changedKeys().isEmpty());
}

void TestLinkResolver::oneAtATimeMatchesAWholeBuild()
{
    // Paths from a few folders and names, in every case and with stacked extensions, added and
    // removed at random: after each step every key resolves as in a build of what is there.
    const QStringList folders{QString(), QStringLiteral("a/"), QStringLiteral("A/"), QStringLiteral("a/b/"), QStringLiteral("Z/")};
    const QStringList names{QStringLiteral("plan"), QStringLiteral("Plan"), QStringLiteral("plan.md"), QStringLiteral("b"),
                            QStringLiteral("B.md")};
    const QStringList extensions{QStringLiteral(".md"), QStringLiteral(".MD"), QStringLiteral(".md.md")};
    QStringList all;
    for (const QString &folder : folders) {
        for (const QString &name : names) {
            for (const QString &extension : extensions)
                all.append(folder + name + extension);
        }
    }
    QStringList targets;
    for (const QString &path : std::as_const(all)) {
        targets.append(path);
        targets.append(path.section(QLatin1Char('/'), -1));
        targets.append(path.chopped(3));
        targets.append(path.section(QLatin1Char('/'), -1).chopped(3));
    }

    QRandomGenerator random(20261206);
    IndexLinks links;
    QStringList present;
    for (int step = 0; step < 400; ++step) {
        const QString path = all.at(random.bounded(int(all.size())));
        QMap<QString, QString> before;
        for (const QString &target : std::as_const(targets))
            before.insert(target, links.resolve(target));
        if (present.contains(path)) {
            present.removeOne(path);
            links.remove(path);
        } else {
            present.append(path);
            links.add(path);
        }
        IndexLinks built;
        built.build(present);
        const QSet<QString> changed = links.takeChangedKeys();
        for (const QString &target : std::as_const(targets)) {
            QCOMPARE(links.resolve(target), built.resolve(target));
            // A key whose note changed is reported; one reported may not have changed since.
            if (links.resolve(target) != before.value(target))
                QVERIFY2(changed.contains(IndexLinks::keyOf(target)), qPrintable(target));
        }
    }
}

QTEST_GUILESS_MAIN(TestLinkResolver)
#include "tst_linkresolver.moc"
