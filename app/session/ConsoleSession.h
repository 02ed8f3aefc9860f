#pragma once

#include "app/audit/AuditAnchoring.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/RunRecovery.h"
#include "models/Result.h"
#include "models/run/Plan.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <memory>
#include <optional>

namespace lockstep {

class AuditLog;
class AuditLogSink;
class Database;
class LeaseHeartbeat;
class OperatorIdentity;
class RunNotifications;
class StoreNotifier;

// One operator's session on a store, the same for the console and the CLI: the store, its audit log
// and the audit head's witnesses, one EngineRuntime, lease expiry, the store's change notifications,
// the run notifications (webhooks; desktop ones through the Notifier the front end sets), who acts
// here, and the run this session drives with its lease heartbeat. Front ends build one and hand it to
// their pages and commands, which never open a store themselves. No widget.
class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        EngineRuntime::Options engine;
        // Where the audit head is anchored; default: the settings' and environment's witnesses.
        std::optional<AuditAnchoring::Options> anchoring;
        // How long a lease lives without a heartbeat. None: 30 s on PostgreSQL (several consoles share
        // it, a dead one's leases must expire); never on SQLite (one console keeps its leases through a
        // crash, for recovery).
        std::optional<std::chrono::milliseconds> leaseTimeout;
        // Tests only (LOCKSTEP_TEST_IDENTITIES=1, --operator): act under this name, recorded as asserted.
        QString assertedOperator;
    };

    explicit ConsoleSession(QObject *parent = nullptr);
    ~ConsoleSession() override;

    // Opens (and migrates) the store at a SQLite path or postgresql:// URL and wires the engine on it;
    // a session already open is closed first (its run goes with it).
    Status open(const QString &location, const Options &options);
    // The console's way: engine options from the settings, the lease timeout set before.
    Status openStore(const QString &location, EngineRuntime::Options engine = {});
    // Team mode: how long a lease lives without a heartbeat, for stores opened with openStore afterwards.
    void setLeaseTimeout(std::chrono::milliseconds timeout) { m_leaseTimeout = timeout; }

    bool isOpen() const { return m_runtime != nullptr; }
    // Null (or invalid to call) until a store is open.
    Database &db() const { return *m_db; }
    EngineRuntime *runtime() const { return m_runtime.get(); }
    AuditLog *auditLog() const { return m_audit.get(); }
    AuditAnchoring *anchoring() const { return m_anchoring.get(); }
    // Changes other consoles (and this one) make in the store, as signals (PostgreSQL LISTEN/NOTIFY).
    StoreNotifier *storeNotifier() const { return m_storeNotifier.get(); }
    // Approvals and failed gates of the current run: desktop (if the front end sets a Notifier) and the
    // product's webhook. Always there.
    RunNotifications *notifications() const { return m_notifications; }

    // Who acts here: the open store's database role in team mode, else the OS account (a test's
    // asserted name when LOCKSTEP_TEST_IDENTITIES=1). Resolved once, when the store opens; before that
    // what it will most likely be, for forms that show it. Never a typed name.
    QString operatorName() const;
    const OperatorIdentity *identity() const;

    // The plan a stored run was made from, rebuilt the way recovery rebuilds it (the stored runbook
    // text, its change class's conditions, the demo time scale), so every view of a run agrees.
    Result<Plan> planOf(qint64 runId) const;

    RunExecutor *run() const { return m_run; }
    // Creates the run (stored, instances leased) and makes it the current one.
    Status createRun(const Plan &plan, const QString &operatorName);
    // Runs that did not end: their unfinished steps are marked interrupted (RunRecovery).
    Result<QList<RecoveredRun>> recover();
    // Makes a stored unfinished run the current one; it waits for the operator.
    Status restoreRun(qint64 runId);

signals:
    void runChanged(lockstep::RunExecutor *run);
    // The current run lost its leases to another console (RunExecutor::leaseLost): it stopped writing.
    void leaseLost(qint64 runId, const QString &why);

private:
    void close();
    // Makes `run` the current one: its leases are kept alive, its end anchors the audit head, its
    // instances are watched and its approvals and failed gates notified.
    void adopt(RunExecutor *run);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<AuditLogSink> m_auditSink;
    std::unique_ptr<AuditAnchoring> m_anchoring;
    std::unique_ptr<EngineRuntime> m_runtime;
    std::unique_ptr<StoreNotifier> m_storeNotifier;
    std::unique_ptr<LeaseHeartbeat> m_heartbeat;
    RunNotifications *m_notifications;
    std::optional<std::chrono::milliseconds> m_leaseTimeout;
    QPointer<RunExecutor> m_run;
};

} // namespace lockstep
