#pragma once

#include "note/linetable.h"
#include "note/note.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <utility>
#include <vector>

namespace minutes {

// One md4c 0.4.8 pass over whole lines of a note, reduced to what the scan needs: which lines
// are code or HTML blocks, where inline code and inline HTML are, and the headings with their
// text. md4c reads a byte past its input in places (PITFALLS.md): it gets a zero-padded copy.
class Md4cPass final
{
public:
    using Range = std::pair<qsizetype, qsizetype>;   // file offsets [first, second)

    struct Output
    {
        std::vector<quint8> *lineFlags = nullptr;    // per line of `lines`
        quint8 excludedFlag = 0;                     // or-ed into lines inside code or HTML blocks
        std::vector<Range> *inlineRanges = nullptr;  // appended in file order
        QList<Section> *sections = nullptr;          // appended in file order
    };

    // Parses text[start, end). `scratch` is reused between calls. False when md4c fails.
    static bool parse(QByteArrayView text, qsizetype start, qsizetype end, const LineTable &lines,
                      const Output &output, QByteArray &scratch);
};

} // namespace minutes
