#pragma once

#include <QImage>
#include <QPointer>
#include <QTextBrowser>

namespace minutes {

class VaultIndex;

// Shows one note (or a person's page): a header with date, participants, tags and versions,
// then the body rendered by MarkdownRenderer off the GUI thread. Links are never followed by Qt:
// wikilinks to a person or organisation ask for it to be selected, links to notes ask for the
// note, http(s) and mailto ask to be opened outside; everything else (file:, javascript:, data:)
// is refused. Images are served only from regular files inside the vault, size-capped.
// Follows the index: when the note (or the person) on screen changes on disk the page is redrawn
// in place, at the same scroll position; when the note is deleted a notice says so above the last
// version read, and a note moved elsewhere (same content under a new path) is followed.
class Reader final : public QTextBrowser
{
    Q_OBJECT
public:
    static constexpr qint64 MaxImageBytes = 10 * 1024 * 1024;
    static constexpr int MaxImageWidth = 720;

    explicit Reader(QWidget *parent = nullptr);

    void setIndex(const VaultIndex *index);
    // Shows the note at `relativePath`, scrolled to `line` (1-based file line) when given.
    void showNote(const QString &relativePath, int line = 0);
    // A page about a person or organisation: who, how often met, and their own note if any.
    void showEntity(const QString &name);
    // A short page with no note (before loading, or with an empty vault).
    void showMessage(const QString &title, const QString &text);

    QString currentPath() const { return m_path; }
    QString currentEntity() const { return m_entity; }
    bool isRendering() const { return m_rendering; }
    // The note on screen was deleted (or moved away) on disk; the page says so.
    bool isCurrentNoteGone() const { return m_gone; }

    // What a click on `url` does; public so that tests can drive it as a click would.
    void activateLink(const QUrl &url);

    // Images: a regular file inside the vault, at most MaxImageBytes, else blockedImage().
    // Anything else: an empty byte array. Never an invalid QVariant (Qt would then read the file).
    QVariant loadResource(int type, const QUrl &name) override;
    QImage blockedImage() const;

Q_SIGNALS:
    void entityActivated(const QString &name);
    void noteActivated(const QString &relativePath, int line);
    void externalLinkRequested(const QUrl &url);
    void linkRefused(const QUrl &url, const QString &reason);
    // The page for the current note or entity is on screen.
    void rendered();
    // The note on screen changed on disk and the page was redrawn with it.
    void refreshed(const QString &relativePath);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void render(const QString &headerHtml, const QString &notePath, int line, bool skipTitle = false);
    void notesChanged(const QStringList &added, const QStringList &changed, const QStringList &removed);
    void showGone();
    void applyStyleSheet();
    void updateMargins();
    void highlightLine(int line);
    QString noteHeader(const QString &relativePath) const;
    QString entityLink(const QString &name) const;
    QString imagePath(const QUrl &url) const;
    int lineOfHeading(const QString &relativePath, const QString &heading) const;

    QPointer<const VaultIndex> m_index;
    QMetaObject::Connection m_indexConnection;
    QString m_path;
    QString m_entity;
    int m_generation = 0;
    bool m_rendering = false;
    bool m_gone = false;
    int m_restoreScroll = -1;     // the next render keeps this scroll position (a refresh)
    QString m_shownHeader;        // the page as last drawn, for the notice of a deleted note
    QString m_shownBody;
    QByteArray m_shownHash;       // content hash of the note on screen (to follow a move)
};

} // namespace minutes
