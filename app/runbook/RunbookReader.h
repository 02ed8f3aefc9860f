#pragma once

#include "app/runbook/Diagnostic.h"
#include "models/runbook/Runbook.h"

#include <QHash>
#include <QList>
#include <QString>

namespace YAML {
class Node;
}

namespace lockstep {

// Turns YAML text into a Runbook, checking shapes and types (unknown keys, wrong types, bad durations,
// missing keys). Cross-references between parts are RunbookValidator's job. Reports every problem it
// finds instead of stopping at the first; never throws, never crashes, bounds the work any input can cause.
class RunbookReader
{
public:
    explicit RunbookReader(QString file);

    Runbook read(const QByteArray &utf8Text);

    const QList<Diagnostic> &diagnostics() const { return m_diagnostics; }
    // Where each key path was written ("steps[3].undo" -> file:line:col), for later checks.
    const QHash<QString, SourceLocation> &locations() const { return m_locations; }

    static constexpr int kMaxNodes = 200000;   // nodes visited, aliases included
    static constexpr int kMaxJsonDepth = 32;
    static constexpr int kMaxSteps = 1000;

private:
    class Fields;

    SourceLocation locationOf(const YAML::Node &node) const;
    void error(const YAML::Node &at, const QString &path, const QString &message);
    void error(const SourceLocation &at, const QString &path, const QString &message);
    bool spend(const YAML::Node &at);
    void remember(const YAML::Node &node, const QString &path);

    bool isMap(const YAML::Node &node, const QString &path, const QString &what);
    bool isSequence(const YAML::Node &node, const QString &path, const QString &what);
    std::optional<QString> string(const YAML::Node &node, const QString &path);
    std::optional<qint64> integer(const YAML::Node &node, const QString &path, qint64 min, qint64 max);
    std::optional<double> number(const YAML::Node &node, const QString &path);
    std::optional<bool> boolean(const YAML::Node &node, const QString &path);
    std::optional<Millis> duration(const YAML::Node &node, const QString &path, bool allowZero = false);
    std::optional<QStringList> stringList(const YAML::Node &node, const QString &path);
    std::optional<QString> identifier(const YAML::Node &node, const QString &path);
    std::optional<OnFailure> onFailure(const YAML::Node &node, const QString &path);
    std::optional<QJsonValue> json(const YAML::Node &node, const QString &path, int depth = 0);

    void readTop(const YAML::Node &root, Runbook &runbook);
    void readStrategy(const YAML::Node &node, const QString &path, StrategySpec &strategy);
    void readParams(const YAML::Node &node, const QString &path, Runbook &runbook);
    ChecklistItem readChecklistItem(const YAML::Node &node, const QString &path);
    StepSpec readStep(const YAML::Node &node, const QString &path, bool isCheck);
    void readLocal(const YAML::Node &node, const QString &path, StepSpec &step);
    void readHttpExpectation(const YAML::Node &node, const QString &path, HttpExpectation &expect);
    void readCommandExpectation(const YAML::Node &node, const QString &path, CommandExpectation &expect);
    std::optional<QList<int>> intList(const YAML::Node &node, const QString &path, int min, int max);
    GateSpec readGate(const YAML::Node &node, const QString &path);
    QList<StepSpec> readSteps(const YAML::Node &node, const QString &path);
    void checkRegex(const YAML::Node &node, const QString &path, const QString &pattern);

    QString m_file;
    QList<Diagnostic> m_diagnostics;
    QHash<QString, SourceLocation> m_locations;
    int m_budget = kMaxNodes;
    bool m_budgetReported = false;
};

} // namespace lockstep
