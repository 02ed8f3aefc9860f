# Tests of this area: lockstep_add_test(NAME ... SOURCES ... LABELS ...)
lockstep_add_test(NAME tst_planner SOURCES engine/tst_planner.cpp engine/EngineFixture.h engine/FakeStepLauncher.h LABELS unit)
lockstep_add_test(NAME tst_runexecutor SOURCES engine/tst_runexecutor.cpp engine/EngineFixture.h engine/FakeStepLauncher.h LABELS unit)
lockstep_add_test(NAME tst_engine_fleetsim SOURCES engine/tst_engine_fleetsim.cpp engine/FakeStepLauncher.h LABELS integration TIMEOUT 300)
