#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QTextStream>

namespace lockstep {

class RunExecutor;

// `lockstep-cli run`'s answer when a rollback reaches a step nothing can undo and an instance needs
// restore: --confirm-restored INSTANCE=HOW (restored by hand: the rollback goes on), --leave-unrestored
// INSTANCE=WHY (it stays "left on V — needs restore"), a person at the prompt, or no answer: then the run
// stops there and the question is printed (exit status 4), as for the other questions.
namespace RestoreAnswer {

QList<QCommandLineOption> options();

// Answers the question for `instance` (queued: the executor is inside the signal that asked). Returns the
// question to print when this invocation cannot answer it, or an empty string when it did.
QString answer(RunExecutor &run, const QCommandLineParser &parser, const QString &operatorName, const QString &instance,
               const QString &step, const QString &message, bool interactive, QTextStream &out);

} // namespace RestoreAnswer

} // namespace lockstep
