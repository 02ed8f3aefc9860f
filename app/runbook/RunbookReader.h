#pragma once

#include "app/runbook/YamlReader.h"
#include "models/runbook/Runbook.h"

namespace lockstep {

// Turns YAML text into a Runbook, checking shapes and types (unknown keys, wrong types, bad durations,
// missing keys). Cross-references between parts are RunbookValidator's job. Reports every problem it
// finds instead of stopping at the first; never throws, never crashes, bounds the work any input causes.
class RunbookReader : public YamlReader
{
public:
    static constexpr int kMaxSteps = 1000;

    explicit RunbookReader(QString file);

    Runbook read(const QByteArray &utf8Text);

private:
    void readTop(const YAML::Node &root, Runbook &runbook);
    void readStrategy(const YAML::Node &node, const QString &path, StrategySpec &strategy);
    void readWatch(const YAML::Node &node, const QString &path, WatchSpec &watch);
    void readParams(const YAML::Node &node, const QString &path, Runbook &runbook);
    ChecklistItem readChecklistItem(const YAML::Node &node, const QString &path);
    // signoff: {...} of a checklist item or approval: {...} of a wave (`what`: "a sign-off", "an approval").
    ApprovalRule readApprovalRule(const YAML::Node &node, const QString &path, const QString &what);
    QList<StepSpec> readSteps(const YAML::Node &node, const QString &path);
    GateSpec readGate(const YAML::Node &node, const QString &path);
    // `rollback:` (entries may be {step: ID, if_ran: ID or [IDs]}) or `emergency_rollback:` (ids only).
    QStringList readRollbackList(const YAML::Node &node, const QString &path, Runbook &runbook);
};

} // namespace lockstep
