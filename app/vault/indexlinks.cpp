#include "vault/indexlinks.h"

#include "core/workpool.h"

#include <utility>

namespace minutes {

namespace {

QString linkKey(QStringView name)
{
    return name.toString().toCaseFolded();
}

} // namespace

QString IndexLinks::keyOf(const QString &target)
{
    QString t = target.trimmed();
    const qsizetype cut = t.indexOf(QLatin1Char('|'));
    if (cut >= 0)
        t.truncate(cut);
    const qsizetype heading = t.indexOf(QLatin1Char('#'));
    if (heading >= 0)
        t.truncate(heading);
    t = t.trimmed();
    while (t.startsWith(QLatin1String("./")))
        t.remove(0, 2);
    while (t.startsWith(QLatin1Char('/')))
        t.remove(0, 1);
    return t.isEmpty() ? QString() : linkKey(t);
}

QList<QPair<QString, IndexLinks::Claim>> IndexLinks::claimsOf(const QString &path)
{
    const qsizetype depth = path.count(QLatin1Char('/'));
    const QStringView fileName = QStringView(path).mid(path.lastIndexOf(QLatin1Char('/')) + 1);
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    const QStringView baseName = dot > 0 ? fileName.left(dot) : fileName;
    QStringView withoutExtension(path);
    if (withoutExtension.endsWith(QLatin1String(".md"), Qt::CaseInsensitive))
        withoutExtension.chop(3);
    return {
        {linkKey(baseName), Claim{path, depth, false}},
        {linkKey(fileName), Claim{path, depth, false}},
        {linkKey(path), Claim{path, depth, true}},
        {linkKey(withoutExtension), Claim{path, depth, true}},
    };
}

void IndexLinks::build(const QStringList &paths)
{
    using Claims = QList<QPair<QString, Claim>>;
    const QList<Claims> claimed = mapInOrder<Claims>(computePool(), paths, &IndexLinks::claimsOf);
    m_claims.clear();
    m_winner.clear();
    m_changed.clear();
    m_claims.reserve(paths.size() * 3);
    for (const Claims &claims : claimed) {
        for (const auto &[key, claim] : claims)
            m_claims[key].append(claim);
    }
    m_winner.reserve(m_claims.size());
    for (auto it = m_claims.cbegin(); it != m_claims.cend(); ++it)
        m_winner.insert(it.key(), winnerOf(*it).path);
}

void IndexLinks::add(const QString &path)
{
    for (const auto &[key, claim] : claimsOf(path)) {
        m_claims[key].append(claim);
        settle(key);
    }
}

void IndexLinks::remove(const QString &path)
{
    for (const auto &[key, claim] : claimsOf(path)) {
        const auto found = m_claims.find(key);
        if (found == m_claims.end())
            continue;
        found->removeIf([&](const Claim &c) { return c.path == path; });
        if (found->isEmpty())
            m_claims.erase(found);
        settle(key);
    }
}

QSet<QString> IndexLinks::takeChangedKeys()
{
    return std::exchange(m_changed, {});
}

const IndexLinks::Claim &IndexLinks::winnerOf(const QList<Claim> &claims)
{
    const Claim *best = &claims.front();
    for (const Claim &claim : claims) {
        if (claim.byPath != best->byPath) {
            if (claim.byPath)
                best = &claim;
        } else if (claim.byPath) {
            if (claim.path > best->path)
                best = &claim;
        } else if (claim.depth < best->depth || (claim.depth == best->depth && claim.path < best->path)) {
            best = &claim;
        }
    }
    return *best;
}

void IndexLinks::settle(const QString &key)
{
    const auto claims = m_claims.constFind(key);
    const QString winner = claims != m_claims.cend() ? winnerOf(*claims).path : QString();
    const QString previous = m_winner.value(key);
    if (previous == winner)
        return;
    if (winner.isEmpty())
        m_winner.remove(key);
    else
        m_winner.insert(key, winner);
    m_changed.insert(key);
}

} // namespace minutes
