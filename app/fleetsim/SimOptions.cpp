#include "app/fleetsim/SimOptions.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <cstdio>
#include <cstdlib>

namespace lockstep {

namespace {

Result<qint64> number(const QCommandLineParser &parser, const QString &name, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max)
        return Error{QStringLiteral("--%1 must be a number from %2 to %3").arg(name, QString::number(min), QString::number(max)), {}, {}};
    return value;
}

} // namespace

Result<SimOptions> SimOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A fleet of emulated service instances on 127.0.0.1, behind one port (see docs/fleetsim.md)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("port"), QStringLiteral("Port to listen on (0 = any free port)."), QStringLiteral("N"),
         QStringLiteral("0")},
        {QStringLiteral("port-file"), QStringLiteral("Write the bound port to FILE once listening."),
         QStringLiteral("FILE")},
        {QStringLiteral("seed"), QStringLiteral("Seed for the simulated traffic and the demo fleet."),
         QStringLiteral("N"), QStringLiteral("1")},
        {QStringLiteral("instances"), QStringLiteral("A generic fleet of N instances of one product."),
         QStringLiteral("N")},
        {QStringLiteral("demo"), QStringLiteral("The demo fleet: five products, 30 instances (the default).")},
        {QStringLiteral("fleet"), QStringLiteral("A fleet described in a YAML file (docs/fleetsim.md)."),
         QStringLiteral("FILE")},
        {QStringLiteral("upgrade-ms"), QStringLiteral("How long an upgrade or rollback restart takes."),
         QStringLiteral("MS"), QStringLiteral("1500")},
        {QStringLiteral("backup-ms"), QStringLiteral("How long a backup takes."), QStringLiteral("MS"),
         QStringLiteral("300")},
        {QStringLiteral("inject"), QStringLiteral("Inject a fault: NAME=down|slow[:MS]|error500 (NAME may be *)."),
         QStringLiteral("NAME=FAULT")},
        {QStringLiteral("ssh"), QStringLiteral("The ssh target /inventory.yaml names for NAME (an ssh_config alias, host or user@host:port)."),
         QStringLiteral("NAME=TARGET")},
    });
    if (!parser.parse(arguments))
        return Error{parser.errorText(), {}, QStringLiteral("see lockstep-fleetsim --help")};
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (parser.isSet(QStringLiteral("help"))) {
        // The usage line names the program as it is typed, not by the path it was started from.
        QString help = parser.helpText();
        if (const qsizetype at = help.indexOf(arguments.value(0)); !arguments.isEmpty() && at >= 0 && at < help.indexOf(QLatin1Char('\n')))
            help.replace(at, arguments.value(0).size(), QStringLiteral("lockstep-fleetsim"));
        std::fputs(qUtf8Printable(help), stdout);
        std::exit(0);
    }

    SimOptions options;
    const auto port = number(parser, QStringLiteral("port"), 0, 65535);
    const auto seed = number(parser, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max());
    const auto upgradeMs = number(parser, QStringLiteral("upgrade-ms"), 0, 3600000);
    const auto backupMs = number(parser, QStringLiteral("backup-ms"), 0, 3600000);
    for (const auto *r : {&port, &seed, &upgradeMs, &backupMs}) {
        if (!*r)
            return r->error();
    }
    options.port = quint16(*port);
    options.seed = quint64(*seed);
    options.upgradeMs = int(*upgradeMs);
    options.backupMs = int(*backupMs);
    options.portFile = parser.value(QStringLiteral("port-file"));
    options.demo = parser.isSet(QStringLiteral("demo"));
    if (parser.isSet(QStringLiteral("instances"))) {
        const auto instances = number(parser, QStringLiteral("instances"), 1, 100000);
        if (!instances)
            return instances.error();
        options.instances = int(*instances);
    }
    options.fleetFile = parser.value(QStringLiteral("fleet"));
    if (int(options.demo) + int(options.instances > 0) + int(!options.fleetFile.isEmpty()) > 1)
        return Error{QStringLiteral("--demo, --instances and --fleet exclude each other"), {}, {}};
    if (options.instances == 0 && options.fleetFile.isEmpty())
        options.demo = true;

    for (const QString &spec : parser.values(QStringLiteral("inject"))) {
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        const QString faultText = spec.mid(eq + 1);
        const QString kindText = faultText.section(QLatin1Char(':'), 0, 0);
        const auto kind = SimFault::parseKind(kindText);
        if (eq <= 0 || !kind)
            return Error{QStringLiteral("bad --inject \"%1\"").arg(spec), {},
                         QStringLiteral("use NAME=down, NAME=slow[:MS], NAME=error500 or NAME=none")};
        Injection injection{spec.left(eq), SimFault{*kind, 0}};
        if (faultText.contains(QLatin1Char(':'))) {
            bool ok = false;
            injection.fault.delayMs = faultText.section(QLatin1Char(':'), 1).toInt(&ok);
            if (!ok || injection.fault.delayMs < 0)
                return Error{QStringLiteral("bad delay in --inject \"%1\"").arg(spec), {}, {}};
        }
        options.injections.append(injection);
    }
    // The target ends up in the served YAML: only the characters an ssh target consists of.
    static const QRegularExpression target(QStringLiteral("^[A-Za-z0-9._@:\\[\\]-]+$"));
    for (const QString &spec : parser.values(QStringLiteral("ssh"))) {
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        if (eq <= 0 || !target.match(spec.mid(eq + 1)).hasMatch())
            return Error{QStringLiteral("bad --ssh \"%1\"").arg(spec), {},
                         QStringLiteral("use NAME=TARGET with TARGET an ssh_config alias, host or user@host:port")};
        options.sshTargets.append({spec.left(eq), spec.mid(eq + 1)});
    }
    return options;
}

} // namespace lockstep
