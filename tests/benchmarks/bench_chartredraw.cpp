// Redraw of a MetricChart holding 1,000,000 points (budget: < 30 ms, DESIGN.md).
//   bench_chartredraw [Google Benchmark flags]
// Runs on the offscreen platform unless QT_QPA_PLATFORM says otherwise. "Replot" is downsampling to
// the plot width and replacing the series; "Redraw" adds rendering the whole chart into an image.
#include "ui/charts/ChartDownsampler.h"
#include "ui/charts/MetricChart.h"

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QImage>
#include <QPainter>

#include <cmath>

using namespace lockstep;

namespace {

constexpr std::size_t kPoints = 1000000;

struct Data
{
    std::vector<double> t, v;
    Data() : t(kPoints), v(kPoints)
    {
        const double start = 1.7e12;
        for (std::size_t i = 0; i < kPoints; ++i) {
            t[i] = start + double(i) * 100;   // 100 ms apart: ~28 h
            v[i] = 0.12 + 0.02 * std::sin(double(i) / 3000.0) + (i % 9973 == 0 ? 0.8 : 0.0);
        }
    }
};

const Data &data()
{
    static const Data d;
    return d;
}

// What the monitoring view adds: the gate's failing band and a run's markers.
void decorate(MetricChart &chart)
{
    chart.setFailingBand(0.5, std::nullopt);
    auto at = [](std::size_t i) { return QDateTime::fromMSecsSinceEpoch(qint64(data().t[i]), Qt::UTC); };
    chart.setMarkers({{at(kPoints / 2), ChartMarker::Kind::UpgradeStart, QStringLiteral("upgrade start")},
                      {at(kPoints / 2 + 10), ChartMarker::Kind::Wave, QStringLiteral("wave 1")},
                      {at(kPoints / 2 + 6000), ChartMarker::Kind::Approval, QStringLiteral("approved by alice")},
                      {at(kPoints * 3 / 4), ChartMarker::Kind::Wave, QStringLiteral("wave 2")},
                      {at(kPoints - 5000), ChartMarker::Kind::UpgradeEnd, QStringLiteral("upgrade end")}});
}

void BM_Downsample(benchmark::State &state)
{
    const Data &d = data();
    for (auto _ : state)
        benchmark::DoNotOptimize(ChartDownsampler::downsample(d.t, d.v, d.t.front(), d.t.back(), 1200));
}
BENCHMARK(BM_Downsample)->Unit(benchmark::kMillisecond);

void BM_Replot(benchmark::State &state)
{
    MetricChart chart(QStringLiteral("p95 latency"));
    chart.resize(1280, 400);
    chart.show();
    chart.setPoints(data().t, data().v);
    chart.setThreshold(0.5);
    chart.setUpgradeTime(QDateTime::fromMSecsSinceEpoch(qint64(data().t[kPoints / 2]), Qt::UTC));
    decorate(chart);
    chart.replotNow();
    for (auto _ : state)
        chart.replotNow();
    state.counters["plotted"] = double(chart.plottedPointCount());
}
BENCHMARK(BM_Replot)->Unit(benchmark::kMillisecond);

void BM_Redraw(benchmark::State &state)
{
    MetricChart chart(QStringLiteral("p95 latency"));
    chart.resize(1280, 400);
    chart.show();
    chart.setPoints(data().t, data().v);
    chart.setThreshold(0.5);
    chart.setUpgradeTime(QDateTime::fromMSecsSinceEpoch(qint64(data().t[kPoints / 2]), Qt::UTC));
    decorate(chart);
    chart.replotNow();
    QImage image(chart.size(), QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        chart.replotNow();
        QPainter painter(&image);
        chart.render(&painter);
    }
    state.counters["plotted"] = double(chart.plottedPointCount());
}
BENCHMARK(BM_Redraw)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
