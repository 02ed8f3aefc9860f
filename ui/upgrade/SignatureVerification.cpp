#include "ui/upgrade/SignatureVerification.h"

#include "app/engine/SignOffRule.h"
#include "ui/common/BackgroundJob.h"

namespace lockstep {

BackgroundJob *SignatureVerification::start(QObject *owner, const SignOffMessage &signedOff, const QString &allowedSigners, Done done)
{
    return BackgroundJob::start(
        owner,
        [signedOff, allowedSigners](const BackgroundJob::Control &control) {
            auto verified = SignOffRule::verify(signedOff, allowedSigners);
            if (control.isCancelled())
                return Result<SshSignature::Verified>(Error{tr("the verification was cancelled; nothing was stored"), {}, {}});
            return verified;
        },
        std::move(done));
}

} // namespace lockstep
