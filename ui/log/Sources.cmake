# The log panel.
target_sources(lockstep_ui PRIVATE
  log/LogDock.h log/LogDock.cpp
)
