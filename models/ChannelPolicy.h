#pragma once

#include "models/Instance.h"
#include "models/Release.h"
#include "models/SemVer.h"

#include <QList>
#include <QString>

namespace lockstep {

// What an instance's update channel says about one candidate version.
struct ChannelDecision
{
    enum class Verdict {
        Allowed,         // may go ahead (auto-update: without asking anyone)
        NeedsApproval,   // an operator must approve it explicitly
        NeedsOverride,   // frozen: only as an audited override with a written reason
        Refused,         // the channel does not allow it; `reason` says why
    };

    Verdict verdict = Verdict::Refused;
    QString reason;               // always set: why this verdict, in one sentence
    ChangeClass change = ChangeClass::None;
    bool urgent = false;          // a security release: flag for urgent review / apply immediately

    bool permitted() const { return verdict != Verdict::Refused; }
};

QString verdictName(ChannelDecision::Verdict verdict);  // "allowed", "needs-approval", "needs-override", "refused"

// Update channel rules of the platform-instance-upgrade procedure ("Update Channel Policies"), as pure
// functions of an instance and its product's releases:
//  - auto-update: stable releases are allowed; breaking (or major) releases need explicit approval;
//  - manual-approval: every update needs approval; security releases are flagged urgent;
//  - frozen (+ pinned version): nothing but security patches of the pinned MAJOR.MINOR line, and those only
//    as an override with a reason; every other version is refused;
//  - pre-releases are never pending unless the instance already runs a pre-release; choosing one
//    explicitly needs approval; a downgrade (rollback path) needs approval.
class ChannelPolicy
{
public:
    // The newest version the channel permits (possibly with approval or override); empty if none.
    static QString pendingVersion(const Instance &instance, const QList<Release> &releases);
    // The verdict for moving `instance` to `target`. Targets not among `releases` are refused.
    static ChannelDecision decide(const Instance &instance, const QList<Release> &releases, const QString &target);
};

} // namespace lockstep
