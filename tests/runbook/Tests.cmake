lockstep_add_test(NAME tst_runbookloader SOURCES runbook/tst_runbookloader.cpp LABELS unit)
lockstep_add_test(NAME tst_templater SOURCES runbook/tst_templater.cpp LABELS unit)
lockstep_add_test(NAME tst_localtransport SOURCES runbook/tst_localtransport.cpp LABELS unit)
lockstep_add_test(NAME tst_httpstep SOURCES runbook/tst_httpstep.cpp runbook/TinyHttpServer.h LABELS unit)
