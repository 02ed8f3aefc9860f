# Post-upgrade monitoring (ui/monitoring): live charts of a group of instances and their gates.
target_sources(lockstep_ui PRIVATE
  monitoring/RunMarkers.h monitoring/RunMarkers.cpp
  monitoring/MonitoringSources.h monitoring/MonitoringSources.cpp
  monitoring/LiveGateTable.h monitoring/LiveGateTable.cpp
  monitoring/MonitoringView.h monitoring/MonitoringView.cpp
)
