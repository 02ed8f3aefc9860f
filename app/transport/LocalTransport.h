#pragma once

#include "app/transport/Transport.h"

namespace lockstep {

// Runs commands on the operator's machine (kubectl, pulumi, docker compose, scripts) with QProcess.
class LocalTransport : public Transport
{
public:
    QString name() const override { return QStringLiteral("local"); }
    CommandExecution *start(const CommandSpec &spec, QObject *parent) override;
};

} // namespace lockstep
