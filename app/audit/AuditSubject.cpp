#include "app/audit/AuditSubject.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace lockstep {

QString auditSubject(const AuditEvent &event)
{
    if (event.evidence.isEmpty())
        return {};
    const QJsonObject o = QJsonDocument::fromJson(event.evidence.toUtf8()).object();
    if (const QString step = o.value(QStringLiteral("step")).toString(); !step.isEmpty()) {
        const QString phase = o.value(QStringLiteral("phase")).toString();
        return phase.isEmpty() || phase == QLatin1String("upgrade") ? step : QStringLiteral("%1 (%2)").arg(step, phase);
    }
    if (const QString item = o.value(QStringLiteral("item")).toString(); !item.isEmpty())
        return item;
    return o.value(QStringLiteral("gate")).toString();
}

} // namespace lockstep
