#include "app/session/ConsoleSession.h"

#include "app/audit/AuditLog.h"
#include "app/audit/AuditLogSink.h"
#include "app/core/Logging.h"
#include "app/core/Settings.h"
#include "app/engine/RunExecutor.h"
#include "app/identity/OperatorIdentity.h"
#include "app/notify/RunNotifications.h"
#include "app/runbook/SecretStore.h"
#include "models/store/Database.h"
#include "models/store/LeaseHeartbeat.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "models/store/StoreNotifier.h"

#include <QProcessEnvironment>

#include <algorithm>

namespace lockstep {

namespace {
// A connection name per session: a test (or a second window) may hold two at once.
int s_connections = 0;
}

ConsoleSession::ConsoleSession(QObject *parent)
    : QObject(parent)
    , m_notifications(new RunNotifications(this))
{
}

ConsoleSession::~ConsoleSession()
{
    close();
}

void ConsoleSession::close()
{
    // The executor uses the runtime's objects: it goes first.
    m_heartbeat.reset();
    m_notifications->setRun(nullptr);
    delete m_run.data();
    m_storeNotifier.reset();
    m_runtime.reset();
    m_auditSink.reset();
    m_anchoring.reset();
    m_audit.reset();
    m_db.reset();
}

Status ConsoleSession::openStore(const QString &location, EngineRuntime::Options engine)
{
    Options options;
    options.engine = std::move(engine);
    options.leaseTimeout = m_leaseTimeout;
    return open(location, options);
}

Status ConsoleSession::open(const QString &location, const Options &options)
{
    auto db = std::make_unique<Database>();
    if (Status s = db->open(location, QStringLiteral("lockstep-session-%1").arg(++s_connections)); !s)
        return s;
    auto identity = OperatorIdentity::resolve(*db, options.assertedOperator);
    if (!identity)
        return identity.error();
    close();
    m_db = std::move(db);
    m_audit = std::make_unique<AuditLog>(*m_db);
    m_anchoring = std::make_unique<AuditAnchoring>(*m_db, *m_audit, options.anchoring.value_or(AuditAnchoring::Options::resolve()));
    m_auditSink = std::make_unique<AuditLogSink>(*m_audit);
    m_runtime = std::make_unique<EngineRuntime>(*m_db, m_auditSink.get(), options.engine);
    m_runtime->setIdentity(*identity);
    const bool team = m_db->dialect() == Database::Dialect::Postgres;
    m_runtime->leases().setExpiry(options.leaseTimeout.value_or(std::chrono::milliseconds(team ? 30000 : 0)));
    // A LISTEN the server refused only costs liveness (views refresh on this console's own changes).
    m_storeNotifier = std::make_unique<StoreNotifier>(*m_db);
    return okStatus();
}

const OperatorIdentity *ConsoleSession::identity() const
{
    return m_runtime ? &m_runtime->identity() : nullptr;
}

QString ConsoleSession::operatorName() const
{
    if (m_runtime)
        return m_runtime->identity().name();
    if (OperatorIdentity::testIdentitiesEnabled())
        if (const QString asserted = qEnvironmentVariable("LOCKSTEP_TEST_OPERATOR"); !asserted.isEmpty())
            return asserted;
    return OperatorIdentity::osAccount();
}

Result<Plan> ConsoleSession::planOf(qint64 runId) const
{
    if (!m_runtime)
        return Error{tr("no store is open"), {}, {}};
    auto record = m_runtime->runs().find(runId);
    if (!record)
        return record.error();
    return RunRecovery::planOf(*record);
}

Status ConsoleSession::createRun(const Plan &plan, const QString &operatorName)
{
    if (!m_runtime)
        return Error{tr("no store is open"), {}, tr("start Lockstep with --data-dir or --database")};
    if (m_run && !isTerminal(m_run->state()))
        return Error{tr("run %1 is still going (%2)").arg(QString::number(m_run->runId()), runStateName(m_run->state())), {},
                     tr("finish, abort or roll it back first")};
    // A PromQL gate no Prometheus can answer would fail after the first wave: refuse now.
    if (Status sources = m_runtime->checkGateSources(plan.runbook); !sources)
        return sources;
    if (!plan.runbook.secrets.isEmpty()) {
        // From LOCKSTEP_SECRET_* variables, never from a field typed into the window.
        auto secrets = SecretStore::resolve(plan.runbook.secrets);
        if (!secrets)
            return secrets.error();
        m_runtime->setSecrets(*secrets);
        m_audit->redact(m_runtime->redactor().forms());
    }
    auto created = RunExecutor::create(plan, operatorName, m_runtime->services(), this);
    if (!created)
        return created.error();
    adopt(*created);
    return okStatus();
}

Result<QList<RecoveredRun>> ConsoleSession::recover()
{
    if (!m_runtime)
        return QList<RecoveredRun>{};
    return RunRecovery(m_runtime->services()).scan();
}

Status ConsoleSession::restoreRun(qint64 runId)
{
    if (!m_runtime)
        return Error{tr("no store is open"), {}, {}};
    auto restored = RunRecovery(m_runtime->services()).restore(runId, this);
    if (!restored)
        return restored.error();
    adopt(*restored);
    return okStatus();
}

void ConsoleSession::adopt(RunExecutor *run)
{
    m_heartbeat.reset();
    m_notifications->setRun(nullptr);
    delete m_run.data();
    m_run = run;
    run->setRollbackCountdown(std::chrono::seconds(std::max(0, Settings::instance().get(settings::rollbackCountdownSeconds))));
    connect(run, &RunExecutor::leaseLost, this, [this, run](const QString &why) {
        m_heartbeat.reset();
        emit leaseLost(run->runId(), why);
    });
    // Team mode: the run's leases stay alive while this session does; a lost one stops the run's writes
    // (the heartbeat loses the run's write fence, and the executor tells leaseLost()).
    if (const auto timeout = m_runtime->leases().expiry(); timeout.count() > 0) {
        m_heartbeat = std::make_unique<LeaseHeartbeat>(m_runtime->leases(), run->runId());
        if (Status s = m_heartbeat->start(std::max<std::chrono::milliseconds>(std::chrono::milliseconds(100), timeout / 4)); !s)
            m_heartbeat.reset();   // the store is unreachable: the fence still refuses writes if the lease goes
        connect(run, &RunExecutor::runFinished, this, [this, run] {
            if (m_run == run)
                m_heartbeat.reset();
        });
    }
    // The head a finished run leaves is anchored outside the store; a witness that fails is logged and
    // audited by AuditAnchoring, and the run's outcome stays what it was.
    connect(run, &RunExecutor::runFinished, this, [this, run](RunState state) {
        if (!m_anchoring)
            return;
        const auto anchored = m_anchoring->anchor(
            QStringLiteral("run %1 %2").arg(QString::number(run->runId()), runStateName(state)), operatorName());
        if (!anchored)
            Logging::log(LogLevel::Warning, QStringLiteral("audit"),
                         QStringLiteral("the audit head was not anchored: %1").arg(anchored.error().toString()));
    });
    m_notifications->setRun(run);
    QList<Instance> instances;
    for (const Wave &w : run->plan().waves)
        instances << w.instances;
    // Gates judge what the scraper saw since the run began: start watching now.
    m_runtime->watch(instances);
    emit runChanged(run);
}

} // namespace lockstep
