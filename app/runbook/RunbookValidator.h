#pragma once

#include "app/runbook/Diagnostic.h"
#include "models/runbook/Runbook.h"

#include <QHash>
#include <QList>

namespace lockstep {

// Checks what holds a runbook together once its shape is right: step ids unique, every undo / probe /
// rollback / gate reference resolves, undo and probe references have no cycles, every template names a
// variable that exists and was declared, and no template value sits inside shell quotes.
class RunbookValidator
{
public:
    // `locations` maps key paths to where they were written (RunbookReader::locations()).
    static QList<Diagnostic> validate(const Runbook &runbook, const QHash<QString, SourceLocation> &locations);

    // Empty when `name` ("instance.url", "params.tag", ...) may be used in this runbook's templates,
    // otherwise why not.
    static QString checkVariable(const QString &name, const Runbook &runbook);

    // The variables every template may use besides params.* and secrets.*.
    static const QStringList &builtinVariables();
};

} // namespace lockstep
