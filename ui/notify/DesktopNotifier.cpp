#include "ui/notify/DesktopNotifier.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QWidget>

Q_DECLARE_LOGGING_CATEGORY(lcNotify)

namespace lockstep {

DesktopNotifier::DesktopNotifier(QWidget *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
{
}

void DesktopNotifier::notify(const QString &title, const QString &message)
{
    qCInfo(lcNotify).noquote() << title << "-" << message;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            QIcon icon = QApplication::windowIcon();
            if (icon.isNull())
                icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            m_tray = new QSystemTrayIcon(icon, this);
            m_tray->setToolTip(tr("Lockstep"));
            m_tray->show();
        }
        m_tray->showMessage(title, message, QSystemTrayIcon::Warning, 15000);
        return;
    }
    if (m_window)
        QApplication::alert(m_window, 0);
}

} // namespace lockstep
