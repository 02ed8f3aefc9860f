# Team mode: the shared PostgreSQL store (tests/support/Postgres starts a throwaway cluster).
lockstep_add_test(NAME tst_team_store SOURCES team/tst_team_store.cpp team/StoreBackends.h LABELS integration TIMEOUT 180)
lockstep_add_test(NAME tst_team_consoles SOURCES team/tst_team_consoles.cpp LABELS integration TIMEOUT 240)
lockstep_add_test(NAME tst_team_audit SOURCES team/tst_team_audit.cpp team/StoreBackends.h LABELS integration TIMEOUT 240)
lockstep_add_test(NAME tst_team_writes SOURCES team/tst_team_writes.cpp team/StoreBackends.h LABELS integration TIMEOUT 180)
lockstep_add_test(NAME tst_team_gui SOURCES team/tst_team_gui.cpp LABELS gui LIBS lockstep_ui TIMEOUT 240)
lockstep_add_test(NAME tst_team_grants SOURCES team/tst_team_grants.cpp LABELS integration TIMEOUT 180)
lockstep_add_test(NAME tst_team_identity SOURCES team/tst_team_identity.cpp LABELS integration TIMEOUT 180)
lockstep_add_test(NAME tst_team_wave_approval SOURCES team/tst_team_wave_approval.cpp LABELS integration TIMEOUT 180)
