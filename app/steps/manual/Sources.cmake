target_sources(lockstep_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ManualStep.h ${CMAKE_CURRENT_LIST_DIR}/ManualStep.cpp
)
