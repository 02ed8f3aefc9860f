#include "ui/upgrade/RollbackCountdown.h"

#include "models/Clock.h"
#include "ui/common/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace lockstep {

RollbackCountdown::RollbackCountdown(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("&Cancel rollback"), this))
    , m_now(new QPushButton(tr("Roll back &now"), this))
{
    setObjectName(QStringLiteral("rollbackCountdown"));
    m_text->setObjectName(QStringLiteral("rollbackCountdownText"));
    m_bar->setObjectName(QStringLiteral("rollbackCountdownBar"));
    m_cancel->setObjectName(QStringLiteral("rollbackCancel"));
    m_now->setObjectName(QStringLiteral("rollbackNow"));
    setFrameShape(QFrame::StyledPanel);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_bar->setTextVisible(false);
    m_bar->setMaximumHeight(6);
    m_cancel->setToolTip(tr("Nothing is rolled back; the run pauses until you decide."));
    m_now->setToolTip(tr("Start the rollback without waiting for the countdown."));

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_now);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(m_bar);
    layout->addLayout(buttons);

    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, &RollbackCountdown::tick);
    connect(m_cancel, &QPushButton::clicked, this, &RollbackCountdown::cancelRequested);
    connect(m_now, &QPushButton::clicked, this, &RollbackCountdown::rollbackNowRequested);
    hide();
}

void RollbackCountdown::start(const QString &what, const QDateTime &deadline)
{
    m_what = what;
    m_deadline = deadline;
    m_totalMs = std::max<qint64>(1, Clock::instance().now().msecsTo(deadline));
    m_bar->setRange(0, 1000);
    applyColors();
    tick();
    m_tick.start();
    show();
}

void RollbackCountdown::stop()
{
    m_tick.stop();
    m_deadline = {};
    hide();
}

void RollbackCountdown::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_applying)
        applyColors();
}

void RollbackCountdown::applyColors()
{
    // Amber like a warning bar: something is about to happen that the operator may still stop.
    m_applying = true;
    const bool dark = Theme::isDark(palette());
    setStyleSheet(QStringLiteral("#rollbackCountdown { background: %1; border: 1px solid %2; } "
                                 "#rollbackCountdownText { color: %3; }")
                      .arg(Theme::background(Theme::Tone::Warn, dark).name(), Theme::accent(Theme::Tone::Warn, dark).name(),
                           Theme::foreground(Theme::Tone::Warn, dark).name()));
    m_applying = false;
}

QString RollbackCountdown::text() const
{
    return m_text->text();
}

void RollbackCountdown::tick()
{
    if (!m_deadline.isValid())
        return;
    const qint64 left = std::max<qint64>(0, Clock::instance().now().msecsTo(m_deadline));
    m_bar->setValue(int(1000 * left / m_totalMs));
    m_text->setText(left > 0 ? tr("%1\nAutomatic rollback in %2 s.").arg(m_what, QString::number((left + 999) / 1000))
                             : tr("%1\nRolling back now.").arg(m_what));
}

} // namespace lockstep
