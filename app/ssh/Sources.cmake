target_sources(lockstep_engine PRIVATE
  ssh/HostKeyAudit.h ssh/HostKeyAudit.cpp
  ssh/HostKeyInfo.h
  ssh/HostKeyScanner.h ssh/HostKeyScanner.cpp
  ssh/HostKeySurvey.h ssh/HostKeySurvey.cpp
  ssh/SshCommandExecution.h ssh/SshCommandExecution.cpp
  ssh/SshCommandLink.h ssh/SshCommandLink.cpp
  ssh/SshConnectionCheck.h ssh/SshConnectionCheck.cpp
  ssh/SshConnectionReport.h
  ssh/SshConnection.h ssh/SshConnection.cpp
  ssh/SshFanout.h
  ssh/SshOptions.h ssh/SshOptions.cpp
  ssh/SshSession.h ssh/SshSession.cpp
  ssh/SshTarget.h ssh/SshTarget.cpp
  ssh/SshTransport.h ssh/SshTransport.cpp
)
