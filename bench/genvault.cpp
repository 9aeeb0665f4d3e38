// minutes_genvault N DIR [--seed S]: writes a deterministic vault of N meeting notes in the
// seeds' format (plus person/organisation notes and the messy cases real vaults have) into DIR.
// The same N and seed always give byte-identical files, so benchmark runs compare like with like.

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QStringList>

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace {

// SplitMix64: tiny, fast and the same everywhere (std distributions are not).
class Random
{
public:
    explicit Random(quint64 seed) : m_state(seed) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return n <= 0 ? 0 : int(next() % quint64(n)); }
    int between(int low, int high) { return low + below(high - low + 1); }
    bool chance(double p) { return double(next() >> 11) * (1.0 / 9007199254740992.0) < p; }
    template<typename T> const T &pick(const QList<T> &list) { return list.at(below(int(list.size()))); }

private:
    quint64 m_state;
};

const QStringList kGiven{"Aino", "Bram", "Carmen", "Dario", "Elif", "Femi", "Greta", "Hugo", "Ines", "Jonas",
                         "Kaito", "Lena", "Marek", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sami", "Tova",
                         "Ulla", "Viktor", "Wen", "Ximena", "Yusuf", "Zora", "Anika", "Bruno", "Chloe", "Dmitri"};
const QStringList kFamily{"Halvorsen", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Ferreira", "Novak", "Raman",
                          "Brennan", "Castillo", "Daugherty", "Eklund", "Fontaine", "Gallo", "Hartmann", "Iversen",
                          "Jablonski", "Kowalczyk", "Laine", "Mbeki", "Nakamura", "Ortega", "Petrov", "Quist"};
const QStringList kOrgs{"Northwind Logistics", "Harbor Freightways", "Grace Harbor Trust", "Bluefin Analytics",
                        "Copperleaf Systems", "Driftwood Capital", "Emberline", "Fjordlight", "Granite Peak Labs",
                        "Helix Foundry", "Ironbark", "Juniper Mesa", "Kestrel Works", "Lumen Quarry",
                        "Meridian Yards", "Nimbus Forge", "Orchid Basin", "Pinecrest Data", "Quarry Hill",
                        "Redfern Cloud"};
const QStringList kWords{"roadmap", "pipeline", "budget", "migration", "latency", "storage", "contract", "renewal",
                         "pricing", "capacity", "onboarding", "hiring", "security", "audit", "region", "rollout",
                         "forecast", "partner", "enablement", "workshop", "benchmark", "cluster", "tiering",
                         "marketplace", "feedback", "integration", "support", "escalation", "launch", "review",
                         "quarter", "summit", "dashboard", "telemetry", "backup", "network", "licensing", "demo",
                         "customer", "pilot", "scope", "timeline", "risk", "owner", "handoff", "metrics"};
const QStringList kTopics{"cloud strategy", "vendor review", "pricing sync", "hiring plan", "quarterly review",
                          "pilot debrief", "partner onboarding", "roadmap check-in", "security audit",
                          "capacity planning", "launch readiness", "support escalation", "budget review"};
const QStringList kRecurrence{"every week", "every 2 weeks", "every month", "every week on Monday",
                              "every month when done", "every day"};

// Emoji as the Tasks plugin writes them, and as they look after a trip through Mac Roman (the
// mojibake in the seeds): 📅 ⏫ 🔼 🔽 ✅ 🔁 ⏳ 🛫.
struct Signifier
{
    const char *clean;
    const char *mangled;
};
const Signifier kDue{"\xF0\x9F\x93\x85", "\xef\xa3\xbf\xc3\xbc\xc3\xac\xc3\x96"};
const Signifier kHighest{"\xE2\x8F\xAB", "\xe2\x80\x9a\xc3\xa8\xc2\xb4"};
const Signifier kMediumPrio{"\xF0\x9F\x94\xBC", "\xef\xa3\xbf\xc3\xbc\xc3\xae\xc2\xba"};
const Signifier kLow{"\xF0\x9F\x94\xBD", "\xef\xa3\xbf\xc3\xbc\xc3\xae\xce\xa9"};
const Signifier kDone{"\xE2\x9C\x85", "\xe2\x80\x9a\xc3\xba\xc3\x96"};
const Signifier kRecur{"\xF0\x9F\x94\x81", "\xef\xa3\xbf\xc3\xbc\xc3\xae\xc3\x85"};
const Signifier kScheduled{"\xE2\x8F\xB3", "\xe2\x80\x9a\xc3\xa8\xe2\x89\xa5"};
const Signifier kStart{"\xF0\x9F\x9B\xAB", "\xef\xa3\xbf\xc3\xbc\xc3\xb5\xc2\xb4"};

struct Person
{
    QString name;
    QString alias;   // a short form some notes use
};

class Generator
{
public:
    Generator(int count, QString dir, quint64 seed) : m_count(count), m_dir(std::move(dir)), m_random(seed) {}

    bool run();

private:
    QByteArray meeting(int index, QString *relativePath, bool *duplicate);
    QByteArray sentence(int words);
    QByteArray paragraph(int sentences);
    QByteArray taskLine(const QStringList &people, QDate date, bool mangled);
    QByteArray personNote(const Person &person);
    QByteArray organisationNote(const QString &name);
    bool write(const QString &relativePath, const QByteArray &bytes);

    int m_count;
    QString m_dir;
    Random m_random;
    QList<Person> m_people;
    QStringList m_organisations;
    qint64 m_bytes = 0;
    int m_files = 0;
};

QByteArray Generator::sentence(int words)
{
    QByteArray out;
    for (int i = 0; i < words; ++i) {
        QByteArray word = m_random.pick(kWords).toUtf8();
        if (i == 0)
            word[0] = char(std::toupper(uchar(word[0])));
        if (i > 0)
            out += ' ';
        out += word;
    }
    out += '.';
    return out;
}

QByteArray Generator::paragraph(int sentences)
{
    QByteArray out;
    for (int i = 0; i < sentences; ++i) {
        if (i > 0)
            out += ' ';
        out += sentence(m_random.between(6, 16));
    }
    return out;
}

QByteArray Generator::taskLine(const QStringList &people, QDate date, bool mangled)
{
    auto sig = [mangled](const Signifier &s) { return QByteArray(mangled ? s.mangled : s.clean); };
    const int kind = m_random.below(10);
    QByteArray line = kind < 6 ? "- [ ] " : kind < 8 ? "- [x] " : kind < 9 ? "- [/] " : "- [?] ";
    line += sentence(m_random.between(4, 12));
    line.chop(1);
    if (m_random.chance(0.85)) {
        const QString owner = m_random.chance(0.4) ? QStringLiteral("Myself") : m_random.pick(people);
        line += " @" + owner.toUtf8();
    }
    const QDate due = date.addDays(m_random.between(1, 30));
    if (m_random.chance(0.8))
        line += ' ' + sig(kDue) + ' ' + due.toString(Qt::ISODate).toUtf8();
    if (m_random.chance(0.15))
        line += ' ' + sig(kScheduled) + ' ' + date.addDays(m_random.between(0, 10)).toString(Qt::ISODate).toUtf8();
    if (m_random.chance(0.05))
        line += ' ' + sig(kStart) + ' ' + date.toString(Qt::ISODate).toUtf8();
    switch (m_random.below(5)) {
    case 0: line += ' ' + sig(kHighest); break;
    case 1: line += ' ' + sig(kMediumPrio); break;
    case 2: line += ' ' + sig(kLow); break;
    default: break;
    }
    if (m_random.chance(0.08))
        line += ' ' + sig(kRecur) + ' ' + m_random.pick(kRecurrence).toUtf8();
    if (line.startsWith("- [x]"))
        line += ' ' + sig(kDone) + ' ' + date.addDays(m_random.between(0, 5)).toString(Qt::ISODate).toUtf8();
    line += " #task";
    if (m_random.chance(0.5))
        line += " #proposed";
    return line;
}

QByteArray Generator::meeting(int index, QString *relativePath, bool *duplicate)
{
    // Dates spread over about four years, newest last.
    const QDate date = QDate(2022, 1, 3).addDays(qint64(index) * 1460 / std::max(1, m_count));
    const int participantCount = m_random.between(1, 8);
    QStringList participants{QStringLiteral("Myself")};
    QSet<QString> seen{participants.front()};
    while (participants.size() < participantCount + 1) {
        const bool org = m_random.chance(0.1);
        const QString name = org ? m_random.pick(m_organisations) : m_random.pick(m_people).name;
        if (!seen.contains(name)) {
            seen.insert(name);
            participants.append(name);
        }
    }
    const QString topic = m_random.pick(kTopics);
    const QString with = participants.value(1);
    const QString title = QStringLiteral("%1 with %2").arg(topic, with);
    const QString stem = QStringLiteral("%1 - %2 %3").arg(date.toString(Qt::ISODate), title).arg(index);
    *relativePath = QStringLiteral("Meetings/%1/%2/%3.md")
                        .arg(date.year())
                        .arg(date.month(), 2, 10, QLatin1Char('0'))
                        .arg(stem);
    *duplicate = m_random.chance(0.02);
    const bool mangled = m_random.chance(0.05);

    QByteArray out;
    const int style = m_random.below(3);
    out += "---\n";
    out += style == 1 ? "type: \"people\"\n" : "type: people\n";
    if (style == 1)
        out += "title: \"" + title.toUtf8() + "\"\n";
    else
        out += "title: " + title.toUtf8() + "\n";
    out += style == 0 ? "date: '" + date.toString(Qt::ISODate).toUtf8() + "'\n"
                      : style == 1 ? "date: \"" + date.toString(Qt::ISODate).toUtf8() + "\"\n"
                                   : "date: " + date.toString(Qt::ISODate).toUtf8() + "\n";
    out += "person: " + with.toUtf8() + "\n";
    if (style == 1) {
        out += "participants: [";
        for (qsizetype i = 0; i < participants.size(); ++i)
            out += (i ? ", \"" : "\"") + participants.at(i).toUtf8() + "\"";
        out += "]\n";
    } else {
        out += "participants:\n";
        for (const QString &p : std::as_const(participants))
            out += "- " + p.toUtf8() + "\n";
    }
    out += "source: transcript\n";
    out += "source_ref: Inbox/_archive/" + date.toString(Qt::ISODate).toUtf8() + "/" + stem.toUtf8() + ".md\n";
    out += "tags:\n- type/people\n- person/" + with.toLower().replace(QLatin1Char(' '), QLatin1Char('-')).toUtf8()
           + "\n- generated\n";
    if (m_random.chance(0.02))
        out += "title: \"unclosed quote\n";   // malformed YAML: yaml-cpp reports it
    out += "---\n\n";
    out += "# " + title.toUtf8() + "\n\n";
    out += "**Date**: " + date.toString(Qt::ISODate).toUtf8() + "\n";
    out += "**With**: " + participants.mid(1).join(QStringLiteral(", ")).toUtf8() + "\n\n";
    out += "## Summary\n\n" + paragraph(m_random.between(2, 3)) + "\n\n";
    out += "## Action Items\n";
    const int tasks = m_random.between(0, 10);
    for (int i = 0; i < tasks; ++i)
        out += taskLine(participants, date, mangled) + "\n";
    out += "\n## Decisions\n";
    for (int i = m_random.between(0, 2); i > 0; --i)
        out += "- " + sentence(m_random.between(6, 14)) + "\n";
    out += "\n## Key Information\n";
    for (int i = m_random.between(1, 3); i > 0; --i)
        out += "- " + sentence(m_random.between(8, 20)) + "\n";
    out += "\n---\n\n*Source: [[Inbox/_archive/" + date.toString(Qt::ISODate).toUtf8() + "/" + stem.toUtf8()
           + ".md|" + stem.toUtf8() + "]]*\n\n";
    out += "## Related\n\n";
    for (const QString &p : std::as_const(participants)) {
        if (p != QLatin1String("Myself"))
            out += "- [[" + p.toUtf8() + "]]\n";
    }
    for (int i = m_random.between(0, 4); i > 0; --i)
        out += "- [[" + m_random.pick(m_organisations).toUtf8() + "]]\n";
    return out;
}

QByteArray Generator::personNote(const Person &person)
{
    QByteArray out = "---\ntype: person\ntitle: " + person.name.toUtf8() + "\naliases:\n- " + person.alias.toUtf8()
                     + "\norganization: \"[[" + m_random.pick(m_organisations).toUtf8() + "]]\"\n---\n\n# "
                     + person.name.toUtf8() + "\n\n" + paragraph(2) + "\n";
    return out;
}

QByteArray Generator::organisationNote(const QString &name)
{
    return "---\ntype: organization\naliases: [" + name.section(QLatin1Char(' '), 0, 0).toUtf8() + " Inc]\n---\n\n# "
           + name.toUtf8() + "\n\n" + paragraph(3) + "\n";
}

bool Generator::write(const QString &relativePath, const QByteArray &bytes)
{
    const QString path = m_dir + QLatin1Char('/') + relativePath;
    const QString folder = path.section(QLatin1Char('/'), 0, -2);
    if (!QDir().mkpath(folder)) {
        std::fprintf(stderr, "minutes_genvault: cannot create %s\n", qPrintable(folder));
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "minutes_genvault: cannot write %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
        return false;
    }
    m_bytes += bytes.size();
    ++m_files;
    return true;
}

bool Generator::run()
{
    // A pool that grows slowly with the vault: about one person per 40 notes, at least 40.
    const int people = std::max(40, m_count / 40);
    QSet<QString> names;
    while (m_people.size() < people) {
        QString name = m_random.pick(kGiven) + QLatin1Char(' ') + m_random.pick(kFamily);
        if (names.contains(name))
            name += QLatin1Char(' ') + m_random.pick(kFamily);
        if (names.contains(name))
            continue;
        names.insert(name);
        m_people.append({name, name.section(QLatin1Char(' '), 0, 0) + QLatin1Char(' ')
                                   + name.section(QLatin1Char(' '), 1, 1).left(1) + QLatin1Char('.')});
    }
    m_organisations = kOrgs;
    for (int i = 0; m_organisations.size() < std::max(20, m_count / 200); ++i)
        m_organisations.append(QStringLiteral("%1 %2 Group").arg(m_random.pick(kFamily)).arg(i));

    // Person and organisation notes: a few percent of the vault.
    for (qsizetype i = 0; i < m_people.size(); i += 2) {
        if (!write(QStringLiteral("People/%1.md").arg(m_people.at(i).name), personNote(m_people.at(i))))
            return false;
    }
    for (qsizetype i = 0; i < m_organisations.size(); i += 2) {
        if (!write(QStringLiteral("Organisations/%1.md").arg(m_organisations.at(i)), organisationNote(m_organisations.at(i))))
            return false;
    }

    for (int i = 0; i < m_count; ++i) {
        QString relativePath;
        bool duplicate = false;
        QByteArray bytes = meeting(i, &relativePath, &duplicate);
        // The messy cases, each at a small rate.
        const int mess = m_random.below(1000);
        if (mess < 20)
            bytes.replace("\n", "\r\n");
        else if (mess < 30)
            bytes.prepend("\xEF\xBB\xBF");
        else if (mess < 35)
            bytes.clear();
        else if (mess < 40)
            bytes.replace("---\n\n#", "\n#");   // front matter never closed
        else if (mess < 42)
            bytes.append("\xFF\xFE broken byte\n");
        if (i == m_count / 2) {
            // One 1 MB note: a long transcript pasted under the summary.
            QByteArray transcript = "\n## Transcript\n\n";
            while (transcript.size() < 1024 * 1024)
                transcript += "**Speaker**: " + paragraph(4) + "\n\n";
            bytes += transcript;
        }
        if (!write(relativePath, bytes))
            return false;
        if (duplicate && !bytes.isEmpty()) {
            // The same meeting stored twice, as the seeds are: same date and source_ref.
            const QString copy = QStringLiteral("Inbox/_archive/%1").arg(relativePath.section(QLatin1Char('/'), -1));
            bytes.replace("## Decisions\n", "## Decisions\n- Extra detail in the copy.\n");
            if (!write(copy, bytes))
                return false;
        }
    }

    // What is not a note: Obsidian's settings, attachments, a transcript, a dot-file.
    write(QStringLiteral(".obsidian/app.json"), "{\"promptDelete\": false}\n");
    write(QStringLiteral(".obsidian/workspace.json"), "{\"main\": {\"id\": \"a1\"}}\n");
    write(QStringLiteral(".obsidian/plugins/obsidian-tasks-plugin/data.json"), "{\"globalFilter\": \"#task\"}\n");
    write(QStringLiteral("Attachments/diagram.png"), QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    write(QStringLiteral("Sources/transcript.txt"), paragraph(20));
    write(QStringLiteral("Sources/export.pdf"), "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
    write(QStringLiteral(".trash/deleted.md"), "# deleted\n");
    std::printf("%d files, %lld bytes in %s\n", m_files, static_cast<long long>(m_bytes), qPrintable(m_dir));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    quint64 seed = 1;
    QStringList positional;
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--seed") && i + 1 < args.size()) {
            bool ok = false;
            seed = args.at(++i).toULongLong(&ok);
            if (!ok) {
                std::fprintf(stderr, "minutes_genvault: --seed wants a number\n");
                return 2;
            }
        } else {
            positional.append(args.at(i));
        }
    }
    bool ok = false;
    const int count = positional.value(0).toInt(&ok);
    if (positional.size() != 2 || !ok || count < 1) {
        std::fprintf(stderr, "usage: minutes_genvault N DIR [--seed S]\n");
        return 2;
    }
    const QString dir = QDir(positional.at(1)).absolutePath();
    if (QDir(dir).exists() && !QDir(dir).isEmpty()) {
        std::fprintf(stderr, "minutes_genvault: %s exists and is not empty\n", qPrintable(dir));
        return 2;
    }
    Generator generator(count, dir, seed);
    return generator.run() ? 0 : 1;
}
