#pragma once

#include <QString>

namespace lockstep {

// Where a runbook element was written, for error messages and the linter.
struct SourceLocation
{
    QString file;
    int line = 0;    // 1-based; 0 = unknown
    int column = 0;  // 1-based
    QString toString() const
    {
        return line > 0 ? QStringLiteral("%1:%2:%3").arg(file, QString::number(line), QString::number(column)) : file;
    }
};

} // namespace lockstep
