# lockstep-cli as a user meets it: help, version, completion (the real binary, through QProcess).
lockstep_add_test(NAME tst_clihelp SOURCES cli/tst_clihelp.cpp LABELS unit)
