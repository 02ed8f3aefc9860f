#include "app/audit/AuditLogSink.h"

#include "app/audit/AuditLog.h"

#include <QJsonDocument>

namespace lockstep {

Status AuditLogSink::record(const EngineAuditEntry &entry)
{
    AuditEvent e;
    e.operatorName = entry.operatorName;
    e.action = entry.action;
    e.runId = entry.runId > 0 ? QString::number(entry.runId) : QString();
    e.instance = entry.instance;
    e.fromVersion = entry.fromVersion;
    e.toVersion = entry.toVersion;
    e.result = entry.result;
    e.reason = entry.reason;
    if (!entry.evidence.isEmpty())
        e.evidence = QString::fromUtf8(QJsonDocument(entry.evidence).toJson(QJsonDocument::Compact));
    const auto appended = m_log.append(e);
    if (!appended)
        return appended.error();
    return okStatus();
}

} // namespace lockstep
