#pragma once

#include "app/engine/StepLauncher.h"
#include "models/Result.h"

#include <QMap>

class QNetworkAccessManager;

namespace lockstep {

class GateEvaluator;
class Transport;

// The real StepLauncher: renders the step for its instance (Templater: values quoted, encoded and
// secrets known for redaction), then ssh and local steps go to their Transport, http steps to an
// HttpStepExecution, gate steps to the GateEvaluator, manual steps wait for an operator and wait steps
// for a timer.
class StepDispatcher final : public StepLauncher
{
public:
    StepDispatcher() = default;

    void setTransport(StepKind kind, Transport *transport);
    void setGateEvaluator(GateEvaluator *evaluator) { m_gates = evaluator; }
    // Shared by http steps; null = each step makes its own.
    void setNetwork(QNetworkAccessManager *network) { m_network = network; }
    // Secret values by name (SecretStore::resolve), for {{secrets.NAME}} and redaction.
    void setSecrets(const QMap<QString, QString> &secrets) { m_secrets = secrets; }

    StepExecution *launch(const StepSpec &step, const StepContext &context, QObject *parent) override;

private:
    QMap<StepKind, Transport *> m_transports;
    GateEvaluator *m_gates = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QMap<QString, QString> m_secrets;
};

} // namespace lockstep
