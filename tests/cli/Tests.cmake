# The programs as a user meets them (the real binaries, through QProcess): lockstep-cli help, version and
# completion; lockstep and lockstep-fleetsim --help/--version without a display.
lockstep_add_test(NAME tst_clihelp SOURCES cli/tst_clihelp.cpp LABELS unit)
lockstep_add_test(NAME tst_clicompletion SOURCES cli/tst_clicompletion.cpp LABELS unit)
lockstep_add_test(NAME tst_programhelp SOURCES cli/tst_programhelp.cpp LABELS unit)
target_compile_definitions(tst_programhelp PRIVATE LOCKSTEP_GUI_PATH="$<TARGET_FILE:lockstep>")
add_dependencies(tst_programhelp lockstep)
# Issue 13: `lockstep-cli run` sends the product's webhook (a real HTTP receiver on loopback).
lockstep_add_test(NAME tst_cliwebhook SOURCES cli/tst_cliwebhook.cpp runbook/TinyHttpServer.h LABELS integration TIMEOUT 180)
# A failed step's last output lines (redacted) under its line in `lockstep-cli run`'s output.
lockstep_add_test(NAME tst_clistepfailure SOURCES cli/tst_clistepfailure.cpp LABELS integration TIMEOUT 180)
