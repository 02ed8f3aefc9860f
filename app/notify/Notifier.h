#pragma once

#include <QString>

namespace lockstep {

// Tells the operator that something needs them while they look elsewhere: an approval is needed, a gate
// failed. The console shows a desktop notification (DesktopNotifier); tests put in a recorder.
class Notifier
{
public:
    virtual ~Notifier() = default;
    virtual void notify(const QString &title, const QString &message) = 0;
};

} // namespace lockstep
