#pragma once

#include "app/runbook/YamlReader.h"
#include "models/runbook/Runbook.h"

namespace lockstep {

// Reads one step (of steps:, rollback_steps: or a checklist item's check:) into a StepSpec, reporting
// problems through the YamlReader it works for. The keys every step has are read here; the action and
// the keys of one kind are read by that kind (app/steps, StepKindHandler::readAction/readOptions).
class StepReader
{
public:
    explicit StepReader(YamlReader &yaml);

    // `isCheck`: a checklist check, which needs no id and may only read.
    StepSpec read(const YAML::Node &node, const QString &path, bool isCheck);

private:
    void readUndo(StepSpec &step, const YAML::Node &node, const QString &path);

    YamlReader &m_yaml;
};

} // namespace lockstep
