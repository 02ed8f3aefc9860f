#pragma once

#include "models/Release.h"
#include "models/Result.h"

#include <QList>

namespace lockstep {

class Database;

// A product's known releases, as last read from its release source. Lists are ordered by semantic
// version precedence, newest first (SQL cannot order semver text).
class ReleaseRepository
{
public:
    explicit ReleaseRepository(Database &db) : m_db(db) {}

    // Replaces everything known about `product`'s releases in one transaction: either the whole new list is
    // stored or the old one stays. Every version must be a semantic version.
    Status replace(const QString &product, const QList<Release> &releases);
    Result<QList<Release>> list(const QString &product) const;
    // Releases with a higher precedence than `version` (all of them when `version` is empty).
    Result<QList<Release>> newerThan(const QString &product, const QString &version) const;

private:
    Database &m_db;
};

} // namespace lockstep
