// Runbook loading and per-step templating: the part of a step's cost that is Lockstep's own work.
#include "app/runbook/RunbookLoader.h"
#include "app/runbook/Templater.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>

using namespace lockstep;

namespace {

QString platformRunbook()
{
    return QStringLiteral(LOCKSTEP_BENCH_SOURCE_DIR "/tests/runbook/valid/platform-instance-upgrade.yaml");
}

TemplateContext context()
{
    TemplateContext c;
    c.instance.name = QStringLiteral("platform-prod-eu-1");
    c.instance.product = QStringLiteral("webwaka-platform");
    c.instance.sshTarget = QStringLiteral("deploy@10.0.0.5");
    c.instance.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080/i/platform-prod-eu-1"));
    c.instance.apiUrl = QUrl(QStringLiteral("http://127.0.0.1:8080/api"));
    c.version = QStringLiteral("1.5.0");
    c.previousVersion = QStringLiteral("1.4.2");
    c.change = ChangeClass::Minor;
    c.secrets.insert(QStringLiteral("api_token"), QStringLiteral("a-secret-token-value"));
    return c;
}

void BM_LoadPlatformRunbook(benchmark::State &state)
{
    for (auto _ : state) {
        auto loaded = RunbookLoader::readFile(platformRunbook());
        if (!loaded.ok())
            state.SkipWithError("runbook does not load");
        benchmark::DoNotOptimize(loaded);
    }
}
BENCHMARK(BM_LoadPlatformRunbook)->Unit(benchmark::kMicrosecond);

// What the engine does per http step: create a Templater for the instance and render the request.
void BM_RenderHttpStep(benchmark::State &state)
{
    const auto runbook = RunbookLoader::loadFile(platformRunbook());
    const StepSpec *step = runbook.ok() ? runbook->findStep(QStringLiteral("maintenance-on")) : nullptr;
    if (!step) {
        state.SkipWithError("no step");
        return;
    }
    const TemplateContext c = context();
    for (auto _ : state) {
        auto templater = Templater::create(c);
        auto request = templater->renderHttp(*step);
        benchmark::DoNotOptimize(request);
    }
}
BENCHMARK(BM_RenderHttpStep)->Unit(benchmark::kMicrosecond);

void BM_RenderSshStep(benchmark::State &state)
{
    const auto runbook = RunbookLoader::loadFile(platformRunbook());
    const StepSpec *step = runbook.ok() ? runbook->findStep(QStringLiteral("pull")) : nullptr;
    if (!step) {
        state.SkipWithError("no step");
        return;
    }
    TemplateContext c = context();
    for (auto _ : state) {
        auto templater = Templater::create(c);
        auto spec = templater->renderSshCommand(*step);
        benchmark::DoNotOptimize(spec);
    }
}
BENCHMARK(BM_RenderSshStep)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
