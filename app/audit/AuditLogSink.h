#pragma once

#include "app/engine/AuditSink.h"

namespace lockstep {

class AuditLog;

// Sends the engine's audit entries (app/engine/AuditSink) into the hash-chained AuditLog.
class AuditLogSink final : public AuditSink
{
public:
    explicit AuditLogSink(AuditLog &log) : m_log(log) {}
    Status record(const EngineAuditEntry &entry) override;

private:
    AuditLog &m_log;
};

} // namespace lockstep
