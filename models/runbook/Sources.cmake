target_sources(lockstep_models PRIVATE
  runbook/Runbook.h
  runbook/HttpExpectation.h
)
