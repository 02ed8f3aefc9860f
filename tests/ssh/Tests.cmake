# Tests of this area: lockstep_add_test(NAME ... SOURCES ... LABELS ...)
lockstep_add_test(NAME tst_sshtransport SOURCES ssh/tst_sshtransport.cpp ssh/Recorder.h LABELS integration TIMEOUT 180)
lockstep_add_test(NAME tst_hoststrust SOURCES ssh/tst_hoststrust.cpp ssh/Recorder.h LABELS integration TIMEOUT 120)
lockstep_add_test(NAME tst_commandoutputbuffer SOURCES ssh/tst_commandoutputbuffer.cpp LABELS unit)
