#pragma once

#include "models/runbook/Runbook.h"

#include <QList>
#include <QString>

namespace lockstep {

// One problem found in a runbook: where (file:line:column), what, and under which key.
struct Diagnostic
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    SourceLocation location;
    QString message;
    QString keyPath;     // e.g. "steps[3].retries.count"; empty for the document as a whole

    // "file:line:col: error: message (key path)", the format compilers and editors understand.
    QString toString() const
    {
        QString text = location.toString() + QLatin1String(": ")
            + (severity == Severity::Error ? QLatin1String("error: ") : QLatin1String("warning: ")) + message;
        if (!keyPath.isEmpty())
            text += QLatin1String(" (") + keyPath + QLatin1Char(')');
        return text;
    }
};

inline bool hasErrors(const QList<Diagnostic> &diagnostics)
{
    for (const Diagnostic &d : diagnostics)
        if (d.severity == Diagnostic::Severity::Error)
            return true;
    return false;
}

} // namespace lockstep
