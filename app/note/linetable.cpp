#include "note/linetable.h"

#include <cstring>
#include <limits>

namespace minutes {

LineTable::LineTable(QByteArrayView text) : m_data(text.data()), m_size(text.size())
{
    Q_ASSERT(m_size < std::numeric_limits<qint32>::max());
    m_starts.reserve(size_t(m_size / 40 + 2));
    if (m_size == 0) {
        // An empty view may have no data at all, and memchr must not see a null pointer.
        m_starts.push_back(0);
        return;
    }
    const bool hasCr = std::memchr(m_data, '\r', size_t(m_size)) != nullptr;
    qsizetype pos = 0;
    while (true) {
        m_starts.push_back(qint32(pos));
        qsizetype end;
        if (hasCr) {
            end = pos;
            while (end < m_size && m_data[end] != '\n' && m_data[end] != '\r')
                ++end;
        } else {
            const void *nl = std::memchr(m_data + pos, '\n', size_t(m_size - pos));
            end = nl ? static_cast<const char *>(nl) - m_data : m_size;
        }
        if (end >= m_size)
            break;
        pos = end + ((m_data[end] == '\r' && end + 1 < m_size && m_data[end + 1] == '\n') ? 2 : 1);
    }
}

} // namespace minutes
