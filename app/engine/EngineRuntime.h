#pragma once

#include "app/engine/EngineServices.h"
#include "app/ssh/SshOptions.h"
#include "models/Instance.h"
#include "models/Result.h"
#include "models/runbook/Runbook.h"

#include <QUrl>

#include <QList>
#include <QMap>

#include <chrono>
#include <memory>

class QNetworkAccessManager;

namespace lockstep {

class AuditSink;
class Database;
class GateMeasurementRepository;
class GroupLockRepository;
class LeaseRepository;
class LocalTransport;
class MetricGateEvaluator;
class MetricStore;
class OperatorIdentity;
class PrometheusMetricSource;
class RoutedMetricSource;
class RunRepository;
class ScrapeMetricSource;
class Scraper;
class SignOffRepository;
class SshTransport;
class StepDispatcher;

// The engine's objects wired together on one store: repositories, transports (local, ssh, http),
// the step dispatcher and the gates (on Lockstep's own scrapes, and on a Prometheus when one is given). The CLI and the GUI build one each, so a runbook runs
// through exactly the same objects in both. Lives on the thread that owns the Database.
class EngineRuntime
{
public:
    struct Options
    {
        std::chrono::milliseconds scrapeInterval{std::chrono::seconds(5)};
        std::chrono::milliseconds gateMinimumWindow{std::chrono::seconds(30)};
        SshOptions ssh;     // how ssh: steps connect (default: like the user's OpenSSH client)
        // The Prometheus that scrapes the fleet (http://host:9090): PromQL gates ask it, and so do
        // built-in gates on instances whose inventory names a PromQL selector. Empty: none.
        QUrl prometheusUrl;
        // allowed_signers for SSH-signed sign-offs (SshSignature); empty: none, so on one desktop a
        // four-eyes item cannot be satisfied.
        QString allowedSigners;
    };

    // `audit` may be null (nothing is audited); it is not owned.
    EngineRuntime(Database &db, AuditSink *audit, Options options);
    ~EngineRuntime();
    EngineRuntime(const EngineRuntime &) = delete;
    EngineRuntime &operator=(const EngineRuntime &) = delete;

    EngineServices services() const;
    StepDispatcher &dispatcher() { return *m_dispatcher; }
    RunRepository &runs() { return *m_runs; }
    LeaseRepository &leases() { return *m_leases; }
    SignOffRepository &signOffs() { return *m_signOffs; }
    GateMeasurementRepository &measurements() { return *m_measurements; }

    // Who acts at this console: resolved from the store when the runtime is built (the database role, or
    // the OS account); a test may set an asserted one (OperatorIdentity::resolve with a name).
    const OperatorIdentity &identity() const { return *m_identity; }
    void setIdentity(const OperatorIdentity &identity);

    bool hasPrometheus() const { return m_prometheus != nullptr; }
    // Whether every gate of the runbook has a metric source that can answer it: a PromQL gate needs a
    // Prometheus. Called before a run is created, so such a plan is refused instead of failing later.
    Status checkGateSources(const Runbook &runbook) const;

    // The run's secrets: steps render them, and every form of them is masked in what the engine stores,
    // audits, logs and shows (redactor()).
    void setSecrets(const QMap<QString, QString> &secrets);
    const Redactor &redactor() const { return m_redactor; }
    // Starts scraping the instances the gates will judge (a run's instances).
    void watch(const QList<Instance> &instances);

private:
    std::unique_ptr<RunRepository> m_runs;
    std::unique_ptr<LeaseRepository> m_leases;
    std::unique_ptr<GroupLockRepository> m_groupLocks;
    std::unique_ptr<SignOffRepository> m_signOffs;
    std::unique_ptr<GateMeasurementRepository> m_measurements;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<LocalTransport> m_local;
    std::unique_ptr<SshTransport> m_ssh;
    std::unique_ptr<MetricStore> m_metricStore;
    std::unique_ptr<Scraper> m_scraper;
    std::unique_ptr<ScrapeMetricSource> m_metricSource;
    std::unique_ptr<PrometheusMetricSource> m_prometheus;
    std::unique_ptr<RoutedMetricSource> m_gateSource;
    std::unique_ptr<MetricGateEvaluator> m_gates;
    std::unique_ptr<StepDispatcher> m_dispatcher;
    AuditSink *m_audit = nullptr;
    std::unique_ptr<OperatorIdentity> m_identity;
    QString m_allowedSigners;
    Redactor m_redactor;
};

} // namespace lockstep
