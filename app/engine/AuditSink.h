#pragma once

#include "models/Result.h"

#include <QJsonObject>
#include <QString>

namespace lockstep {

struct RunEvent;

// One decision or state change of the engine, as it goes to the audit log.
struct EngineAuditEntry
{
    qint64 runId = 0;
    QString operatorName;               // the operator, or "lockstep" for the engine's own decisions
    QString action;                     // a name from models/AuditActions
    QString instance;
    QString fromVersion;
    QString toVersion;
    QString result;
    QString reason;
    QJsonObject evidence;

    // A run event as its audit record: the action named by AuditActions, the outcome as the result.
    static EngineAuditEntry of(const RunEvent &event);
};

// Where the engine writes its audit trail; AuditLogSink adapts it to the hash-chained AuditLog.
class AuditSink
{
public:
    virtual ~AuditSink() = default;
    virtual Status record(const EngineAuditEntry &entry) = 0;
    // Records a run event; kinds that are narrated but not recorded (AuditActions::of is empty) are not.
    Status recordEvent(const RunEvent &event);
};

} // namespace lockstep
