#include "app/ssh/SshOptions.h"

#include <QDir>

namespace lockstep {

QString expandHome(const QString &path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

SshOptions SshOptions::with(const SshSettings &instance) const
{
    SshOptions options = *this;
    // libssh puts each identity it is given in front of the ones it has (ssh_config's, ~/.ssh/id_*),
    // so the last one added is tried first, right after ssh-agent: the instance's own key.
    if (!instance.identityFile.isEmpty())
        options.identityFiles.append(expandHome(instance.identityFile));
    if (!instance.knownHostsFile.isEmpty())
        options.knownHostsFile = expandHome(instance.knownHostsFile);
    if (!instance.readConfig)
        options.readConfig = false;
    else if (!instance.configFile.isEmpty())
        options.configFile = expandHome(instance.configFile);
    return options;
}

} // namespace lockstep
