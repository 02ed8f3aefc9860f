# Who signed: OS account and SSH-signed sign-offs on one desktop (team mode's roles: tests/team).
lockstep_add_test(NAME tst_signed_signoff SOURCES identity/tst_signed_signoff.cpp LABELS integration TIMEOUT 180)
lockstep_add_test(NAME tst_signed_wave_approval SOURCES identity/tst_signed_wave_approval.cpp engine/RoundGates.h LABELS integration TIMEOUT 180)
