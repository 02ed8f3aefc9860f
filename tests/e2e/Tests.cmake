# End-to-end tests of the bundled runbooks (resources/runbooks): lockstep-cli against lockstep-fleetsim,
# a real sshd per host and the tool shims of tests/shims (docs/runbooks.md).

# The clustered service of tst_e2e_clustered: a small replicated key-value cluster (e2e/peers/clustersim,
# its README lists the endpoints), a peer of the tests only.
add_executable(lockstep-clustersim
  e2e/peers/clustersim/main.cpp
  e2e/peers/clustersim/ClusterHttp.h e2e/peers/clustersim/ClusterHttp.cpp
  e2e/peers/clustersim/ClusterState.h e2e/peers/clustersim/ClusterState.cpp
  e2e/peers/clustersim/NodeTraffic.h e2e/peers/clustersim/NodeTraffic.cpp)
target_include_directories(lockstep-clustersim PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(lockstep-clustersim PRIVATE Qt6::Core Qt6::Network Qt6::HttpServer lockstep_compile_options)

add_library(lockstep_e2esupport STATIC
  e2e/CliProcess.h e2e/CliProcess.cpp
  e2e/ClusterFleet.h e2e/ClusterFleet.cpp
  e2e/E2eFleet.h e2e/E2eFleet.cpp
  e2e/FastRunbook.h e2e/FastRunbook.cpp)
target_link_libraries(lockstep_e2esupport
  PUBLIC lockstep_testsupport Qt6::Core Qt6::Network Qt6::Test
  PRIVATE lockstep_compile_options yaml-cpp)
target_compile_definitions(lockstep_e2esupport PRIVATE LOCKSTEP_CLUSTERSIM_PATH="$<TARGET_FILE:lockstep-clustersim>")
add_dependencies(lockstep_e2esupport lockstep-clustersim)

lockstep_add_test(NAME tst_e2e_lint SOURCES e2e/tst_e2e_lint.cpp LABELS unit LIBS lockstep_e2esupport)
lockstep_add_test(NAME tst_e2e_platform SOURCES e2e/tst_e2e_platform.cpp e2e/E2eChecks.h LABELS integration TIMEOUT 300 LIBS lockstep_e2esupport)
lockstep_add_test(NAME tst_e2e_graph SOURCES e2e/tst_e2e_graph.cpp e2e/E2eChecks.h LABELS integration TIMEOUT 300 LIBS lockstep_e2esupport)
lockstep_add_test(NAME tst_e2e_realtime SOURCES e2e/tst_e2e_realtime.cpp e2e/E2eChecks.h LABELS integration TIMEOUT 300 LIBS lockstep_e2esupport)
lockstep_add_test(NAME tst_e2e_msgcenter SOURCES e2e/tst_e2e_msgcenter.cpp e2e/E2eChecks.h LABELS integration TIMEOUT 300 LIBS lockstep_e2esupport)
lockstep_add_test(NAME tst_e2e_whispa SOURCES e2e/tst_e2e_whispa.cpp e2e/E2eChecks.h LABELS integration TIMEOUT 300 LIBS lockstep_e2esupport)
lockstep_add_test(NAME tst_e2e_emergency SOURCES e2e/tst_e2e_emergency.cpp e2e/E2eChecks.h LABELS integration TIMEOUT 300 LIBS lockstep_e2esupport)
lockstep_add_test(NAME tst_e2e_precheck SOURCES e2e/tst_e2e_precheck.cpp e2e/E2eChecks.h LABELS integration TIMEOUT 300 LIBS lockstep_e2esupport)
lockstep_add_test(NAME tst_e2e_redaction SOURCES e2e/tst_e2e_redaction.cpp LABELS integration TIMEOUT 300 LIBS lockstep_e2esupport lockstep_ui)
lockstep_add_test(NAME tst_e2e_clustered SOURCES e2e/tst_e2e_clustered.cpp LABELS integration TIMEOUT 300 LIBS lockstep_e2esupport)
