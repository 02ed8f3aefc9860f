target_sources(lockstep_engine PRIVATE
  engine/GateEvaluator.h
  engine/AuditSink.h engine/AuditSink.cpp
  engine/EngineServices.h
  engine/StepContext.h
  engine/StepExecution.h
  engine/StepLauncher.h
  engine/StepDispatcher.h engine/StepDispatcher.cpp
  engine/CommandStepExecution.h engine/CommandStepExecution.cpp
  engine/TimerStepExecution.h engine/TimerStepExecution.cpp
  engine/ManualStepExecution.h engine/ManualStepExecution.cpp
  engine/GateStepExecution.h engine/GateStepExecution.cpp
  engine/Policy.h engine/Policy.cpp
  engine/Planner.h engine/Planner.cpp
  engine/Ordering.h engine/Ordering.cpp
  engine/GroupLocks.h engine/GroupLocks.cpp
  engine/TimeScale.h engine/TimeScale.cpp
  engine/ChecklistItemStatus.h
  engine/Checklist.h engine/Checklist.cpp
  engine/StoredRunSignOff.h engine/StoredRunSignOff.cpp
  engine/SignOffRule.h engine/SignOffRule.cpp
  engine/WaveApproval.h engine/WaveApproval.cpp
  engine/LaneState.h engine/LaneState.cpp
  engine/UpgradeStarts.h engine/UpgradeStarts.cpp
  engine/LeftoverProcesses.h engine/LeftoverProcesses.cpp
  engine/GateReadingLog.h engine/GateReadingLog.cpp
  engine/RunExecutor.h engine/RunExecutor.cpp engine/RunExecutorRunLevel.cpp engine/RunExecutorJournal.cpp engine/RunExecutorRestore.cpp
  engine/RunExecutorGateReadings.cpp
  engine/RunJournal.h engine/RunJournal.cpp
  engine/RunLevelSteps.h engine/RunLevelSteps.cpp
  engine/RunRecovery.h engine/RunRecovery.cpp
  engine/EngineRuntime.h engine/EngineRuntime.cpp
)
