#pragma once

#include "app/engine/EngineRuntime.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/RunRecovery.h"
#include "models/Result.h"
#include "models/run/Plan.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <memory>

namespace lockstep {

class AuditAnchoring;
class AuditLog;
class AuditLogSink;
class Database;
class LeaseHeartbeat;
class StoreNotifier;

// The GUI's side of the engine: the store, one EngineRuntime on it (the same objects the CLI wires)
// and the run the upgrade window is driving. Widgets call it; it never touches widgets.
class UpgradeController : public QObject
{
    Q_OBJECT
public:
    explicit UpgradeController(QObject *parent = nullptr);
    ~UpgradeController() override;

    // Opens (and migrates) the store at a SQLite path or postgresql:// URL.
    Status openStore(const QString &location, EngineRuntime::Options options = {});
    bool isOpen() const { return m_runtime != nullptr; }
    EngineRuntime *runtime() const { return m_runtime.get(); }
    RunExecutor *run() const { return m_run; }
    // The hash-chained audit log on the same store; null until a store is open.
    AuditLog *auditLog() const { return m_audit.get(); }
    // The chain head's witnesses (settings audit/witnessFile, audit/syslogSocket); every run that ends
    // here is anchored. Null until a store is open.
    AuditAnchoring *anchoring() const { return m_anchoring.get(); }
    // Changes other consoles (and this one) make in the store, as signals (PostgreSQL LISTEN/NOTIFY);
    // the pages refresh what a notification names from it. Null until a store is open.
    StoreNotifier *notifier() const { return m_notifier.get(); }

    // Team mode: how long a lease lives without a heartbeat (default 30 s on PostgreSQL; on SQLite leases
    // never expire). Applies to stores opened afterwards.
    void setLeaseTimeout(std::chrono::milliseconds timeout) { m_leaseTimeout = timeout; }

    // The engine's peers as the console's settings name them: the Prometheus for PromQL gates and the
    // OpenSSH files of ssh: steps (the demo sets all three, see packaging/run-demo.sh).
    static EngineRuntime::Options optionsFromSettings();
    // The demo's time scale new plans get: $LOCKSTEP_TIME_SCALE, else demo/timeScale; 1 = real timings.
    static int timeScale();

    // Who acts at this console: the open store's database role in team mode, else the OS account
    // (a test's asserted LOCKSTEP_TEST_OPERATOR when LOCKSTEP_TEST_IDENTITIES=1). Never a typed name.
    static QString defaultOperator();

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
    void adopt(RunExecutor *run);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<AuditLogSink> m_auditSink;
    std::unique_ptr<AuditAnchoring> m_anchoring;
    std::unique_ptr<EngineRuntime> m_runtime;
    std::unique_ptr<StoreNotifier> m_notifier;
    std::unique_ptr<LeaseHeartbeat> m_heartbeat;
    std::chrono::milliseconds m_leaseTimeout{-1};
    QPointer<RunExecutor> m_run;
};

} // namespace lockstep
