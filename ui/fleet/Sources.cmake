# The fleet screen: table, delegates, filter, details panel and the status bar summary.
target_sources(lockstep_ui PRIVATE
  fleet/BadgeDelegate.h fleet/BadgeDelegate.cpp
  fleet/FleetController.h fleet/FleetController.cpp
  fleet/FleetDiscovery.h fleet/FleetDiscovery.cpp
  fleet/FleetPage.h fleet/FleetPage.cpp
  fleet/FleetView.h fleet/FleetView.cpp
  fleet/HealthDelegate.h fleet/HealthDelegate.cpp
  fleet/InstanceDetailsPanel.h fleet/InstanceDetailsPanel.cpp
  fleet/PollStatusLabel.h fleet/PollStatusLabel.cpp
)
