# Qt item models the views bind to; they adapt value types and never hold widget code.
target_sources(lockstep_models PRIVATE
  itemmodels/FleetModel.h itemmodels/FleetModel.cpp
  itemmodels/FleetFilterProxyModel.h itemmodels/FleetFilterProxyModel.cpp
  itemmodels/ReleaseListModel.h itemmodels/ReleaseListModel.cpp
  itemmodels/LogEntry.h
  itemmodels/LogModel.h itemmodels/LogModel.cpp
)
