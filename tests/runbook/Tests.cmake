lockstep_add_test(NAME tst_runbookloader SOURCES runbook/tst_runbookloader.cpp LABELS unit)
