#pragma once

#include "app/identity/SignOffMessage.h"
#include "app/identity/SshSignature.h"
#include "models/Result.h"

#include <QCoreApplication>

#include <functional>

class QObject;

namespace lockstep {

class BackgroundJob;

// The one way a window checks a pasted SSH signature (a checklist sign-off or a wave approval):
// ssh-keygen -Y verify is a process, so it runs on a worker while the window keeps answering, and
// `done` gets the verdict on the GUI thread, where the caller stores the sign-off if its run is still
// shown. A cancelled job returns a refusal whatever ssh-keygen said, so nothing is stored.
class SignatureVerification
{
    Q_DECLARE_TR_FUNCTIONS(SignatureVerification)
public:
    using Done = std::function<void(const Result<SshSignature::Verified> &verified)>;
    static BackgroundJob *start(QObject *owner, const SignOffMessage &signedOff, const QString &allowedSigners, Done done);
};

} // namespace lockstep
