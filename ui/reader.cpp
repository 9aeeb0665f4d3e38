#include "reader.h"
#include "core/workpool.h"
#include "models/counted.h"

#include "note/markdownrenderer.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace minutes {

namespace {

QString noteScheme()
{
    return QStringLiteral("minutes-note");
}

QUrl noteUrl(const QString &relativePath)
{
    QUrl url;
    url.setScheme(noteScheme());
    url.setPath(relativePath, QUrl::DecodedMode);
    return url;
}

QString href(const QUrl &url)
{
    return QString::fromLatin1(url.toEncoded()).toHtmlEscaped();
}

bool isInside(const QString &canonicalPath, const QString &canonicalRoot)
{
    if (canonicalRoot.isEmpty() || canonicalPath.isEmpty())
        return false;
    if (canonicalRoot == QLatin1String("/"))
        return true;
    return canonicalPath.startsWith(canonicalRoot + QLatin1Char('/'));
}

// Reads a regular file of at most `limit` bytes without ever blocking on a FIFO or a device.
std::optional<QByteArray> readRegularFile(const QString &path, qint64 limit)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return std::nullopt;
    struct stat st = {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > limit) {
        ::close(fd);
        return std::nullopt;
    }
    QByteArray bytes(qsizetype(st.st_size), Qt::Uninitialized);
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    ::close(fd);
    bytes.truncate(done);
    return bytes;
}

// The body of a note as the file holds it now, rendered; `skipTitle` drops its leading "# Name"
// heading (a page that already shows the name). A note that cannot be read says why.
RenderedMarkdown renderFromDisk(const QString &root, const QString &notePath, bool skipTitle)
{
    Problems problems;
    const std::optional<Note> note = VaultLoader::readNote(root, notePath, &problems);
    if (!note) {
        QStringList reasons;
        for (const Problem &problem : std::as_const(problems))
            reasons.append(problem.message.toHtmlEscaped());
        RenderedMarkdown page;
        page.html = QStringLiteral("<p class=\"banner\">%1</p>")
                        .arg(reasons.isEmpty() ? Reader::tr("This note cannot be read.").toHtmlEscaped()
                                               : reasons.join(QStringLiteral("<br>")));
        return page;
    }
    QString body = note->body;
    MarkdownRenderer::Options options = MarkdownRenderer::optionsFor(*note);
    if (skipTitle) {
        qsizetype start = 0;
        int skipped = 0;
        while (start < body.size()) {
            const qsizetype end = body.indexOf(QLatin1Char('\n'), start);
            const QStringView text = QStringView(body).mid(start, (end < 0 ? body.size() : end) - start).trimmed();
            ++skipped;
            start = end < 0 ? body.size() : end + 1;
            if (text.isEmpty())
                continue;
            if (text.startsWith(QLatin1String("# "))) {
                body.remove(0, start);
                options.firstLine += skipped;
            }
            break;
        }
    }
    return MarkdownRenderer::render(body, options);
}

} // namespace

Reader::Reader(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("reader"));
    setAccessibleName(tr("Note reader"));
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    applyStyleSheet();
    connect(this, &QTextBrowser::anchorClicked, this, &Reader::activateLink);
}

void Reader::setIndex(const VaultIndex *index)
{
    disconnect(m_indexConnection);
    m_index = index;
    if (index)
        m_indexConnection = connect(index, &VaultIndex::notesChanged, this, &Reader::notesChanged);
}

void Reader::notesChanged(const QStringList &added, const QStringList &changed, const QStringList &removed)
{
    if (!m_index)
        return;
    if (!m_entity.isEmpty()) {
        // A person's page gathers from the whole vault; redraw it where the reader is.
        if (m_index->entity(m_entity)) {
            m_restoreScroll = verticalScrollBar()->value();
            showEntity(m_entity);
        }
        return;
    }
    if (m_path.isEmpty())
        return;
    const Note *note = m_index->note(m_path);
    if (!note) {
        if (m_gone || !removed.contains(m_path))
            return;
        // Moved or renamed: the same bytes under a new name are followed.
        for (const QString &path : added) {
            const Note *moved = m_index->note(path);
            if (moved && !m_shownHash.isEmpty() && moved->contentHash == m_shownHash) {
                m_restoreScroll = verticalScrollBar()->value();
                showNote(path);
                return;
            }
        }
        showGone();
        return;
    }
    // The note itself, or another version of its meeting (the header lists them), changed.
    QStringList concerned{m_path};
    if (const Meeting *meeting = m_index->meetingForNote(m_path))
        concerned.append(meeting->versions);
    const auto touches = [&](const QStringList &paths) {
        return std::any_of(paths.cbegin(), paths.cend(), [&](const QString &path) { return concerned.contains(path); });
    };
    if (!m_gone && !touches(added) && !touches(changed) && !touches(removed))
        return;
    // Back after a delete (restored, or an editor that deletes before it writes) or changed.
    m_gone = false;
    m_restoreScroll = verticalScrollBar()->value();
    const QString path = m_path;
    render(noteHeader(path), path, 0);
    Q_EMIT refreshed(path);
}

void Reader::showGone()
{
    ++m_generation;   // a render still running is for the note that is gone
    m_rendering = false;
    m_gone = true;
    const int scroll = verticalScrollBar()->value();
    const QString notice = tr("%1 was deleted or moved away on disk. Below is the last version Minutes read.")
                               .arg(m_path.section(QLatin1Char('/'), -1));
    setHtml(QStringLiteral("<p class=\"banner\"><b>%1</b></p>").arg(notice.toHtmlEscaped()) + m_shownHeader + m_shownBody);
    verticalScrollBar()->setValue(scroll);
    Q_EMIT rendered();
}

void Reader::applyStyleSheet()
{
    const QPalette p = palette();
    const qreal base = font().pointSizeF() > 0 ? font().pointSizeF() : 10.0;
    const QString css = QStringLiteral(
        "h1 { font-size: %1pt; font-weight: 600; margin-top: 2px; margin-bottom: 10px; }"
        "h2 { font-size: %2pt; font-weight: 600; margin-top: 20px; margin-bottom: 6px; }"
        "h3, h4, h5, h6 { font-size: %3pt; font-weight: 600; margin-top: 14px; margin-bottom: 4px; }"
        "p { margin-top: 4px; margin-bottom: 8px; line-height: 135%; }"
        "li { margin-bottom: 4px; line-height: 130%; }"
        "a { color: %4; text-decoration: none; }"
        ".meta { color: %5; margin-bottom: 2px; }"
        ".tags { color: %5; }"
        ".versions { color: %5; }"
        ".banner { background-color: %6; color: %7; }"
        ".done { color: %5; }"
        ".task-open, .task-progress { color: %7; }"
        ".task-done, .task-cancelled { color: %5; }"
        "code { font-family: monospace; background-color: %6; }"
        "pre { font-family: monospace; background-color: %6; }"
        "table.md { border-collapse: collapse; margin-top: 6px; margin-bottom: 10px; }"
        "td, th { border: 1px solid %8; padding: 4px; }"
        "blockquote { color: %5; margin-left: 12px; }")
        .arg(base * 1.7, 0, 'f', 1)
        .arg(base * 1.3, 0, 'f', 1)
        .arg(base * 1.1, 0, 'f', 1)
        .arg(p.color(QPalette::Link).name(), p.color(QPalette::PlaceholderText).name(),
             p.color(QPalette::AlternateBase).name(), p.color(QPalette::Text).name(), p.color(QPalette::Mid).name());
    document()->setDefaultStyleSheet(css);
}

void Reader::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        applyStyleSheet();
        if (!m_entity.isEmpty())
            showEntity(m_entity);
        else if (!m_path.isEmpty())
            showNote(m_path);
    }
}

void Reader::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    updateMargins();
}

void Reader::updateMargins()
{
    // Keep lines at a readable length in a wide window.
    const int readable = fontMetrics().averageCharWidth() * 96;
    const qreal margin = qMax(18, (viewport()->width() - readable) / 2);
    if (!qFuzzyCompare(document()->documentMargin(), margin))
        document()->setDocumentMargin(margin);
}

QString Reader::entityLink(const QString &name) const
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(href(MarkdownRenderer::linkUrl(name)), name.toHtmlEscaped());
}

QString Reader::noteHeader(const QString &relativePath) const
{
    const Note *note = m_index ? m_index->note(relativePath) : nullptr;
    if (!note)
        return {};
    const Meeting *meeting = m_index->meetingForNote(relativePath);
    QString html;

    QStringList meta;
    if (note->date.isValid())
        meta.append(QLocale().toString(note->date, QLocale::LongFormat).toHtmlEscaped());
    if (meeting && meeting->versions.size() > 1)
        meta.append(counted(meeting->versions.size(), tr("%1 version"), tr("%1 versions")));
    if (!note->type.isEmpty() && !meeting)
        meta.append(note->type.toHtmlEscaped());
    if (!meta.isEmpty())
        html += QStringLiteral("<p class=\"meta\">%1</p>").arg(meta.join(QStringLiteral(" · ")));

    // The generated notes repeat their title as the first heading; do not show it twice.
    if (!note->opensWithHeading)
        html += QStringLiteral("<h1>%1</h1>").arg(note->title.toHtmlEscaped());

    const QStringList participants = meeting ? meeting->participants : note->participants;
    QStringList people;
    for (const QString &name : participants)
        people.append(entityLink(name));
    if (!people.isEmpty())
        html += QStringLiteral("<p class=\"meta\">%1</p>").arg(tr("With %1").arg(people.join(QStringLiteral(", "))));
    if (!note->tags.isEmpty()) {
        QStringList tags;
        for (const QString &tag : note->tags)
            tags.append(QLatin1Char('#') + tag.toHtmlEscaped());
        html += QStringLiteral("<p class=\"tags\">%1</p>").arg(tags.join(QStringLiteral("&nbsp;&nbsp; ")));
    }
    if (meeting && meeting->versions.size() > 1) {
        QStringList versions;
        for (const QString &path : meeting->versions) {
            versions.append(path == relativePath
                                ? QStringLiteral("<b>%1</b>").arg(path.toHtmlEscaped())
                                : QStringLiteral("<a href=\"%1\">%2</a>").arg(href(noteUrl(path)), path.toHtmlEscaped()));
        }
        html += QStringLiteral("<p class=\"versions\">%1<br>%2</p>")
                    .arg(tr("This meeting is stored %1 times:").arg(meeting->versions.size()),
                         versions.join(QStringLiteral("<br>")));
    }
    if (!note->problems.isEmpty()) {
        QStringList problems;
        for (const Problem &problem : note->problems)
            problems.append(problem.line > 0 ? tr("Line %1: %2").arg(problem.line).arg(problem.message.toHtmlEscaped())
                                             : problem.message.toHtmlEscaped());
        html += QStringLiteral("<p class=\"banner\">%1</p>").arg(problems.join(QStringLiteral("<br>")));
    }
    return html;
}

void Reader::showNote(const QString &relativePath, int line)
{
    m_entity.clear();
    m_path = relativePath;
    m_gone = false;
    if (!m_index || !m_index->note(relativePath)) {
        // A file that did not load (too large, unreadable): say why instead of showing nothing.
        QStringList lines;
        if (m_index) {
            for (const Problem &problem : m_index->problems()) {
                if (problem.file == relativePath)
                    lines.append(problem.toString().toHtmlEscaped());
            }
        }
        render(QStringLiteral("<h1>%1</h1><p class=\"meta\">%2</p>%3")
                   .arg(relativePath.section(QLatin1Char('/'), -1).toHtmlEscaped(),
                        tr("This file is not part of the loaded notes."),
                        lines.isEmpty() ? QString() : QStringLiteral("<p class=\"banner\">%1</p>").arg(lines.join(QStringLiteral("<br>")))),
               {}, 0);
        return;
    }
    render(noteHeader(relativePath), relativePath, line);
}

void Reader::showEntity(const QString &name)
{
    const Entity *entity = m_index ? m_index->entity(name) : nullptr;
    if (!entity) {
        showMessage(name, tr("Nobody of that name is in this vault."));
        return;
    }
    m_path.clear();
    m_gone = false;
    m_entity = entity->name;

    QString html;
    QStringList meta{entity->isPerson() ? tr("Person") : tr("Organisation")};
    if (!entity->aliases.isEmpty())
        meta.append(tr("also known as %1").arg(entity->aliases.join(QStringLiteral(", ")).toHtmlEscaped()));
    html += QStringLiteral("<p class=\"meta\">%1</p>").arg(meta.join(QStringLiteral(" · ")));
    html += QStringLiteral("<h1>%1</h1>").arg(entity->name.toHtmlEscaped());
    QStringList facts{counted(entity->meetingKeys.size(), tr("%1 meeting"), tr("%1 meetings"))};
    if (entity->lastMeeting.isValid())
        facts.append(tr("last met %1").arg(QLocale().toString(entity->lastMeeting, QLocale::LongFormat)));
    facts.append(counted(entity->openTasks, tr("%1 open task"), tr("%1 open tasks")));
    html += QStringLiteral("<p class=\"meta\">%1</p>").arg(facts.join(QStringLiteral(" · ")).toHtmlEscaped());

    if (!entity->meetingKeys.isEmpty()) {
        html += QStringLiteral("<h2>%1</h2><ul>").arg(tr("Meetings"));
        constexpr int MaxListed = 40;
        for (const QString &key : entity->meetingKeys.mid(0, MaxListed)) {
            const Meeting *meeting = m_index->meetingForNote(key);
            if (!meeting)
                continue;
            html += QStringLiteral("<li><span class=\"meta\">%1</span>&nbsp;&nbsp;<a href=\"%2\">%3</a></li>")
                        .arg(meeting->date.isValid() ? meeting->date.toString(Qt::ISODate) : QString(),
                             href(noteUrl(meeting->key)), meeting->title.toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
        if (entity->meetingKeys.size() > MaxListed)
            html += QStringLiteral("<p class=\"meta\">%1</p>")
                        .arg(tr("and %1 more").arg(entity->meetingKeys.size() - MaxListed));
    }
    if (!entity->notePath.isEmpty() && m_index->note(entity->notePath)) {
        html += QStringLiteral("<hr><p class=\"meta\">%1</p>")
                    .arg(tr("From %1").arg(QStringLiteral("<a href=\"%1\">%2</a>")
                                               .arg(href(noteUrl(entity->notePath)), entity->notePath.toHtmlEscaped())));
        render(html, entity->notePath, 0, true);
        return;
    }
    render(html, {}, 0);
}

void Reader::showMessage(const QString &title, const QString &text)
{
    m_path.clear();
    m_entity.clear();
    m_gone = false;
    render(QStringLiteral("<h1>%1</h1><p class=\"meta\">%2</p>").arg(title.toHtmlEscaped(), text.toHtmlEscaped()), {}, 0);
}

void Reader::render(const QString &headerHtml, const QString &notePath, int line, bool skipTitle)
{
    const int generation = ++m_generation;
    const int restoreScroll = std::exchange(m_restoreScroll, -1);
    const Note *note = notePath.isEmpty() || !m_index ? nullptr : m_index->note(notePath);
    m_shownHeader = headerHtml;
    m_shownBody.clear();
    m_shownHash = note ? note->contentHash : QByteArray();
    if (!note) {
        m_rendering = false;
        setHtml(headerHtml);
        if (restoreScroll >= 0)
            verticalScrollBar()->setValue(restoreScroll);
        Q_EMIT rendered();
        return;
    }
    m_rendering = true;
    auto *watcher = new QFutureWatcher<RenderedMarkdown>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, headerHtml, line, restoreScroll] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;   // the user moved on while this note was rendering
        m_rendering = false;
        m_shownBody = watcher->result().html;
        setHtml(headerHtml + m_shownBody);
        if (restoreScroll >= 0)
            verticalScrollBar()->setValue(restoreScroll);
        else if (line > 0)
            highlightLine(line);
        Q_EMIT rendered();
    });
    // The body is read from disk (the index holds none), and md4c can take seconds on
    // pathological input: never on the GUI thread.
    watcher->setFuture(QtConcurrent::run(workPool(), [root = m_index->root(), notePath, skipTitle] {
        return renderFromDisk(root, notePath, skipTitle);
    }));
}

void Reader::highlightLine(int line)
{
    const Note *note = m_index ? m_index->note(m_path) : nullptr;
    if (!note)
        return;
    // The closest anchored line (a task or a heading) at or before `line`.
    int best = 0;
    for (const NoteTask &task : note->tasks) {
        if (task.line <= line && task.line > best)
            best = task.line;
    }
    for (const Section &section : note->sections) {
        if (section.line <= line && section.line > best)
            best = section.line;
    }
    if (best == 0)
        return;
    const QString anchor = MarkdownRenderer::lineAnchor(best);
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (!it.fragment().charFormat().anchorNames().contains(anchor))
                continue;
            QTextEdit::ExtraSelection selection;
            selection.cursor = QTextCursor(block);
            QColor colour = palette().color(QPalette::Highlight);
            colour.setAlpha(48);
            selection.format.setBackground(colour);
            selection.format.setProperty(QTextFormat::FullWidthSelection, true);
            setExtraSelections({selection});
            QTextCursor cursor(block);
            setTextCursor(cursor);
            // Put the line a little below the top, with its context above.
            const QRect rect = cursorRect(cursor);
            verticalScrollBar()->setValue(verticalScrollBar()->value() + rect.top() - viewport()->height() / 4);
            return;
        }
    }
}

int Reader::lineOfHeading(const QString &relativePath, const QString &heading) const
{
    const Note *note = m_index ? m_index->note(relativePath) : nullptr;
    if (!note || heading.isEmpty())
        return 0;
    for (const Section &section : note->sections) {
        if (section.title.compare(heading, Qt::CaseInsensitive) == 0)
            return section.line;
    }
    return 0;
}

void Reader::activateLink(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (const auto target = MarkdownRenderer::linkTarget(url)) {
        const QString name = target->section(QLatin1Char('#'), 0, 0).trimmed();
        const QString heading = target->section(QLatin1Char('#'), 1).trimmed();
        if (!m_index) {
            Q_EMIT linkRefused(url, tr("No vault is open."));
            return;
        }
        if (const Entity *entity = m_index->entity(name)) {
            Q_EMIT entityActivated(entity->name);
            return;
        }
        const QString path = name.isEmpty() ? m_path : m_index->resolveNoteLink(name);
        if (!path.isEmpty()) {
            Q_EMIT noteActivated(path, lineOfHeading(path, heading));
            return;
        }
        Q_EMIT linkRefused(url, tr("No note or person called “%1” is in this vault.").arg(name));
        return;
    }
    if (scheme == noteScheme()) {
        const QString path = url.path(QUrl::FullyDecoded);
        if (m_index && m_index->note(path))
            Q_EMIT noteActivated(path, 0);
        else
            Q_EMIT linkRefused(url, tr("The note %1 is not in this vault.").arg(path));
        return;
    }
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("mailto")) {
        Q_EMIT externalLinkRequested(url);
        return;
    }
    if (scheme.isEmpty() && m_index && !url.path().isEmpty()) {
        // A markdown link to another note, relative to this one or to the vault.
        const QString written = url.path(QUrl::FullyDecoded);
        const QString dir = m_path.contains(QLatin1Char('/')) ? m_path.section(QLatin1Char('/'), 0, -2) + QLatin1Char('/') : QString();
        const QString relative = QDir::cleanPath(dir + written);
        QString path = m_index->note(relative) ? relative : m_index->resolveNoteLink(written);
        if (path.isEmpty() && written.endsWith(QLatin1String(".md"), Qt::CaseInsensitive))
            path = m_index->resolveNoteLink(written.chopped(3));
        if (!path.isEmpty()) {
            Q_EMIT noteActivated(path, lineOfHeading(path, url.fragment(QUrl::FullyDecoded)));
            return;
        }
        Q_EMIT linkRefused(url, tr("No note %1 is in this vault.").arg(written));
        return;
    }
    if (scheme.isEmpty()) {
        Q_EMIT linkRefused(url, tr("Links within a note are not followed."));
        return;
    }
    Q_EMIT linkRefused(url, tr("Links of the kind “%1:” are not opened.").arg(scheme));
}

QString Reader::imagePath(const QUrl &url) const
{
    if (!m_index || m_index->root().isEmpty())
        return {};
    const QString scheme = url.scheme().toLower();
    QString target;
    if (const auto link = MarkdownRenderer::linkTarget(url))
        target = *link;
    else if (scheme.isEmpty())
        target = url.path(QUrl::FullyDecoded);
    else if (scheme == QLatin1String("file"))
        target = url.toLocalFile();
    else
        return {};   // never remote, never data: or qrc:
    if (target.isEmpty())
        return {};

    const QString root = m_index->root();
    const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
    QStringList candidates;
    if (QDir::isAbsolutePath(target)) {
        candidates.append(target);
    } else {
        const QString noteDir = m_path.contains(QLatin1Char('/')) ? m_path.section(QLatin1Char('/'), 0, -2) : QString();
        if (!noteDir.isEmpty())
            candidates.append(root + QLatin1Char('/') + noteDir + QLatin1Char('/') + target);
        candidates.append(root + QLatin1Char('/') + target);
    }
    for (const QString &candidate : candidates) {
        const QString canonical = QFileInfo(candidate).canonicalFilePath();
        if (isInside(canonical, canonicalRoot))
            return canonical;
    }
    return {};
}

QImage Reader::blockedImage() const
{
    // A small framed square where an image was refused, so the reader sees that something is
    // missing. Never an invalid or null value: QTextDocument and QTextImageHandler would then read
    // the path themselves (and block on /dev/zero or a FIFO).
    const qreal ratio = devicePixelRatioF();
    QImage image(QSize(18, 18) * ratio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(palette().color(QPalette::PlaceholderText), 1.2));
    painter.drawRoundedRect(QRectF(1.5, 1.5, 15, 15), 3, 3);
    painter.drawLine(QPointF(5, 13), QPointF(13, 5));
    painter.end();
    image.setText(QStringLiteral("minutes"), QStringLiteral("blocked"));
    return image;
}

QVariant Reader::loadResource(int type, const QUrl &name)
{
    if (type != QTextDocument::ImageResource)
        return QByteArray();   // valid but empty: nothing else is ever fetched
    const QString path = imagePath(name);
    if (path.isEmpty())
        return blockedImage();
    const std::optional<QByteArray> bytes = readRegularFile(path, MaxImageBytes);
    if (!bytes)
        return blockedImage();
    QImage image;
    if (!image.loadFromData(*bytes))
        return blockedImage();
    if (image.width() > MaxImageWidth)
        image = image.scaledToWidth(MaxImageWidth, Qt::SmoothTransformation);
    return image;
}

} // namespace minutes
