#include "ui/fleet/PollStatusLabel.h"

#include "models/itemmodels/FleetModel.h"
#include "ui/fleet/FleetPage.h"

namespace lockstep {

PollStatusLabel::PollStatusLabel(FleetModel *fleet, QWidget *parent)
    : QLabel(parent)
    , m_fleet(fleet)
{
    setObjectName(QStringLiteral("pollStatus"));
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &PollStatusLabel::refresh);
    m_tick.start();
    connect(m_fleet, &FleetModel::statusBatchApplied, this, &PollStatusLabel::refresh);
    connect(m_fleet, &QAbstractItemModel::modelReset, this, &PollStatusLabel::refresh);
    connect(m_fleet, &QAbstractItemModel::rowsInserted, this, &PollStatusLabel::refresh);
    connect(m_fleet, &QAbstractItemModel::rowsRemoved, this, &PollStatusLabel::refresh);
    refresh();
}

void PollStatusLabel::setLastPoll(const QDateTime &when)
{
    m_lastPoll = when;
    refresh();
}

void PollStatusLabel::refresh()
{
    int healthy = 0, unhealthy = 0, down = 0;
    for (const FleetModel::Row &row : m_fleet->rows()) {
        switch (row.instance.health) {
        case Health::Healthy: ++healthy; break;
        case Health::Unhealthy: ++unhealthy; break;
        case Health::Down: ++down; break;
        case Health::Unknown: break;
        }
    }
    QStringList parts;
    parts << FleetPage::instanceCount(int(m_fleet->rows().size())) << tr("%1 healthy").arg(healthy);
    if (unhealthy > 0)
        parts << tr("%1 unhealthy").arg(unhealthy);
    parts << tr("%1 down").arg(down);
    parts << (m_lastPoll.isValid() ? tr("last poll %1").arg(FleetModel::ago(m_lastPoll)) : tr("not polled yet"));
    setText(parts.join(QStringLiteral(" · ")));
    // QStatusBar does not re-lay out permanent widgets when only their text grows; ask for the room.
    setMinimumWidth(sizeHint().width());
}

} // namespace lockstep
