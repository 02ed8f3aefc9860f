#pragma once

#include "app/engine/ChecklistItemStatus.h"
#include "app/identity/SignOffMessage.h"
#include "models/Result.h"
#include "models/run/SignOff.h"

#include <QList>
#include <QString>

namespace lockstep {

class EngineRuntime;

// Four-eyes across consoles: a checklist item of a run that another console drives, signed from here.
// The run's plan and sign-offs are read from the store and the sign-off goes through the same Checklist
// the driving console uses, so the same rules hold (a second operator, stored and audited first); the
// driving console sees it through the store's notification.
class StoredRunSignOff
{
public:
    // The run's checklist items as the store has them; refused for a run that already ended.
    static Result<QList<ChecklistItemStatus>> items(EngineRuntime &runtime, qint64 runId);
    // `item` "approve-wave-N": an approval of wave N of a run that waits for it (WaveApproval's rule); the
    // driving console starts the wave once the rule is met (RunExecutor::continueIfApproved).
    static Result<SignOff> sign(EngineRuntime &runtime, qint64 runId, const QString &item,
                                const QString &operatorName, const QString &comment);
    static Result<SignOff> approveWave(EngineRuntime &runtime, qint64 runId, int next, const QString &operatorName,
                                       const QString &comment);
    // What a second operator signs for `item` (the file `lockstep-cli signoff --request` writes); for
    // "approve-wave-N" the approval of a run waiting for it, showing why it waits.
    static Result<SignOffMessage> request(EngineRuntime &runtime, qint64 runId, const QString &item);
    // A sign-off (or wave approval) signed with an SSH key, verified against the runtime's allowed_signers
    // and stored under the item's rule (SignOffRule); the driving console starts an approved wave once
    // the rule is met.
    static Result<SignOff> import(EngineRuntime &runtime, const SignOffMessage &signedOff);
    // Signs a request with the key whose private half ssh-agent holds: principal, time (now) and comment
    // are filled in first. Needs no store: the second operator runs it on their own machine.
    static Result<SignOffMessage> signRequest(SignOffMessage request, const QString &publicKeyFile,
                                              const QString &principal, const QString &comment);
};

} // namespace lockstep
