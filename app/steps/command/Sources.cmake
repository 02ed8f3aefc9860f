target_sources(lockstep_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/CommandStepSupport.h ${CMAKE_CURRENT_LIST_DIR}/CommandStepSupport.cpp
)
