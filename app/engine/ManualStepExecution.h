#pragma once

#include "app/engine/StepExecution.h"

namespace lockstep {

// A `manual` step: waits until an operator confirms it (or declines) with a comment.
class ManualStepExecution final : public StepExecution
{
    Q_OBJECT
public:
    explicit ManualStepExecution(QString prompt, QObject *parent);
    const QString &prompt() const { return m_prompt; }

    void confirm(const QString &operatorName, const QString &comment);
    void decline(const QString &operatorName, const QString &comment);
    void cancel() override;

private:
    void finish(StepExecutionResult result);

    QString m_prompt;
    bool m_done = false;
};

} // namespace lockstep
