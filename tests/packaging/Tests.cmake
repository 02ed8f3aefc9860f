# The set-up a new machine runs and the package it installs.
lockstep_add_test(NAME tst_installdeps SOURCES packaging/tst_installdeps.cpp LABELS packaging)
# The build tree whose CMakeCache.txt says which CMake packages configure loaded.
target_compile_definitions(tst_installdeps PRIVATE LOCKSTEP_BINARY_DIR="${PROJECT_BINARY_DIR}")
# Builds the .deb with cpack from this build tree (all programs must be built: add_dependencies below) and
# checks it with lintian, desktop-file-validate and appstreamcli.
lockstep_add_test(NAME tst_package SOURCES packaging/tst_package.cpp LABELS packaging TIMEOUT 900)
target_compile_definitions(tst_package PRIVATE LOCKSTEP_BINARY_DIR="${PROJECT_BINARY_DIR}")
add_dependencies(tst_package lockstep lockstep-cli lockstep-fleetsim lockstep_package_files)
