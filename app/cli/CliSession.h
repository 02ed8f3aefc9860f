#pragma once

#include "app/audit/AuditAnchoring.h"
#include "app/engine/EngineRuntime.h"
#include "app/session/ConsoleSession.h"
#include "models/Result.h"
#include "models/run/Plan.h"
#include "models/run/PlanPreview.h"
#include "models/store/Database.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <memory>

namespace lockstep {

// What the plan / run / runs / status commands share: their options, the operator's ConsoleSession on
// the store (the same wiring as the console's), and how plans are built from runbook files and an
// inventory.
class CliSession
{
public:
    static QList<QCommandLineOption> storeOptions();
    static QList<QCommandLineOption> planOptions();

    // Opens the store (--database, $LOCKSTEP_DATABASE, or the per-user data directory).
    static Result<std::unique_ptr<CliSession>> open(const QCommandLineParser &parser);
    // Lets the run's last webhooks go out before the command exits (at most 15 s).
    ~CliSession();

    // --runbook, --version, --instances/--product, --inventory, --param, --window, --override.
    Result<Plan> buildPlan(const QCommandLineParser &parser);
    static void printPreview(QTextStream &out, const PlanPreview &preview);
    // Who acts: the database role in team mode, else the OS account (OperatorIdentity).
    QString operatorName() const;
    static bool stdinIsTerminal();

    ConsoleSession &session() { return m_session; }
    Database &db() { return m_session.db(); }
    EngineRuntime &runtime() { return *m_session.runtime(); }
    // The chain head's witnesses (--witness-file, --syslog-socket; docs/audit.md).
    AuditAnchoring &anchoring() { return *m_session.anchoring(); }

private:
    CliSession() = default;

    ConsoleSession m_session;
};

} // namespace lockstep
