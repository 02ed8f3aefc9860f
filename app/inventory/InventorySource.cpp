#include "app/inventory/InventorySource.h"

#include <QFile>

namespace lockstep {

Result<QByteArray> InventorySource::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read the inventory: %1").arg(file.errorString()), path, {}};
    if (file.size() > kMaxFileSize)
        return Error{QStringLiteral("the inventory is larger than 16 MiB"), path, {}};
    return file.readAll();
}

} // namespace lockstep
