#pragma once

#include <QMetaType>
#include <QString>

namespace lockstep {

// A host's key as the server presented it, and what known_hosts says about it.
struct HostKeyInfo
{
    enum class State {
        Trusted,    // in known_hosts
        Unknown,    // not in known_hosts: the operator may trust it (lockstep-cli hosts trust)
        Changed,    // known_hosts holds another key for this host: possible attack, stops the wave
    };

    QString target;         // as the step named it (alias or user@host:port)
    QString host;           // the address connected to, after ssh_config
    quint16 port = 22;
    QString keyType;        // "ssh-ed25519"
    QString fingerprint;    // "SHA256:..."
    State state = State::Unknown;
    QString knownHostsFile; // the user known_hosts file the key was checked against (and trust writes to)

    // "[127.0.0.1]:2222" or "example.org": how OpenSSH names the host in known_hosts.
    QString knownHostsName() const
    {
        return port == 22 ? host : QStringLiteral("[%1]:%2").arg(host, QString::number(port));
    }
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::HostKeyInfo)
