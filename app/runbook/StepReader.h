#pragma once

#include "app/runbook/YamlReader.h"
#include "models/runbook/Runbook.h"

namespace lockstep {

// Reads one step (of steps:, rollback_steps: or a checklist item's check:) into a StepSpec, reporting
// problems through the YamlReader it works for.
class StepReader
{
public:
    explicit StepReader(YamlReader &yaml);

    // `isCheck`: a checklist check, which needs no id and may only read.
    StepSpec read(const YAML::Node &node, const QString &path, bool isCheck);

private:
    void readLocal(const YAML::Node &node, const QString &path, StepSpec &step);
    void readHttpExpectation(const YAML::Node &node, const QString &path, HttpExpectation &expect);
    void readCommandExpectation(const YAML::Node &node, const QString &path, CommandExpectation &expect);

    YamlReader &m_yaml;
};

} // namespace lockstep
