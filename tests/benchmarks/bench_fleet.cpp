// The fleet table with 10,000 instances (docs/performance.md, "Fleet table"): loading the table, one
// keystroke in the filter box, and one poll cycle's worth of live updates, each with the visible
// rows repainted, on the offscreen platform.
#include "app/core/Settings.h"
#include "models/Clock.h"
#include "models/itemmodels/FleetFilterProxyModel.h"
#include "models/itemmodels/FleetModel.h"
#include "tests/gui/DemoFleet.h"
#include "ui/MainWindow.h"
#include "ui/fleet/FleetController.h"
#include "ui/fleet/FleetPage.h"
#include "ui/fleet/FleetView.h"
#include "ui/inventory/InMemoryInventoryService.h"

#include <QApplication>
#include <QLineEdit>
#include <QTest>

#include <benchmark/benchmark.h>

using namespace lockstep;

namespace {

int fleetSize(const benchmark::State &state) { return int(state.range(0)); }

struct Screen
{
    explicit Screen(int instances)
        : inventory(test::demoInstances(instances), test::demoReleases())
        , window(&inventory)
    {
        window.resize(1440, 900);
        window.show();
        QCoreApplication::processEvents();
    }
    FleetView *view() const { return window.fleetPage()->view(); }
    QLineEdit *filter() const { return window.fleetPage()->filterEdit(); }
    // What the user waits for: the visible rows painted.
    void paint() const { view()->viewport()->repaint(); }

    InMemoryInventoryService inventory;
    MainWindow window;
};

// Loading: the inventory read into the model, sorted by the proxy and the first screen painted.
void BM_FleetLoad(benchmark::State &state)
{
    Screen screen(10);
    const QList<Instance> instances = test::demoInstances(fleetSize(state));
    const QList<Release> releases = test::demoReleases();
    InMemoryInventoryService inventory(instances, releases);
    FleetController controller(screen.window.fleetModel(), &inventory);
    for (auto _ : state) {
        state.PauseTiming();
        screen.window.fleetModel()->setInstances({});
        QCoreApplication::processEvents();
        state.ResumeTiming();
        const Status loaded = controller.reload();
        screen.paint();
        benchmark::DoNotOptimize(loaded.ok());
    }
    state.counters["rows"] = screen.view()->model()->rowCount();
}
BENCHMARK(BM_FleetLoad)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

// One keystroke in the filter box: the proxy re-filters every row and the view repaints.
// Alternates typing and deleting the last character of a realistic query.
void BM_FilterKeystroke(benchmark::State &state)
{
    Screen screen(fleetSize(state));
    const QString query = state.range(1) == 0 ? QStringLiteral("graph-prod") : QStringLiteral("env:prod product:graph");
    QTest::keyClicks(screen.filter(), query.chopped(1));
    screen.paint();
    bool typeNext = true;
    for (auto _ : state) {
        if (typeNext)
            QTest::keyClick(screen.filter(), query.back().toLatin1());
        else
            QTest::keyClick(screen.filter(), Qt::Key_Backspace);
        screen.paint();
        typeNext = !typeNext;
    }
    state.counters["shown"] = screen.view()->model()->rowCount();
}
BENCHMARK(BM_FilterKeystroke)->Args({10000, 0})->Args({10000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();

// Clearing the filter: the worst keystroke, every row comes back.
void BM_FilterClear(benchmark::State &state)
{
    Screen screen(fleetSize(state));
    for (auto _ : state) {
        state.PauseTiming();
        screen.filter()->setText(QStringLiteral("graph-prod"));
        screen.paint();
        state.ResumeTiming();
        screen.filter()->clear();
        screen.paint();
    }
}
BENCHMARK(BM_FilterClear)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

// One poll cycle applied: 10,000 status updates queued, flushed as one batch, table sorted by health.
void BM_PollBatch(benchmark::State &state)
{
    Screen screen(fleetSize(state));
    screen.view()->sortByColumn(FleetModel::HealthColumn, Qt::AscendingOrder);
    FleetModel *fleet = screen.window.fleetModel();
    QStringList names;
    for (const FleetModel::Row &row : fleet->rows())
        names << row.instance.name;
    int cycle = 0;
    for (auto _ : state) {
        const QDateTime now = Clock::instance().now();
        for (int i = 0; i < names.size(); ++i) {
            // Every cycle a different few instances are down, so the sort order really changes.
            const bool down = (i + cycle) % 97 == 0;
            fleet->queueStatus(names.at(i), down ? Health::Down : Health::Healthy, {}, now, {});
        }
        fleet->flushUpdates();
        screen.paint();
        ++cycle;
    }
}
BENCHMARK(BM_PollBatch)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Settings::createTemporary();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
