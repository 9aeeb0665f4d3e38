#include "vault/indexnames.h"

namespace minutes {

int IndexNames::intern(const QString &text)
{
    const auto found = m_ids.constFind(text);
    if (found != m_ids.cend())
        return *found;
    const int id = int(m_texts.size());
    m_ids.insert(text, id);
    m_texts.append(text);
    return id;
}

std::optional<IndexNames> IndexNames::fromTexts(QStringList texts)
{
    IndexNames names;
    names.m_ids.reserve(texts.size());
    for (qsizetype id = 0; id < texts.size(); ++id) {
        names.m_ids.insert(texts.at(id), int(id));
        if (names.m_ids.size() != id + 1)   // the text was there already
            return std::nullopt;
    }
    names.m_texts = std::move(texts);
    return names;
}

} // namespace minutes
