# Sources of app/discovery: the health/version poller and the release feed client.
target_sources(lockstep_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/PollCycleStats.h
  ${CMAKE_CURRENT_LIST_DIR}/HealthPoller.h ${CMAKE_CURRENT_LIST_DIR}/HealthPoller.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ReleaseFeedClient.h ${CMAKE_CURRENT_LIST_DIR}/ReleaseFeedClient.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KnownReleases.h ${CMAKE_CURRENT_LIST_DIR}/KnownReleases.cpp
)
