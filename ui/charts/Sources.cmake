# ui/charts: the only QtCharts user. Metric charts with thresholds and the upgrade marker.
target_sources(lockstep_ui PRIVATE
  charts/ChartDownsampler.h charts/ChartDownsampler.cpp
  charts/MetricChart.h charts/MetricChart.cpp
)
