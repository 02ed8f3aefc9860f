lockstep_add_test(NAME tst_semver SOURCES unit/tst_semver.cpp LABELS unit)
