#include "tests/e2e/FastRunbook.h"

#include "tests/support/TestPaths.h"

#include <QFile>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

#include <string>

namespace lockstep::test {

namespace {

void shortenSteps(YAML::Node steps)
{
    if (!steps || !steps.IsSequence())
        return;
    for (YAML::Node step : steps) {
        if (step["poll_interval"] || step["until"])
            step["poll_interval"] = "200ms";
        if (step["retries"] && step["retries"]["backoff"])
            step["retries"]["backoff"] = "100ms";
        if (step["within"]) {
            // Durations in the bundled files are single-unit (30s, 2m, 10m).
            const std::string w = step["within"].as<std::string>();
            if (w.back() != 's' || w.size() < 2 || std::stoi(w.substr(0, w.size() - 1)) > 10)
                step["within"] = "10s";
        }
    }
}

} // namespace

QString FastRunbook::bundledPath(const QString &name)
{
    return sourceDir() + QStringLiteral("/resources/runbooks/") + name + QStringLiteral(".yaml");
}

QString FastRunbook::write(const QString &name, const QString &dir, QString *error)
{
    return writeFile(bundledPath(name), dir, error);
}

QString FastRunbook::writeFile(const QString &source, const QString &dir, QString *error)
{
    YAML::Node root;
    try {
        root = YAML::LoadFile(source.toStdString());
        if (YAML::Node gates = root["gates"]) {
            for (YAML::Node gate : gates) {
                gate["interval"] = "500ms";
                const int count = std::min(4, gate["count"].as<int>(4));
                gate["count"] = count;
                if (gate["failure_limit"])
                    gate["failure_limit"] = std::min(count, gate["failure_limit"].as<int>());
                gate.remove("initial_delay");
            }
        }
        if (YAML::Node bw = root["strategy"]["between_waves"])
            bw["observe"] = "1s";
        // A post-rollout watch of hours: three seconds, enough for a round of each shortened gate.
        if (YAML::Node watch = root["watch"])
            watch["for"] = "3s";
        shortenSteps(root["steps"]);
        shortenSteps(root["rollback_steps"]);
        shortenSteps(root["before"]);
        shortenSteps(root["after"]);
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("%1: %2").arg(source, QString::fromStdString(e.what()));
        return {};
    }
    YAML::Emitter out;
    out << root;
    const QString path = dir + QStringLiteral("/") + QFileInfo(source).fileName();
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(out.c_str()) < 0) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return {};
    }
    return path;
}

} // namespace lockstep::test
