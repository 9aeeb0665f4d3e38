#pragma once

#include <QByteArrayView>

#include <algorithm>
#include <vector>

namespace minutes {

// Offsets of every line of a note. Lines end at "\n", "\r\n" or a lone "\r", as md4c counts
// them. Notes are at most a few MiB, so 32-bit offsets do; a hostile file of newlines costs
// 4 bytes a line.
class LineTable final
{
public:
    explicit LineTable(QByteArrayView text);

    int count() const { return int(m_starts.size()); }
    qsizetype start(int line) const { return m_starts[size_t(line)]; }
    // Where the line's text ends, before its line ending.
    qsizetype end(int line) const
    {
        if (line + 1 >= count())
            return m_size;
        qsizetype end = m_starts[size_t(line) + 1] - 1;
        if (m_data[end] == '\n' && end > m_starts[size_t(line)] && m_data[end - 1] == '\r')
            --end;
        return end;
    }
    // 0-based index of the line holding `offset`.
    int indexOf(qsizetype offset) const
    {
        return int(std::upper_bound(m_starts.begin(), m_starts.end(), offset) - m_starts.begin()) - 1;
    }

private:
    const char *m_data;
    qsizetype m_size;
    std::vector<qint32> m_starts;
};

} // namespace minutes
