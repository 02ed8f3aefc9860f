#include "app/session/ConsoleSettings.h"

#include "app/core/Settings.h"
#include "app/engine/TimeScale.h"

#include <QStandardPaths>

#include <algorithm>

namespace lockstep::ConsoleSettings {

EngineRuntime::Options engineOptions()
{
    EngineRuntime::Options options;
    options.ssh.configFile = Settings::instance().get(settings::sshConfigFile);
    options.ssh.knownHostsFile = Settings::instance().get(settings::sshKnownHostsFile);
    options.prometheusUrl = QUrl(Settings::instance().get(settings::prometheusUrl));
    if (const int scale = timeScale(); scale > 1) {
        // The demo's shortened gates measure every second or two: scrape as often. Their windows stay
        // at least 10 s, so a handful of requests (one 500 in 80) does not decide a gate.
        options.scrapeInterval = std::max<std::chrono::milliseconds>(std::chrono::milliseconds(250), options.scrapeInterval / scale);
        options.gateMinimumWindow = std::max({std::chrono::milliseconds(10000), 6 * options.scrapeInterval,
                                              options.gateMinimumWindow / scale});
    }
    options.allowedSigners = Settings::instance().get(settings::allowedSignersFile);
    if (options.allowedSigners.isEmpty())
        options.allowedSigners = qEnvironmentVariable("LOCKSTEP_ALLOWED_SIGNERS");
    return options;
}

QString userFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/Lockstep/lockstep.conf");
}

int timeScale()
{
    bool ok = false;
    const int fromEnvironment = qEnvironmentVariableIntValue("LOCKSTEP_TIME_SCALE", &ok);
    const int scale = ok ? fromEnvironment : Settings::instance().get(settings::demoTimeScale);
    return std::clamp(scale, 1, TimeScale::kMaximum);
}

} // namespace lockstep::ConsoleSettings
