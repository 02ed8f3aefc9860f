#pragma once

#include "models/Result.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

namespace lockstep::storesql {

// Times are stored as ISO-8601 UTC text with milliseconds.
inline QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

inline QDateTime fromIso(const QString &text)
{
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
}

// A null QString binds as SQL NULL; the engine's text columns are NOT NULL with '' for "none".
inline QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

inline Error queryError(const QSqlQuery &q, const QString &what)
{
    return Error{QStringLiteral("cannot %1: %2").arg(what, q.lastError().text().trimmed()), QStringLiteral("store"),
                 QStringLiteral("check that the database is writable and not full")};
}

} // namespace lockstep::storesql
