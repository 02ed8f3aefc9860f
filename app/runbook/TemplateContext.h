#pragma once

#include "models/Instance.h"
#include "models/SemVer.h"

#include <QMap>
#include <QString>

namespace lockstep {

// Everything a runbook template can refer to, for one instance in one run.
struct TemplateContext
{
    Instance instance;
    QString version;                    // target version; must be valid SemVer
    QString previousVersion;            // version before the upgrade (empty = unknown); SemVer when set
    ChangeClass change = ChangeClass::None;
    QMap<QString, QString> params;      // every declared parameter, defaults applied (Templater::resolveParams)
    QStringList secretParams;           // names of params whose values are redacted like secrets
    QMap<QString, QString> secrets;     // name -> value (SecretStore::resolve)
};

} // namespace lockstep
