target_sources(lockstep_engine PRIVATE
  ssh/CommandOutputBuffer.h ssh/CommandOutputBuffer.cpp
  ssh/HostKeyInfo.h
  ssh/HostKeyScanner.h ssh/HostKeyScanner.cpp
  ssh/SshCommandExecution.h ssh/SshCommandExecution.cpp
  ssh/SshCommandLink.h ssh/SshCommandLink.cpp
  ssh/SshConnection.h ssh/SshConnection.cpp
  ssh/SshFanout.h
  ssh/SshOptions.h
  ssh/SshSession.h ssh/SshSession.cpp
  ssh/SshTarget.h ssh/SshTarget.cpp
  ssh/SshTransport.h ssh/SshTransport.cpp
)
