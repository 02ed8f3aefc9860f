# The operator's session on a store (app/session): identity, lease expiry, the plan of a stored run.
lockstep_add_test(NAME tst_consolesession SOURCES session/tst_consolesession.cpp LABELS unit LIBS lockstep_ui)
