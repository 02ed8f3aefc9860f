#include "models/store/ReleaseRepository.h"

#include "models/SemVer.h"
#include "models/store/Database.h"
#include "models/store/SqlSupport.h"
#include "models/store/Transaction.h"

#include <algorithm>

namespace lockstep {

namespace {

void sortNewestFirst(QList<Release> &releases)
{
    std::stable_sort(releases.begin(), releases.end(), [](const Release &a, const Release &b) {
        return SemVer::parse(a.version).value() > SemVer::parse(b.version).value();
    });
}

} // namespace

Status ReleaseRepository::replace(const QString &product, const QList<Release> &releases)
{
    for (const Release &r : releases) {
        if (const auto v = SemVer::parse(r.version); !v)
            return Error{QStringLiteral("release of %1: %2").arg(product, v.error().message), product,
                         v.error().hint};
    }
    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM releases WHERE product = ?"));
    q.addBindValue(product);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot replace the releases of \"%1\"").arg(product), q);
    q.prepare(QStringLiteral("INSERT INTO releases (product, version, notes_url, breaking, security, published) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    for (const Release &r : releases) {
        q.addBindValue(product);
        q.addBindValue(r.version);
        q.addBindValue(sqlText(r.notesUrl.toString()));
        q.addBindValue(r.breaking ? 1 : 0);
        q.addBindValue(r.security ? 1 : 0);
        q.addBindValue(r.published.isValid() ? r.published.toUTC().toString(Qt::ISODateWithMs) : QStringLiteral(""));
        if (!q.exec())
            return sqlFailure(QStringLiteral("cannot store release %1 of \"%2\"").arg(r.version, product), q);
    }
    return tx.commit();
}

Result<QList<Release>> ReleaseRepository::list(const QString &product) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT version, notes_url, breaking, security, published FROM releases "
                             "WHERE product = ?"));
    q.addBindValue(product);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot list the releases of \"%1\"").arg(product), q);
    QList<Release> out;
    while (q.next()) {
        Release r;
        r.product = product;
        r.version = q.value(0).toString();
        // Rows are validated on the way in; a row edited by hand to a non-version is left out, not trusted.
        if (!SemVer::isValid(r.version))
            continue;
        r.notesUrl = QUrl(q.value(1).toString());
        r.breaking = q.value(2).toInt() != 0;
        r.security = q.value(3).toInt() != 0;
        const QString published = q.value(4).toString();
        if (!published.isEmpty())
            r.published = QDateTime::fromString(published, Qt::ISODateWithMs);
        out << r;
    }
    sortNewestFirst(out);
    return out;
}

Result<QList<Release>> ReleaseRepository::newerThan(const QString &product, const QString &version) const
{
    auto all = list(product);
    if (!all || version.isEmpty())
        return all;
    const auto current = SemVer::parse(version);
    if (!current)
        return Error{current.error().message, product, current.error().hint};
    QList<Release> out;
    for (const Release &r : std::as_const(*all)) {
        if (SemVer::parse(r.version).value() > current.value())
            out << r;
    }
    return out;
}

} // namespace lockstep
