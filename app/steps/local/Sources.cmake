target_sources(lockstep_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/LocalStep.h ${CMAKE_CURRENT_LIST_DIR}/LocalStep.cpp
)
