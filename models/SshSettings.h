#pragma once

#include <QString>

namespace lockstep {

// How one instance is reached over SSH beyond its target ("user@host:port" or an alias): overrides of
// the console's SSH options for that instance alone. Empty fields keep the console's setting.
struct SshSettings
{
    QString identityFile;       // offered after ssh-agent and before ssh_config's IdentityFile / ~/.ssh/id_*
    QString knownHostsFile;     // empty: the console's (~/.ssh/known_hosts or ssh_config's UserKnownHostsFile)
    QString configFile;         // empty: the console's (~/.ssh/config)
    bool readConfig = true;     // false: no ssh_config at all for this instance

    bool isDefault() const { return identityFile.isEmpty() && knownHostsFile.isEmpty() && configFile.isEmpty() && readConfig; }

    // Stored and written in inventories as one text: "" (console's), "none" (off) or a file path.
    QString configText() const { return readConfig ? configFile : QStringLiteral("none"); }
    void setConfigText(const QString &text)
    {
        readConfig = text != QLatin1String("none");
        configFile = readConfig ? text : QString();
    }

    friend bool operator==(const SshSettings &, const SshSettings &) = default;
};

} // namespace lockstep
