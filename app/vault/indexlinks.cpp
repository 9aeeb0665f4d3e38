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

IndexLinks::Claims IndexLinks::claimsOf(const QString &path)
{
    const qsizetype depth = path.count(QLatin1Char('/'));
    const qsizetype nameAt = path.lastIndexOf(QLatin1Char('/')) + 1;
    const QStringView fileName = QStringView(path).mid(nameAt);
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    const QStringView baseName = dot > 0 ? fileName.left(dot) : fileName;
    QStringView withoutExtension(path);
    if (withoutExtension.endsWith(QLatin1String(".md"), Qt::CaseInsensitive))
        withoutExtension.chop(3);
    // Case folding maps character by character: the keys are cut from the folded path when it
    // kept its length.
    const QString folded = withoutExtension.toString().toCaseFolded();
    const bool sameLength = folded.size() == withoutExtension.size();
    const QString nameKey = sameLength && baseName.data() + baseName.size() <= withoutExtension.data() + withoutExtension.size()
                                ? folded.mid(nameAt, baseName.size())
                                : linkKey(baseName);
    const bool nameWithMd = fileName.size() == baseName.size() + 3 && fileName.endsWith(QLatin1String(".md"), Qt::CaseInsensitive);
    const bool pathWithMd = withoutExtension.size() + 3 == path.size();
    Claims claims{{nameKey, Claim{path, depth, false, nameWithMd}}};
    if (!nameWithMd && fileName.size() != baseName.size())
        claims.append({linkKey(fileName), Claim{path, depth, false, false}});
    claims.append({sameLength ? folded : linkKey(withoutExtension), Claim{path, depth, true, pathWithMd}});
    return claims;
}

QStringList IndexLinks::keysOf(const Claims &claims)
{
    QStringList keys;
    for (const auto &[key, claim] : claims) {
        keys.append(key);
        if (claim.alsoWithMd)
            keys.append(key + QLatin1String(".md"));
    }
    keys.removeDuplicates();
    return keys;
}

void IndexLinks::build(const QStringList &paths)
{
    const QList<Claims> claimed = mapInOrder<Claims>(computePool(), paths, &IndexLinks::claimsOf);
    m_claims.clear();
    m_changed.clear();
    m_claims.reserve(paths.size() * 2);
    for (const Claims &claims : claimed) {
        for (const auto &[key, claim] : claims)
            m_claims[key].append(claim);
    }
}

void IndexLinks::add(const QString &path)
{
    const Claims claims = claimsOf(path);
    const QStringList keys = keysOf(claims);
    QStringList before;
    for (const QString &key : keys)
        before.append(lookup(key));
    for (const auto &[key, claim] : claims)
        m_claims[key].append(claim);
    markChanged(keys, before);
}

void IndexLinks::remove(const QString &path)
{
    const Claims claims = claimsOf(path);
    const QStringList keys = keysOf(claims);
    QStringList before;
    for (const QString &key : keys)
        before.append(lookup(key));
    for (const auto &[key, claim] : claims) {
        const auto found = m_claims.find(key);
        if (found == m_claims.end())
            continue;
        found->removeIf([&](const Claim &c) { return c.path == path; });
        if (found->isEmpty())
            m_claims.erase(found);
    }
    markChanged(keys, before);
}

QSet<QString> IndexLinks::takeChangedKeys()
{
    return std::exchange(m_changed, {});
}

QString IndexLinks::lookup(const QString &key) const
{
    // A path beats a base name; of two paths the greater; of two base names the one nearest the
    // root, then the lesser path.
    const Claim *best = nullptr;
    const auto consider = [&best](const Claim &claim) {
        if (!best) {
            best = &claim;
        } else if (claim.byPath != best->byPath) {
            if (claim.byPath)
                best = &claim;
        } else if (claim.byPath) {
            if (claim.path > best->path)
                best = &claim;
        } else if (claim.depth < best->depth || (claim.depth == best->depth && claim.path < best->path)) {
            best = &claim;
        }
    };
    if (const auto found = m_claims.constFind(key); found != m_claims.cend()) {
        for (const Claim &claim : *found)
            consider(claim);
    }
    if (key.endsWith(QLatin1String(".md"))) {
        if (const auto found = m_claims.constFind(key.chopped(3)); found != m_claims.cend()) {
            for (const Claim &claim : *found) {
                if (claim.alsoWithMd)
                    consider(claim);
            }
        }
    }
    return best ? best->path : QString();
}

void IndexLinks::markChanged(const QStringList &keys, const QStringList &winnersBefore)
{
    for (qsizetype k = 0; k < keys.size(); ++k) {
        if (lookup(keys.at(k)) != winnersBefore.at(k))
            m_changed.insert(keys.at(k));
    }
}

} // namespace minutes
