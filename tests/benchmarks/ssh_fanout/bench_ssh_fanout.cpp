// Runs one command on every host alias of a list through SshTransport and prints the wall time.
// Driven by run.sh, which sets up the loopback sshd, the aliases and the competing tools.
//
//   bench_ssh_fanout --config CFG --known-hosts KH --hosts FILE --command CMD
//                    [--repeat N] [--no-reuse] [--max-handshakes N] [--max-commands N] [--handshake-retries N]

#include "app/ssh/SshTransport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <memory>

using namespace lockstep;

namespace {

struct Totals
{
    int ok = 0;
    int failed = 0;
    qint64 lines = 0;
    qint64 bytes = 0;
    QString firstError;
};

// Each host runs `repeat` commands one after the other; hosts run side by side.
class HostChain : public QObject
{
public:
    HostChain(const QString &alias, const QString &command, int repeat, SshTransport *transport, Totals *totals,
              std::function<void()> done)
        : m_alias(alias), m_command(command), m_remaining(repeat), m_transport(transport), m_totals(totals)
        , m_done(std::move(done))
    {
    }

    void next()
    {
        if (m_remaining-- == 0) {
            m_done();
            return;
        }
        CommandSpec spec;
        spec.target = m_alias;
        spec.command = m_command;
        CommandExecution *execution = m_transport->start(spec, this);
        connect(execution, &CommandExecution::outputLine, this, [this](OutputStream, const QString &line) {
            ++m_totals->lines;
            m_totals->bytes += line.size() + 1;
        });
        connect(execution, &CommandExecution::finished, this, [this, execution](const CommandOutcome &outcome) {
            if (outcome.succeeded()) {
                ++m_totals->ok;
            } else {
                ++m_totals->failed;
                if (m_totals->firstError.isEmpty())
                    m_totals->firstError = outcome.error;
            }
            execution->deleteLater();
            QMetaObject::invokeMethod(this, [this] { next(); }, Qt::QueuedConnection);
        });
    }

private:
    QString m_alias;
    QString m_command;
    int m_remaining;
    SshTransport *m_transport;
    Totals *m_totals;
    std::function<void()> m_done;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("ssh_config with the aliases"), QStringLiteral("file"));
    const QCommandLineOption knownHosts(QStringLiteral("known-hosts"), QStringLiteral("known_hosts"), QStringLiteral("file"));
    const QCommandLineOption hosts(QStringLiteral("hosts"), QStringLiteral("one alias per line"), QStringLiteral("file"));
    const QCommandLineOption command(QStringLiteral("command"), QStringLiteral("remote command"), QStringLiteral("cmd"));
    const QCommandLineOption repeat(QStringLiteral("repeat"), QStringLiteral("commands per host, in sequence"), QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption noReuse(QStringLiteral("no-reuse"), QStringLiteral("a new connection for every command"));
    const QCommandLineOption handshakes(QStringLiteral("max-handshakes"), QStringLiteral("handshakes in flight"), QStringLiteral("n"), QStringLiteral("8"));
    const QCommandLineOption commands(QStringLiteral("max-commands"), QStringLiteral("commands at once"), QStringLiteral("n"), QStringLiteral("32"));
    const QCommandLineOption retries(QStringLiteral("handshake-retries"),
                                     QStringLiteral("retries of a handshake the server closed (0: the old behaviour)"),
                                     QStringLiteral("n"), QString::number(SshOptions{}.handshakeRetries));
    parser.addOptions({config, knownHosts, hosts, command, repeat, noReuse, handshakes, commands, retries});
    parser.process(app);

    QFile hostFile(parser.value(hosts));
    if (!hostFile.open(QIODevice::ReadOnly)) {
        QTextStream(stderr) << "cannot read " << hostFile.fileName() << '\n';
        return 2;
    }
    QStringList aliases;
    for (const QByteArray &line : hostFile.readAll().split('\n'))
        if (!line.trimmed().isEmpty())
            aliases.append(QString::fromUtf8(line.trimmed()));

    SshOptions options;
    options.configFile = parser.value(config);
    options.knownHostsFile = parser.value(knownHosts);
    options.globalKnownHostsFile = QStringLiteral("/dev/null");
    options.maxHandshakes = parser.value(handshakes).toInt();
    options.maxCommands = parser.value(commands).toInt();
    options.handshakeRetries = parser.value(retries).toInt();
    options.outputHeadBytes = 4 * 1024 * 1024;    // the 1 MB command streams all its lines
    // Without reuse a connection closes as soon as its command ends, so the next one reconnects.
    if (parser.isSet(noReuse))
        options.idleTimeout = std::chrono::milliseconds(0);

    SshTransport shared(options);
    Totals totals;
    int running = int(aliases.size());
    QElapsedTimer timer;
    timer.start();
    std::vector<std::unique_ptr<HostChain>> chains;
    for (const QString &alias : std::as_const(aliases)) {
        chains.push_back(std::make_unique<HostChain>(alias, parser.value(command), parser.value(repeat).toInt(),
                                                     &shared, &totals, [&running] {
                                                         if (--running == 0)
                                                             QCoreApplication::quit();
                                                     }));
        chains.back()->next();
    }
    if (running > 0)
        app.exec();
    const qint64 elapsed = timer.elapsed();
    QTextStream(stdout) << "hosts=" << aliases.size() << " commands_ok=" << totals.ok << " failed=" << totals.failed
                        << " lines=" << totals.lines << " bytes=" << totals.bytes
                        << " connections=" << shared.connectionsOpened()
                        << " handshakes_retried=" << shared.handshakesRetried() << " wall_ms=" << elapsed << '\n';
    if (!totals.firstError.isEmpty())
        QTextStream(stderr) << "first error: " << totals.firstError << '\n';
    return totals.failed == 0 ? 0 : 1;
}
