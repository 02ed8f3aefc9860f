# The set-up a new machine runs and the package it installs.
lockstep_add_test(NAME tst_installdeps SOURCES packaging/tst_installdeps.cpp LABELS packaging)
# The build tree whose CMakeCache.txt says which CMake packages configure loaded.
target_compile_definitions(tst_installdeps PRIVATE LOCKSTEP_BINARY_DIR="${PROJECT_BINARY_DIR}")
