#include "vault/indexcache.h"

#include "core/workpool.h"
#include "note/noteparser.h"
#include "note/utf8.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDataStream>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <numeric>

namespace minutes {

namespace {

Q_LOGGING_CATEGORY(lcCache, "minutes.vault.cache", QtInfoMsg)

std::atomic_bool g_enabled{true};

constexpr char kMagic[8] = {'M', 'N', 'T', 'S', 'I', 'D', 'X', '\n'};
constexpr qsizetype kEntriesPerChunk = 512;
// A file younger than this may still change within the same mtime: it is not cached.
constexpr qint64 kRacyNs = 2'000'000'000;
constexpr int kMaxVariantDepth = 32;

quint64 checksum(QByteArrayView bytes)
{
    const QByteArray hash = NoteParser::contentHash(bytes);
    quint64 value = 0;
    for (const char c : hash)
        value = (value << 8) | uchar(c);
    return value;
}

// Little-endian varints and UTF-8 strings, appended to one buffer.
class Encoder
{
public:
    QByteArray bytes;

    void u(quint64 v)
    {
        char buffer[10];
        int n = 0;
        do {
            buffer[n++] = char((v & 0x7F) | (v >= 0x80 ? 0x80 : 0));
            v >>= 7;
        } while (v != 0);
        bytes.append(buffer, n);
    }
    void i(qint64 v) { u((quint64(v) << 1) ^ quint64(v >> 63)); }
    void fixed64(quint64 v)
    {
        char buffer[8];
        for (int k = 0; k < 8; ++k)
            buffer[k] = char(v >> (8 * k));
        bytes.append(buffer, 8);
    }
    void raw(QByteArrayView data)
    {
        u(quint64(data.size()));
        bytes.append(data.data(), data.size());
    }
    // A string that is unique to its note (a title, task lines): its UTF-8 bytes.
    void s(const QString &text) { raw(text.toUtf8()); }
    // A string that tends to repeat (names, tags, keys, markers, section titles): written once
    // per chunk; later occurrences are its number in the chunk's table, so that decoding shares
    // one QString instead of allocating each copy. 0: empty; 1: new (bytes follow); n: table[n-2].
    void name(const QString &text)
    {
        if (text.isEmpty()) {
            u(0);
            return;
        }
        const auto it = m_names.constFind(text);
        if (it != m_names.cend()) {
            u(quint64(*it) + 2);
            return;
        }
        u(1);
        s(text);
        m_names.insert(text, quint32(m_names.size()));
    }
    void list(const QStringList &list)
    {
        u(quint64(list.size()));
        for (const QString &text : list)
            name(text);
    }
    void date(const QDate &date) { i(date.isValid() ? date.toJulianDay() : std::numeric_limits<qint64>::min()); }

    void variant(const QVariant &value)
    {
        switch (value.typeId()) {
        case QMetaType::UnknownType: u(0); return;
        case QMetaType::QString: u(1); name(value.toString()); return;
        case QMetaType::QStringList: u(2); list(value.toStringList()); return;
        case QMetaType::QVariantList: {
            const QVariantList items = value.toList();
            u(3);
            u(quint64(items.size()));
            for (const QVariant &item : items)
                variant(item);
            return;
        }
        case QMetaType::QVariantMap: {
            const QVariantMap map = value.toMap();
            u(4);
            u(quint64(map.size()));
            for (auto it = map.cbegin(); it != map.cend(); ++it) {
                name(it.key());
                variant(it.value());
            }
            return;
        }
        default: {
            // Front matter gives strings, lists and maps; anything else still round-trips.
            QByteArray blob;
            QDataStream stream(&blob, QIODevice::WriteOnly);
            stream << value;
            u(5);
            raw(blob);
            return;
        }
        }
    }

    // `withLinks`: the note's wikilinks too. An entry with facts leaves them out: the facts hold
    // them, resolved, and nothing reads a held note's links (a tenth of a warm load's memory).
    void note(const Note &note, bool withLinks)
    {
        i(note.size);
        i(note.modified.isValid() ? note.modified.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min());
        raw(note.contentHash);
        u(note.hasFrontMatter ? 1 : 0);
        i(note.bodyLine);
        name(note.type);
        s(note.title);
        date(note.date);
        name(note.person);
        list(note.participants);
        list(note.tags);
        list(note.aliases);
        name(note.source);
        s(note.sourceRef);
        variant(note.fields);
        raw(note.searchText);
        u(quint64(note.bodyLength));
        u(note.opensWithHeading ? 1 : 0);
        u(quint64(note.sections.size()));
        for (const Section &section : note.sections) {
            name(section.title);
            i(section.level);
            i(section.line);
        }
        const qsizetype links = withLinks ? note.links.size() : 0;
        u(quint64(links));
        for (qsizetype k = 0; k < links; ++k) {
            const WikiLink &link = note.links.at(k);
            name(link.target);
            name(link.heading);
            name(link.alias);
            i(link.line);
        }
        u(quint64(note.tasks.size()));
        for (const NoteTask &task : note.tasks)
            this->task(task);
        i(note.mojibakeRepairs);
        u(quint64(note.problems.size()));
        for (const Problem &problem : note.problems) {
            name(problem.file);
            i(problem.line);
            name(problem.message);
            u(problem.severity == Problem::Severity::Error ? 1 : 0);
        }
    }

    static constexpr quint64 HasDue = 1;

    void task(const NoteTask &task)
    {
        u(task.due.isValid() ? HasDue : 0);
        i(task.line);
        raw(task.rawLine);
        u(task.status);
        raw(task.descriptionUtf8);
        name(task.owner);
        i(qint64(task.priority));
        if (task.due.isValid())
            date(task.due);
    }

    // NoteFacts, their ids mapped through `remap` (IndexNames id -> the file's table; every id
    // the facts hold has a place there). What the note itself says (title, date, hashes) and
    // the group are not written: IndexFacts::complete() puts them back.
    static constexpr quint64 DefinesEntity = 1, Organisation = 2, IsMeeting = 4, Titled = 8;

    void facts(const NoteFacts &facts, const QList<int> &remap)
    {
        const auto id = [&](int value) { u(value < 0 ? 0 : quint64(remap.at(value)) + 1); };
        quint64 flags = facts.definesEntity ? DefinesEntity : 0;
        flags |= facts.kind == Entity::Kind::Organisation ? Organisation : 0;
        flags |= facts.meeting ? IsMeeting : 0;
        flags |= facts.titled ? Titled : 0;
        u(flags);
        if (facts.definesEntity) {
            list(facts.definedNames);
            u(quint64(facts.definedKeys.size()));
            for (const int key : facts.definedKeys)
                id(key);
            s(facts.typeEvidence);
        }
        u(quint64(facts.mentions.size()));
        for (const NoteFacts::Mention &mention : facts.mentions) {
            id(mention.key);
            id(mention.spelling);
            i(mention.line);
            u(quint64(mention.role) * 2 + (mention.open ? 1 : 0));
        }
        u(quint64(facts.links.size()));
        for (const NoteFacts::Link &link : facts.links) {
            id(link.target);
            id(link.key);
            id(link.spelling);
            i(link.line);
            u(link.noteLike ? 1 : 0);
        }
        id(facts.duplicateKey);
        u(quint64(facts.totalTasks));
        u(quint64(facts.openTasks));
    }

private:
    QHash<QString, quint32> m_names;
};

// Reads what Encoder wrote. Every read is bounds-checked; after the first failure everything
// reads as empty and ok() stays false.
class Decoder
{
public:
    explicit Decoder(QByteArrayView data) : m_p(data.data()), m_end(data.data() + data.size()) {}

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_p == m_end; }
    qsizetype remaining() const { return m_end - m_p; }

    quint64 u()
    {
        quint64 v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_p == m_end)
                return fail();
            const uchar byte = uchar(*m_p++);
            v |= quint64(byte & 0x7F) << shift;
            if (!(byte & 0x80))
                return v;
        }
        return fail();
    }
    qint64 i()
    {
        const quint64 v = u();
        return qint64(v >> 1) ^ -qint64(v & 1);
    }
    int i32()
    {
        const qint64 v = i();
        if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
            return int(fail());
        return int(v);
    }
    int n32()
    {
        const quint64 v = u();
        return v > quint64(std::numeric_limits<int>::max()) ? int(fail()) : int(v);
    }
    quint64 fixed64()
    {
        if (m_end - m_p < 8)
            return fail();
        quint64 v = 0;
        for (int k = 0; k < 8; ++k)
            v |= quint64(uchar(m_p[k])) << (8 * k);
        m_p += 8;
        return v;
    }
    QByteArrayView raw()
    {
        const quint64 length = u();
        if (!m_ok || length > quint64(m_end - m_p)) {
            fail();
            return {};
        }
        const QByteArrayView view(m_p, qsizetype(length));
        m_p += length;
        return view;
    }
    QString s()
    {
        const QByteArrayView bytes = raw();
        // Exactly: a task's raw line may open with a BOM (write-back finds the task by it).
        return bytes.isEmpty() ? QString() : utf8::decodeExact(bytes);
    }
    // What Encoder::name() wrote: a shared copy of the chunk's table entry.
    QString name()
    {
        const quint64 tag = u();
        if (tag == 0)
            return QString();
        if (tag == 1) {
            m_names.append(s());
            return m_names.constLast();
        }
        if (tag - 2 >= quint64(m_names.size()))
            return (fail(), QString());
        return m_names.at(qsizetype(tag - 2));
    }
    // A count of items that each take at least one byte: larger than what is left means damage.
    qsizetype count()
    {
        const quint64 n = u();
        if (n > quint64(m_end - m_p))
            return qsizetype(fail());
        return qsizetype(n);
    }
    QStringList list()
    {
        QStringList out;
        const qsizetype n = count();
        out.reserve(n);
        for (qsizetype k = 0; k < n && m_ok; ++k)
            out.append(name());
        return out;
    }
    QDate date()
    {
        const qint64 jd = i();
        return jd == std::numeric_limits<qint64>::min() ? QDate() : QDate::fromJulianDay(jd);
    }

    QVariant variant(int depth = 0)
    {
        if (depth > kMaxVariantDepth) {
            fail();
            return {};
        }
        switch (u()) {
        case 0: return {};
        case 1: return name();
        case 2: return list();
        case 3: {
            QVariantList items;
            const qsizetype n = count();
            for (qsizetype k = 0; k < n && m_ok; ++k)
                items.append(variant(depth + 1));
            return items;
        }
        case 4: {
            QVariantMap map;
            const qsizetype n = count();
            for (qsizetype k = 0; k < n && m_ok; ++k) {
                const QString key = name();
                map.insert(key, variant(depth + 1));
            }
            return map;
        }
        case 5: {
            const QByteArray blob = raw().toByteArray();
            QDataStream stream(blob);
            QVariant value;
            stream >> value;
            if (stream.status() != QDataStream::Ok)
                fail();
            return value;
        }
        default:
            fail();
            return {};
        }
    }

    void note(Note &note)
    {
        note.size = i();
        const qint64 modified = i();
        note.modified = modified == std::numeric_limits<qint64>::min() ? QDateTime()
                                                                     : QDateTime::fromMSecsSinceEpoch(modified, Qt::UTC);
        note.contentHash = raw().toByteArray();
        note.hasFrontMatter = u() != 0;
        note.bodyLine = i32();
        note.type = name();
        note.title = s();
        note.date = date();
        note.person = name();
        note.participants = list();
        note.tags = list();
        note.aliases = list();
        note.source = name();
        note.sourceRef = s();
        const QVariant fields = variant();
        if (fields.typeId() != QMetaType::QVariantMap)
            fail();
        note.fields = fields.toMap();
        note.searchText = raw().toByteArray();
        note.bodyLength = qsizetype(u());
        note.opensWithHeading = u() != 0;
        if (const qsizetype n = count(); n > 0) {
            note.sections.reserve(n);
            for (qsizetype k = 0; k < n && m_ok; ++k) {
                Section &section = note.sections.emplace_back();
                section.title = name();
                section.level = i32();
                section.line = i32();
            }
        }
        if (const qsizetype n = count(); n > 0) {
            note.links.reserve(n);
            for (qsizetype k = 0; k < n && m_ok; ++k) {
                WikiLink &link = note.links.emplace_back();
                link.target = name();
                link.heading = name();
                link.alias = name();
                link.line = i32();
            }
        }
        if (const qsizetype n = count(); n > 0) {
            note.tasks.reserve(n);
            for (qsizetype k = 0; k < n && m_ok; ++k)
                task(note.tasks.emplace_back());
        }
        note.mojibakeRepairs = i32();
        for (qsizetype n = count(); n > 0 && m_ok; --n) {
            Problem problem;
            problem.file = name();
            problem.line = i32();
            problem.message = name();
            problem.severity = u() != 0 ? Problem::Severity::Error : Problem::Severity::Warning;
            note.problems.append(std::move(problem));
        }
    }

    void task(NoteTask &task)
    {
        const quint64 bits = u();
        task.line = i32();
        task.rawLine = raw().toByteArray();
        task.status = char32_t(u());
        task.descriptionUtf8 = raw().toByteArray();
        task.owner = name();
        const qint64 priority = i();
        if (priority < 0 || priority > qint64(Priority::Lowest))
            fail();
        task.priority = Priority(priority);
        if (bits & Encoder::HasDue)
            task.due = date();
    }

    // What Encoder::facts() wrote; every id below `names`, the size of the file's table.
    void facts(NoteFacts &facts, qsizetype names)
    {
        const auto id = [&]() -> int {
            const quint64 value = u();
            if (value > quint64(names))
                return int(fail()) - 1;
            return int(value) - 1;
        };
        const quint64 flags = u();
        facts.definesEntity = (flags & Encoder::DefinesEntity) != 0;
        facts.kind = (flags & Encoder::Organisation) ? Entity::Kind::Organisation : Entity::Kind::Person;
        facts.meeting = (flags & Encoder::IsMeeting) != 0;
        facts.titled = (flags & Encoder::Titled) != 0;
        if (facts.definesEntity) {
            facts.definedNames = list();
            const qsizetype keys = count();
            facts.definedKeys.reserve(keys);
            for (qsizetype k = 0; k < keys && m_ok; ++k)
                facts.definedKeys.append(id());
            facts.typeEvidence = s();
        }
        if (const qsizetype n = count(); n > 0) {
            facts.mentions.reserve(n);
            for (qsizetype k = 0; k < n && m_ok; ++k) {
                NoteFacts::Mention &mention = facts.mentions.emplace_back();
                mention.key = id();
                mention.spelling = id();
                mention.line = i32();
                const quint64 roleAndOpen = u();
                if (roleAndOpen / 2 > quint64(NoteFacts::Role::Link))
                    fail();
                mention.role = NoteFacts::Role(roleAndOpen / 2);
                mention.open = (roleAndOpen & 1) != 0;
            }
        }
        if (const qsizetype n = count(); n > 0) {
            facts.links.reserve(n);
            for (qsizetype k = 0; k < n && m_ok; ++k) {
                NoteFacts::Link &link = facts.links.emplace_back();
                link.target = id();
                link.key = id();
                link.spelling = id();
                link.line = i32();
                link.noteLike = u() != 0;
            }
        }
        facts.duplicateKey = id();
        facts.totalTasks = n32();
        facts.openTasks = n32();
        // What every worked-out fact satisfies, and what entities are resolved on: a file with
        // valid checksums but other facts (written by hand) is damage too.
        if (facts.definesEntity && (facts.definedNames.isEmpty() || facts.definedKeys.size() != facts.definedNames.size()))
            fail();
        for (const NoteFacts::Mention &mention : std::as_const(facts.mentions)) {
            if (mention.key < 0 || mention.spelling < 0)
                fail();
        }
        for (const NoteFacts::Link &link : std::as_const(facts.links)) {
            if ((link.key < 0) != (link.spelling < 0))
                fail();
        }
        for (const int key : std::as_const(facts.definedKeys)) {
            if (key < 0)
                fail();
        }
        if (facts.openTasks > facts.totalTasks)
            fail();
    }

private:
    quint64 fail()
    {
        m_ok = false;
        m_p = m_end;
        return 0;
    }

    const char *m_p;
    const char *m_end;
    bool m_ok = true;
    QList<QString> m_names;   // what Encoder::name() wrote so far in this chunk
};

struct Chunk
{
    qsizetype offset = 0;   // from the start of the chunk area
    qsizetype length = 0;
    qsizetype count = 0;
    quint64 checksum = 0;
};

QString vaultKey(const QString &canonicalRoot)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonicalRoot.toUtf8(), QCryptographicHash::Sha1).toHex().left(24));
}

} // namespace

IndexCache::IndexCache(const QString &canonicalRoot)
    : m_root(canonicalRoot)
    , m_filePath(directory() + QLatin1Char('/') + vaultKey(canonicalRoot) + QLatin1String(".idx"))
{
}

bool IndexCache::isEnabled()
{
    return g_enabled.load();
}

void IndexCache::setEnabled(bool enabled)
{
    g_enabled = enabled;
}

QString IndexCache::directory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QLatin1String("/minutes/index");
}

QByteArray IndexCache::buildId()
{
    // The executable's size and mtime: a rebuilt or upgraded parser never trusts older entries.
    static const QByteArray id = [] {
        const QFileInfo exe(QStringLiteral("/proc/self/exe"));
        const QFileInfo target(exe.symLinkTarget().isEmpty() ? exe.filePath() : exe.symLinkTarget());
        return QByteArray(MINUTES_VERSION) + ' ' + QByteArray::number(target.size()) + ' '
               + QByteArray::number(target.lastModified().toMSecsSinceEpoch());
    }();
    return id;
}

QByteArray IndexCache::encode(const QString &canonicalRoot, const QList<Entry> &entries, const QStringList &names)
{
    // The table holds only the strings some entry's facts use, in order of first use: a table
    // carried over from load to load would keep the names of notes long gone.
    QList<int> remap(names.size(), -1);
    QStringList table;
    QList<bool> withFacts(entries.size(), false);
    for (qsizetype k = 0; k < entries.size(); ++k) {
        const std::optional<NoteFacts> &facts = entries.at(k).facts;
        if (!facts)
            continue;
        bool known = true;
        IndexFacts::forEachId(*facts, [&](int id) { known = known && id < names.size(); });
        if (!known)
            continue;   // not from this table: left out, the next load works them out again
        withFacts[k] = true;
        IndexFacts::forEachId(*facts, [&](int id) {
            if (id >= 0 && remap.at(id) < 0) {
                remap[id] = int(table.size());
                table.append(names.at(id));
            }
        });
    }

    // Written in path order, each path once (the last given): a load pairs them with the files
    // it finds in one pass.
    QList<qsizetype> order(entries.size());
    std::iota(order.begin(), order.end(), qsizetype(0));
    const auto pathBefore = [&entries](qsizetype a, qsizetype b) {
        return entries.at(a).note.relativePath < entries.at(b).note.relativePath;
    };
    if (!std::is_sorted(order.cbegin(), order.cend(), pathBefore))
        std::stable_sort(order.begin(), order.end(), pathBefore);
    const auto samePath = [&entries](qsizetype a, qsizetype b) {
        return entries.at(a).note.relativePath == entries.at(b).note.relativePath;
    };
    order.erase(order.begin(), std::unique(order.rbegin(), order.rend(), samePath).base());

    QList<qsizetype> starts;
    for (qsizetype start = 0; start < order.size(); start += kEntriesPerChunk)
        starts.append(start);
    const QList<QByteArray> chunks = QtConcurrent::blockingMapped<QList<QByteArray>>(computePool(), starts, [&](qsizetype start) {
        Encoder encoder;
        const qsizetype end = std::min(order.size(), start + kEntriesPerChunk);
        for (qsizetype i = start; i < end; ++i) {
            const qsizetype k = order.at(i);
            const Entry &entry = entries.at(k);
            encoder.s(entry.note.relativePath);
            encoder.u(quint64(entry.size));
            encoder.i(entry.mtimeNs);
            encoder.u(withFacts.at(k) ? 1 : 0);
            encoder.note(entry.note, !withFacts.at(k));
            if (withFacts.at(k))
                encoder.facts(*entry.facts, remap);
        }
        return encoder.bytes;
    });
    Encoder tableBlock;
    for (const QString &text : std::as_const(table))
        tableBlock.s(text);

    Encoder header;
    header.bytes.append(kMagic, sizeof kMagic);
    header.u(FormatVersion);
    header.raw(buildId());
    header.s(canonicalRoot);
    header.u(quint64(table.size()));
    header.u(quint64(tableBlock.bytes.size()));
    header.fixed64(checksum(tableBlock.bytes));
    header.u(quint64(chunks.size()));
    qsizetype offset = tableBlock.bytes.size();
    for (qsizetype k = 0; k < chunks.size(); ++k) {
        const qsizetype count = std::min(kEntriesPerChunk, order.size() - starts.at(k));
        header.u(quint64(offset));
        header.u(quint64(chunks.at(k).size()));
        header.u(quint64(count));
        header.fixed64(checksum(chunks.at(k)));
        offset += chunks.at(k).size();
    }
    header.fixed64(checksum(header.bytes));
    QByteArray out = std::move(header.bytes);
    out.reserve(out.size() + offset);
    out.append(tableBlock.bytes);
    for (const QByteArray &chunk : chunks)
        out.append(chunk);
    return out;
}

std::optional<IndexCache::Contents> IndexCache::decode(QByteArrayView bytes, const QString &canonicalRoot)
{
    if (bytes.size() < qsizetype(sizeof kMagic) || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
        qCInfo(lcCache) << "not an index file";
        return std::nullopt;
    }
    Decoder header(bytes.sliced(sizeof kMagic));
    const quint64 version = header.u();
    const QByteArrayView build = header.raw();
    if (!header.ok() || version != FormatVersion || build != buildId()) {
        qCInfo(lcCache) << "index written by another version; rebuilding";
        return std::nullopt;
    }
    const QString root = header.s();
    if (!header.ok() || root != canonicalRoot) {
        qCInfo(lcCache) << "index belongs to another vault:" << root;
        return std::nullopt;
    }
    Chunk table;
    table.count = header.count();
    table.length = qsizetype(header.u());
    table.checksum = header.fixed64();
    QList<Chunk> chunks;
    const qsizetype chunkCount = header.count();
    for (qsizetype k = 0; k < chunkCount && header.ok(); ++k) {
        Chunk chunk;
        chunk.offset = qsizetype(header.u());
        chunk.length = qsizetype(header.u());
        chunk.count = qsizetype(header.u());
        chunk.checksum = header.fixed64();
        chunks.append(chunk);
    }
    const qsizetype headerEnd = bytes.size() - qsizetype(header.remaining());
    const quint64 headerSum = header.fixed64();
    if (!header.ok() || headerSum != checksum(bytes.first(headerEnd))) {
        qCInfo(lcCache) << "index header is damaged; rebuilding";
        return std::nullopt;
    }
    const QByteArrayView area = bytes.sliced(headerEnd + 8);
    if (table.length < 0 || table.length > area.size()) {
        qCInfo(lcCache) << "index is truncated; rebuilding";
        return std::nullopt;
    }
    // The chunks follow the table and each other, as written: so they never overlap, and the
    // entries they hold can never be more than the file has bytes.
    QList<qsizetype> firstEntry;
    qsizetype entryCount = 0;
    qsizetype next = table.length;
    for (const Chunk &chunk : std::as_const(chunks)) {
        if (chunk.offset != next || chunk.length < 0 || chunk.length > area.size() - chunk.offset) {
            qCInfo(lcCache) << "index is truncated; rebuilding";
            return std::nullopt;
        }
        next += chunk.length;
        if (chunk.count < 0 || chunk.count > chunk.length) {   // every entry takes bytes
            qCInfo(lcCache) << "index is damaged; rebuilding";
            return std::nullopt;
        }
        firstEntry.append(entryCount);
        entryCount += chunk.count;
    }

    // The table is read while the chunks are: they need only its size.
    QFuture<std::optional<IndexNames>> names = QtConcurrent::run(workPool(), [&]() -> std::optional<IndexNames> {
        const QByteArrayView data = area.first(table.length);
        if (checksum(data) != table.checksum)
            return std::nullopt;
        Decoder decoder(data);
        QStringList texts;
        texts.reserve(table.count);
        for (qsizetype k = 0; k < table.count && decoder.ok(); ++k)
            texts.append(decoder.s());
        if (!decoder.ok() || !decoder.atEnd())
            return std::nullopt;
        return IndexNames::fromTexts(std::move(texts));
    });
    // Every chunk decodes straight into its place in one list.
    Contents contents;
    contents.entries.resize(entryCount);
    Entry *slots = contents.entries.data();
    std::atomic_bool damaged{false};
    forEachIndex(computePool(), chunks.size(), [&](qsizetype c) {
        const Chunk &chunk = chunks.at(c);
        const QByteArrayView data = area.sliced(chunk.offset, chunk.length);
        if (damaged || checksum(data) != chunk.checksum) {
            damaged = true;
            return;
        }
        Decoder decoder(data);
        Entry *entry = slots + firstEntry.at(c);
        for (qsizetype k = 0; k < chunk.count && decoder.ok(); ++k, ++entry) {
            entry->note.relativePath = decoder.s();
            entry->size = qint64(decoder.u());
            entry->mtimeNs = decoder.i();
            const bool withFacts = decoder.u() != 0;
            decoder.note(entry->note);
            if (withFacts) {
                NoteFacts &facts = entry->facts.emplace();
                decoder.facts(facts, table.count);
                facts.path = entry->note.relativePath;
            }
        }
        if (!decoder.ok() || !decoder.atEnd())
            damaged = true;
    });
    std::optional<IndexNames> decodedNames = names.takeResult();
    // Written in path order, each path once: anything else is damage too.
    for (qsizetype k = 1; k < contents.entries.size() && !damaged; ++k) {
        if (!(contents.entries.at(k - 1).note.relativePath < contents.entries.at(k).note.relativePath))
            damaged = true;
    }
    if (damaged || !decodedNames) {
        qCInfo(lcCache) << "index is damaged; rebuilding";
        return std::nullopt;
    }
    contents.names = std::move(*decodedNames);
    return contents;
}

const IndexCache::Entry *IndexCache::Contents::find(const QString &relativePath) const
{
    const auto at = std::lower_bound(entries.cbegin(), entries.cend(), relativePath,
                                     [](const Entry &entry, const QString &path) { return entry.note.relativePath < path; });
    return at != entries.cend() && at->note.relativePath == relativePath ? &*at : nullptr;
}

IndexCache::Contents IndexCache::read() const
{
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (file.exists())
            qCInfo(lcCache) << "cannot read" << m_filePath << file.errorString();
        return {};
    }
    const qint64 size = file.size();
    // Mapped rather than read: the chunks are decoded in place, in parallel.
    const uchar *mapped = size > 0 ? file.map(0, size) : nullptr;
    QByteArray copy;
    QByteArrayView bytes;
    if (mapped) {
        bytes = QByteArrayView(reinterpret_cast<const char *>(mapped), size);
    } else {
        copy = file.readAll();
        bytes = copy;
    }
    std::optional<Contents> contents = decode(bytes, m_root);
    if (!contents)
        qCInfo(lcCache) << "ignoring" << m_filePath;
    return contents ? std::move(*contents) : Contents{};
}

bool IndexCache::write(const QList<Entry> &entries, const QStringList &names) const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    QList<Entry> settled;
    settled.reserve(entries.size());
    for (const Entry &entry : entries) {
        if (entry.size >= 0 && entry.mtimeNs < now - kRacyNs)
            settled.append(entry);
    }
    const QByteArray bytes = encode(m_root, settled, names);
    if (!QDir().mkpath(directory())) {
        qCWarning(lcCache) << "cannot create" << directory();
        return false;
    }
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || file.write(bytes) != bytes.size() || !file.commit()) {
        qCWarning(lcCache) << "cannot write" << m_filePath << file.errorString();
        file.cancelWriting();
        return false;
    }
    qCDebug(lcCache) << "wrote" << settled.size() << "entries," << bytes.size() << "bytes to" << m_filePath;
    prune();
    return true;
}

void IndexCache::writeInBackground(QList<Entry> entries, QStringList names) const
{
    writePool()->start([cache = *this, entries = std::move(entries), names = std::move(names)] { cache.write(entries, names); });
}

void IndexCache::waitForBackgroundWrites()
{
    writePool()->waitForDone();
}

void IndexCache::prune() const
{
    QDir dir(directory());
    const QFileInfoList files =
        dir.entryInfoList({QStringLiteral("*.idx")}, QDir::Files, QDir::Time);   // newest first
    for (qsizetype k = MaxCachedVaults; k < files.size(); ++k) {
        if (files.at(k).absoluteFilePath() != m_filePath)
            QFile::remove(files.at(k).absoluteFilePath());
    }
    // A process killed while writing leaves QSaveFile's temporary file behind.
    const QDateTime stale = QDateTime::currentDateTimeUtc().addSecs(-3600);
    for (const QFileInfo &file : dir.entryInfoList({QStringLiteral("*.idx.*")}, QDir::Files)) {
        if (file.lastModified() < stale)
            QFile::remove(file.absoluteFilePath());
    }
}

} // namespace minutes
