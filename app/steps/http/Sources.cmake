target_sources(lockstep_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/HttpStep.h ${CMAKE_CURRENT_LIST_DIR}/HttpStep.cpp
)
