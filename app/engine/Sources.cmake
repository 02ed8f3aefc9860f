target_sources(lockstep_engine PRIVATE
  engine/GateEvaluator.h
)
