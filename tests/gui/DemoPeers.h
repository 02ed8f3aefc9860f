#pragma once

#include "tests/support/FreePort.h"
#include "tests/support/PeerProcess.h"
#include "tests/support/TestPaths.h"

#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTest>

namespace lockstep::test {

// The demo's own peers as packaging/run-demo.sh starts them (packaging/demo-peers.sh), for the GUI tests
// and the scripted click-through that set the demo up the same way.
struct DemoPeers
{
    static QString script() { return sourceDir() + QStringLiteral("/packaging/demo-peers.sh"); }

    // The instances whose runbooks have ssh steps: graph-api's and the platform's (as in run-demo.sh).
    static QStringList sshHosts()
    {
        QStringList hosts;
        for (const char *product : {"graph", "platform"})
            for (const char *h : {"staging-1", "staging-2", "prod-1", "prod-2", "prod-3", "prod-4"})
                hosts << QStringLiteral("%1-%2").arg(QLatin1String(product), QLatin1String(h));
        return hosts;
    }

    static QString readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
    }

    // Starts `demo-peers.sh ARGS`; it writes `readyFile` before it runs the daemon, which then listens on
    // the port read from it. Returns what failed, or nothing.
    static QString start(PeerProcess &peer, const QStringList &args, const QString &readyFile, bool portInFirstLine)
    {
        if (!peer.start(QStringLiteral("bash"), QStringList{script()} + args, 0))
            return QStringLiteral("cannot start %1").arg(script());
        const bool ready = QTest::qWaitFor([&] { return !readFile(readyFile).isEmpty(); }, 15000);
        const QString text = readFile(readyFile);
        if (!ready || text.isEmpty())
            return QStringLiteral("%1 %2 wrote no %3: %4").arg(script(), args.value(0), readyFile, peer.output());
        const QString first = text.section(QLatin1Char('\n'), 0, 0);
        const quint16 port = quint16((portInFirstLine ? first.section(QLatin1Char(' '), 1, 1) : first.section(QLatin1Char(':'), -1)).toUInt());
        if (!waitForPort(port, 20000))
            return QStringLiteral("%1 %2 does not listen on %3: %4").arg(script(), args.value(0), QString::number(port), peer.output());
        return {};
    }

    // The console's settings file from "group/key=value" lines, as run-demo.sh writes it.
    static bool writeSettings(const QString &ini, const QStringList &lines)
    {
        QProcess writer;
        writer.start(QStringLiteral("bash"), {script(), QStringLiteral("settings"), ini});
        if (!writer.waitForStarted())
            return false;
        writer.write((lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
        writer.closeWriteChannel();
        return writer.waitForFinished(10000) && writer.exitCode() == 0;
    }
};

} // namespace lockstep::test
