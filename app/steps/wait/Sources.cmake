target_sources(lockstep_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/WaitStep.h ${CMAKE_CURRENT_LIST_DIR}/WaitStep.cpp
)
