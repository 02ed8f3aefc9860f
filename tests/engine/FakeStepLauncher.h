#pragma once

#include "app/engine/AuditSink.h"
#include "app/engine/StepLauncher.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QTimer>

namespace lockstep::test {

// A step that ends the way the test says: after `delayMs` with `outcome`, or never (until cancelled).
class FakeStepExecution final : public StepExecution
{
    Q_OBJECT
public:
    FakeStepExecution(int delayMs, StepOutcome outcome, int code, QObject *parent) : StepExecution(parent)
    {
        if (delayMs < 0)
            return;   // hangs until cancelled
        QTimer::singleShot(delayMs, this, [this, outcome, code] {
            if (m_done)
                return;
            m_done = true;
            emit outputLine(QStringLiteral("fake output"));
            emit finished({outcome, code, outcome == StepOutcome::Succeeded ? QString() : QStringLiteral("fake failure")});
        });
    }
    void cancel() override
    {
        QTimer::singleShot(0, this, [this] {
            if (m_done)
                return;
            m_done = true;
            emit finished({StepOutcome::Cancelled, -1, QStringLiteral("cancelled")});
        });
    }

private:
    bool m_done = false;
};

// A StepLauncher for unit tests: every launch is recorded; steps succeed at once unless a rule says
// otherwise. Manual, wait and gate steps go through the real dispatcher when one is given.
class FakeStepLauncher final : public StepLauncher
{
public:
    struct Rule
    {
        int delayMs = 0;                // -1: hang until cancelled
        StepOutcome outcome = StepOutcome::Succeeded;
        int code = 0;
        int times = -1;                 // how many launches the rule applies to; -1 = all
    };

    // `instance` or `step` may be "*".
    void setRule(const QString &instance, const QString &step, Rule rule) { m_rules[QString(instance + u'/' + step)] = rule; }

    StepExecution *launch(const StepSpec &step, const StepContext &context, QObject *parent) override
    {
        launches << QStringLiteral("%1/%2/%3").arg(context.instance.name, step.id, runPhaseName(context.phase));
        if (fallback && (step.kind == StepKind::Manual || step.kind == StepKind::Wait || step.kind == StepKind::Gate))
            return fallback->launch(step, context, parent);
        Rule rule;
        const QStringList keys{context.instance.name + u'/' + step.id, QStringLiteral("*/") + step.id,
                               context.instance.name + QStringLiteral("/*")};
        for (const QString &key : keys) {
            auto it = m_rules.find(key);
            if (it != m_rules.end() && it->times != 0) {
                rule = *it;
                if (it->times > 0)
                    --it->times;
                break;
            }
        }
        return new FakeStepExecution(rule.delayMs, rule.outcome, rule.code, parent);
    }

    int count(const QString &prefix) const
    {
        int n = 0;
        for (const QString &l : launches)
            if (l.startsWith(prefix))
                ++n;
        return n;
    }

    QStringList launches;
    StepLauncher *fallback = nullptr;

private:
    QHash<QString, Rule> m_rules;
};

// Keeps what the engine audits, for assertions.
class RecordingAuditSink final : public AuditSink
{
public:
    Status record(const EngineAuditEntry &entry) override
    {
        entries << entry;
        return okStatus();
    }
    bool has(const QString &action, const QString &result = {}, const QString &instance = {}) const
    {
        for (const EngineAuditEntry &e : entries)
            if (e.action == action && (result.isEmpty() || e.result == result)
                && (instance.isEmpty() || e.instance == instance))
                return true;
        return false;
    }
    QList<EngineAuditEntry> entries;
};

} // namespace lockstep::test
