#include "note/md4cpass.h"

#include <md4c.h>

#include <cstring>

namespace minutes {

namespace {

constexpr unsigned Md4cFlags = MD_FLAG_WIKILINKS | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
constexpr qsizetype Md4cPadding = 16;

QByteArray decodeEntity(QByteArrayView entity)
{
    static constexpr std::pair<const char *, const char *> Named[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", " "}};
    for (const auto &[name, value] : Named) {
        if (entity == QByteArrayView(name))
            return value;
    }
    if (entity.startsWith("&#") && entity.endsWith(";")) {
        bool ok = false;
        const QByteArrayView digits = entity.sliced(2, entity.size() - 3);
        const uint code = (digits.startsWith('x') || digits.startsWith('X'))
                              ? digits.sliced(1).toByteArray().toUInt(&ok, 16)
                              : digits.toByteArray().toUInt(&ok, 10);
        if (ok && code > 0 && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF)) {
            const char32_t c = code;
            return QString::fromUcs4(&c, 1).toUtf8();
        }
    }
    return entity.toByteArray();
}

// What the md4c callbacks collect for one chunk.
struct Md4cContext
{
    const char *buffer = nullptr;
    qsizetype size = 0;
    qsizetype base = 0;           // file offset of buffer[0]
    const LineTable *lines = nullptr;
    std::vector<quint8> *flags = nullptr;
    quint8 excludedFlag = 0;
    std::vector<Md4cPass::Range> *inlineRanges = nullptr;
    QList<Section> *sections = nullptr;

    int rawDepth = 0;             // inside a code or HTML block
    int headingLevel = 0;
    int headingLine = 0;
    QByteArray headingText;

    qsizetype offsetOf(const MD_CHAR *text) const
    {
        return (text >= buffer && text < buffer + size) ? base + (text - buffer) : -1;
    }
};

int onEnterBlock(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    auto *context = static_cast<Md4cContext *>(userdata);
    if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML) {
        ++context->rawDepth;
    } else if (type == MD_BLOCK_H) {
        context->headingLevel = int(static_cast<MD_BLOCK_H_DETAIL *>(detail)->level);
        context->headingLine = 0;
        context->headingText.clear();
    }
    return 0;
}

int onLeaveBlock(MD_BLOCKTYPE type, void *, void *userdata)
{
    auto *context = static_cast<Md4cContext *>(userdata);
    if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML) {
        --context->rawDepth;
    } else if (type == MD_BLOCK_H) {
        const QString title = QString::fromUtf8(context->headingText).simplified();
        if (!title.isEmpty() && context->headingLine > 0)
            context->sections->append({title, context->headingLevel, context->headingLine});
        context->headingLevel = 0;
    }
    return 0;
}

int onSpan(MD_SPANTYPE, void *, void *)
{
    return 0;
}

int onText(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    auto *context = static_cast<Md4cContext *>(userdata);
    if (context->rawDepth == 0 && context->headingLevel == 0 && type != MD_TEXT_CODE && type != MD_TEXT_HTML
        && type != MD_TEXT_LATEXMATH)
        return 0;   // ordinary text: found again by the line scan
    const qsizetype offset = context->offsetOf(text);
    if (context->rawDepth > 0) {
        if (offset >= 0 && size > 0) {
            const int first = context->lines->indexOf(offset);
            const int last = context->lines->indexOf(offset + qsizetype(size) - 1);
            for (int line = first; line <= last; ++line)
                (*context->flags)[size_t(line)] |= context->excludedFlag;
        }
        return 0;
    }
    if (offset >= 0 && (type == MD_TEXT_CODE || type == MD_TEXT_HTML || type == MD_TEXT_LATEXMATH))
        context->inlineRanges->emplace_back(offset, offset + qsizetype(size));
    if (context->headingLevel > 0) {
        if (context->headingLine == 0 && offset >= 0)
            context->headingLine = context->lines->indexOf(offset) + 1;
        switch (type) {
        case MD_TEXT_ENTITY:
            context->headingText += decodeEntity(QByteArrayView(text, size));
            break;
        case MD_TEXT_NULLCHAR:
            context->headingText += "\xEF\xBF\xBD";
            break;
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR:
            context->headingText += ' ';
            break;
        case MD_TEXT_HTML:
            break;
        default:
            context->headingText.append(text, size);
            break;
        }
    }
    return 0;
}

} // namespace

bool Md4cPass::parse(QByteArrayView text, qsizetype start, qsizetype end, const LineTable &lines,
                     const Output &output, QByteArray &scratch)
{
    const qsizetype size = end - start;
    scratch.resize(size + Md4cPadding);
    std::memcpy(scratch.data(), text.data() + start, size_t(size));
    std::memset(scratch.data() + size, 0, Md4cPadding);

    Md4cContext context;
    context.buffer = scratch.constData();
    context.size = size;
    context.base = start;
    context.lines = &lines;
    context.flags = output.lineFlags;
    context.excludedFlag = output.excludedFlag;
    context.inlineRanges = output.inlineRanges;
    context.sections = output.sections;

    MD_PARSER parser{};
    parser.flags = Md4cFlags;
    parser.enter_block = onEnterBlock;
    parser.leave_block = onLeaveBlock;
    parser.enter_span = onSpan;
    parser.leave_span = onSpan;
    parser.text = onText;
    return md_parse(context.buffer, MD_SIZE(size), &parser, &context) == 0;
}

} // namespace minutes
