#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;

namespace minutes {

class MeetingModel;
class TimelineFilter;

// The centre panel: meetings newest first under month headings, with a full-text search. When the
// selected meeting leaves the list (its file deleted) nothing else is opened in its place.
class TimelinePanel final : public QWidget
{
    Q_OBJECT
public:
    TimelinePanel(MeetingModel *model, QWidget *parent = nullptr);

    TimelineFilter *filter() const { return m_filter; }
    QListView *view() const { return m_view; }
    QLineEdit *searchEdit() const { return m_search; }

    void setEntity(const QString &name, const QStringList &meetingKeys);
    // Selects the meeting with this key (any version's path); false when it is not shown.
    bool selectMeeting(const QString &notePath);
    QString currentMeeting() const;

Q_SIGNALS:
    void meetingSelected(const QString &key);

private:
    void updateTitle();

    MeetingModel *m_model;
    TimelineFilter *m_filter;
    QLineEdit *m_search;
    QLabel *m_title;
    QListView *m_view;
    QString m_entity;
    bool m_selectingQuietly = false;
    bool m_currentRemoved = false;   // the meeting on screen is leaving the list
};

} // namespace minutes
