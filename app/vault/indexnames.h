#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace minutes {

// Interns the strings the index derives its people, organisations and meetings from (name keys,
// spellings, wikilink keys, duplicate keys) so that the passes over every note compare and look
// up small integers instead of hashing strings (IndexState's private helper). Ids are stable for
// the life of the table; it only grows.
class IndexNames final
{
public:
    int intern(const QString &text);
    // -1 when `text` was never interned.
    int find(const QString &text) const { return m_ids.value(text, -1); }
    const QString &text(int id) const { return m_texts.at(id); }
    int size() const { return int(m_texts.size()); }
    const QStringList &texts() const { return m_texts; }

    // A table whose ids are the positions of `texts` (the persistent index stores one). None
    // when a text appears twice: two ids for one string would make equal names unequal.
    static std::optional<IndexNames> fromTexts(QStringList texts);

private:
    QHash<QString, int> m_ids;
    QStringList m_texts;
};

} // namespace minutes
