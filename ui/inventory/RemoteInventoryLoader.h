#pragma once

#include "models/Instance.h"
#include "models/Product.h"
#include "models/Result.h"

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace lockstep {

// Fetches a lockstep-fleetsim's GET <base>/inventory.yaml without blocking the GUI thread and hands back
// its instances and products (each product's release feed at <base>/feeds/<id>/releases.json, where
// the simulator serves it). Used by `lockstep --demo URL`.
class RemoteInventoryLoader : public QObject
{
    Q_OBJECT
public:
    explicit RemoteInventoryLoader(QObject *parent = nullptr);

    void load(const QUrl &base);

    struct Inventory
    {
        QList<Instance> instances;
        QList<Product> products;
    };
    static Result<Inventory> parse(const QByteArray &yaml, const QUrl &base);

signals:
    void loaded(const lockstep::RemoteInventoryLoader::Inventory &inventory);
    void failed(const lockstep::Error &error);

private:
    QNetworkAccessManager *m_network;
};

} // namespace lockstep
