# The desktop side of run notifications (ui/notify): a tray message or a flashing task-bar entry. The
# notifications themselves and webhooks are the app's (app/notify).
target_sources(lockstep_ui PRIVATE
  notify/DesktopNotifier.h notify/DesktopNotifier.cpp
)
