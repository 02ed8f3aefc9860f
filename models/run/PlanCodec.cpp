#include "models/run/PlanCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace lockstep {

namespace {

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime fromIso(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

// The instance's inventory variables travel with the plan: a resumed run renders the values it started with.
QJsonObject varsObject(const QMap<QString, QString> &vars)
{
    QJsonObject o;
    for (auto it = vars.cbegin(); it != vars.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject encodeInstance(const Instance &i)
{
    return QJsonObject{
        {QStringLiteral("id"), i.id},
        {QStringLiteral("name"), i.name},
        {QStringLiteral("product"), i.product},
        {QStringLiteral("environment"), i.environment},
        {QStringLiteral("tags"), QJsonArray::fromStringList(i.tags)},
        {QStringLiteral("ssh"), i.sshTarget},
        {QStringLiteral("ssh_identity"), i.ssh.identityFile},
        {QStringLiteral("ssh_known_hosts"), i.ssh.knownHostsFile},
        {QStringLiteral("ssh_config"), i.ssh.configText()},
        {QStringLiteral("url"), i.baseUrl.toString()},
        {QStringLiteral("api"), i.apiUrl.toString()},
        {QStringLiteral("metrics"), i.metricsSource},
        {QStringLiteral("version"), i.currentVersion},
        {QStringLiteral("channel"), updateChannelName(i.channel)},
        {QStringLiteral("pinned"), i.pinnedVersion},
        {QStringLiteral("state"), i.state},
        {QStringLiteral("vars"), varsObject(i.vars)},
    };
}

Instance decodeInstance(const QJsonObject &o)
{
    Instance i;
    i.id = o.value(QStringLiteral("id")).toInteger();
    i.name = o.value(QStringLiteral("name")).toString();
    i.product = o.value(QStringLiteral("product")).toString();
    i.environment = o.value(QStringLiteral("environment")).toString();
    for (const QJsonValue &t : o.value(QStringLiteral("tags")).toArray())
        i.tags << t.toString();
    i.sshTarget = o.value(QStringLiteral("ssh")).toString();
    i.ssh.identityFile = o.value(QStringLiteral("ssh_identity")).toString();
    i.ssh.knownHostsFile = o.value(QStringLiteral("ssh_known_hosts")).toString();
    i.ssh.setConfigText(o.value(QStringLiteral("ssh_config")).toString());
    i.baseUrl = QUrl(o.value(QStringLiteral("url")).toString());
    i.apiUrl = QUrl(o.value(QStringLiteral("api")).toString());
    i.metricsSource = o.value(QStringLiteral("metrics")).toString();
    i.currentVersion = o.value(QStringLiteral("version")).toString();
    i.channel = parseUpdateChannel(o.value(QStringLiteral("channel")).toString()).value_or(UpdateChannel::ManualApproval);
    i.pinnedVersion = o.value(QStringLiteral("pinned")).toString();
    i.state = o.value(QStringLiteral("state")).toString();
    const QJsonObject vars = o.value(QStringLiteral("vars")).toObject();
    for (auto it = vars.begin(); it != vars.end(); ++it)
        i.vars.insert(it.key(), it.value().toString());
    return i;
}

std::optional<PolicyOverride::Kind> parseOverrideKind(const QString &name)
{
    for (auto kind : {PolicyOverride::Kind::Frozen, PolicyOverride::Kind::Pinned,
                      PolicyOverride::Kind::MaintenanceWindow})
        if (policyOverrideKindName(kind) == name)
            return kind;
    return std::nullopt;
}

} // namespace

QByteArray PlanCodec::encode(const Plan &plan)
{
    QJsonArray waves;
    for (const Wave &w : plan.waves) {
        QJsonArray instances;
        for (const Instance &i : w.instances)
            instances.append(encodeInstance(i));
        QJsonObject wave{{QStringLiteral("name"), w.name}, {QStringLiteral("instances"), instances}};
        if (w.spec >= 0)
            wave.insert(QStringLiteral("spec"), w.spec);
        waves.append(wave);
    }
    // A secret parameter's value never reaches the store: only its name, so a resume can ask for it again.
    QStringList secretNames;
    for (const ParamSpec &p : plan.runbook.params)
        if (p.secret)
            secretNames << p.name;
    QJsonObject params;
    QStringList withheld = plan.withheldParams;
    for (auto it = plan.params.cbegin(); it != plan.params.cend(); ++it) {
        if (secretNames.contains(it.key())) {
            if (!withheld.contains(it.key()))
                withheld << it.key();
            continue;
        }
        params.insert(it.key(), it.value());
    }
    QJsonArray overrides;
    for (const PolicyOverride &o : plan.overrides)
        overrides.append(QJsonObject{{QStringLiteral("kind"), policyOverrideKindName(o.kind)},
                                     {QStringLiteral("instance"), o.instance},
                                     {QStringLiteral("reason"), o.reason},
                                     {QStringLiteral("operator"), o.operatorName}});
    QJsonObject root{
        {QStringLiteral("version"), plan.targetVersion.toString()},
        {QStringLiteral("change"), changeClassName(plan.changeClass)},
        {QStringLiteral("waves"), waves},
        {QStringLiteral("params"), params},
        {QStringLiteral("secret_params"), QJsonArray::fromStringList(withheld)},
        {QStringLiteral("overrides"), overrides},
        {QStringLiteral("excluded"), QJsonArray::fromStringList(plan.excluded)},
    };
    if (plan.timeScale > 1)
        root.insert(QStringLiteral("time_scale"), plan.timeScale);
    if (plan.window)
        root.insert(QStringLiteral("window"), QJsonObject{{QStringLiteral("start"), iso(plan.window->start)},
                                                          {QStringLiteral("end"), iso(plan.window->end)}});
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Result<Plan> PlanCodec::decode(const QByteArray &json, const Runbook &runbook, const QString &runbookSource)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return Error{QStringLiteral("stored plan is not valid JSON: %1").arg(parseError.errorString()), {},
                     QStringLiteral("the run's record is damaged; start a new run")};
    const QJsonObject root = doc.object();
    Plan plan;
    plan.runbook = runbook;
    plan.runbookSource = runbookSource;
    auto version = SemVer::parse(root.value(QStringLiteral("version")).toString());
    if (!version)
        return version.error();
    plan.targetVersion = *version;
    const QString change = root.value(QStringLiteral("change")).toString();
    for (auto c : {ChangeClass::None, ChangeClass::Patch, ChangeClass::Minor, ChangeClass::Major,
                   ChangeClass::Downgrade})
        if (changeClassName(c) == change)
            plan.changeClass = c;
    int index = 0;
    for (const QJsonValue &wv : root.value(QStringLiteral("waves")).toArray()) {
        Wave wave;
        wave.index = index++;
        wave.name = wv.toObject().value(QStringLiteral("name")).toString();
        wave.spec = wv.toObject().value(QStringLiteral("spec")).toInt(-1);
        for (const QJsonValue &iv : wv.toObject().value(QStringLiteral("instances")).toArray())
            wave.instances.append(decodeInstance(iv.toObject()));
        plan.waves.append(wave);
    }
    const QJsonObject params = root.value(QStringLiteral("params")).toObject();
    for (auto it = params.begin(); it != params.end(); ++it)
        plan.params.insert(it.key(), it.value().toString());
    for (const QJsonValue &name : root.value(QStringLiteral("secret_params")).toArray())
        plan.withheldParams << name.toString();
    for (const QJsonValue &ov : root.value(QStringLiteral("overrides")).toArray()) {
        const QJsonObject o = ov.toObject();
        const auto kind = parseOverrideKind(o.value(QStringLiteral("kind")).toString());
        if (!kind)
            continue;
        plan.overrides.append(PolicyOverride{*kind, o.value(QStringLiteral("instance")).toString(),
                                             o.value(QStringLiteral("reason")).toString(),
                                             o.value(QStringLiteral("operator")).toString()});
    }
    for (const QJsonValue &e : root.value(QStringLiteral("excluded")).toArray())
        plan.excluded << e.toString();
    plan.timeScale = std::max(1, root.value(QStringLiteral("time_scale")).toInt(1));
    if (root.contains(QStringLiteral("window"))) {
        const QJsonObject w = root.value(QStringLiteral("window")).toObject();
        plan.window = MaintenanceWindow{fromIso(w.value(QStringLiteral("start"))), fromIso(w.value(QStringLiteral("end")))};
    }
    return plan;
}

} // namespace lockstep
