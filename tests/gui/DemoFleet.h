#pragma once

#include "models/Instance.h"
#include "models/Release.h"

#include <QHash>
#include <QList>
#include <QRandomGenerator>

namespace lockstep::test {

// A deterministic fleet for GUI tests and benchmarks that do not need live peers: a few products across
// environments, mixed versions and channels, and release histories with breaking and security flags.
inline QList<Release> demoReleases()
{
    struct Spec { const char *product; const char *version; bool breaking; bool security; };
    static const Spec specs[] = {
        {"graph-api", "1.8.0", false, false},  {"graph-api", "1.9.0", false, false},
        {"graph-api", "1.9.1", false, true},   {"graph-api", "1.10.0", false, false},
        {"graph-api", "2.0.0", true, false},   {"webwaka-platform", "3.4.0", false, false},
        {"webwaka-platform", "3.4.1", false, true}, {"webwaka-platform", "3.5.0", false, false},
        {"realtime-server", "0.9.3", false, false}, {"realtime-server", "0.10.0", true, false},
        {"message-center", "5.1.0", false, false},  {"message-center", "5.1.2", false, true},
        {"message-center", "5.2.0", false, false},
    };
    QList<Release> releases;
    int day = 0;
    for (const Spec &s : specs) {
        Release r;
        r.product = QString::fromLatin1(s.product);
        r.version = QString::fromLatin1(s.version);
        r.breaking = s.breaking;
        r.security = s.security;
        r.notesUrl = QUrl(QStringLiteral("http://127.0.0.1/releases/%1/%2").arg(r.product, r.version));
        r.published = QDateTime(QDate(2026, 9, 1).addDays(day += 5), QTime(10, 0), Qt::UTC);
        releases << r;
    }
    return releases;
}

inline QList<Instance> demoInstances(int count = 24, quint32 seed = 42)
{
    struct Product { const char *id; const char *versions[3]; };
    static const Product products[] = {
        {"graph-api", {"1.8.0", "1.9.0", "1.10.0"}},
        {"webwaka-platform", {"3.4.0", "3.4.1", "3.5.0"}},
        {"realtime-server", {"0.9.3", "0.9.3", "0.10.0"}},
        {"message-center", {"5.1.0", "5.1.2", "5.2.0"}},
    };
    static const char *envs[] = {"prod", "prod", "staging", "dev"};
    static const char *regions[] = {"eu", "us", "ap"};
    QRandomGenerator rng(seed);
    QHash<QString, int> perBase;
    QList<Instance> out;
    for (int i = 0; i < count; ++i) {
        const Product &p = products[i % 4];
        Instance in;
        in.product = QString::fromLatin1(p.id);
        in.environment = QString::fromLatin1(envs[(i / 4) % 4]);
        const QString region = QString::fromLatin1(regions[(i / 16) % 3]);
        const QString base = in.product.section(QLatin1Char('-'), 0, 0) % QLatin1Char('-') % in.environment
                             % QLatin1Char('-') % region;
        in.name = base % QLatin1Char('-') % QString::number(++perBase[base]);
        in.tags = {region};
        if (i % 7 == 0)
            in.tags << QStringLiteral("canary");
        in.currentVersion = QString::fromLatin1(p.versions[rng.bounded(3)]);
        in.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/i/%1").arg(in.name));
        in.channel = i % 9 == 5 ? UpdateChannel::Frozen : (in.environment == QLatin1String("prod")
                                                                ? UpdateChannel::ManualApproval
                                                                : UpdateChannel::AutoUpdate);
        if (in.channel == UpdateChannel::Frozen)
            in.pinnedVersion = in.currentVersion;
        in.state = QStringLiteral("active");
        out << in;
    }
    return out;
}

} // namespace lockstep::test
