#pragma once

#include "app/engine/AuditSink.h"

namespace lockstep {

class AuditLog;

// The engine's audit trail into the console's hash-chained AuditLog: one AuditEvent per entry.
class ConsoleAuditSink : public AuditSink
{
public:
    explicit ConsoleAuditSink(AuditLog &log) : m_log(log) {}
    Status record(const EngineAuditEntry &entry) override;

private:
    AuditLog &m_log;
};

} // namespace lockstep
