target_sources(lockstep_engine PRIVATE
  runbook/BaselineCheck.h runbook/BaselineCheck.cpp
  runbook/CommandCheck.h runbook/CommandCheck.cpp
  runbook/Condition.h runbook/Condition.cpp
  runbook/Diagnostic.h
  runbook/Duration.h runbook/Duration.cpp
  runbook/GroupFactsReader.h runbook/GroupFactsReader.cpp
  runbook/IrreversibleCheck.h runbook/IrreversibleCheck.cpp
  runbook/InstanceFacts.h runbook/InstanceFacts.cpp
  runbook/InstanceVariables.h runbook/InstanceVariables.cpp
  runbook/RunbookLoader.h runbook/RunbookLoader.cpp
  runbook/PromQlSyntax.h runbook/PromQlSyntax.cpp
  runbook/RunbookReader.h runbook/RunbookReader.cpp
  runbook/RunbookValidator.h runbook/RunbookValidator.cpp
  runbook/SecretStore.h runbook/SecretStore.cpp
  runbook/StepReader.h runbook/StepReader.cpp
  runbook/TemplateContext.h
  runbook/Templater.h runbook/Templater.cpp
  runbook/TemplateString.h runbook/TemplateString.cpp
  runbook/YamlReader.h runbook/YamlReader.cpp
)
