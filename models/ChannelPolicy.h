#pragma once

#include "models/Instance.h"
#include "models/Release.h"
#include "models/SemVer.h"
#include "models/run/PolicyOverride.h"

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
    // NeedsOverride: the override that lets it go ahead (frozen line, or a pin on another channel).
    PolicyOverride::Kind overrideKind = PolicyOverride::Kind::Frozen;

    bool permitted() const { return verdict != Verdict::Refused; }
    // Allowed or NeedsApproval: planning the upgrade is the approval, no override is asked for.
    bool plannable() const { return verdict == Verdict::Allowed || verdict == Verdict::NeedsApproval; }
};

QString verdictName(ChannelDecision::Verdict verdict);  // "allowed", "needs-approval", "needs-override", "refused"

// The one answer to "may this instance move to V, and if not, why": the planner (so the CLI), the plan
// page and the fleet table all ask it, so none can do what another refuses and all say the same words.
// Update channel rules of the platform-instance-upgrade procedure ("Update Channel Policies"), as pure
// functions of an instance and its product's releases:
//  - auto-update: stable releases are allowed; breaking (or major) releases need explicit approval;
//  - manual-approval: every update needs approval; security releases are flagged urgent;
//  - frozen (+ pinned version): nothing but security patches of the pinned MAJOR.MINOR line, and those only
//    as an override with a reason; every other version is refused;
//  - pre-releases are never pending unless the instance already runs a pre-release; choosing one
//    explicitly needs approval; a downgrade (rollback path) needs approval;
//  - a pinned version on any other channel: moving anywhere else needs a `pinned` override with a reason.
// An empty `releases` means nothing is known about the product's releases (no release feed): the rules
// are applied to the version alone, and a frozen instance is refused (no feed says the target is a
// security patch). With releases known, a target not among them is refused.
class ChannelPolicy
{
public:
    // The newest version the channel permits (possibly with approval or override); empty if none.
    static QString pendingVersion(const Instance &instance, const QList<Release> &releases);
    // The verdict for moving `instance` to `target`. Targets not among `releases` are refused.
    static ChannelDecision decide(const Instance &instance, const QList<Release> &releases, const QString &target);
    // The decision as one sentence that names the instance: the text every front end shows for it.
    static QString explain(const Instance &instance, const ChannelDecision &decision);
};

} // namespace lockstep
