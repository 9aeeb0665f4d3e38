// The task panel's delegate on a real vault: the checkbox it draws is visible on dark and light
// palettes whatever the style does (a style may draw its indicator invisibly on a dark palette),
// each task state looks different, the box scales with the device pixel ratio instead of being a
// bitmap, a click anywhere on the drawn box ticks the task, and warning and link colours stay
// readable on both palettes.

#include "../models/fixture.h"
#include "models/taskmodel.h"
#include "models/vaultcontroller.h"
#include "taskdelegate.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QProxyStyle>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace minutes;

namespace {

const QString NotePath = QStringLiteral("Meetings/2025-06-02 - Delegate check.md");

// A theme whose check indicator vanishes on the current palette (as Fusion's does under a dark
// GTK theme): the style draws nothing at all for it.
class BlankIndicatorStyle final : public QProxyStyle
{
public:
    BlankIndicatorStyle()
        : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion")))
    {
    }
    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget) const override
    {
        if (element == PE_IndicatorItemViewItemCheck || element == PE_IndicatorCheckBox)
            return;
        QProxyStyle::drawPrimitive(element, option, painter, widget);
    }
};

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xec));
    p.setColor(QPalette::Base, QColor(0x2d, 0x2d, 0x2d));
    p.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xec));
    p.setColor(QPalette::PlaceholderText, QColor(0x91, 0x91, 0x90));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xec));
    p.setColor(QPalette::Highlight, QColor(0x15, 0x53, 0x9e));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x00, 0x00, 0xff));   // Qt's default, left unset by the theme
    p.setColor(QPalette::Mid, QColor(0x24, 0x24, 0x24));
    p.setColor(QPalette::Dark, QColor(0x1b, 0x1b, 0x1b));
    return p;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf6, 0xf5, 0xf4));
    p.setColor(QPalette::WindowText, QColor(0x2e, 0x34, 0x36));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf5, 0xf5));
    p.setColor(QPalette::Text, QColor(0x2e, 0x34, 0x36));
    p.setColor(QPalette::PlaceholderText, QColor(0x92, 0x95, 0x95));
    p.setColor(QPalette::Button, QColor(0xf6, 0xf5, 0xf4));
    p.setColor(QPalette::ButtonText, QColor(0x2e, 0x34, 0x36));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x84, 0xe4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x1b, 0x6a, 0xcb));
    return p;
}

// Largest luminance difference between a pixel of `rect` and `background`.
qreal maxContrast(const QImage &image, const QRect &rect, const QColor &background)
{
    const qreal base = TaskDelegate::luminance(background);
    qreal best = 0;
    const QRect clipped = rect.intersected(image.rect());
    for (int y = clipped.top(); y <= clipped.bottom(); ++y)
        for (int x = clipped.left(); x <= clipped.right(); ++x)
            best = qMax(best, qAbs(TaskDelegate::luminance(image.pixelColor(x, y)) - base));
    return best;
}

// How many pixels of two images of one size differ clearly in luminance.
int differingPixels(const QImage &a, const QImage &b)
{
    int count = 0;
    for (int y = 0; y < qMin(a.height(), b.height()); ++y)
        for (int x = 0; x < qMin(a.width(), b.width()); ++x)
            count += qAbs(TaskDelegate::luminance(a.pixelColor(x, y)) - TaskDelegate::luminance(b.pixelColor(x, y))) > 0.2;
    return count;
}

// The bounding box, in device pixels, of the pixels of `rect` that differ from `background`.
QRect inkBounds(const QImage &image, const QRect &rect, const QColor &background)
{
    QRect bounds;
    const QRect clipped = rect.intersected(image.rect());
    for (int y = clipped.top(); y <= clipped.bottom(); ++y)
        for (int x = clipped.left(); x <= clipped.right(); ++x)
            if (qAbs(TaskDelegate::luminance(image.pixelColor(x, y)) - TaskDelegate::luminance(background)) > 0.1)
                bounds |= QRect(x, y, 1, 1);
    return bounds;
}

// A task view as the panel has it, that hands out the options it gives its delegate.
class ProbeView final : public QTreeView
{
public:
    void viewItemOption(QStyleOptionViewItem *option) const { initViewItemOption(option); }
};

} // namespace

class TestTaskDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void indicatorIsVisible_data();
    void indicatorIsVisible();
    void statesLookDifferent_data();
    void statesLookDifferent();
    void indicatorScalesWithDevicePixelRatio();
    void indicatorScalesWithFont();
    void clickOnDrawnBoxTicks();
    void warningAndLinkColoursAreReadable_data();
    void warningAndLinkColoursAreReadable();

private:
    QModelIndex task(const QString &description) const;
    QStyleOptionViewItem option(const QModelIndex &index, const QPalette &palette, ProbeView *view, int width = 420) const;
    QImage render(const QModelIndex &index, const QPalette &palette, ProbeView *view, qreal dpr = 1.0,
                  bool selected = false) const;

    QTemporaryDir m_vault;
    VaultController m_controller;
    std::unique_ptr<TaskModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    // The styles outlive the views that use them.
    std::unique_ptr<QStyle> m_fusion;
    BlankIndicatorStyle m_blank;
    ProbeView m_fusionView;
    ProbeView m_blankView;
    TaskDelegate m_delegate;
};

void TestTaskDelegate::initTestCase()
{
    QVERIFY(m_vault.isValid());
    QVERIFY(fixture::write(m_vault.path(), NotePath, R"(---
type: meeting
title: Delegate check
date: 2025-06-02
participants: [Ann Example]
---

# Delegate check

## Action Items
- [ ] Open task @Myself 📅 2025-06-05 #task
- [x] Done task @Myself ✅ 2025-06-02 #task
- [/] Started task @Ann Example #task
- [-] Dropped task @Ann Example ❌ 2025-06-02 #task
- [ ?] Unsure task @Myself #task
)"));
    m_model = std::make_unique<TaskModel>(m_controller.index());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&m_controller, &VaultController::loadFinished);
    QVERIFY(m_controller.open(m_vault.path()));
    QVERIFY(finished.wait(20000));
    QCOMPARE(m_model->rowCount(), 5);

    m_fusion.reset(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_fusion);
    m_fusionView.setStyle(m_fusion.get());
    m_blankView.setStyle(&m_blank);
}

QModelIndex TestTaskDelegate::task(const QString &description) const
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, TaskModel::DescriptionColumn);
        if (index.data(TaskModel::DescriptionRole).toString().startsWith(description))
            return index;
    }
    return {};
}

QStyleOptionViewItem TestTaskDelegate::option(const QModelIndex &index, const QPalette &palette, ProbeView *view,
                                              int width) const
{
    QStyleOptionViewItem opt;
    view->viewItemOption(&opt);
    opt.palette = palette;
    opt.state = QStyle::State_Enabled | QStyle::State_Active;
    opt.rect = QRect(0, 0, width, 28);
    opt.rect.setHeight(qMax(28, m_delegate.sizeHint(opt, index).height()));
    return opt;
}

QImage TestTaskDelegate::render(const QModelIndex &index, const QPalette &palette, ProbeView *view, qreal dpr,
                               bool selected) const
{
    QStyleOptionViewItem opt = option(index, palette, view);
    if (selected)
        opt.state |= QStyle::State_Selected;
    QImage image((QSizeF(opt.rect.size()) * dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(palette.color(QPalette::Base));
    QPainter painter(&image);
    m_delegate.paint(&painter, opt, index);
    painter.end();
    return image;
}

void TestTaskDelegate::indicatorIsVisible_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<bool>("blankStyle");
    QTest::newRow("dark palette, Fusion") << true << false;
    QTest::newRow("dark palette, style draws no indicator") << true << true;
    QTest::newRow("light palette, Fusion") << false << false;
    QTest::newRow("light palette, style draws no indicator") << false << true;
}

void TestTaskDelegate::indicatorIsVisible()
{
    QFETCH(bool, dark);
    QFETCH(bool, blankStyle);
    const QPalette palette = dark ? darkPalette() : lightPalette();
    ProbeView *view = blankStyle ? &m_blankView : &m_fusionView;
    const QModelIndex open = task(QStringLiteral("Open task"));
    const QModelIndex done = task(QStringLiteral("Done task"));
    QVERIFY(open.isValid() && done.isValid());

    // Where the style itself would put the indicator: what the old, style-drawn path painted.
    QStyleOptionViewItem opt = option(open, palette, view);
    opt.features |= QStyleOptionViewItem::HasCheckIndicator;
    const QRect indicator = view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &opt, view);
    QVERIFY(!indicator.isEmpty());

    const QImage openImage = render(open, palette, view);
    const QImage doneImage = render(done, palette, view);
    const QColor base = palette.color(QPalette::Base);
    QVERIFY2(maxContrast(openImage, indicator, base) > 0.3,
             qPrintable(QStringLiteral("open box contrast %1").arg(maxContrast(openImage, indicator, base))));
    QVERIFY2(maxContrast(doneImage, indicator, base) > 0.3,
             qPrintable(QStringLiteral("done box contrast %1").arg(maxContrast(doneImage, indicator, base))));
    QVERIFY(openImage.copy(indicator) != doneImage.copy(indicator));

    // Selected, the row is the highlight colour: the box must stand out from that too.
    const QColor highlight = palette.color(QPalette::Highlight);
    QVERIFY(maxContrast(render(open, palette, view, 1.0, true), indicator, highlight) > 0.3);
    QVERIFY(maxContrast(render(done, palette, view, 1.0, true), indicator, highlight) > 0.3);
}

void TestTaskDelegate::statesLookDifferent_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<bool>("selected");
    QTest::newRow("dark palette") << true << false;
    QTest::newRow("dark palette, selected row") << true << true;
    QTest::newRow("light palette") << false << false;
    QTest::newRow("light palette, selected row") << false << true;
}

void TestTaskDelegate::statesLookDifferent()
{
    QFETCH(bool, dark);
    QFETCH(bool, selected);
    const QPalette palette = dark ? darkPalette() : lightPalette();
    const QStringList descriptions = {QStringLiteral("Open task"), QStringLiteral("Done task"),
                                      QStringLiteral("Started task"), QStringLiteral("Dropped task"),
                                      QStringLiteral("Unsure task")};
    QList<QImage> boxes;
    for (const QString &description : descriptions) {
        const QModelIndex index = task(description);
        QVERIFY2(index.isValid(), qPrintable(description));
        const QRect box = m_delegate.checkRect(option(index, palette, &m_blankView), index);
        QVERIFY(!box.isEmpty());
        const QImage image = render(index, palette, &m_blankView, 1.0, selected);
        const QColor background = palette.color(selected ? QPalette::Highlight : QPalette::Base);
        QVERIFY2(maxContrast(image, box, background) > 0.25, qPrintable(description));
        // The inside of the box, where the states differ (the frames may all look alike).
        const int inset = box.width() / 4;
        boxes.append(image.copy(box.adjusted(inset, inset, -inset, -inset)));
    }
    for (int i = 0; i < boxes.size(); ++i) {
        for (int j = i + 1; j < boxes.size(); ++j) {
            const int differing = differingPixels(boxes.at(i), boxes.at(j));
            QVERIFY2(differing * 10 >= boxes.at(i).width() * boxes.at(i).height(),
                     qPrintable(QStringLiteral("%1 vs %2: %3 pixels differ")
                                    .arg(descriptions.at(i), descriptions.at(j))
                                    .arg(differing)));
        }
    }
}

void TestTaskDelegate::indicatorScalesWithDevicePixelRatio()
{
    const QPalette palette = darkPalette();
    const QModelIndex done = task(QStringLiteral("Done task"));
    const QRect box = m_delegate.checkRect(option(done, palette, &m_blankView), done);
    const QColor base = palette.color(QPalette::Base);
    const QRect one = inkBounds(render(done, palette, &m_blankView, 1.0), box, base);
    const QRect two = inkBounds(render(done, palette, &m_blankView, 2.0),
                                QRect(box.topLeft() * 2, box.size() * 2), base);
    QVERIFY(!one.isEmpty());
    // Drawn as paths, the box is twice as large in device pixels, not a scaled-up bitmap of the same.
    QVERIFY2(qAbs(two.width() - 2 * one.width()) <= 2 && qAbs(two.height() - 2 * one.height()) <= 2,
             qPrintable(QStringLiteral("%1x%2 at 1x, %3x%4 at 2x").arg(one.width()).arg(one.height()).arg(two.width()).arg(two.height())));
}

void TestTaskDelegate::indicatorScalesWithFont()
{
    const QModelIndex open = task(QStringLiteral("Open task"));
    const QStyleOptionViewItem small = option(open, lightPalette(), &m_fusionView);
    QFont font = small.font;
    font.setPixelSize(40);
    m_fusionView.setFont(font);
    const QStyleOptionViewItem large = option(open, lightPalette(), &m_fusionView);
    m_fusionView.setFont(QFont());
    QVERIFY(large.rect.height() >= QFontMetrics(font).height());
    const QRect smallBox = m_delegate.checkRect(small, open);
    const QRect largeBox = m_delegate.checkRect(large, open);
    QVERIFY2(largeBox.height() >= 28, qPrintable(QString::number(largeBox.height())));
    QVERIFY(largeBox.height() > smallBox.height());
    QVERIFY(large.rect.contains(largeBox));
}

void TestTaskDelegate::clickOnDrawnBoxTicks()
{
    const QModelIndex open = task(QStringLiteral("Open task"));
    const QStyleOptionViewItem opt = option(open, lightPalette(), &m_fusionView);
    const QRect box = m_delegate.checkRect(opt, open);
    QStyleOptionViewItem styleOpt = opt;
    styleOpt.features |= QStyleOptionViewItem::HasCheckIndicator;
    const QRect styleBox = m_fusion->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &styleOpt, &m_fusionView);
    // Tests and users that aim at the style's box still hit the drawn one.
    QVERIFY(box.contains(styleBox.center()));

    QSignalSpy toggles(m_model.get(), &TaskModel::toggleRequested);
    const QPointF corner = QRectF(box).bottomRight() - QPointF(1, 1);
    QMouseEvent release(QEvent::MouseButtonRelease, corner, corner, Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QVERIFY(m_delegate.editorEvent(&release, m_model.get(), opt, open));
    QCOMPARE(toggles.size(), 1);
    QCOMPARE(toggles.at(0).at(0).toString(), NotePath);
    QCOMPARE(toggles.at(0).at(1).toInt(), 11);

    // Beside the box, on the text, a click selects and does not tick.
    const QPointF text(box.right() + 40, box.center().y());
    QMouseEvent onText(QEvent::MouseButtonRelease, text, text, Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QVERIFY(!m_delegate.editorEvent(&onText, m_model.get(), opt, open));
    QCOMPARE(toggles.size(), 1);
}

void TestTaskDelegate::warningAndLinkColoursAreReadable_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("dark palette") << true;
    QTest::newRow("light palette") << false;
}

void TestTaskDelegate::warningAndLinkColoursAreReadable()
{
    QFETCH(bool, dark);
    const QPalette palette = dark ? darkPalette() : lightPalette();
    const qreal base = TaskDelegate::luminance(palette.color(QPalette::Base));
    const QColor warning = TaskDelegate::warningColour(palette);
    QVERIFY2(qAbs(TaskDelegate::luminance(warning) - base) >= 0.3, qPrintable(warning.name()));
    QVERIFY(warning.red() > warning.green() + 40 && warning.red() > warning.blue() + 40);   // still red
    const QColor link = TaskDelegate::readableOn(palette.color(QPalette::Link), palette.color(QPalette::Base));
    QVERIFY2(qAbs(TaskDelegate::luminance(link) - base) >= 0.3, qPrintable(link.name()));
    if (!dark)   // already readable: left as the theme has it
        QCOMPARE(link, palette.color(QPalette::Link));
}

QTEST_MAIN(TestTaskDelegate)
#include "tst_taskdelegate.moc"
