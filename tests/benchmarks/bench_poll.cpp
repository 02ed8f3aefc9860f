// Wall time of one HealthPoller cycle (GET /health + GET /version) over 1,000 lockstep-fleetsim
// instances on 127.0.0.1. Budget (DESIGN.md): < 1 s. Results and how to rerun: docs/performance.md.
//   bench_poll [--instances=N] [Google Benchmark flags, e.g. --benchmark_repetitions=5]
// Cold: a new poller per cycle (connections are opened during the cycle).
// Warm: one long-lived poller, as in the console (keep-alive connections are reused).
#include "app/discovery/HealthPoller.h"
#include "tests/support/FleetSim.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>

using namespace lockstep;

namespace {

lockstep::test::FleetSim *g_sim = nullptr;
int g_instances = 1000;

QList<HealthPoller::Target> targets()
{
    QList<HealthPoller::Target> list;
    for (int n = 1; n <= g_instances; ++n) {
        const QString name = QStringLiteral("node-%1").arg(n, 4, 10, QLatin1Char('0'));
        list.append({name, g_sim->instanceUrl(name)});
    }
    return list;
}

// CPU time in ms of this process (all threads: the poller and Qt's HTTP thread) and of the
// simulator. On a shared, loaded machine wall time mostly measures waiting for a core; CPU time
// says what a cycle costs.
double ownCpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

double simCpuMs()
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(g_sim->process().pid()));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // Fields after the command name (which may contain spaces): utime and stime are 14 and 15.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

struct CpuCounters
{
    double own = ownCpuMs();
    double sim = simCpuMs();
    void report(benchmark::State &state) const
    {
        const double n = double(std::max<benchmark::IterationCount>(1, state.iterations()));
        state.counters["cpu_poller_ms"] = (ownCpuMs() - own) / n;
        state.counters["cpu_fleetsim_ms"] = (simCpuMs() - sim) / n;
    }
};

// Runs one cycle to its end; the stats of the cycle, or polled = -1 if it did not finish in 60 s.
PollCycleStats runCycle(HealthPoller &poller)
{
    PollCycleStats result;
    result.polled = -1;
    QEventLoop loop;
    const auto c = QObject::connect(&poller, &HealthPoller::pollCycleFinished, &loop,
                                    [&](const PollCycleStats &stats) { result = stats; loop.quit(); });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    poller.pollOnce();
    loop.exec();
    QObject::disconnect(c);
    return result;
}

bool check(benchmark::State &state, const PollCycleStats &stats)
{
    if (stats.healthy == g_instances && stats.versionErrors == 0)
        return true;
    state.SkipWithError("a poll cycle did not see every instance healthy with a version");
    return false;
}

void BM_PollCycleCold(benchmark::State &state)
{
    const auto list = targets();
    const CpuCounters cpu;
    for (auto _ : state) {
        HealthPoller poller;
        poller.setMaxInFlight(int(state.range(0)));
        poller.setTargets(list);
        if (!check(state, runCycle(poller)))
            break;
    }
    cpu.report(state);
    state.SetItemsProcessed(state.iterations() * g_instances);
}

void BM_PollCycleWarm(benchmark::State &state)
{
    HealthPoller poller;
    poller.setMaxInFlight(int(state.range(0)));
    poller.setTargets(targets());
    runCycle(poller);   // opens the connections
    const CpuCounters cpu;
    for (auto _ : state) {
        if (!check(state, runCycle(poller)))
            break;
    }
    cpu.report(state);
    state.SetItemsProcessed(state.iterations() * g_instances);
}

BENCHMARK(BM_PollCycleCold)->ArgName("inflight")->Arg(8)->Arg(32)->Arg(64)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PollCycleWarm)->ArgName("inflight")->Arg(8)->Arg(32)->Arg(64)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--instances=", 12) == 0)
            g_instances = std::max(1, std::atoi(argv[i] + 12));
    }
    lockstep::test::FleetSim sim;
    const QString failure = sim.start({QStringLiteral("--instances"), QString::number(g_instances)});
    if (!failure.isEmpty()) {
        std::fprintf(stderr, "bench_poll: %s\n", qPrintable(failure));
        return 1;
    }
    g_sim = &sim;
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
