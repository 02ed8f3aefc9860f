#include "models/ChannelPolicy.h"

#include <optional>

namespace lockstep {

QString verdictName(ChannelDecision::Verdict verdict)
{
    switch (verdict) {
    case ChannelDecision::Verdict::Allowed: return QStringLiteral("allowed");
    case ChannelDecision::Verdict::NeedsApproval: return QStringLiteral("needs-approval");
    case ChannelDecision::Verdict::NeedsOverride: return QStringLiteral("needs-override");
    case ChannelDecision::Verdict::Refused: return QStringLiteral("refused");
    }
    return {};
}

namespace {

using Verdict = ChannelDecision::Verdict;

ChannelDecision decision(Verdict verdict, const QString &reason, ChangeClass change = ChangeClass::None,
                         bool urgent = false, PolicyOverride::Kind overrideKind = PolicyOverride::Kind::Frozen)
{
    return ChannelDecision{verdict, reason, change, urgent, overrideKind};
}

const Release *findRelease(const QList<Release> &releases, const SemVer &version)
{
    for (const Release &r : releases) {
        const auto v = SemVer::parse(r.version);
        if (v && *v == version)
            return &r;
    }
    return nullptr;
}

ChannelDecision decideFrozen(const Instance &instance, const std::optional<SemVer> &current, const SemVer &target,
                             const Release &release, ChangeClass change)
{
    // The pinned line is the pinned version's MAJOR.MINOR; without a pin, the running version's.
    std::optional<SemVer> pin;
    if (const auto p = SemVer::parse(instance.pinnedVersion); p)
        pin = *p;
    else if (current)
        pin = current;
    if (!pin)
        return decision(Verdict::Refused,
                        QStringLiteral("%1 is frozen with neither a pinned nor a known current version")
                            .arg(instance.name), change);
    const QString line = QStringLiteral("%1.%2.x").arg(pin->major()).arg(pin->minor());
    const QString pinned = QStringLiteral("%1 is frozen at %2").arg(instance.name, pin->toString());
    if (target.isPreRelease())
        return decision(Verdict::Refused, pinned + QStringLiteral(": pre-releases are not allowed"), change);
    if (target.major() != pin->major() || target.minor() != pin->minor())
        return decision(Verdict::Refused,
                        pinned + QStringLiteral(": only security patches of %1 may be applied").arg(line), change);
    if (!(target > *pin))
        return decision(Verdict::Refused,
                        pinned + QStringLiteral(": %1 is not newer than the pinned version").arg(target.toString()),
                        change);
    // An empty Release: the product's releases are not known, so nothing says this is a security patch.
    if (release.version.isEmpty())
        return decision(Verdict::Refused,
                        pinned + QStringLiteral(": no release feed says %1 is a security patch of %2")
                                     .arg(target.toString(), line),
                        change);
    if (!release.security)
        return decision(Verdict::Refused,
                        pinned + QStringLiteral(": %1 is not a security release").arg(target.toString()), change);
    return decision(Verdict::NeedsOverride,
                    pinned + QStringLiteral(": security patch %1 of %2 needs an override with a reason")
                                 .arg(target.toString(), line),
                    change, true);
}

} // namespace

ChannelDecision ChannelPolicy::decide(const Instance &instance, const QList<Release> &releases,
                                      const QString &targetText)
{
    const auto target = SemVer::parse(targetText);
    if (!target)
        return decision(Verdict::Refused, target.error().message);
    // Nothing known about the product's releases: decide from the version alone (no security or
    // breaking flag).
    static const Release unknown;
    const Release *release = releases.isEmpty() ? &unknown : findRelease(releases, *target);
    if (!release)
        return decision(Verdict::Refused, QStringLiteral("%1 is not a known release of %2")
                                              .arg(target->toString(), instance.product));

    std::optional<SemVer> current;
    if (const auto c = SemVer::parse(instance.currentVersion); c)
        current = *c;
    const ChangeClass change = current ? current->classify(*target) : ChangeClass::Major;
    if (current && change == ChangeClass::None)
        return decision(Verdict::Refused,
                        QStringLiteral("%1 already runs %2").arg(instance.name, target->toString()), change);

    if (instance.channel == UpdateChannel::Frozen)
        return decideFrozen(instance, current, *target, *release, change);

    const bool urgent = release->security;
    // A pin outside the frozen channel holds the instance at that version until someone overrides it.
    if (!instance.pinnedVersion.isEmpty()) {
        const auto pin = SemVer::parse(instance.pinnedVersion);
        if (!pin || !(*pin == *target))
            return decision(Verdict::NeedsOverride,
                            QStringLiteral("%1 is pinned to %2, not %3: moving it needs an override with a reason")
                                .arg(instance.name, instance.pinnedVersion, target->toString()),
                            change, urgent, PolicyOverride::Kind::Pinned);
    }
    if (change == ChangeClass::Downgrade)
        return decision(Verdict::NeedsApproval,
                        QStringLiteral("%1 is older than the running %2: a downgrade needs approval")
                            .arg(target->toString(), current->toString()),
                        change, urgent);
    if (!current)
        return decision(Verdict::NeedsApproval,
                        QStringLiteral("the current version of %1 is unknown: the change cannot be classified")
                            .arg(instance.name),
                        change, urgent);
    if (target->isPreRelease() && !current->isPreRelease())
        return decision(Verdict::NeedsApproval,
                        QStringLiteral("%1 is a pre-release: choosing it needs approval").arg(target->toString()),
                        change, urgent);

    if (instance.channel == UpdateChannel::ManualApproval)
        return decision(Verdict::NeedsApproval,
                        urgent ? QStringLiteral("security release: approval needed, flagged for urgent review")
                               : QStringLiteral("manual-approval channel: every update needs approval"),
                        change, urgent);

    if (release->breaking || change == ChangeClass::Major)
        return decision(Verdict::NeedsApproval,
                        QStringLiteral("%1 is a breaking release: it needs explicit approval even on auto-update")
                            .arg(target->toString()),
                        change, urgent);
    return decision(Verdict::Allowed,
                    urgent ? QStringLiteral("security release: apply immediately")
                           : QStringLiteral("auto-update channel: stable non-breaking release"),
                    change, urgent);
}

QString ChannelPolicy::explain(const Instance &instance, const ChannelDecision &decision)
{
    // Most reasons already open with the instance's name; the others get it in front.
    if (decision.reason.startsWith(instance.name + QLatin1Char(' ')))
        return decision.reason;
    return instance.name + QStringLiteral(": ") + decision.reason;
}

QString ChannelPolicy::pendingVersion(const Instance &instance, const QList<Release> &releases)
{
    std::optional<SemVer> current;
    if (const auto c = SemVer::parse(instance.currentVersion); c)
        current = *c;
    const bool onPreRelease = current && current->isPreRelease();

    std::optional<SemVer> best;
    for (const Release &r : releases) {
        const auto v = SemVer::parse(r.version);
        if (!v || (current && !(*v > *current)))
            continue;
        if (v->isPreRelease() && !onPreRelease)
            continue;
        if (best && !(*v > *best))
            continue;
        if (decide(instance, releases, r.version).permitted())
            best = *v;
    }
    return best ? best->toString() : QString();
}

} // namespace lockstep
