#include "ui/audit/ConsoleAuditSink.h"

#include "app/audit/AuditLog.h"

#include <QJsonDocument>

namespace lockstep {

Status ConsoleAuditSink::record(const EngineAuditEntry &entry)
{
    AuditEvent event;
    event.operatorName = entry.operatorName.isEmpty() ? QStringLiteral("lockstep") : entry.operatorName;
    event.action = entry.action;
    event.runId = entry.runId > 0 ? QString::number(entry.runId) : QString();
    event.instance = entry.instance;
    event.fromVersion = entry.fromVersion;
    event.toVersion = entry.toVersion;
    event.result = entry.result;
    event.reason = entry.reason;
    if (!entry.evidence.isEmpty())
        event.evidence = QString::fromUtf8(QJsonDocument(entry.evidence).toJson(QJsonDocument::Compact));
    auto appended = m_log.append(event);
    if (!appended)
        return appended.error();
    return okStatus();
}

} // namespace lockstep
