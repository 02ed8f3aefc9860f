target_sources(lockstep_models PRIVATE
  run/RunState.h run/RunState.cpp
  run/RunTransitions.h run/RunTransitions.cpp
  run/RunEvent.h run/RunEvent.cpp
  run/RunNarration.h run/RunNarration.cpp
  run/MaintenanceWindow.h
  run/PolicyOverride.h run/PolicyOverride.cpp
  run/Plan.h
  run/PlanCodec.h run/PlanCodec.cpp
  run/PlanPreview.h
  run/StepResult.h
  run/SignOff.h
  run/GateMeasurementRecord.h
  run/Lease.h
  run/RunRecord.h
  run/InstanceProgress.h
)
