# Notifications about a run, without a widget: product webhooks and the run's notices (app/notify). The
# desktop notifier that shows them is the front end's (ui/notify/DesktopNotifier).
target_sources(lockstep_engine PRIVATE
  notify/Notifier.h
  notify/WebhookSender.h notify/WebhookSender.cpp
  notify/RunNotifications.h notify/RunNotifications.cpp
)
