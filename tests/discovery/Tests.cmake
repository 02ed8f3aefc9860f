# Tests of this area: lockstep_add_test(NAME ... SOURCES ... LABELS ...)
lockstep_add_test(NAME tst_healthpoller SOURCES discovery/tst_healthpoller.cpp LABELS integration)
lockstep_add_test(NAME tst_releasefeed SOURCES discovery/tst_releasefeed.cpp LABELS integration)
lockstep_add_test(NAME tst_fleetsim SOURCES discovery/tst_fleetsim.cpp LABELS integration)
