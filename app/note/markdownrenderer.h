#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace minutes {

struct Note;

// The HTML of a rendered note body, for QTextBrowser.
struct RenderedMarkdown
{
    QString html;
    bool truncated = false;     // only the first MaxInputBytes were rendered
    qsizetype inputBytes = 0;   // UTF-8 size of the whole markdown
};

// Renders a note body to HTML with md4c-html (GitHub dialect, raw HTML escaped, never executed).
// Wikilinks become links with the `minutes-link:` scheme (long targets included, code left
// alone), task checkboxes become status glyphs, and task and heading lines get anchors named
// lineAnchor(line) so that a view can scroll to a line of the file. Input beyond MaxInputBytes is
// cut at a line boundary with a banner, because md4c 0.4.8 can be quadratic; still, call it off
// the GUI thread. Pure and thread-safe.
class MarkdownRenderer final
{
public:
    static constexpr qsizetype MaxInputBytes = 512 * 1024;

    struct Options
    {
        int firstLine = 1;                  // file line of the first markdown line
        QHash<int, char32_t> taskLines;     // file line -> status symbol of a task on it
        QList<int> anchorLines;             // further file lines to anchor (headings)
        qsizetype maxInputBytes = MaxInputBytes;
    };

    static RenderedMarkdown render(const QString &markdown, const Options &options);
    static RenderedMarkdown render(const QString &markdown) { return render(markdown, Options()); }
    // The body of `note`, with its tasks and sections as anchors.
    static RenderedMarkdown render(const Note &note);
    static Options optionsFor(const Note &note);

    static QString linkScheme() { return QStringLiteral("minutes-link"); }
    // "minutes-link:Rob%20Banga" for the wikilink target "Rob Banga" (heading included).
    static QUrl linkUrl(const QString &target);
    // The wikilink target of a minutes-link URL; nullopt for any other URL.
    static std::optional<QString> linkTarget(const QUrl &url);
    static QString lineAnchor(int line) { return QStringLiteral("L%1").arg(line); }
};

} // namespace minutes
