#pragma once

#include "app/notify/Notifier.h"

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace lockstep {

// A tray message when the desktop has a system tray; otherwise the window asks for attention
// (QApplication::alert: a flashing task-bar entry). Either way the message goes to the log as well, so
// the log panel keeps it.
class DesktopNotifier : public QObject, public Notifier
{
    Q_OBJECT
public:
    explicit DesktopNotifier(QWidget *window, QObject *parent = nullptr);

    void notify(const QString &title, const QString &message) override;

private:
    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace lockstep
