#pragma once

#include "models/Result.h"

#include <QSqlError>
#include <QSqlQuery>

namespace lockstep {

// The error a repository returns when a statement fails: what it tried, the driver's reason, and where.
inline Error sqlFailure(const QString &what, const QSqlQuery &query, const QString &where = {})
{
    return Error{QStringLiteral("%1: %2").arg(what, query.lastError().text().trimmed()), where,
                 QStringLiteral("check that the database is writable and not held by another program")};
}

// Text bound to a NOT NULL column: a null QString would be bound as SQL NULL, an empty one as ''.
inline QString sqlText(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace lockstep
