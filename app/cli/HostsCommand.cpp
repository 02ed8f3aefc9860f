#include "HostsCommand.h"

#include "app/audit/AuditLog.h"
#include "app/cli/CliHelp.h"
#include "app/cli/CliSession.h"
#include "app/identity/OperatorIdentity.h"
#include "app/inventory/InventoryFile.h"
#include "app/ssh/HostKeyAudit.h"
#include "app/ssh/HostKeyScanner.h"
#include "app/ssh/HostKeySurvey.h"
#include "models/store/Database.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace lockstep {

namespace {

QString describe(const HostKeyInfo &key)
{
    switch (key.state) {
    case HostKeyInfo::State::Trusted:
        return QStringLiteral("trusted");
    case HostKeyInfo::State::Unknown:
        return QStringLiteral("NOT TRUSTED");
    case HostKeyInfo::State::Changed:
        return QStringLiteral("CHANGED - known_hosts holds another key");
    }
    return {};
}

QString describe(const HostKeySurvey::Finding &finding)
{
    const QString name = finding.host.instance.isEmpty() ? QString() : finding.host.instance + QLatin1Char(' ');
    if (!finding.key)
        return name + finding.host.target + QStringLiteral(" UNREACHABLE: ") + finding.error->toString();
    const HostKeyInfo &key = *finding.key;
    return name + finding.host.target + QLatin1Char(' ') + key.knownHostsName() + QLatin1Char(' ') + key.keyType
           + QLatin1Char(' ') + key.fingerprint + QLatin1Char(' ') + describe(key);
}

bool confirm(const QString &question)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
        return false;
    QTextStream err(stderr);
    err << question << " [y/N] " << Qt::flush;
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

// The audit log trusts are recorded in: the same store the other commands use.
class TrustRecorder
{
public:
    Status open(const QCommandLineParser &parser)
    {
        QString location = parser.value(QStringLiteral("database"));
        if (location.isEmpty())
            location = QProcessEnvironment::systemEnvironment().value(QStringLiteral("LOCKSTEP_DATABASE"));
        if (location.isEmpty())
            location = Database::defaultLocation();
        if (Status s = m_db.open(location, QStringLiteral("lockstep-cli-hosts")); !s)
            return Error{QStringLiteral("cannot open the store for the audit log: %1").arg(s.error().message), location,
                         QStringLiteral("a trusted key must be audited: pass --database PATH|URL of the store")};
        m_log = std::make_unique<AuditLog>(m_db);
        auto identity = OperatorIdentity::resolve(m_db, parser.value(QStringLiteral("operator")));
        if (!identity)
            return identity.error();
        m_operator = identity->name();
        return okStatus();
    }

    Status record(const HostKeyInfo &key, const QString &instance)
    {
        const auto appended = m_log->append(HostKeyAudit::trusted(key, m_operator, instance));
        if (!appended)
            return appended.error();
        return okStatus();
    }

private:
    Database m_db;
    std::unique_ptr<AuditLog> m_log;
    QString m_operator;
};

// Trusts `key` (re-checked by HostKeyScanner::trust), then records it. 0 on success.
int trustOne(const SshOptions &options, const QString &target, const QString &instance, const HostKeyInfo &key,
             TrustRecorder &recorder, QTextStream &out, QTextStream &err)
{
    const Result<HostKeyInfo> trusted = HostKeyScanner(options).trust(target, key.fingerprint);
    if (!trusted) {
        err << trusted.error().toString() << '\n';
        return 1;
    }
    out << "added " << trusted->knownHostsName() << ' ' << trusted->keyType << ' ' << trusted->fingerprint << " to "
        << trusted->knownHostsFile << '\n';
    if (Status s = recorder.record(*trusted, instance); !s) {
        err << "the key was added but the audit record failed: " << s.error().toString() << '\n';
        return 1;
    }
    return 0;
}

int trustTarget(const QCommandLineParser &parser, const SshOptions &options, const QString &target, QTextStream &out,
                QTextStream &err)
{
    const Result<HostKeyInfo> key = HostKeyScanner(options).scan(target);
    if (!key) {
        err << key.error().toString() << '\n';
        return 1;
    }
    out << key->knownHostsName() << ' ' << key->keyType << ' ' << key->fingerprint << " (" << describe(*key) << ")\n";
    out.flush();
    if (key->state == HostKeyInfo::State::Trusted) {
        out << "already trusted in " << key->knownHostsFile << '\n';
        return 0;
    }
    if (key->state == HostKeyInfo::State::Changed) {
        const Result<HostKeyInfo> refused = HostKeyScanner(options).trust(target, key->fingerprint);
        err << (refused ? QStringLiteral("refusing to replace a known key") : refused.error().toString()) << '\n';
        return 1;
    }
    const QString fingerprint = parser.value(QStringLiteral("fingerprint"));
    if (parser.isSet(QStringLiteral("fingerprint")) && fingerprint != key->fingerprint) {
        err << "the host presents " << key->fingerprint << ", not the expected " << fingerprint << ": not trusting it\n";
        return 1;
    }
    if (!parser.isSet(QStringLiteral("yes")) && !parser.isSet(QStringLiteral("fingerprint"))
        && !confirm(QStringLiteral("Trust this key for %1 and add it to %2?").arg(key->knownHostsName(), key->knownHostsFile))) {
        err << "not trusted: check the fingerprint with the host's owner, then confirm on a terminal or pass --yes "
               "(or --fingerprint " << key->fingerprint << ")\n";
        return 1;
    }
    TrustRecorder recorder;
    if (Status s = recorder.open(parser); !s) {
        err << s.error().toString() << '\n';
        return 1;
    }
    return trustOne(options, target, {}, *key, recorder, out, err);
}

// Trusts every unknown key of the inventory after showing them all; never a changed one.
int trustSurvey(const QCommandLineParser &parser, const QList<HostKeySurvey::Finding> &findings, QTextStream &out,
                QTextStream &err)
{
    QList<HostKeySurvey::Finding> unknown;
    int problems = 0;
    for (const HostKeySurvey::Finding &finding : findings) {
        if (!finding.key) {
            ++problems;
            continue;
        }
        if (finding.key->state == HostKeyInfo::State::Unknown)
            unknown << finding;
        if (finding.key->state == HostKeyInfo::State::Changed) {
            ++problems;
            err << finding.host.instance << ": not trusting the CHANGED key of " << finding.key->knownHostsName()
                << " (check it out of band; if the change is expected remove the old entry with `ssh-keygen -R '"
                << finding.key->knownHostsName() << "' -f " << finding.key->knownHostsFile << "` and trust again)\n";
        }
    }
    if (unknown.isEmpty()) {
        out << "no unknown host keys to trust\n";
        return problems == 0 ? 0 : 1;
    }
    if (!parser.isSet(QStringLiteral("yes"))
        && !confirm(QStringLiteral("Trust the %1 NOT TRUSTED key(s) listed above?").arg(unknown.size()))) {
        err << "not trusted: check the fingerprints above with the hosts' owners, then confirm on a terminal or pass --yes\n";
        return 1;
    }
    TrustRecorder recorder;
    if (Status s = recorder.open(parser); !s) {
        err << s.error().toString() << '\n';
        return 1;
    }
    for (const HostKeySurvey::Finding &finding : unknown)
        problems += trustOne(finding.host.options, finding.host.target, finding.host.instance, *finding.key, recorder, out, err);
    return problems == 0 ? 0 : 1;
}

} // namespace

QList<QCommandLineOption> HostsCommand::options()
{
    QList<QCommandLineOption> list{
        {QStringLiteral("known-hosts"), QStringLiteral("known_hosts file (default ~/.ssh/known_hosts)."), QStringLiteral("file")},
        {QStringLiteral("config"), QStringLiteral("ssh_config file (default ~/.ssh/config)."), QStringLiteral("file")},
        {QStringLiteral("no-config"), QStringLiteral("Do not read ssh_config.")},
        {QStringLiteral("inventory"), QStringLiteral("Every SSH host of this inventory (YAML), with its own SSH settings."),
         QStringLiteral("file")},
        {QStringLiteral("fingerprint"), QStringLiteral("Trust only a key with this fingerprint (SHA256:...)."), QStringLiteral("sha256")},
        {QStringLiteral("yes"), QStringLiteral("Trust without asking (after checking the fingerprints).")},
        {QStringLiteral("database"), QStringLiteral("Store whose audit log records the trust."), QStringLiteral("path")},
    };
    // Who is trusting is the database role or the OS account; a name given is for tests only.
    QCommandLineOption asserted(QStringLiteral("operator"), QStringLiteral("Tests only (LOCKSTEP_TEST_IDENTITIES=1): act as NAME."),
                                QStringLiteral("name"));
    asserted.setFlags(QCommandLineOption::HiddenFromHelp);
    return list << asserted;
}

int HostsCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addOptions(options());
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli hosts")} + arguments)) {
        err << parser.errorText() << '\n' << CliHelp::usageError(QStringLiteral("hosts"));
        return 2;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const QStringList targets = positional.mid(1);
    const bool fromInventory = parser.isSet(QStringLiteral("inventory"));
    const bool validAction = action == QLatin1String("scan") || action == QLatin1String("trust");
    const bool validTargets = fromInventory ? targets.isEmpty()
                                            : (action == QLatin1String("trust") ? targets.size() == 1 : !targets.isEmpty());
    if (!validAction || !validTargets || (fromInventory && parser.isSet(QStringLiteral("fingerprint")))) {
        err << CliHelp::usageError(QStringLiteral("hosts"));
        return 2;
    }

    SshOptions options;
    options.knownHostsFile = parser.value(QStringLiteral("known-hosts"));
    options.configFile = parser.value(QStringLiteral("config"));
    options.readConfig = !parser.isSet(QStringLiteral("no-config"));

    if (action == QLatin1String("trust") && !fromInventory)
        return trustTarget(parser, options, targets.first(), out, err);

    QList<HostKeySurvey::Host> hosts;
    if (fromInventory) {
        const auto inventory = InventoryFile::read(parser.value(QStringLiteral("inventory")));
        if (!inventory) {
            err << inventory.error().toString() << '\n';
            return 1;
        }
        for (const Instance &instance : *inventory) {
            if (!instance.sshTarget.isEmpty())
                hosts << HostKeySurvey::Host{instance.name, instance.sshTarget, options.with(instance.ssh)};
        }
        if (hosts.isEmpty()) {
            err << parser.value(QStringLiteral("inventory")) << ": no instance has an ssh: target\n";
            return 1;
        }
    } else {
        for (const QString &target : targets)
            hosts << HostKeySurvey::Host{{}, target, options};
    }

    const QList<HostKeySurvey::Finding> findings = HostKeySurvey::scan(hosts);
    int problems = 0;
    for (const HostKeySurvey::Finding &finding : findings) {
        out << describe(finding) << '\n';
        if (!finding.key || finding.key->state != HostKeyInfo::State::Trusted)
            ++problems;
    }
    out.flush();
    if (action == QLatin1String("scan"))
        return problems == 0 ? 0 : 1;
    return trustSurvey(parser, findings, out, err);
}

} // namespace lockstep
