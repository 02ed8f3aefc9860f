target_sources(lockstep_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/GateStep.h ${CMAKE_CURRENT_LIST_DIR}/GateStep.cpp
)
