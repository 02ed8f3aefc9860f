# Step kinds: the table (StepKinds) and one folder per kind, each adding its sources from its own
# Sources.cmake; a kind is registered with one line in BuiltInStepKinds.cpp.
target_sources(lockstep_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/StepKindHandler.h
  ${CMAKE_CURRENT_LIST_DIR}/StepSyntax.h
  ${CMAKE_CURRENT_LIST_DIR}/StepCheck.h
  ${CMAKE_CURRENT_LIST_DIR}/StepLaunchServices.h
  ${CMAKE_CURRENT_LIST_DIR}/StepKinds.h ${CMAKE_CURRENT_LIST_DIR}/StepKinds.cpp
  ${CMAKE_CURRENT_LIST_DIR}/BuiltInStepKinds.cpp
)
file(GLOB lockstep_step_kind_folders CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*/Sources.cmake)
foreach(kind_sources IN LISTS lockstep_step_kind_folders)
  include(${kind_sources})
endforeach()
