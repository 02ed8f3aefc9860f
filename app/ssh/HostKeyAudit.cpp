#include "app/ssh/HostKeyAudit.h"

#include "models/AuditActions.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace lockstep {

AuditEvent HostKeyAudit::trusted(const HostKeyInfo &key, const QString &operatorName, const QString &instance)
{
    AuditEvent event;
    event.operatorName = operatorName;
    event.action = AuditActions::hostKeyTrusted();
    event.instance = instance.isEmpty() ? key.target : instance;
    event.result = QStringLiteral("trusted");
    event.reason = QStringLiteral("%1 %2 %3 added to %4").arg(key.knownHostsName(), key.keyType, key.fingerprint,
                                                             key.knownHostsFile);
    const QJsonObject evidence{{QStringLiteral("target"), key.target},
                               {QStringLiteral("host"), key.knownHostsName()},
                               {QStringLiteral("key_type"), key.keyType},
                               {QStringLiteral("fingerprint"), key.fingerprint},
                               {QStringLiteral("known_hosts"), key.knownHostsFile}};
    event.evidence = QString::fromUtf8(QJsonDocument(evidence).toJson(QJsonDocument::Compact));
    return event;
}

} // namespace lockstep
