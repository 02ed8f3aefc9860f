#pragma once

#include "models/Release.h"

#include <QList>
#include <QString>

namespace lockstep {

class Database;

// The releases of a product the console knows, for the channel policy of a headless plan: the product's
// release feed as the inventory names it, read now; else what the store last read from it; empty when
// neither knows any (the policy then decides from the versions alone).
class KnownReleases
{
public:
    static QList<Release> of(const QString &product, const QString &inventoryFile, Database &db);
};

} // namespace lockstep
