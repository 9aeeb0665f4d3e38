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

} // namespace minutes
