#pragma once

#include "app/audit/AuditAnchoring.h"
#include "app/audit/AuditLog.h"
#include "app/audit/AuditLogSink.h"
#include "app/engine/EngineRuntime.h"
#include "models/Result.h"
#include "models/run/Plan.h"
#include "models/run/PlanPreview.h"
#include "models/store/Database.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <memory>

namespace lockstep {

// What the plan / run / runs / status commands share: their options, the store, the engine runtime,
// and how plans are built from runbook files and an inventory.
class CliSession
{
public:
    static QList<QCommandLineOption> storeOptions();
    static QList<QCommandLineOption> planOptions();

    // Opens the store (--database, $LOCKSTEP_DATABASE, or the per-user data directory).
    static Result<std::unique_ptr<CliSession>> open(const QCommandLineParser &parser);

    // --runbook, --version, --instances/--product, --inventory, --param, --window, --override.
    Result<Plan> buildPlan(const QCommandLineParser &parser);
    static void printPreview(QTextStream &out, const PlanPreview &preview);
    // Who acts: the database role in team mode, else the OS account (OperatorIdentity).
    QString operatorName() const;
    static bool stdinIsTerminal();

    Database &db() { return m_db; }
    EngineRuntime &runtime() { return *m_runtime; }
    // The chain head's witnesses (--witness-file, --syslog-socket; docs/audit.md).
    AuditAnchoring &anchoring() { return *m_anchoring; }

private:
    CliSession() = default;

    Database m_db;
    std::unique_ptr<AuditLog> m_auditLog;
    std::unique_ptr<AuditLogSink> m_audit;
    std::unique_ptr<AuditAnchoring> m_anchoring;
    std::unique_ptr<EngineRuntime> m_runtime;
};

} // namespace lockstep
