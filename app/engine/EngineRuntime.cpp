#include "app/engine/EngineRuntime.h"

#include "app/core/Logging.h"
#include "app/engine/AuditSink.h"
#include "app/engine/StepDispatcher.h"
#include "app/identity/OperatorIdentity.h"
#include "app/metrics/MetricGateEvaluator.h"
#include "app/metrics/MetricStore.h"
#include "app/metrics/PrometheusMetricSource.h"
#include "app/metrics/RoutedMetricSource.h"
#include "app/metrics/ScrapeMetricSource.h"
#include "app/metrics/Scraper.h"
#include "app/ssh/SshTransport.h"
#include "app/transport/LocalTransport.h"
#include "models/AuditActions.h"
#include "models/IgnoredStatus.h"
#include "models/store/Database.h"
#include "models/store/GateMeasurementRepository.h"
#include "models/store/GroupLockRepository.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"

#include <QJsonObject>
#include <QNetworkAccessManager>

namespace lockstep {

EngineRuntime::EngineRuntime(Database &db, AuditSink *audit, Options options)
    : m_runs(std::make_unique<RunRepository>(db)),
      m_leases(std::make_unique<LeaseRepository>(db)),
      m_groupLocks(std::make_unique<GroupLockRepository>(db)),
      m_signOffs(std::make_unique<SignOffRepository>(db)),
      m_measurements(std::make_unique<GateMeasurementRepository>(db)),
      m_network(std::make_unique<QNetworkAccessManager>()),
      m_local(std::make_unique<LocalTransport>()),
      m_ssh(std::make_unique<SshTransport>(options.ssh)),
      m_metricStore(std::make_unique<MetricStore>()),
      m_dispatcher(std::make_unique<StepDispatcher>()),
      m_audit(audit),
      m_allowedSigners(options.allowedSigners)
{
    // LOCKSTEP_TEST_OPERATOR applies here (tests); a store that cannot say its session's role leaves the
    // OS account, which in team mode the server replaces anyway and which approves nothing there.
    auto identity = OperatorIdentity::resolve(db);
    m_identity = std::make_unique<OperatorIdentity>(
        identity ? *identity
                 : OperatorIdentity(OperatorIdentity::osAccount(), OperatorIdentity::Source::OsAccount,
                                    db.dialect() != Database::Dialect::Postgres));
    Scraper::Options scrape;
    scrape.interval = options.scrapeInterval;
    m_scraper = std::make_unique<Scraper>(*m_metricStore, MetricDefinitions{}, scrape);
    m_metricSource = std::make_unique<ScrapeMetricSource>(*m_metricStore, m_scraper.get());
    if (!options.prometheusUrl.isEmpty()) {
        PrometheusMetricSource::Options prometheus;
        prometheus.baseUrl = options.prometheusUrl;
        m_prometheus = std::make_unique<PrometheusMetricSource>(prometheus);
    }
    m_gateSource = std::make_unique<RoutedMetricSource>(*m_metricSource, m_prometheus.get());
    MetricGateEvaluator::Options gates;
    gates.minimumWindow = options.gateMinimumWindow;
    m_gates = std::make_unique<MetricGateEvaluator>(*m_gateSource, gates);
    m_dispatcher->setTransport(StepKind::Local, m_local.get());
    m_dispatcher->setTransport(StepKind::Ssh, m_ssh.get());
    m_dispatcher->setNetwork(m_network.get());
    m_dispatcher->setGateEvaluator(m_gates.get());
    // Unknown and changed host keys are security events: they go to the audit log with the
    // fingerprint, on this thread (the signal comes from an SSH worker thread).
    QObject::connect(m_ssh.get(), &SshTransport::hostKeyProblem, m_ssh.get(), [this](const HostKeyInfo &key) {
        if (!m_audit)
            return;
        EngineAuditEntry entry;
        entry.operatorName = QStringLiteral("lockstep");
        entry.action = key.state == HostKeyInfo::State::Changed ? AuditActions::hostKeyChanged()
                                                                 : AuditActions::hostKeyUnknown();
        entry.instance = key.target;
        entry.result = QStringLiteral("refused");
        entry.reason = QStringLiteral("%1 presented %2 %3").arg(key.knownHostsName(), key.keyType, key.fingerprint);
        entry.evidence = QJsonObject{{QStringLiteral("host"), key.knownHostsName()},
                                     {QStringLiteral("key_type"), key.keyType},
                                     {QStringLiteral("fingerprint"), key.fingerprint}};
        // The step is refused either way and its result names the key; a failed audit write is logged.
        ignoreStatus(m_audit->record(entry), "the SSH step is refused whatever the audit log says; its result names the host key");
    });
}

EngineRuntime::~EngineRuntime() = default;

void EngineRuntime::setIdentity(const OperatorIdentity &identity)
{
    *m_identity = identity;
}

EngineServices EngineRuntime::services() const
{
    EngineServices s;
    s.runs = m_runs.get();
    s.leases = m_leases.get();
    s.groupLocks = m_groupLocks.get();
    s.signOffs = m_signOffs.get();
    s.measurements = m_measurements.get();
    s.audit = m_audit;
    s.launcher = m_dispatcher.get();
    s.gates = m_gates.get();
    s.identity = m_identity.get();
    s.allowedSigners = m_allowedSigners;
    s.redactor = m_redactor;
    return s;
}

Status EngineRuntime::checkGateSources(const Runbook &runbook) const
{
    if (m_prometheus)
        return okStatus();
    for (const GateSpec &gate : runbook.gates)
        if (gate.promql)
            return Error{QStringLiteral("gate \"%1\" of runbook %2 is a PromQL query and no Prometheus is configured to answer it")
                             .arg(gate.id, runbook.id),
                         gate.location.file.isEmpty() ? runbook.file : gate.location.toString(),
                         QStringLiteral("give the Prometheus that scrapes these instances (lockstep-cli --prometheus "
                                        "http://HOST:9090, or metrics/prometheusUrl in the console's settings)")};
    return okStatus();
}

void EngineRuntime::setSecrets(const QMap<QString, QString> &secrets)
{
    m_dispatcher->setSecrets(secrets);
    m_redactor = m_redactor.with(secrets.values());
    // The log file and panel: a secret must not reach them in any form either.
    Logging::redact(m_redactor);
}

void EngineRuntime::watch(const QList<Instance> &instances)
{
    QList<ScrapeTarget> targets;
    for (const Instance &i : instances)
        if (i.baseUrl.isValid())
            targets << Scraper::targetFor(i);
    m_scraper->setTargets(targets);
    if (!targets.isEmpty())
        m_scraper->start();
}

} // namespace lockstep
