# Sources of app/metrics: the Prometheus text parser, scraping and PromQL sources, derivations, storage
# and gate evaluation.
target_sources(lockstep_engine PRIVATE
  metrics/PromSample.h
  metrics/PromSampleVisitor.h
  metrics/PromTextParser.h metrics/PromTextParser.cpp
  metrics/HistogramQuantile.h metrics/HistogramQuantile.cpp
  metrics/ExtrapolatedRate.h metrics/ExtrapolatedRate.cpp
)
