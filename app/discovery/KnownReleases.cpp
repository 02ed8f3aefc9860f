#include "app/discovery/KnownReleases.h"

#include "app/discovery/ReleaseFeedClient.h"
#include "app/inventory/YamlInventoryReader.h"
#include "models/store/ReleaseRepository.h"

#include <QEventLoop>

namespace lockstep {

namespace {

// One feed read, waited for on a local event loop (the CLI has nothing else to do meanwhile).
std::optional<QList<Release>> readFeed(const Product &product)
{
    ReleaseFeedClient client;
    std::optional<QList<Release>> out;
    QEventLoop loop;
    QObject::connect(&client, &ReleaseFeedClient::releasesFetched, &loop,
                     [&out, &loop](const QString &, const QList<Release> &releases, const QList<Error> &) {
                         out = releases;
                         loop.quit();
                     });
    QObject::connect(&client, &ReleaseFeedClient::fetchFailed, &loop, [&loop] { loop.quit(); });
    client.fetch(product.id, product.releaseSource);
    loop.exec();
    return out;
}

} // namespace

QList<Release> KnownReleases::of(const QString &product, const QString &inventoryFile, Database &db)
{
    if (product.isEmpty())
        return {};
    if (auto inventory = YamlInventoryReader::read(inventoryFile)) {
        for (const Product &p : std::as_const(inventory->products))
            if (p.id == product && p.releaseSourceKind == QLatin1String("feed") && p.releaseSource.isValid())
                if (auto releases = readFeed(p); releases && !releases->isEmpty())
                    return *releases;
    }
    // The feed is unreachable or not named: what the console last read from it.
    auto stored = ReleaseRepository(db).list(product);
    return stored ? *stored : QList<Release>();
}

} // namespace lockstep
