lockstep_add_test(NAME tst_semver SOURCES unit/tst_semver.cpp LABELS unit)
lockstep_add_test(NAME tst_fleetmodel SOURCES unit/tst_fleetmodel.cpp LABELS unit)
lockstep_add_test(NAME tst_releaselistmodel SOURCES unit/tst_releaselistmodel.cpp LABELS unit)
lockstep_add_test(NAME tst_logmodel SOURCES unit/tst_logmodel.cpp LABELS unit)
