#pragma once

#include "models/Result.h"

#include <QJsonObject>
#include <QString>

namespace lockstep {

// One decision or state change of the engine, as it goes to the audit log.
struct EngineAuditEntry
{
    qint64 runId = 0;
    QString operatorName;               // the operator, or "lockstep" for the engine's own decisions
    QString action;                     // "run.state", "step.finished", "signoff", "override", "rollback" ...
    QString instance;
    QString fromVersion;
    QString toVersion;
    QString result;
    QString reason;
    QJsonObject evidence;
};

// Where the engine writes its audit trail; AuditLogSink adapts it to the hash-chained AuditLog.
class AuditSink
{
public:
    virtual ~AuditSink() = default;
    virtual Status record(const EngineAuditEntry &entry) = 0;
};

} // namespace lockstep
