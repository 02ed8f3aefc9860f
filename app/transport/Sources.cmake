target_sources(lockstep_engine PRIVATE
  transport/CommandSpec.h
  transport/CommandExecution.h
  transport/Transport.h
)
