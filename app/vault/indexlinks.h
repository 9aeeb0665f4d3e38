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
// Keys are case-folded.
class IndexLinks final
{
public:
    // Replaces everything with the notes at `paths` (on every core; no key is reported changed).
    void build(const QStringList &paths);
    void add(const QString &path);
    void remove(const QString &path);

    // The note a link target names, or an empty string.
    QString resolve(const QString &target) const { return lookup(keyOf(target)); }
    QString lookup(const QString &key) const { return m_winner.value(key); }
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
    };
    static QList<QPair<QString, Claim>> claimsOf(const QString &path);
    static const Claim &winnerOf(const QList<Claim> &claims);
    void settle(const QString &key);

    QHash<QString, QList<Claim>> m_claims;
    QHash<QString, QString> m_winner;
    QSet<QString> m_changed;
};

} // namespace minutes
