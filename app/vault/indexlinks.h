#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace minutes {

// Resolves wikilink targets to notes as Obsidian does, kept up to date one path at a time
// (IndexState's private helper). [[Name]] finds a note by base name (or file name) anywhere in the
// vault, the one nearest the root winning, then the first path; [[Folder/Name]] and [[Name.md]]
// find it by path (a path always beats a base name; of two equal paths ignoring case, the last).
// Keys are case-folded. A note claims two keys, its base name and its path without ".md": each
// also answers for itself with ".md" (the file name, the path), so that a vault's claims are half
// as many, and a winner is worked out when a key is looked up.
class IndexLinks final
{
public:
    // Replaces everything with the notes at `paths` (on every core; no key is reported changed).
    void build(const QStringList &paths);
    void add(const QString &path);
    void remove(const QString &path);

    // The note a link target names, or an empty string.
    QString resolve(const QString &target) const { return lookup(keyOf(target)); }
    QString lookup(const QString &key) const;
    // "Folder/Name#Heading|alias" -> "folder/name"; empty when it names nothing.
    static QString keyOf(const QString &target);

    // Keys whose note changed since the last call.
    QSet<QString> takeChangedKeys();
    // The same, left in place.
    const QSet<QString> &changedKeys() const { return m_changed; }

private:
    struct Claim
    {
        QString path;
        qsizetype depth = 0;
        bool byPath = false;
        bool alsoWithMd = false;   // the key + ".md" names the same note
    };
    using Claims = QList<QPair<QString, Claim>>;
    static Claims claimsOf(const QString &path);
    // The keys whose winner `claims` can decide.
    static QStringList keysOf(const Claims &claims);
    void markChanged(const QStringList &keys, const QStringList &winnersBefore);

    QHash<QString, QList<Claim>> m_claims;
    QSet<QString> m_changed;
};

} // namespace minutes
