target_sources(lockstep_models PRIVATE
  runbook/Runbook.h
  runbook/HttpExpectation.h
  runbook/GroupFacts.h
  runbook/SourceLocation.h
)
