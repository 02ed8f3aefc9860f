# Notifications about a run: desktop notifications and product webhooks (ui/notify).
target_sources(lockstep_ui PRIVATE
  notify/Notifier.h
  notify/DesktopNotifier.h notify/DesktopNotifier.cpp
  notify/WebhookSender.h notify/WebhookSender.cpp
  notify/RunNotifications.h notify/RunNotifications.cpp
)
