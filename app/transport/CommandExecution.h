#pragma once

#include "app/transport/CommandSpec.h"

#include <QObject>

namespace lockstep {

// A command in flight. Signals are delivered on the thread the execution object lives in
// (the caller's), whatever thread the transport does its I/O on.
class CommandExecution : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Stops the command: the process is killed / the channel closed. finished() follows
    // with Kind::Cancelled within 2 s.
    virtual void cancel() = 0;

signals:
    // One line of output (without the newline), secrets already redacted.
    void outputLine(lockstep::OutputStream stream, const QString &line);
    void finished(const lockstep::CommandOutcome &outcome);
};

} // namespace lockstep
