# ui/charts: the only QtCharts user. Metric charts with thresholds, failing bands and event markers.
target_sources(lockstep_ui PRIVATE
  charts/ChartDownsampler.h charts/ChartDownsampler.cpp
  charts/ChartMarker.h
  charts/NiceScale.h charts/NiceScale.cpp
  charts/MetricChart.h charts/MetricChart.cpp
)
