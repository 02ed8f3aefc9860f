# Team mode in the GUI: logging in to a shared PostgreSQL store (ui/team).
target_sources(lockstep_ui PRIVATE
  team/DatabaseLogin.h team/DatabaseLogin.cpp
  team/StoreSettingsDialog.h team/StoreSettingsDialog.cpp
)
