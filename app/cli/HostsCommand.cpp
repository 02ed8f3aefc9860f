#include "HostsCommand.h"

#include "app/ssh/HostKeyScanner.h"

#include <QCommandLineParser>
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

} // namespace

int HostsCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Show hosts' SSH keys and add them to known_hosts."));
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("trust TARGET | scan TARGET..."));
    const QCommandLineOption knownHosts(QStringLiteral("known-hosts"), QStringLiteral("known_hosts file (default ~/.ssh/known_hosts)"),
                                        QStringLiteral("file"));
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("ssh_config file (default ~/.ssh/config)"),
                                    QStringLiteral("file"));
    const QCommandLineOption noConfig(QStringLiteral("no-config"), QStringLiteral("do not read ssh_config"));
    const QCommandLineOption fingerprint(QStringLiteral("fingerprint"),
                                         QStringLiteral("trust only a key with this fingerprint (SHA256:...)"), QStringLiteral("sha256"));
    const QCommandLineOption yes(QStringLiteral("yes"), QStringLiteral("trust without asking (after checking the fingerprint)"));
    parser.addOptions({knownHosts, config, noConfig, fingerprint, yes});
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli hosts")} + arguments)) {
        err << parser.errorText() << '\n' << parser.helpText();
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const QStringList targets = positional.mid(1);
    if ((action != QLatin1String("trust") || targets.size() != 1) && (action != QLatin1String("scan") || targets.isEmpty())) {
        err << "usage: lockstep-cli hosts trust TARGET [--known-hosts FILE] [--config FILE | --no-config] [--fingerprint SHA256:...] [--yes]\n"
               "       lockstep-cli hosts scan TARGET... [--known-hosts FILE] [--config FILE | --no-config]\n";
        return 2;
    }

    SshOptions options;
    options.knownHostsFile = parser.value(knownHosts);
    options.configFile = parser.value(config);
    options.readConfig = !parser.isSet(noConfig);
    const HostKeyScanner scanner(options);
    const QString knownHostsName = options.knownHostsFile.isEmpty() ? QStringLiteral("~/.ssh/known_hosts") : options.knownHostsFile;

    if (action == QLatin1String("scan")) {
        int problems = 0;
        for (const QString &target : targets) {
            const Result<HostKeyInfo> key = scanner.scan(target);
            if (!key) {
                err << key.error().toString() << '\n';
                ++problems;
                continue;
            }
            out << target << ' ' << key->knownHostsName() << ' ' << key->keyType << ' ' << key->fingerprint << ' '
                << describe(*key) << '\n';
            if (key->state != HostKeyInfo::State::Trusted)
                ++problems;
        }
        return problems == 0 ? 0 : 1;
    }

    const QString target = targets.first();
    const Result<HostKeyInfo> key = scanner.scan(target);
    if (!key) {
        err << key.error().toString() << '\n';
        return 1;
    }
    out << key->knownHostsName() << ' ' << key->keyType << ' ' << key->fingerprint << " (" << describe(*key) << ")\n";
    out.flush();
    if (key->state == HostKeyInfo::State::Trusted) {
        out << "already trusted in " << knownHostsName << '\n';
        return 0;
    }
    if (key->state == HostKeyInfo::State::Changed) {
        const Result<HostKeyInfo> refused = scanner.trust(target, key->fingerprint);
        err << (refused ? QStringLiteral("refusing to replace a known key") : refused.error().toString()) << '\n';
        return 1;
    }
    if (parser.isSet(fingerprint) && parser.value(fingerprint) != key->fingerprint) {
        err << "the host presents " << key->fingerprint << ", not the expected " << parser.value(fingerprint)
            << ": not trusting it\n";
        return 1;
    }
    if (!parser.isSet(yes) && !parser.isSet(fingerprint)
        && !confirm(QStringLiteral("Trust this key for %1 and add it to %2?").arg(key->knownHostsName(), knownHostsName))) {
        err << "not trusted: check the fingerprint with the host's owner, then confirm on a terminal or pass --yes "
               "(or --fingerprint " << key->fingerprint << ")\n";
        return 1;
    }
    const Result<HostKeyInfo> trusted = scanner.trust(target, key->fingerprint);
    if (!trusted) {
        err << trusted.error().toString() << '\n';
        return 1;
    }
    out << "added " << trusted->knownHostsName() << ' ' << trusted->keyType << ' ' << trusted->fingerprint << " to "
        << knownHostsName << '\n';
    return 0;
}

} // namespace lockstep
