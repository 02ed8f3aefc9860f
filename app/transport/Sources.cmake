target_sources(lockstep_engine PRIVATE
  transport/CommandSpec.h
  transport/CommandExecution.h
  transport/Transport.h
  transport/HttpStepExecution.h transport/HttpStepExecution.cpp
  transport/HttpStepRequest.h
  transport/LocalCommandExecution.h transport/LocalCommandExecution.cpp
  transport/LocalTransport.h transport/LocalTransport.cpp
  transport/OutputCapture.h transport/OutputCapture.cpp
  transport/ProcessGroup.h transport/ProcessGroup.cpp
)
