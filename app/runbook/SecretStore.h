#pragma once

#include "models/Result.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace lockstep {

// Where secret values come from: never the runbook and never the store. A secret NAME is read from the
// environment variable LOCKSTEP_SECRET_<NAME> (upper case) or from a secrets file of "name: value"
// lines that only its owner can read (mode 0600 or stricter).
class SecretStore
{
public:
    static QString environmentVariable(const QString &name);

    // Values for `names`; the environment wins over the file. Every name must resolve.
    static Result<QMap<QString, QString>> resolve(const QStringList &names, const QString &secretsFile = {},
                                                  const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    // Reads a secrets file, refusing one that group or others may read or write.
    static Result<QMap<QString, QString>> readFile(const QString &path);
};

} // namespace lockstep
