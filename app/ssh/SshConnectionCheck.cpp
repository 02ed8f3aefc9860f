#include "app/ssh/SshConnectionCheck.h"

#include "app/ssh/SshSession.h"

#include <QElapsedTimer>

namespace lockstep {

SshConnectionReport SshConnectionCheck::run(const QString &target, const SshOptions &options)
{
    QElapsedTimer clock;
    clock.start();
    SshConnectionReport report;
    report.target = target;
    const auto finish = [&](SshConnectionReport::Outcome outcome, const std::optional<Error> &error = {}) {
        report.outcome = outcome;
        report.error = error;
        report.elapsedMs = clock.elapsed();
        return report;
    };

    const Result<SshTarget> parsed = SshTarget::parse(target);
    if (!parsed)
        return finish(SshConnectionReport::Outcome::Failed, parsed.error());
    SshSession session(*parsed, options);
    if (Status s = session.configure(); !s)
        return finish(SshConnectionReport::Outcome::Failed, s.error());
    report.endpoint = session.endpoint();
    if (Status s = session.connect(); !s)
        return finish(SshConnectionReport::Outcome::Unreachable, s.error());
    report.endpoint = session.endpoint();
    const Status verified = session.verifyHostKey();
    report.hostKey = session.hostKeyInfo();
    if (!verified) {
        if (!report.hostKey)
            return finish(SshConnectionReport::Outcome::Failed, verified.error());
        return finish(report.hostKey->state == HostKeyInfo::State::Changed ? SshConnectionReport::Outcome::HostKeyChanged
                                                                            : SshConnectionReport::Outcome::HostKeyUnknown,
                      verified.error());
    }
    if (Status s = session.authenticate(); !s)
        return finish(SshConnectionReport::Outcome::AuthenticationFailed, s.error());
    report.authMethod = session.authMethod();
    return finish(SshConnectionReport::Outcome::Connected);
}

} // namespace lockstep
