#pragma once

#include "app/engine/StepLauncher.h"
#include "app/steps/StepLaunchServices.h"
#include "models/Result.h"

#include <QMap>

class QNetworkAccessManager;

namespace lockstep {

class GateEvaluator;
class Transport;

// The real StepLauncher: hands each step to its kind's launcher (app/steps/<kind>, StepKinds), which
// renders it for its instance (Templater: values quoted, encoded and secrets known for redaction) and
// starts it with the services configured here: transports by kind, the gate evaluator, the network.
class StepDispatcher final : public StepLauncher, public StepLaunchServices
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

    Transport *transport(StepKind kind) const override;
    GateEvaluator *gates() const override { return m_gates; }
    QNetworkAccessManager *network() const override { return m_network; }
    Result<Templater> templater(const StepContext &context) const override;

private:
    QMap<StepKind, Transport *> m_transports;
    GateEvaluator *m_gates = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QMap<QString, QString> m_secrets;
};

} // namespace lockstep
