#include "app/fleetsim/DemoFleet.h"

#include "app/fleetsim/SimFleet.h"
#include "models/Clock.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTimeZone>

namespace lockstep {

namespace {

struct ProductPlan
{
    const char *id;
    const char *name;
    const char *shortName;       // instance name prefix
    const char *versions[6];     // previous, current, patch (security), minor, minor+1 (bad), major (breaking)
    int schemas[6];
};

// The releases are the same shape for every product so the demo shows each change class:
// a security patch, a good minor, a bad minor (rolls back) and a breaking major.
const ProductPlan kPlans[] = {
    {"webwaka-platform", "WebWaka Platform", "platform",
     {"1.4.1", "1.4.2", "1.4.3", "1.5.0", "1.5.1", "2.0.0"}, {7, 7, 7, 8, 8, 9}},
    {"graph-api", "Graph API", "graph",
     {"3.6.4", "3.7.0", "3.7.1", "3.8.0", "3.8.1", "4.0.0"}, {12, 12, 12, 13, 13, 14}},
    {"realtime-server", "Realtime Server", "realtime",
     {"2.10.3", "2.11.0", "2.11.1", "2.12.0", "2.12.1", "3.0.0"}, {4, 4, 4, 5, 5, 6}},
    {"message-center", "Message Center", "msgcenter",
     {"5.1.9", "5.2.0", "5.2.1", "5.3.0", "5.3.1", "6.0.0"}, {21, 21, 21, 22, 22, 23}},
    {"whispa", "Whispa", "whispa",
     {"1.8.2", "1.8.3", "1.8.4", "1.9.0", "1.9.1", "2.0.0"}, {3, 3, 3, 4, 4, 5}},
};

SimProduct productFrom(const ProductPlan &plan)
{
    SimProduct product;
    product.id = QLatin1String(plan.id);
    product.name = QLatin1String(plan.name);
    // Fixed publish dates keep the feed identical from run to run.
    const QDateTime first(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC);
    for (int i = 0; i < 6; ++i) {
        SimRelease r;
        r.version = QLatin1String(plan.versions[i]);
        r.notes = QStringLiteral("https://releases.example/%1/%2").arg(product.id, r.version);
        r.published = first.addDays(i * 21);
        r.schema = plan.schemas[i];
        r.security = i == 2;
        r.bad = i == 4;
        r.breaking = i == 5;
        product.releases.append(r);
    }
    return product;
}

// What each instance of a product reaches on its own: its database and its cluster. The tool stand-ins
// resolve these names to the instance (a database host or kube context of another instance reaches that
// instance), so a runbook that gave every instance one shared value would act on the wrong one.
QMap<QString, QString> demoVars(const QString &name, const QString &product)
{
    QString underscored = name;
    underscored.replace(QLatin1Char('-'), QLatin1Char('_'));
    if (product == QLatin1String("message-center"))
        return {{QStringLiteral("kube_context"), name}, {QStringLiteral("kube_namespace"), QStringLiteral("message-center")},
                {QStringLiteral("mongodb_db"), underscored}};
    if (product == QLatin1String("whispa"))
        return {{QStringLiteral("db_host"), name + QStringLiteral("-db.internal")}};
    return {};
}

} // namespace

std::optional<SimProduct> DemoFleet::demoProduct(const QString &id)
{
    for (const ProductPlan &plan : kPlans) {
        if (id == QLatin1String(plan.id))
            return productFrom(plan);
    }
    return std::nullopt;
}

QString DemoFleet::demoCurrentVersion(const QString &id)
{
    for (const ProductPlan &plan : kPlans) {
        if (id == QLatin1String(plan.id))
            return QLatin1String(plan.versions[1]);
    }
    return {};
}

void DemoFleet::addProducts(SimFleet &fleet)
{
    for (const ProductPlan &plan : kPlans)
        fleet.addProduct(productFrom(plan));
}

Status DemoFleet::populateDemo(SimFleet &fleet)
{
    addProducts(fleet);
    QRandomGenerator random(quint32(fleet.seed() ^ (fleet.seed() >> 32)));
    const char *regions[] = {"eu", "us"};
    for (const ProductPlan &plan : kPlans) {
        const SimProduct *product = fleet.product(QLatin1String(plan.id));
        for (int n = 0; n < 6; ++n) {
            const bool staging = n < 2;
            const int index = staging ? n + 1 : n - 1;
            SimInstance i;
            i.name = QStringLiteral("%1-%2-%3").arg(QLatin1String(plan.shortName),
                                                   staging ? QStringLiteral("staging") : QStringLiteral("prod"),
                                                   QString::number(index));
            i.product = product->id;
            i.environment = staging ? QStringLiteral("staging") : QStringLiteral("prod");
            i.tags = {QLatin1String(regions[n % 2])};
            if (!staging && index == 1)
                i.tags.append(QStringLiteral("canary"));
            i.channel = staging ? QStringLiteral("auto-update") : QStringLiteral("manual-approval");
            // Most instances run the current release; a seeded few lag one behind.
            const bool lagging = !staging && random.bounded(4) == 0;
            const SimRelease &release = product->releases.at(lagging ? 0 : 1);
            i.version = release.version;
            i.schemaVersion = release.schema;
            i.previousVersion = lagging ? QString() : product->releases.at(0).version;
            // Last night's backup ("nightly is the floor"): the procedures' pre-upgrade checklists look
            // for a completed one before anything runs.
            SimBackup nightly;
            nightly.id = QStringLiteral("bk-%1-nightly").arg(i.name);
            nightly.status = QStringLiteral("completed");
            nightly.created = QDateTime::currentDateTimeUtc().addSecs(-6 * 3600);
            nightly.version = i.version;
            nightly.schemaVersion = i.schemaVersion;
            i.backups.append(nightly);
            i.vars = demoVars(i.name, i.product);
            if (Status added = fleet.addInstance(i); !added)
                return added;
        }
    }
    // The policy cases the reference procedure names: frozen, frozen + pinned, and one sick instance.
    fleet.instance(QStringLiteral("graph-prod-4"))->channel = QStringLiteral("frozen");
    SimInstance *pinned = fleet.instance(QStringLiteral("whispa-prod-4"));
    pinned->channel = QStringLiteral("frozen");
    pinned->pinned = pinned->version;
    fleet.instance(QStringLiteral("realtime-prod-3"))->channel = QStringLiteral("auto-update");
    fleet.instance(QStringLiteral("msgcenter-prod-3"))->unhealthy = true;
    return okStatus();
}

Status DemoFleet::populateGeneric(SimFleet &fleet, int count)
{
    addProducts(fleet);
    const SimProduct *product = fleet.product(QStringLiteral("webwaka-platform"));
    const SimRelease &current = product->releases.at(1);
    for (int n = 1; n <= count; ++n) {
        SimInstance i;
        i.name = QStringLiteral("node-%1").arg(n, 4, 10, QLatin1Char('0'));
        i.product = product->id;
        i.environment = QStringLiteral("prod");
        i.tags = {n % 2 ? QStringLiteral("eu") : QStringLiteral("us")};
        i.version = current.version;
        i.schemaVersion = current.schema;
        i.previousVersion = product->releases.at(0).version;
        if (const Status added = fleet.addInstance(i); !added)
            return added;
    }
    return okStatus();
}

} // namespace lockstep
