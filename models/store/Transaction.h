#pragma once

#include "models/Result.h"
#include "models/store/Database.h"

namespace lockstep {

// Scope guard for Database transactions: rolls back unless commit() succeeded, so an early
// `return error;` never leaves half a change behind. Nests (inner scopes become savepoints).
class Transaction
{
public:
    explicit Transaction(Database &db) : m_db(db) {}
    ~Transaction()
    {
        if (m_active)
            m_db.rollbackTransaction();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Status begin()
    {
        Status s = m_db.beginTransaction();
        m_active = s.ok();
        return s;
    }

    Status commit()
    {
        m_active = false;
        return m_db.commitTransaction();
    }

private:
    Database &m_db;
    bool m_active = false;
};

} // namespace lockstep
