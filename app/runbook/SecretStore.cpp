#include "app/runbook/SecretStore.h"

#include <QFile>
#include <QFileInfo>

namespace lockstep {

QString SecretStore::environmentVariable(const QString &name)
{
    return QLatin1String("LOCKSTEP_SECRET_") + name.toUpper();
}

Result<QMap<QString, QString>> SecretStore::readFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error{QStringLiteral("secrets file does not exist"), path, {}};
    const QFileDevice::Permissions loose = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (info.permissions() & loose)
        return Error{QStringLiteral("secrets file can be read or written by other users"), path,
                     QStringLiteral("run: chmod 600 '%1'").arg(path)};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot open secrets file: %1").arg(file.errorString()), path, {}};
    if (file.size() > 1024 * 1024)
        return Error{QStringLiteral("secrets file is larger than 1 MiB"), path, {}};
    QMap<QString, QString> values;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        QString line = QString::fromUtf8(file.readLine());
        if (line.endsWith(QLatin1Char('\n')))
            line.chop(1);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.trimmed().isEmpty() || line.trimmed().startsWith(QLatin1Char('#')))
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            // The line itself may be a secret: never quote it back.
            return Error{QStringLiteral("line %1 is not 'name: value'").arg(lineNumber), path, {}};
        const QString name = line.left(colon).trimmed();
        QString value = line.mid(colon + 1);
        if (value.startsWith(QLatin1Char(' ')))
            value.remove(0, 1);
        values.insert(name, value);
    }
    return values;
}

Result<QMap<QString, QString>> SecretStore::resolve(const QStringList &names, const QString &secretsFile,
                                                    const QProcessEnvironment &environment)
{
    QMap<QString, QString> fromFile;
    if (!secretsFile.isEmpty()) {
        auto read = readFile(secretsFile);
        if (!read)
            return read.error();
        fromFile = read.value();
    }
    QMap<QString, QString> values;
    for (const QString &name : names) {
        const QString variable = environmentVariable(name);
        if (environment.contains(variable))
            values.insert(name, environment.value(variable));
        else if (fromFile.contains(name))
            values.insert(name, fromFile.value(name));
        else
            return Error{QStringLiteral("secret '%1' has no value").arg(name), {},
                         QStringLiteral("set %1 or add '%2: ...' to the secrets file").arg(variable, name)};
    }
    return values;
}

} // namespace lockstep
