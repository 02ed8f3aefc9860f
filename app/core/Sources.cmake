# Logging (spdlog file + console + the log panel's hub) and typed settings.
target_sources(lockstep_engine PRIVATE
  core/LogHub.h core/LogHub.cpp
  core/Logging.h core/Logging.cpp
  core/Settings.h core/Settings.cpp
)
