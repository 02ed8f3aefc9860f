#include "app/fleetsim/SimInstance.h"

#include <QJsonArray>

namespace lockstep {

QJsonObject SimInstance::toJson() const
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("id"), name},
        {QStringLiteral("product"), product},
        {QStringLiteral("environment"), environment},
        {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
        {QStringLiteral("version"), version},
        {QStringLiteral("previousVersion"), previousVersion},
        {QStringLiteral("schemaVersion"), schemaVersion},
        {QStringLiteral("maintenanceMode"), maintenance},
        {QStringLiteral("updateChannel"), channel},
        {QStringLiteral("pinnedVersion"), pinned},
        {QStringLiteral("status"), status},
        {QStringLiteral("healthy"), !unhealthy && !restarting()},
        {QStringLiteral("fault"), SimFault::kindName(fault.kind)},
        {QStringLiteral("processStartTime"), traffic.processStart().toString(Qt::ISODateWithMs)},
    };
}

} // namespace lockstep
