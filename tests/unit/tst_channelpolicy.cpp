#include "models/ChannelPolicy.h"

#include <QTest>

using namespace lockstep;
using Verdict = ChannelDecision::Verdict;

Q_DECLARE_METATYPE(lockstep::UpdateChannel)
Q_DECLARE_METATYPE(lockstep::ChannelDecision::Verdict)

namespace {

Release release(const char *version, bool breaking = false, bool security = false)
{
    Release r;
    r.product = QStringLiteral("webwaka-platform");
    r.version = QLatin1String(version);
    r.breaking = breaking;
    r.security = security;
    return r;
}

// The feed of the tests: a security patch, a plain patch, a minor, a breaking minor, a major, a pre-release.
QList<Release> feed()
{
    return {release("1.4.0"),
            release("1.4.2"),
            release("1.4.3", false, true),
            release("1.4.4"),
            release("1.5.0"),
            release("1.6.0", true),
            release("2.0.0"),
            release("2.1.0-rc.1")};
}

Instance instance(UpdateChannel channel, const QString &current, const QString &pinned = {})
{
    Instance i;
    i.name = QStringLiteral("platform-prod-1");
    i.product = QStringLiteral("webwaka-platform");
    i.channel = channel;
    i.currentVersion = current;
    i.pinnedVersion = pinned;
    return i;
}

} // namespace

class TestChannelPolicy : public QObject
{
    Q_OBJECT

private slots:
    void decisions_data()
    {
        QTest::addColumn<UpdateChannel>("channel");
        QTest::addColumn<QString>("current");
        QTest::addColumn<QString>("pinned");
        QTest::addColumn<QString>("target");
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<bool>("urgent");
        QTest::addColumn<QString>("reasonMentions");

        const auto A = UpdateChannel::AutoUpdate;
        const auto M = UpdateChannel::ManualApproval;
        const auto F = UpdateChannel::Frozen;
        const QString c = QStringLiteral("1.4.2");

        QTest::newRow("auto: security patch") << A << c << QString() << "1.4.3" << Verdict::Allowed << true << "security";
        QTest::newRow("auto: patch") << A << c << QString() << "1.4.4" << Verdict::Allowed << false << "auto-update";
        QTest::newRow("auto: minor") << A << c << QString() << "1.5.0" << Verdict::Allowed << false << "auto-update";
        QTest::newRow("auto: breaking minor") << A << c << QString() << "1.6.0" << Verdict::NeedsApproval << false << "breaking";
        QTest::newRow("auto: major") << A << c << QString() << "2.0.0" << Verdict::NeedsApproval << false << "breaking";
        QTest::newRow("auto: pre-release") << A << c << QString() << "2.1.0-rc.1" << Verdict::NeedsApproval << false << "pre-release";
        QTest::newRow("auto: downgrade") << A << c << QString() << "1.4.0" << Verdict::NeedsApproval << false << "downgrade";
        QTest::newRow("auto: same version") << A << c << QString() << "1.4.2" << Verdict::Refused << false << "already runs";
        QTest::newRow("auto: unknown release") << A << c << QString() << "1.9.0" << Verdict::Refused << false << "not a known release";
        QTest::newRow("auto: hostile text") << A << c << QString() << "1.5.0;reboot" << Verdict::Refused << false << "not a semantic version";
        QTest::newRow("auto: unknown current") << A << QString() << QString() << "1.5.0" << Verdict::NeedsApproval << false << "unknown";

        QTest::newRow("manual: patch") << M << c << QString() << "1.4.4" << Verdict::NeedsApproval << false << "every update";
        QTest::newRow("manual: security flagged") << M << c << QString() << "1.4.3" << Verdict::NeedsApproval << true << "urgent";
        QTest::newRow("manual: major") << M << c << QString() << "2.0.0" << Verdict::NeedsApproval << false << "approval";

        QTest::newRow("frozen: security patch of pinned line") << F << c << c << "1.4.3" << Verdict::NeedsOverride << true << "override with a reason";
        QTest::newRow("frozen: plain patch") << F << c << c << "1.4.4" << Verdict::Refused << false << "not a security release";
        QTest::newRow("frozen: other line") << F << c << c << "1.5.0" << Verdict::Refused << false << "1.4.x";
        QTest::newRow("frozen: major") << F << c << c << "2.0.0" << Verdict::Refused << false << "frozen at 1.4.2";
        QTest::newRow("frozen: pre-release") << F << c << c << "2.1.0-rc.1" << Verdict::Refused << false << "pre-release";
        QTest::newRow("frozen: below the pin") << F << c << c << "1.4.0" << Verdict::Refused << false << "not newer";
        QTest::newRow("frozen: pin is older than current") << F << QStringLiteral("1.4.3") << QStringLiteral("1.4.0") << "1.4.4" << Verdict::Refused << false << "frozen at 1.4.0";
        QTest::newRow("frozen without pin uses the running line") << F << c << QString() << "1.4.3" << Verdict::NeedsOverride << true << "1.4.x";
        QTest::newRow("frozen without any version") << F << QString() << QString() << "1.4.3" << Verdict::Refused << false << "neither";

        QTest::newRow("pinned on manual: another version") << M << c << c << "1.4.4" << Verdict::NeedsOverride << false << "pinned to 1.4.2, not 1.4.4";
        QTest::newRow("pinned on auto: another version") << A << c << QStringLiteral("1.4.3") << "1.5.0" << Verdict::NeedsOverride << false << "override with a reason";
        QTest::newRow("pinned on auto: the pinned version") << A << c << QStringLiteral("1.4.3") << "1.4.3" << Verdict::Allowed << true << "security";
    }
    void decisions()
    {
        QFETCH(UpdateChannel, channel);
        QFETCH(QString, current);
        QFETCH(QString, pinned);
        QFETCH(QString, target);
        QFETCH(Verdict, verdict);
        QFETCH(bool, urgent);
        QFETCH(QString, reasonMentions);
        const ChannelDecision d = ChannelPolicy::decide(instance(channel, current, pinned), feed(), target);
        QVERIFY2(d.verdict == verdict, qPrintable(verdictName(d.verdict) + QStringLiteral(": ") + d.reason));
        QCOMPARE(d.urgent, urgent);
        QVERIFY2(d.reason.contains(reasonMentions), qPrintable(d.reason));
        QCOMPARE(d.permitted(), verdict != Verdict::Refused);
    }

    void overridesAndWordsNameTheInstance()
    {
        const Instance frozen = instance(UpdateChannel::Frozen, QStringLiteral("1.4.2"), QStringLiteral("1.4.2"));
        const ChannelDecision patch = ChannelPolicy::decide(frozen, feed(), QStringLiteral("1.4.3"));
        QCOMPARE(patch.overrideKind, PolicyOverride::Kind::Frozen);
        QVERIFY(!patch.plannable());
        const Instance pinned = instance(UpdateChannel::ManualApproval, QStringLiteral("1.4.2"), QStringLiteral("1.4.2"));
        QCOMPARE(ChannelPolicy::decide(pinned, feed(), QStringLiteral("1.5.0")).overrideKind, PolicyOverride::Kind::Pinned);
        // Every sentence shown for a decision names the instance once.
        QCOMPARE(ChannelPolicy::explain(frozen, ChannelPolicy::decide(frozen, feed(), QStringLiteral("1.5.0"))),
                 QStringLiteral("platform-prod-1 is frozen at 1.4.2: only security patches of 1.4.x may be applied"));
        const Instance manual = instance(UpdateChannel::ManualApproval, QStringLiteral("1.4.2"));
        QCOMPARE(ChannelPolicy::explain(manual, ChannelPolicy::decide(manual, feed(), QStringLiteral("1.9.0"))),
                 QStringLiteral("platform-prod-1: 1.9.0 is not a known release of webwaka-platform"));
    }

    void withoutReleaseFactsOnlyTheVersionDecides()
    {
        // No release feed: the channel rules apply to the version alone; a frozen instance is refused,
        // since nothing says the target is a security patch.
        const auto manual = instance(UpdateChannel::ManualApproval, QStringLiteral("1.4.2"));
        QCOMPARE(ChannelPolicy::decide(manual, {}, QStringLiteral("1.9.0")).verdict, Verdict::NeedsApproval);
        QCOMPARE(ChannelPolicy::decide(instance(UpdateChannel::AutoUpdate, QStringLiteral("1.4.2")), {}, QStringLiteral("1.5.0")).verdict,
                 Verdict::Allowed);
        const ChannelDecision frozen = ChannelPolicy::decide(instance(UpdateChannel::Frozen, QStringLiteral("1.4.2")), {}, QStringLiteral("1.4.3"));
        QCOMPARE(frozen.verdict, Verdict::Refused);
        QVERIFY2(frozen.reason.contains(QStringLiteral("no release feed says 1.4.3 is a security patch of 1.4.x")), qPrintable(frozen.reason));
    }

    void changeClassIsReported()
    {
        const auto i = instance(UpdateChannel::AutoUpdate, QStringLiteral("1.4.2"));
        QCOMPARE(ChannelPolicy::decide(i, feed(), QStringLiteral("1.4.4")).change, ChangeClass::Patch);
        QCOMPARE(ChannelPolicy::decide(i, feed(), QStringLiteral("1.5.0")).change, ChangeClass::Minor);
        QCOMPARE(ChannelPolicy::decide(i, feed(), QStringLiteral("2.0.0")).change, ChangeClass::Major);
        QCOMPARE(ChannelPolicy::decide(i, feed(), QStringLiteral("1.4.0")).change, ChangeClass::Downgrade);
    }

    void pendingVersion_data()
    {
        QTest::addColumn<UpdateChannel>("channel");
        QTest::addColumn<QString>("current");
        QTest::addColumn<QString>("pinned");
        QTest::addColumn<QList<Release>>("releases");
        QTest::addColumn<QString>("pending");

        const auto A = UpdateChannel::AutoUpdate;
        const auto M = UpdateChannel::ManualApproval;
        const auto F = UpdateChannel::Frozen;
        QTest::newRow("auto: newest stable, pre-release skipped") << A << "1.4.2" << QString() << feed() << "2.0.0";
        QTest::newRow("manual: newest stable") << M << "1.4.2" << QString() << feed() << "2.0.0";
        QTest::newRow("up to date") << A << "2.0.0" << QString() << feed() << "";
        QTest::newRow("only a pre-release is newer") << A << "2.0.0" << QString() << feed() << "";
        QTest::newRow("on a pre-release, pre-releases are pending")
            << A << "2.1.0-rc.1" << QString() << (feed() << release("2.1.0-rc.2")) << "2.1.0-rc.2";
        QTest::newRow("on a pre-release, the final release wins")
            << M << "2.1.0-rc.1" << QString() << (feed() << release("2.1.0-rc.2") << release("2.1.0")) << "2.1.0";
        QTest::newRow("frozen: newest security patch of the pinned line")
            << F << "1.4.2" << "1.4.2" << (feed() << release("1.4.5", false, true) << release("1.4.6")) << "1.4.5";
        QTest::newRow("frozen: nothing but plain patches") << F << "1.4.3" << "1.4.3" << feed() << "";
        QTest::newRow("unknown current: newest stable") << M << QString() << QString() << feed() << "2.0.0";
        QTest::newRow("invalid versions in the feed are ignored")
            << A << "1.4.2" << QString() << QList<Release>{release("1.4.3"), release("9.9.9; rm -rf /")} << "1.4.3";
        QTest::newRow("no releases") << A << "1.4.2" << QString() << QList<Release>{} << "";
    }
    void pendingVersion()
    {
        QFETCH(UpdateChannel, channel);
        QFETCH(QString, current);
        QFETCH(QString, pinned);
        QFETCH(QList<Release>, releases);
        QFETCH(QString, pending);
        QCOMPARE(ChannelPolicy::pendingVersion(instance(channel, current, pinned), releases), pending);
    }
};

QTEST_GUILESS_MAIN(TestChannelPolicy)
#include "tst_channelpolicy.moc"
