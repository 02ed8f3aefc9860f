#include "models/store/ProductRepository.h"

#include "models/store/Database.h"
#include "models/store/SqlSupport.h"

namespace lockstep {

namespace {

Product productFrom(const QSqlQuery &q)
{
    Product p;
    p.id = q.value(0).toString();
    p.displayName = q.value(1).toString();
    p.releaseSourceKind = q.value(2).toString();
    p.releaseSource = QUrl(q.value(3).toString());
    return p;
}

const QLatin1String kColumns("id, display_name, release_source_kind, release_source");

} // namespace

Result<QList<Product>> ProductRepository::list() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM products ORDER BY id")))
        return sqlFailure(QStringLiteral("cannot list products"), q);
    QList<Product> out;
    while (q.next())
        out << productFrom(q);
    return out;
}

Result<Product> ProductRepository::get(const QString &id) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM products WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot read product \"%1\"").arg(id), q);
    if (!q.next())
        return Error{QStringLiteral("no product \"%1\"").arg(id), {},
                     QStringLiteral("import an inventory that declares it")};
    return productFrom(q);
}

Result<bool> ProductRepository::exists(const QString &id) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM products WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return sqlFailure(QStringLiteral("cannot read product \"%1\"").arg(id), q);
    return q.value(0).toInt() > 0;
}

Status ProductRepository::add(const Product &product)
{
    if (product.id.isEmpty())
        return Error{QStringLiteral("a product needs an id"), {}, {}};
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO products (") + kColumns + QStringLiteral(") VALUES (?, ?, ?, ?)"));
    q.addBindValue(product.id);
    q.addBindValue(sqlText(product.displayName));
    q.addBindValue(sqlText(product.releaseSourceKind));
    q.addBindValue(sqlText(product.releaseSource.toString()));
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot add product \"%1\"").arg(product.id), q);
    return okStatus();
}

Status ProductRepository::update(const Product &product)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE products SET display_name = ?, release_source_kind = ?, release_source = ? "
                             "WHERE id = ?"));
    q.addBindValue(sqlText(product.displayName));
    q.addBindValue(sqlText(product.releaseSourceKind));
    q.addBindValue(sqlText(product.releaseSource.toString()));
    q.addBindValue(product.id);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot update product \"%1\"").arg(product.id), q);
    if (q.numRowsAffected() == 0)
        return Error{QStringLiteral("no product \"%1\" to update").arg(product.id), {}, {}};
    return okStatus();
}

Status ProductRepository::save(const Product &product)
{
    const auto found = exists(product.id);
    if (!found)
        return found.error();
    return *found ? update(product) : add(product);
}

Status ProductRepository::remove(const QString &id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM products WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return sqlFailure(QStringLiteral("cannot remove product \"%1\"").arg(id), q);
    if (q.numRowsAffected() == 0)
        return Error{QStringLiteral("no product \"%1\" to remove").arg(id), {}, {}};
    return okStatus();
}

} // namespace lockstep
