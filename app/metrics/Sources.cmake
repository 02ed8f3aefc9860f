# Sources of app/metrics: the Prometheus text parser, scraping and PromQL sources, derivations, storage
# and gate evaluation.
target_sources(lockstep_engine PRIVATE
  metrics/PromSample.h
  metrics/PromSampleVisitor.h
  metrics/PromTextParser.h metrics/PromTextParser.cpp
  metrics/HistogramQuantile.h metrics/HistogramQuantile.cpp
  metrics/ExtrapolatedRate.h metrics/ExtrapolatedRate.cpp
  metrics/RingBuffer.h
  metrics/MetricStore.h metrics/MetricStore.cpp
  metrics/MetricDefinitions.h metrics/MetricDefinitions.cpp
  metrics/MetricReading.h
  metrics/FleetMetrics.h metrics/FleetMetrics.cpp
  metrics/ScrapeExtractor.h metrics/ScrapeExtractor.cpp
  metrics/MetricSource.h
  metrics/GateEvaluator.h
  metrics/Scraper.h metrics/Scraper.cpp
  metrics/ScrapeMetricSource.h metrics/ScrapeMetricSource.cpp
  metrics/PrometheusMetricSource.h metrics/PrometheusMetricSource.cpp
  metrics/RoutedMetricSource.h metrics/RoutedMetricSource.cpp
  metrics/GateJudge.h metrics/GateJudge.cpp
  metrics/MetricGateRun.h metrics/MetricGateRun.cpp
  metrics/MetricGateEvaluator.h metrics/MetricGateEvaluator.cpp
  metrics/LiveGateTracker.h metrics/LiveGateTracker.cpp
  metrics/LiveMetrics.h metrics/LiveMetrics.cpp
)
