#include "models/store/InstanceRepository.h"

#include "models/SemVer.h"
#include "models/store/Database.h"
#include "models/store/SqlSupport.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace lockstep {

namespace {

const QLatin1String kColumns("id, name, product, environment, tags, ssh_target, base_url, api_url, "
                             "metrics_source, current_version, update_channel, pinned_version, state, "
                             "ssh_identity_file, ssh_known_hosts_file, ssh_config, vars");

// Tags are stored as one comma-separated text column; tag names never contain commas (the importer checks).
QString joinTags(const QStringList &tags)
{
    return tags.join(QLatin1Char(','));
}

QStringList splitTags(const QString &text)
{
    return text.split(QLatin1Char(','), Qt::SkipEmptyParts);
}

// Variables are stored as one JSON object (name -> text); '' when there are none.
QString joinVars(const QMap<QString, QString> &vars)
{
    if (vars.isEmpty())
        return QStringLiteral("");
    QJsonObject o;
    for (auto it = vars.cbegin(); it != vars.cend(); ++it)
        o.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QMap<QString, QString> splitVars(const QString &text)
{
    QMap<QString, QString> vars;
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        vars.insert(it.key(), it.value().toString());
    return vars;
}

Instance instanceFrom(const QSqlQuery &q)
{
    Instance i;
    i.id = q.value(0).toLongLong();
    i.name = q.value(1).toString();
    i.product = q.value(2).toString();
    i.environment = q.value(3).toString();
    i.tags = splitTags(q.value(4).toString());
    i.sshTarget = q.value(5).toString();
    i.baseUrl = QUrl(q.value(6).toString());
    i.apiUrl = QUrl(q.value(7).toString());
    i.metricsSource = q.value(8).toString();
    i.currentVersion = q.value(9).toString();
    i.channel = parseUpdateChannel(q.value(10).toString()).value_or(UpdateChannel::ManualApproval);
    i.pinnedVersion = q.value(11).toString();
    i.state = q.value(12).toString();
    i.ssh.identityFile = q.value(13).toString();
    i.ssh.knownHostsFile = q.value(14).toString();
    i.ssh.setConfigText(q.value(15).toString());
    i.vars = splitVars(q.value(16).toString());
    return i;
}

void bindFields(QSqlQuery &q, const Instance &i)
{
    for (const QString &value : {i.name, i.product, i.environment, joinTags(i.tags), i.sshTarget,
                                 i.baseUrl.toString(), i.apiUrl.toString(), i.metricsSource, i.currentVersion,
                                 updateChannelName(i.channel), i.pinnedVersion})
        q.addBindValue(sqlText(value));
    q.addBindValue(i.state.isEmpty() ? QStringLiteral("active") : i.state);
    for (const QString &value : {i.ssh.identityFile, i.ssh.knownHostsFile, i.ssh.configText(), joinVars(i.vars)})
        q.addBindValue(sqlText(value));
}

Status checkRequired(const Instance &i)
{
    if (i.name.isEmpty())
        return Error{QStringLiteral("an instance needs a name"), {}, {}};
    if (i.product.isEmpty())
        return Error{QStringLiteral("instance \"%1\" needs a product").arg(i.name), i.name, {}};
    return okStatus();
}

Status checkVersion(const QString &name, const QString &version)
{
    if (version.isEmpty())
        return okStatus();
    const auto v = SemVer::parse(version);
    if (!v)
        return Error{v.error().message, name, v.error().hint};
    return okStatus();
}

} // namespace

Result<QList<Instance>> InstanceRepository::list(const QString &product) const
{
    QSqlQuery q(m_db.connection());
    if (product.isEmpty()) {
        q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM instances ORDER BY name"));
    } else {
        q.prepare(QStringLiteral("SELECT ") + kColumns
                  + QStringLiteral(" FROM instances WHERE product = ? ORDER BY name"));
        q.addBindValue(product);
    }
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot list instances"), q);
    QList<Instance> out;
    while (q.next())
        out << instanceFrom(q);
    return out;
}

Result<std::optional<Instance>> InstanceRepository::findByName(const QString &name) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM instances WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot read instance \"%1\"").arg(name), q);
    if (!q.next())
        return std::optional<Instance>();
    return std::optional<Instance>(instanceFrom(q));
}

Result<Instance> InstanceRepository::get(const QString &name) const
{
    auto found = findByName(name);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{QStringLiteral("no instance named \"%1\"").arg(name), {},
                     QStringLiteral("check the name or import the inventory that defines it")};
    return **found;
}

Result<Instance> InstanceRepository::add(Instance instance)
{
    if (Status s = checkRequired(instance); !s)
        return s.error();
    if (Status s = checkVersion(instance.name, instance.currentVersion); !s)
        return s.error();
    QSqlQuery q(m_db.connection());
    // RETURNING works in SQLite >= 3.35 and PostgreSQL, unlike lastInsertId() which QPSQL only emulates.
    q.prepare(QStringLiteral("INSERT INTO instances (name, product, environment, tags, ssh_target, base_url, "
                             "api_url, metrics_source, current_version, update_channel, pinned_version, state, "
                             "ssh_identity_file, ssh_known_hosts_file, ssh_config, vars) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindFields(q, instance);
    if (!q.exec() || !q.next())
        return sqlFailure(QStringLiteral("cannot add instance \"%1\"").arg(instance.name), q);
    instance.id = q.value(0).toLongLong();
    if (instance.state.isEmpty())
        instance.state = QStringLiteral("active");
    return instance;
}

Status InstanceRepository::update(const Instance &instance)
{
    if (Status s = checkRequired(instance); !s)
        return s;
    if (Status s = checkVersion(instance.name, instance.currentVersion); !s)
        return s;
    QSqlQuery q(m_db.connection());
    const QString set = QStringLiteral("UPDATE instances SET name = ?, product = ?, environment = ?, tags = ?, "
                                       "ssh_target = ?, base_url = ?, api_url = ?, metrics_source = ?, "
                                       "current_version = ?, update_channel = ?, pinned_version = ?, state = ?, "
                                       "ssh_identity_file = ?, ssh_known_hosts_file = ?, ssh_config = ?, vars = ? ");
    q.prepare(set + (instance.id != 0 ? QStringLiteral("WHERE id = ?") : QStringLiteral("WHERE name = ?")));
    bindFields(q, instance);
    if (instance.id != 0)
        q.addBindValue(instance.id);
    else
        q.addBindValue(instance.name);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot update instance \"%1\"").arg(instance.name), q);
    if (q.numRowsAffected() == 0)
        return Error{QStringLiteral("no instance \"%1\" to update").arg(instance.name), {}, {}};
    return okStatus();
}

Result<Instance> InstanceRepository::save(Instance instance)
{
    auto found = findByName(instance.name);
    if (!found)
        return found.error();
    if (!found->has_value())
        return add(std::move(instance));
    instance.id = (*found)->id;
    if (Status s = update(instance); !s)
        return s.error();
    return instance;
}

Status InstanceRepository::remove(const QString &name)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM instances WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot remove instance \"%1\"").arg(name), q);
    if (q.numRowsAffected() == 0)
        return Error{QStringLiteral("no instance \"%1\" to remove").arg(name), {}, {}};
    return okStatus();
}

Status InstanceRepository::updateVersion(const QString &name, const QString &version)
{
    if (Status s = checkVersion(name, version); !s)
        return s;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE instances SET current_version = ? WHERE name = ?"));
    q.addBindValue(sqlText(version));
    q.addBindValue(name);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot record the version of \"%1\"").arg(name), q);
    if (q.numRowsAffected() == 0)
        return Error{QStringLiteral("no instance \"%1\"").arg(name), {}, {}};
    return okStatus();
}

Status InstanceRepository::updateState(const QString &name, const QString &state)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE instances SET state = ? WHERE name = ?"));
    q.addBindValue(sqlText(state));
    q.addBindValue(name);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot record the state of \"%1\"").arg(name), q);
    if (q.numRowsAffected() == 0)
        return Error{QStringLiteral("no instance \"%1\"").arg(name), {}, {}};
    return okStatus();
}

} // namespace lockstep
