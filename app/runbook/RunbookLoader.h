#pragma once

#include "app/runbook/Diagnostic.h"
#include "models/Result.h"
#include "models/runbook/Runbook.h"

#include <QList>
#include <QString>

namespace lockstep {

// Loads and validates runbook files. Every problem comes back as a Diagnostic with file:line:column
// and key path; nothing a file contains can crash the loader or make it work without bound.
class RunbookLoader
{
public:
    static constexpr qint64 kMaxFileBytes = 1024 * 1024;

    struct Loaded
    {
        Runbook runbook;                  // complete only when ok()
        QList<Diagnostic> diagnostics;
        bool ok() const { return !hasErrors(diagnostics); }
    };

    static Loaded readFile(const QString &path);
    static Loaded readString(const QString &text, const QString &name);
    static Loaded readBytes(const QByteArray &bytes, const QString &name);

    // The same as a Result: the first error (and how many more there are) or the runbook.
    static Result<Runbook> loadFile(const QString &path);
    static Result<Runbook> loadString(const QString &text, const QString &name);
};

} // namespace lockstep
