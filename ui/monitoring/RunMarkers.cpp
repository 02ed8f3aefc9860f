#include "ui/monitoring/RunMarkers.h"

#include <QCoreApplication>

namespace lockstep::RunMarkers {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RunMarkers", text);
}

} // namespace

QList<ChartMarker> fromEvents(const QList<RunEvent> &events)
{
    using K = ChartMarker::Kind;
    QList<ChartMarker> out;
    bool started = false;
    int rolledBack = 0;
    for (const RunEvent &e : events) {
        switch (e.kind) {
        case RunEvent::Kind::RunStateChanged:
            if (!e.state)
                break;
            if (!started && *e.state == RunState::Running) {
                started = true;
                out.append({e.time, K::UpgradeStart, tr("upgrade start")});
            } else if (isTerminal(*e.state)) {
                out.append({e.time, K::UpgradeEnd, tr("upgrade end (%1)").arg(runStateName(*e.state))});
            }
            break;
        case RunEvent::Kind::WaveStarted:
            out.append({e.time, K::Wave, e.wave > 0 ? tr("wave %1").arg(e.wave) : tr("wave")});
            break;
        case RunEvent::Kind::WaveApproved:
            out.append({e.time, K::Approval, e.operatorName.isEmpty() ? tr("approved") : tr("approved by %1").arg(e.operatorName)});
            break;
        case RunEvent::Kind::WavePromoted:
            out.append({e.time, K::Approval, tr("promoted")});
            break;
        case RunEvent::Kind::RollbackStarted:
        case RunEvent::Kind::RollbackEmergency:
            // A wave rolls back instance by instance within seconds: one marker for the lot.
            if (!out.isEmpty() && out.last().kind == K::Rollback && out.last().time.secsTo(e.time) <= 10) {
                ++rolledBack;
                out.last().label = tr("rollback (%1 instances)").arg(rolledBack);
                break;
            }
            rolledBack = 1;
            out.append({e.time, K::Rollback, e.instance.isEmpty() ? tr("rollback") : tr("rollback %1").arg(e.instance)});
            break;
        default:
            break;
        }
    }
    return out;
}

QList<ChartMarker> fromAudit(const QList<AuditEvent> &records)
{
    QList<RunEvent> events;
    for (const AuditEvent &r : records)
        if (auto e = RunEvent::fromAudit(r))
            events.append(*e);
    return fromEvents(events);
}

} // namespace lockstep::RunMarkers
