target_sources(lockstep_engine PRIVATE
  identity/OperatorIdentity.h identity/OperatorIdentity.cpp
  identity/SignOffMessage.h identity/SignOffMessage.cpp
  identity/SshSignature.h identity/SshSignature.cpp
)
