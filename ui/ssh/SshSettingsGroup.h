#pragma once

#include "models/SshSettings.h"

#include <QGroupBox>

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace lockstep {

// An instance's SSH settings in the instance dialog: host (or ssh_config alias), user and port, which
// make up its target, and the identity file, ssh_config and known_hosts it uses instead of the
// console's. Empty fields leave the console's / ssh_config's value in force.
class SshSettingsGroup : public QGroupBox
{
    Q_OBJECT
public:
    explicit SshSettingsGroup(QWidget *parent = nullptr);

    void setTarget(const QString &target);
    // "user@host:port", "host" or an alias; empty when no host is given.
    QString target() const;
    void setSettings(const SshSettings &settings);
    SshSettings settings() const;
    // Empty when acceptable; otherwise one sentence per problem.
    QStringList validate() const;

private:
    QLineEdit *fileField(const QString &objectName, const QString &placeholder, const QString &caption);
    void updateConfigEnabled();

    QLineEdit *m_host;
    QLineEdit *m_user;
    QSpinBox *m_port;
    QLineEdit *m_identity;
    QCheckBox *m_readConfig;
    QLineEdit *m_config;
    QLineEdit *m_knownHosts;
    QString m_unparsedTarget;   // a stored target the fields cannot represent is kept, not lost
};

} // namespace lockstep
