#pragma once

#include "models/Result.h"
#include "models/run/SignOff.h"

#include <QList>

#include <functional>

namespace lockstep {

class Database;

// Sign-offs, stored durably (SQLite synchronous=FULL) before the engine acts on them.
class SignOffRepository
{
public:
    explicit SignOffRepository(Database &db);

    // Refused when the operator already signed this item of this run.
    Result<SignOff> add(const SignOff &signOff);
    // The same, and in the same transaction `alsoRecord` (its audit record): when that fails the sign-off
    // is not stored either. A sign-off counts only once it is audited.
    Result<SignOff> add(const SignOff &signOff, const std::function<Status(const SignOff &stored)> &alsoRecord);
    Result<QList<SignOff>> forRun(qint64 runId) const;

private:
    Database &m_db;
};

} // namespace lockstep
