#pragma once

#include "models/Product.h"
#include "models/Result.h"

#include <QList>

namespace lockstep {

class Database;

// Products in the store. Values in, values out; every failure names the product.
class ProductRepository
{
public:
    explicit ProductRepository(Database &db) : m_db(db) {}

    Result<QList<Product>> list() const;
    // An error if there is no product with that id.
    Result<Product> get(const QString &id) const;
    Result<bool> exists(const QString &id) const;
    Status add(const Product &product);
    Status update(const Product &product);
    // Adds the product or updates the one with the same id.
    Status save(const Product &product);
    // Refused by the store while instances or releases still refer to the product.
    Status remove(const QString &id);

private:
    Database &m_db;
};

} // namespace lockstep
