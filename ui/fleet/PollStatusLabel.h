#pragma once

#include <QDateTime>
#include <QLabel>
#include <QTimer>

namespace lockstep {

class FleetModel;

// The status bar's summary: "24 instances · 22 healthy · 1 down · last poll 2 s ago".
class PollStatusLabel : public QLabel
{
    Q_OBJECT
public:
    explicit PollStatusLabel(FleetModel *fleet, QWidget *parent = nullptr);

    void setLastPoll(const QDateTime &when);
    void refresh();

private:
    FleetModel *m_fleet;
    QDateTime m_lastPoll;
    QTimer m_tick;
};

} // namespace lockstep
