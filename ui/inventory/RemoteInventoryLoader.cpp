#include "ui/inventory/RemoteInventoryLoader.h"

#include "app/inventory/InventoryFile.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace lockstep {

RemoteInventoryLoader::RemoteInventoryLoader(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

namespace {

// "http://host:port" and "http://host:port/x" both become a directory URL relative paths resolve against.
QUrl directoryOf(QUrl url)
{
    if (!url.path().endsWith(QLatin1Char('/')))
        url.setPath(url.path() + QLatin1Char('/'));
    return url;
}

} // namespace

Result<RemoteInventoryLoader::Inventory> RemoteInventoryLoader::parse(const QByteArray &yaml, const QUrl &base)
{
    const QUrl root = directoryOf(base);
    const QUrl url = root.resolved(QUrl(QStringLiteral("inventory.yaml")));
    auto instances = InventoryFile::parse(yaml, url.toString());
    if (!instances)
        return instances.error();
    Inventory inventory;
    inventory.instances = *instances;
    // The inventory format has no state; a newly imported instance is active, as the store's default says.
    for (Instance &in : inventory.instances) {
        if (in.state.isEmpty())
            in.state = QStringLiteral("active");
    }
    for (const Instance &in : std::as_const(inventory.instances)) {
        const bool known = std::any_of(inventory.products.cbegin(), inventory.products.cend(),
                                       [&](const Product &p) { return p.id == in.product; });
        if (known)
            continue;
        const QUrl feed = root.resolved(QUrl(QStringLiteral("feeds/%1/releases.json").arg(in.product)));
        inventory.products.append(Product{in.product, in.product, QStringLiteral("feed"), feed});
    }
    return inventory;
}

void RemoteInventoryLoader::load(const QUrl &base)
{
    const QUrl root = directoryOf(base);
    QNetworkRequest request(root.resolved(QUrl(QStringLiteral("inventory.yaml"))));
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, root] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            emit failed(Error{QStringLiteral("cannot fetch the demo inventory: %1").arg(reply->errorString()),
                              reply->url().toString(), QStringLiteral("is lockstep-fleetsim running on that port?")});
            return;
        }
        auto inventory = parse(reply->readAll(), root);
        if (!inventory) {
            emit failed(inventory.error());
            return;
        }
        emit loaded(*inventory);
    });
}

} // namespace lockstep
