#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace minutes {

struct Note;

// Lines of a note shown as escaped preformatted text instead of formatted markdown, and why.
struct PlainTextPart
{
    int firstLine = 0;          // file lines, inclusive
    int lastLine = 0;
    QString reason;
};

// The HTML of a rendered note body, for QTextBrowser.
struct RenderedMarkdown
{
    QString html;
    bool truncated = false;     // only the first MaxInputBytes were rendered
    qsizetype inputBytes = 0;   // UTF-8 size of the whole markdown
    QList<PlainTextPart> plainText;   // blocks md4c was spared, named in a notice atop the html
};

// Renders a note body to HTML with md4c-html (GitHub dialect, raw HTML escaped, never executed).
// Wikilinks become links with the `minutes-link:` scheme (long targets included, code left
// alone), task checkboxes become status glyphs, and task and heading lines get anchors named
// lineAnchor(line) so that a view can scroll to a line of the file. Input beyond MaxInputBytes is
// cut at a line boundary with a banner, because md4c 0.4.8 can be quadratic; still, call it off
// the GUI thread. Pure and thread-safe.
//
// Within that cap the work is bounded block by block (blocks are separated by blank lines):
// md4c 0.4.8 is quadratic in (brackets, emphasis and code marks) x (lines) of one paragraph and
// in the autolinks of one paragraph, so each block gets a cost estimate, and a block that is too
// costly, or nested too deeply for the reader, or over what is left of the note's WorkBudget, is
// shown as escaped preformatted text with a notice naming its lines. Every other block goes to
// md4c unchanged; a note with no such block is rendered by a single md4c call, as it always was.
class MarkdownRenderer final
{
public:
    static constexpr qsizetype MaxInputBytes = 512 * 1024;
    // Units are md4c marks x lines of a paragraph (plus autolinks squared); md4c 0.4.8 spends at
    // most ~3 ns per unit on the worst inputs measured, so a note's md4c time stays near 0.5 s.
    static constexpr qint64 WorkBudget = 150'000'000;
    static constexpr qsizetype MaxParagraphMarks = 65'536;   // beyond that, plain text
    static constexpr int MaxNesting = 32;                    // block quotes, list levels

    struct Options
    {
        int firstLine = 1;                  // file line of the first markdown line
        QHash<int, char32_t> taskLines;     // file line -> status symbol of a task on it
        QList<int> anchorLines;             // further file lines to anchor (headings)
        qsizetype maxInputBytes = MaxInputBytes;
        qint64 workBudget = WorkBudget;     // std::numeric_limits<qint64>::max(): unbounded
    };

    static RenderedMarkdown render(const QString &markdown, const Options &options);
    static RenderedMarkdown render(const QString &markdown) { return render(markdown, Options()); }
    // The body of `note`, with its tasks and sections as anchors.
    static RenderedMarkdown render(const Note &note);
    static Options optionsFor(const Note &note);
    // md4c-html (GitHub dialect, MD_FLAG_NOHTML) over `markdown` as it is, no wikilinks, tasks,
    // anchors or size cap, with the same per-block bounds. Where plainText is empty, html is
    // exactly md_html's output for markdown.toUtf8().
    static RenderedMarkdown markdownToHtml(const QString &markdown, qint64 workBudget = WorkBudget);

    static QString linkScheme() { return QStringLiteral("minutes-link"); }
    // "minutes-link:Rob%20Banga" for the wikilink target "Rob Banga" (heading included).
    static QUrl linkUrl(const QString &target);
    // The wikilink target of a minutes-link URL; nullopt for any other URL.
    static std::optional<QString> linkTarget(const QUrl &url);
    static QString lineAnchor(int line) { return QStringLiteral("L%1").arg(line); }
};

} // namespace minutes
