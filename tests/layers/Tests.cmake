# The layer rules (docs/architecture.md): a CMake script reads every #include of app/, models/ and ui/
# and names the file and line of one that runs against them (no build needed).
add_test(NAME tst_layers
  COMMAND ${CMAKE_COMMAND} -DLOCKSTEP_SOURCE_DIR=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_LIST_DIR}/CheckLayers.cmake)
set_tests_properties(tst_layers PROPERTIES LABELS unit TIMEOUT 120)
