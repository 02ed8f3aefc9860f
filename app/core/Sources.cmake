# Logging (spdlog file + console + the log panel's hub), typed settings, and the bounded reading of
# remote HTTP bodies (zlib decodes gzip under a size limit; libssh-dev already depends on zlib1g-dev).
target_sources(lockstep_engine PRIVATE
  core/BoundedBody.h core/BoundedBody.cpp
  core/LogHub.h core/LogHub.cpp
  core/RemoteText.h core/RemoteText.cpp
  core/Logging.h core/Logging.cpp
  core/Settings.h core/Settings.cpp
)
target_link_libraries(lockstep_engine PRIVATE ZLIB::ZLIB)
