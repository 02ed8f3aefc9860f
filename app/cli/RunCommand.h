#pragma once

#include <QCommandLineOption>
#include <QStringList>

namespace lockstep {

// `lockstep-cli run ...`: plans (same options as `plan`), checks the checklist, runs headless and prints
// one progress line per event. Approvals come from flags (--approve-waves, --signoff ITEM=operator:comment)
// or, when stdin is a terminal, from a prompt. `--resume RUN` continues a stored run after a pause or a
// crash (--resolve-interrupted ACTION --reason TEXT for interrupted steps; --abort; --emergency-rollback).
// Exit code: 0 succeeded, 1 failed / aborted / left waiting for an operator, 3 rolled back, 2 usage or refused.
class RunCommand
{
public:
    static int run(const QStringList &arguments);
    static QList<QCommandLineOption> options();
};

} // namespace lockstep
