#include "ui/monitoring/RunMarkers.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace lockstep::RunMarkers {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RunMarkers", text);
}

int waveOf(const AuditEvent &e)
{
    return QJsonDocument::fromJson(e.evidence.toUtf8()).object().value(QStringLiteral("wave")).toInt();
}

} // namespace

QList<ChartMarker> fromAudit(const QList<AuditEvent> &events)
{
    using K = ChartMarker::Kind;
    static const QStringList terminal{QStringLiteral("succeeded"), QStringLiteral("failed"),
                                      QStringLiteral("rolled-back"), QStringLiteral("aborted")};
    QList<ChartMarker> out;
    bool started = false;
    int rolledBack = 0;
    for (const AuditEvent &e : events) {
        if (e.action == QLatin1String("run.state")) {
            if (!started && e.result == QLatin1String("running")) {
                started = true;
                out.append({e.time, K::UpgradeStart, tr("upgrade start")});
            } else if (terminal.contains(e.result)) {
                out.append({e.time, K::UpgradeEnd, tr("upgrade end (%1)").arg(e.result)});
            }
        } else if (e.action == QLatin1String("wave.started")) {
            const int wave = waveOf(e);
            out.append({e.time, K::Wave, wave > 0 ? tr("wave %1").arg(wave) : tr("wave")});
        } else if (e.action == QLatin1String("wave.approved")) {
            out.append({e.time, K::Approval, e.operatorName.isEmpty() ? tr("approved")
                                                                       : tr("approved by %1").arg(e.operatorName)});
        } else if (e.action == QLatin1String("wave.promoted")) {
            out.append({e.time, K::Approval, tr("promoted")});
        } else if (e.action == QLatin1String("rollback.started") || e.action == QLatin1String("rollback.emergency")) {
            // A wave rolls back instance by instance within seconds: one marker for the lot.
            if (!out.isEmpty() && out.last().kind == K::Rollback && out.last().time.secsTo(e.time) <= 10) {
                ++rolledBack;
                out.last().label = tr("rollback (%1 instances)").arg(rolledBack);
                continue;
            }
            rolledBack = 1;
            out.append({e.time, K::Rollback, e.instance.isEmpty() ? tr("rollback") : tr("rollback %1").arg(e.instance)});
        }
    }
    return out;
}

} // namespace lockstep::RunMarkers
