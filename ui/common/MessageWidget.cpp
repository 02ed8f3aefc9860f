#include "ui/common/MessageWidget.h"

#include "ui/common/Theme.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace lockstep {

MessageWidget::MessageWidget(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_close->setObjectName(QStringLiteral("messageClose"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &MessageWidget::hideMessage);
    connect(m_text, &QLabel::linkActivated, this, &MessageWidget::linkActivated);
    hide();
}

void MessageWidget::showMessage(const QString &text, Type type)
{
    m_type = type;
    m_text->setText(text);
    applyColors();
    show();
}

void MessageWidget::hideMessage()
{
    m_text->clear();
    hide();
}

QString MessageWidget::text() const
{
    return m_text->text();
}

void MessageWidget::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    // Our own setPalette also arrives here; only outside changes (system theme) need new colours.
    if (!m_applying && (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange))
        applyColors();
}

void MessageWidget::applyColors()
{
    Theme::Tone tone = Theme::Tone::Info;
    switch (m_type) {
    case Type::Positive: tone = Theme::Tone::Good; break;
    case Type::Information: tone = Theme::Tone::Info; break;
    case Type::Warning: tone = Theme::Tone::Warn; break;
    case Type::Error: tone = Theme::Tone::Bad; break;
    }
    // Our own palette holds the bar's colours, so lightness is judged from the application's.
    const bool dark = Theme::isDark(QApplication::palette());
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Theme::background(tone, dark));
    pal.setColor(QPalette::WindowText, Theme::foreground(tone, dark));
    m_applying = true;
    setPalette(pal);
    m_applying = false;
}

} // namespace lockstep
