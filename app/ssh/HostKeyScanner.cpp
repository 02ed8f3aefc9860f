#include "app/ssh/HostKeyScanner.h"

#include "app/ssh/SshSession.h"

namespace lockstep {

HostKeyScanner::HostKeyScanner(SshOptions options)
    : m_options(std::move(options))
{
}

Result<HostKeyInfo> HostKeyScanner::scan(const QString &target) const
{
    const Result<SshTarget> parsed = SshTarget::parse(target);
    if (!parsed)
        return parsed.error();
    SshSession session(*parsed, m_options);
    if (Status s = session.configure(); !s)
        return s.error();
    if (Status s = session.connect(); !s)
        return s.error();
    return session.hostKey();
}

Result<HostKeyInfo> HostKeyScanner::trust(const QString &target, const QString &expectedFingerprint) const
{
    const Result<SshTarget> parsed = SshTarget::parse(target);
    if (!parsed)
        return parsed.error();
    SshSession session(*parsed, m_options);
    if (Status s = session.configure(); !s)
        return s.error();
    if (Status s = session.connect(); !s)
        return s.error();
    Result<HostKeyInfo> key = session.hostKey();
    if (!key)
        return key;
    if (key->fingerprint != expectedFingerprint)
        return Error{QStringLiteral("the host key of %1 is %2 %3, not the %4 that was confirmed")
                         .arg(key->knownHostsName(), key->keyType, key->fingerprint, expectedFingerprint),
                     target, QStringLiteral("the key changed between scan and trust: find out why before trusting it")};
    switch (key->state) {
    case HostKeyInfo::State::Trusted:
        return key;
    case HostKeyInfo::State::Changed: {
        const Status refused = session.verifyHostKey();
        return refused ? Error{QStringLiteral("host key changed"), target, {}} : refused.error();
    }
    case HostKeyInfo::State::Unknown:
        break;
    }
    if (Status s = session.addToKnownHosts(); !s)
        return s.error();
    key->state = HostKeyInfo::State::Trusted;
    return key;
}

} // namespace lockstep
