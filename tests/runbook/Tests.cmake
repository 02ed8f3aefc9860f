# Tests of this area: lockstep_add_test(NAME ... SOURCES ... LABELS ...)
