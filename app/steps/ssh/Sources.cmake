target_sources(lockstep_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/SshStep.h ${CMAKE_CURRENT_LIST_DIR}/SshStep.cpp
)
