#include "app/runbook/CommandCheck.h"

#include <QRegularExpression>

namespace lockstep {

QString CommandCheck::check(const CommandExpectation &expect, const CommandOutcome &outcome, const QString &stdoutText)
{
    if (outcome.kind != CommandOutcome::Kind::Exited)
        return outcome.error.isEmpty() ? QStringLiteral("the command did not run to the end") : outcome.error;
    const QList<int> allowed = expect.exitCodes.isEmpty() ? QList<int>{0} : expect.exitCodes;
    if (!allowed.contains(outcome.exitCode)) {
        QStringList codes;
        for (int c : allowed)
            codes.append(QString::number(c));
        return QStringLiteral("expected exit code %1, got %2").arg(codes.join(QLatin1String(" or ")), QString::number(outcome.exitCode));
    }
    if (!expect.outputRegex.isEmpty()) {
        // Errors quote the runbook's template, never the rendered regex: a secret in it is rendered.
        const QString &shown = expect.outputRegexSource.isEmpty() ? expect.outputRegex : expect.outputRegexSource;
        const QRegularExpression re(expect.outputRegex, QRegularExpression::MultilineOption);
        if (!re.isValid())
            return QStringLiteral("invalid output regex /%1/: %2").arg(shown, re.errorString());
        if (!re.match(stdoutText).hasMatch())
            return QStringLiteral("expected the output to match /%1/, it does not").arg(shown);
    }
    return {};
}

} // namespace lockstep
