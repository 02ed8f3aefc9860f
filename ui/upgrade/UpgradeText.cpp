#include "ui/upgrade/UpgradeText.h"

#include <QCoreApplication>

namespace lockstep::upgradetext {

QString duration(std::chrono::milliseconds d)
{
    const qint64 ms = d.count();
    if (ms <= 0)
        return {};
    if (ms < 1000)
        return QCoreApplication::translate("upgrade", "%1 ms").arg(ms);
    if (ms < 10000)
        return QCoreApplication::translate("upgrade", "%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 120)
        return QCoreApplication::translate("upgrade", "%1 s").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("upgrade", "%1 min").arg(s / 60);
    return QCoreApplication::translate("upgrade", "%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString instanceList(const QStringList &names)
{
    QStringList shown = names.mid(0, 8);
    QString text = (names.size() == 1 ? QCoreApplication::translate("upgrade", "1 instance: %1")
                                      : QCoreApplication::translate("upgrade", "%1 instances: %2").arg(names.size()))
                       .arg(shown.join(QStringLiteral(", ")));
    if (names.size() > shown.size())
        text += QStringLiteral(", …");
    return text;
}

QString timeLeft(std::chrono::milliseconds left)
{
    const qint64 s = std::max<qint64>(0, (left.count() + 999) / 1000);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3").arg(QString::number(s / 3600), QStringLiteral("%1").arg((s % 3600) / 60, 2, 10, QLatin1Char('0')),
                                             QStringLiteral("%1").arg(s % 60, 2, 10, QLatin1Char('0')));
    return QStringLiteral("%1:%2").arg(QString::number(s / 60), QStringLiteral("%1").arg(s % 60, 2, 10, QLatin1Char('0')));
}

QString timeScale(int factor)
{
    return QCoreApplication::translate("upgrade", "×%1 demo timing: observation, gate intervals and waits %1 times shorter "
                                                  "than the runbook's (not for a real upgrade)")
        .arg(factor);
}

} // namespace lockstep::upgradetext
