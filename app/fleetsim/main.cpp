#include "app/fleetsim/DemoFleet.h"
#include "app/fleetsim/FleetFile.h"
#include "app/fleetsim/SimFleet.h"
#include "app/fleetsim/SimHttpApi.h"
#include "app/fleetsim/SimOptions.h"

#include <QCoreApplication>
#include <QSaveFile>

#include <cstdio>

using namespace lockstep;

namespace {

int fail(const Error &error)
{
    std::fprintf(stderr, "lockstep-fleetsim: %s\n", qPrintable(error.toString()));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lockstep-fleetsim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOCKSTEP_VERSION));

    const Result<SimOptions> options = SimOptions::parse(QCoreApplication::arguments());
    if (!options)
        return fail(options.error());

    SimFleet fleet(options->seed);
    fleet.setTiming({options->upgradeMs, options->backupMs});
    const Status populated = !options->fleetFile.isEmpty() ? FleetFile::load(options->fleetFile, fleet)
        : options->demo                                    ? DemoFleet::populateDemo(fleet)
                                                           : DemoFleet::populateGeneric(fleet, options->instances);
    if (!populated)
        return fail(populated.error());
    for (const SimOptions::Injection &injection : options->injections) {
        if (const Status injected = fleet.setFault(injection.instance, injection.fault); !injected)
            return fail(injected.error());
    }

    for (const SimOptions::SshTarget &ssh : options->sshTargets) {
        SimInstance *instance = fleet.instance(ssh.instance);
        if (!instance)
            return fail(Error{QStringLiteral("--ssh names no instance \"%1\"").arg(ssh.instance), QStringLiteral("--ssh"),
                              QStringLiteral("give one of the fleet's instance names")});
        instance->ssh = ssh.target;
    }

    SimHttpApi api(&fleet);
    const Result<quint16> port = api.listen(options->port);
    if (!port)
        return fail(port.error());

    if (!options->portFile.isEmpty()) {
        // Written atomically, so a reader polling for the file never sees half a number.
        QSaveFile file(options->portFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(*port) + '\n') < 0 || !file.commit())
            return fail(Error{QStringLiteral("cannot write the port file: %1").arg(file.errorString()),
                              options->portFile, {}});
    }
    std::printf("lockstep-fleetsim: %lld instances on http://127.0.0.1:%u (inventory: /inventory.yaml)\n",
                static_cast<long long>(fleet.instanceNames().size()), unsigned(*port));
    std::fflush(stdout);
    return app.exec();
}
