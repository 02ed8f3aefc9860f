// lockstep-clustersim: a small replicated key-value cluster for the end-to-end test of a clustered
// rolling upgrade (tests/e2e/tst_e2e_clustered.cpp). Not part of Lockstep; README.md beside it.

#include "tests/e2e/peers/clustersim/ClusterHttp.h"
#include "tests/e2e/peers/clustersim/ClusterState.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSaveFile>

#include <cstdio>

using namespace lockstep::test::clustersim;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (0: any free one)."), QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("port-file"), QStringLiteral("Write the bound port to FILE once listening."), QStringLiteral("FILE")},
        {QStringLiteral("version"), QStringLiteral("The release every node runs at start."), QStringLiteral("V"), QStringLiteral("3.4.0")},
        {QStringLiteral("node"), QStringLiteral("A node: NAME:ZONE:ROLE (ROLE master or data); repeat."), QStringLiteral("SPEC")},
        {QStringLiteral("recovery-ms"), QStringLiteral("How long a started node takes to catch up and rejoin."), QStringLiteral("MS"),
         QStringLiteral("300")},
        {QStringLiteral("release"), QStringLiteral("A release and its latency factor: VERSION=FACTOR (2: doubles latency)."),
         QStringLiteral("SPEC")},
    });
    parser.process(app);

    ClusterState state(parser.value(QStringLiteral("version")), parser.value(QStringLiteral("recovery-ms")).toLongLong());
    for (const QString &spec : parser.values(QStringLiteral("node"))) {
        const QStringList parts = spec.split(QLatin1Char(':'));
        if (parts.size() != 3 || parts.at(0).isEmpty()) {
            std::fprintf(stderr, "lockstep-clustersim: --node %s is not NAME:ZONE:ROLE\n", qPrintable(spec));
            return 2;
        }
        state.addNode(parts.at(0), parts.at(1), parts.at(2));
    }
    for (const QString &spec : parser.values(QStringLiteral("release"))) {
        const QStringList parts = spec.split(QLatin1Char('='));
        bool ok = false;
        const double factor = parts.value(1).toDouble(&ok);
        if (parts.size() != 2 || !ok || factor <= 0) {
            std::fprintf(stderr, "lockstep-clustersim: --release %s is not VERSION=FACTOR\n", qPrintable(spec));
            return 2;
        }
        state.setLatencyFactor(parts.at(0), factor);
    }

    ClusterHttp http(&state);
    const quint16 port = http.listen(quint16(parser.value(QStringLiteral("port")).toUInt()));
    if (port == 0) {
        std::fprintf(stderr, "lockstep-clustersim: cannot listen on 127.0.0.1:%s\n", qPrintable(parser.value(QStringLiteral("port"))));
        return 2;
    }
    if (parser.isSet(QStringLiteral("port-file"))) {
        // Written atomically, so a reader polling for the file never sees half a number.
        QSaveFile file(parser.value(QStringLiteral("port-file")));
        if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(port) + '\n') < 0 || !file.commit()) {
            std::fprintf(stderr, "lockstep-clustersim: cannot write the port file\n");
            return 2;
        }
    }
    std::printf("lockstep-clustersim: listening on http://127.0.0.1:%u\n", unsigned(port));
    std::fflush(stdout);
    return app.exec();
}
