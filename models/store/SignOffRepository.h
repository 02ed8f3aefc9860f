#pragma once

#include "models/Result.h"
#include "models/run/SignOff.h"

#include <QList>

namespace lockstep {

class Database;

// Sign-offs, stored durably (SQLite synchronous=FULL) before the engine acts on them.
class SignOffRepository
{
public:
    explicit SignOffRepository(Database &db);

    // Refused when the operator already signed this item of this run.
    Result<SignOff> add(const SignOff &signOff);
    Result<QList<SignOff>> forRun(qint64 runId) const;

private:
    Database &m_db;
};

} // namespace lockstep
