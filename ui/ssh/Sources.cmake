# SSH in the GUI: per-instance settings, the connection test, trusting host keys, the passphrase prompt
# and the fleet's host-key scan (docs/ssh.md, "In the GUI").
target_sources(lockstep_ui PRIVATE
  ssh/ConnectionTestDialog.h ssh/ConnectionTestDialog.cpp
  ssh/HostKeyScanDialog.h ssh/HostKeyScanDialog.cpp
  ssh/HostKeyTrustDialog.h ssh/HostKeyTrustDialog.cpp
  ssh/OffThread.h
  ssh/PassphraseDialog.h ssh/PassphraseDialog.cpp
  ssh/PassphrasePrompt.h ssh/PassphrasePrompt.cpp
  ssh/SshConsole.h ssh/SshConsole.cpp
  ssh/SshSettingsGroup.h ssh/SshSettingsGroup.cpp
)
