// Engine overhead per step and a 1,000-instance x 5-HTTP-step run (docs/performance.md, "Engine").
//   bench_engine overhead [STEPS] [DB]   many no-op steps on an instant fake launcher
//   bench_engine fleetsim [INSTANCES]    5 http steps per instance against lockstep-fleetsim, max_parallel 50
// Budget (DESIGN.md): engine overhead < 1 ms per step beyond the step's own I/O.
#include "app/engine/EngineRuntime.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/StepLauncher.h"
#include "app/runbook/RunbookLoader.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"
#include "tests/support/FleetSim.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>

using namespace lockstep;

namespace {

// Ends on the next turn of the event loop: the step itself costs nothing.
class InstantExecution final : public StepExecution
{
public:
    explicit InstantExecution(QObject *parent) : StepExecution(parent)
    {
        QTimer::singleShot(0, this, [this] { emit finished({StepOutcome::Succeeded, 0, {}}); });
    }
    void cancel() override {}
};

class InstantLauncher final : public StepLauncher
{
public:
    StepExecution *launch(const StepSpec &, const StepContext &, QObject *parent) override
    {
        return new InstantExecution(parent);
    }
};

double cpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0;
}

RunState runToEnd(RunExecutor *run)
{
    QEventLoop loop;
    QObject::connect(run, &RunExecutor::runFinished, &loop, &QEventLoop::quit);
    if (!run->start(QStringLiteral("bench")))
        return run->state();
    loop.exec();
    return run->state();
}

int overhead(int steps, const QString &dbPath)
{
    QTemporaryDir dir;
    Database db;
    const QString path = dbPath.isEmpty() ? dir.filePath(QStringLiteral("bench.db")) : dbPath;
    if (!db.open(path)) {
        std::fprintf(stderr, "cannot open %s\n", qPrintable(path));
        return 1;
    }
    RunRepository runs(db);
    LeaseRepository leases(db);
    SignOffRepository signOffs(db);
    InstantLauncher launcher;
    EngineServices services;
    services.runs = &runs;
    services.leases = &leases;
    services.signOffs = &signOffs;
    services.launcher = &launcher;

    // 10 instances x steps/10 no-op steps, 10 in parallel.
    const int instances = 10;
    Runbook rb;
    rb.id = QStringLiteral("noop");
    rb.product = QStringLiteral("bench");
    for (int s = 0; s < steps / instances; ++s) {
        StepSpec step;
        step.id = QStringLiteral("s%1").arg(s);
        step.kind = StepKind::Local;
        rb.steps << step;
    }
    rb.strategy.maxParallel = instances;
    PlanRequest req;
    req.runbooks = {rb};
    for (int i = 0; i < instances; ++i) {
        Instance inst;
        inst.name = QStringLiteral("i%1").arg(i);
        inst.product = QStringLiteral("bench");
        inst.currentVersion = QStringLiteral("1.0.0");
        req.instances << inst;
    }
    req.targetVersion = QStringLiteral("1.0.1");
    auto plan = Planner::plan(req, Clock::instance().now());
    auto run = RunExecutor::create(*plan, QStringLiteral("bench"), services);
    std::unique_ptr<RunExecutor> executor(*run);
    QElapsedTimer wall;
    const double cpu0 = cpuMs();
    wall.start();
    const RunState end = runToEnd(executor.get());
    const double ms = double(wall.nsecsElapsed()) / 1e6;
    const double cpu = cpuMs() - cpu0;
    const int total = int(rb.steps.size()) * instances;

    // The write-ahead log alone: one intent and one result per step, as the executor writes them,
    // under a lease held by a second run.
    RunRecord second;
    second.runbookId = rb.id;
    second.targetVersion = QStringLiteral("1.0.1");
    const qint64 secondId = *runs.create(second);
    const qint64 generation = leases.acquire(secondId, QStringLiteral("bench"), {QStringLiteral("i0")})->first().generation;
    const int pairs = 300;
    QElapsedTimer storeTimer;
    storeTimer.start();
    for (int i = 0; i < pairs; ++i) {
        StepResult s;
        s.runId = secondId;
        s.instance = QStringLiteral("i0");
        s.step = QStringLiteral("probe");
        s.startedAt = Clock::instance().now();
        s.id = *runs.recordIntent(s, generation);
        s.outcome = StepOutcome::Succeeded;
        if (Status stored = runs.recordResult(s); !stored) {
            std::fprintf(stderr, "cannot record a result: %s\n", qPrintable(stored.error().toString()));
            return 1;
        }
    }
    const double storeMs = double(storeTimer.nsecsElapsed()) / 1e6 / pairs;
    std::printf("engine overhead: %d no-op steps on %s in %.1f ms wall, %.1f ms CPU -> %.3f ms wall/step, "
                "%.3f ms CPU/step; run %s\n",
                total, qPrintable(path), ms, cpu, ms / total, cpu / total, qPrintable(runStateName(end)));
    std::printf("store write-ahead pair (intent + result) alone: %.3f ms\n", storeMs);
    return end == RunState::Succeeded ? 0 : 1;
}

int fleetsim(int instances)
{
    test::FleetSim sim;
    if (const QString failure = sim.start({QStringLiteral("--instances"), QString::number(instances),
                                           QStringLiteral("--upgrade-ms"), QStringLiteral("100")});
        !failure.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(failure));
        return 1;
    }
    const char *yaml = R"(
runbook: five-http
product: webwaka-platform
strategy: {max_parallel: 50}
steps:
  - {id: health, http: "GET {{instance.url}}/health", expect: {status: [200]}}
  - {id: version, http: "GET {{instance.url}}/version", expect: {status: [200]}}
  - {id: details, http: "GET {{instance.api}}/instances/{{instance.name}}", expect: {status: [200]}}
  - {id: backups, http: "GET {{instance.api}}/instances/{{instance.name}}/backups", expect: {status: [200]}}
  - {id: diagnostics, http: "GET {{instance.api}}/diagnostics/{{instance.name}}", expect: {status: [200]}}
)";
    auto rb = RunbookLoader::loadString(QString::fromUtf8(yaml), QStringLiteral("five-http.yaml"));
    if (!rb) {
        std::fprintf(stderr, "%s\n", qPrintable(rb.error().toString()));
        return 1;
    }
    PlanRequest req;
    req.runbooks = {*rb};
    for (int n = 1; n <= instances; ++n) {
        Instance inst;
        inst.name = QStringLiteral("node-%1").arg(n, 4, 10, QLatin1Char('0'));
        inst.product = QStringLiteral("webwaka-platform");
        inst.baseUrl = sim.instanceUrl(inst.name);
        inst.apiUrl = sim.apiUrl();
        inst.currentVersion = QStringLiteral("1.4.2");
        req.instances << inst;
    }
    req.targetVersion = QStringLiteral("1.5.0");
    auto plan = Planner::plan(req, Clock::instance().now());
    QTemporaryDir dir;
    Database db;
    if (!db.open(dir.filePath(QStringLiteral("bench.db"))))
        return 1;
    EngineRuntime runtime(db, nullptr, {});
    auto run = RunExecutor::create(*plan, QStringLiteral("bench"), runtime.services());
    std::unique_ptr<RunExecutor> executor(*run);
    QElapsedTimer wall;
    const double cpu0 = cpuMs();
    wall.start();
    const RunState end = runToEnd(executor.get());
    const double ms = double(wall.nsecsElapsed()) / 1e6;
    const double cpu = cpuMs() - cpu0;
    const int total = instances * 5;
    std::printf("fleetsim: %d instances x 5 http steps (max_parallel 50): %.0f ms wall, %.0f ms CPU (console process), "
                "%.3f ms CPU/step; run %s - %s\n",
                instances, ms, cpu, cpu / total, qPrintable(runStateName(end)), qPrintable(executor->note()));
    return end == RunState::Succeeded ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 2 && args[1] == QLatin1String("overhead"))
        return overhead(args.size() > 2 ? args[2].toInt() : 5000, args.size() > 3 ? args[3] : QString());
    if (args.size() >= 2 && args[1] == QLatin1String("fleetsim"))
        return fleetsim(args.size() > 2 ? args[2].toInt() : 1000);
    std::fprintf(stderr, "usage: bench_engine overhead [STEPS] [DB] | fleetsim [INSTANCES]\n");
    return 2;
}
