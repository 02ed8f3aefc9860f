#pragma once

#include "models/SemVer.h"
#include "models/runbook/GroupFacts.h"
#include "models/runbook/HttpExpectation.h"
#include "models/runbook/SourceLocation.h"

#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace lockstep {

using Millis = std::chrono::milliseconds;

// A step's kind. What each kind is and does lives in its folder under app/steps (StepKinds); the
// underlying type is fixed so a kind's folder may name a value of its own (StepKind(6) ...) without
// a line here.
enum class StepKind : int { Ssh, Local, Http, Manual, Wait, Gate };
enum class OnFailure { Pause, Rollback, Continue };
enum class NoDataPolicy { Fail, Pause, Pass };
enum class Comparison { Below, Above, Between };

// What a command's result must look like (ssh / local steps).
struct CommandExpectation
{
    QList<int> exitCodes;                // empty = 0 only
    QString outputRegex;                 // matched against stdout (template; values regex-escaped); empty = not checked
    QString outputRegexSource;           // the template, once outputRegex is rendered: what errors quote
};

struct HttpRequestSpec
{
    QString method = QStringLiteral("GET");
    QString url;                         // template; values percent-encoded when rendered
    QMap<QString, QString> headers;      // templates
    QJsonValue body;                     // template tree; values rendered as JSON strings
    bool hasBody = false;
};

struct RetrySpec
{
    int count = 0;
    Millis backoff{0};
};

// A metric condition evaluated over time (see DESIGN.md "Gates").
struct GateSpec
{
    QString id;                          // defaults to the metric name
    QString title;
    QString metric;                      // error_rate | p95_latency | queue_depth | request_rate | a PromQL expression
    bool promql = false;
    Comparison comparison = Comparison::Below;
    double threshold = 0;                // below / above
    double lower = 0, upper = 0;         // between
    std::optional<double> inconclusiveAbove;   // band between pass and fail that asks the operator
    Millis interval{std::chrono::seconds(30)};
    int count = 10;
    int failureLimit = 1;
    int providerErrorLimit = 3;
    Millis initialDelay{0};
    NoDataPolicy noData = NoDataPolicy::Fail;
    // Baseline comparison: relative tolerance against the pre-upgrade window / not-yet-upgraded instances.
    QString baseline;                    // "" | "pre-upgrade" | "not-upgraded"
    double tolerance = 0;                // e.g. 0.2 = 20% worse than baseline allowed
    SourceLocation location;
};

// One action on one instance.
struct StepSpec
{
    QString id;
    QString title;
    StepKind kind = StepKind::Local;

    QString command;                     // ssh / local shell command (template; values shell-quoted)
    QStringList argv;                    // local: argv form (templates), no shell
    QMap<QString, QString> env;          // local: extra environment (templates)
    QString workingDirectory;            // local

    CommandExpectation commandExpect;    // ssh / local: `expect: {exit: [...], output: regex}`

    HttpRequestSpec http;
    HttpExpectation expect;
    std::optional<HttpExpectation> until;    // poll until this holds ...
    Millis within{0};                        // ... for at most this long
    Millis pollInterval{std::chrono::seconds(1)};

    QString prompt;                      // manual: what the operator confirms
    Millis waitFor{0};                   // wait
    QString gate;                        // gate: id of a gate in Runbook::gates

    Millis timeout{std::chrono::minutes(10)};
    Millis expected{0};                  // expected duration shown in the plan
    RetrySpec retries;
    QString undo;                        // id of the step that undoes this one
    // `undo: {none: MESSAGE}`: nothing can undo this step (a migration without a down step, a data
    // conversion). A rollback that reaches it stops for the operator with MESSAGE (a template rendered like
    // a manual prompt): they restore the instance by hand, or leave it as it is, reported as needing restore.
    bool irreversible = false;
    QString restoreMessage;
    bool idempotent = false;             // may be re-run automatically after a crash
    QString probe;                       // id of a read-only step that tells whether this one took effect
    bool disruptive = false;             // needs the maintenance window
    bool readOnly = false;               // checks: only reads
    OnFailure onFailure = OnFailure::Pause;
    QString when;                        // optional condition, e.g. "change == major"
    SourceLocation location;
};

// Whether an automated checklist check is about each instance (it runs on every instance of the plan)
// or about the whole run (a cluster's health, a snapshot: it runs once, with no instance).
enum class ChecklistScope { Instance, Run };

struct ChecklistItem
{
    QString id;
    QString title;
    std::optional<StepSpec> check;       // automated: a read-only step whose result is the evidence
    ChecklistScope scope = ChecklistScope::Instance;   // `scope: run`: the check runs once per run
    int signoffsRequired = 0;            // manual: distinct operators needed (signoff: {by: N}); 2 = four-eyes
    // Who counts (signoff: {exclude_initiator, role, max_age, expires}): the run's initiator may be
    // excluded; a role may be required (team mode: a database role the signer is a member of); a
    // sign-off older than max_age, or made before the maintenance window opened (expires: window),
    // does not count.
    bool excludeInitiator = false;
    QString role;
    Millis maxAge{0};
    bool expiresWithWindow = false;
    bool required = true;
    QString when;                        // e.g. "change == major" for an extended checklist
    SourceLocation location;
};

// Who must approve a wave before it starts (between_waves: {approval: {...}}, or a wave's own
// approval:): distinct approvers, the initiator excluded or not, a role (team mode: a database role the
// approver is a member of, checked by the server), and how long an approval counts.
struct ApprovalRule
{
    int by = 1;                          // distinct operators whose approvals count (1-5)
    bool excludeInitiator = false;
    QString role;
    Millis maxAge{0};                    // 0: no limit
    bool expiresWithWindow = false;      // an approval made before the maintenance window opened does not count
    SourceLocation location;
};

struct WaveSpec
{
    QString name;
    int count = 0;                       // an absolute number of instances ...
    int percent = 0;                     // ... or a cumulative percentage of the plan's instances
    std::optional<ApprovalRule> approval;   // the rule for approving this wave's start (else the strategy's)
};

struct StrategySpec
{
    QList<WaveSpec> waves;
    int maxParallel = 1;
    Millis observe{0};                   // between waves
    bool autoPromote = false;            // false = operator approval between waves
    ApprovalRule approval;               // between_waves: {approval: {...}}: every wave approval's default rule
    int maxFailedPerWave = 0;
    OnFailure onFailure = OnFailure::Pause;   // run policy after the failure budget is spent
};

// After the last wave: a watch period during which the gates keep measuring the whole fleet, rollback
// stays one action, and the run ends succeeded only when the period passes clean.
struct WatchSpec
{
    Millis duration{0};                  // `for:`; zero = no watch
    QStringList gates;                   // gate ids; empty = every gate of the runbook
    std::optional<OnFailure> onFailure;  // pause | rollback; absent = the strategy's on_failure
    SourceLocation location;

    bool enabled() const { return duration.count() > 0; }
};

struct ParamSpec
{
    QString name;
    QString defaultValue;
    QString description;
    bool required = false;
    bool secret = false;
};

struct Runbook
{
    QString id;
    QString title;
    QString description;
    QString product;
    QString file;
    QList<ChangeClass> appliesTo;        // empty = all
    bool maintenanceWindowRequired = false;
    StrategySpec strategy;
    QList<ParamSpec> params;
    QStringList secrets;                 // names usable as {{secrets.NAME}}
    QList<ChecklistItem> checklist;
    QList<StepSpec> before;              // run-level: once per run, before the first instance's first step
    QList<StepSpec> steps;               // the upgrade, in order, per instance
    QList<StepSpec> after;               // run-level: once per run, after the last wave and its gates
    QList<StepSpec> rollbackSteps;       // steps used only by rollback (e.g. restore-previous)
    QList<GateSpec> gates;               // evaluated after each wave
    WatchSpec watch;                     // after the last wave
    LockSpec lock;                       // at most N instances of a group in flight across runs
    OrderSpec order;                     // the order (and waves) from inventory facts
    QStringList rollback;                // step ids, in order
    // Entries of `rollback` written {step: ID, if_ran: [...]}: such an entry runs only on an instance where
    // one of these upgrade steps started. A plain entry runs on every instance something changed on.
    QMap<QString, QStringList> rollbackIfRan;
    QStringList emergencyRollback;       // step ids, in order
    // Whether an emergency rollback first runs the undo of every completed step (as a rollback does).
    // false when the emergency path reverses the whole upgrade by itself (an emergency endpoint that
    // restores the previous version and data): undoing step by step first would make it undo the undo.
    bool emergencyUndo = true;

    const StepSpec *findStep(const QString &stepId) const
    {
        for (const auto *list : {&steps, &rollbackSteps, &before, &after})
            for (const StepSpec &s : *list)
                if (s.id == stepId)
                    return &s;
        return nullptr;
    }
    // A step of before: or after: (run once per run, with no instance).
    bool isRunLevel(const QString &stepId) const
    {
        for (const auto *list : {&before, &after})
            for (const StepSpec &s : *list)
                if (s.id == stepId)
                    return true;
        return false;
    }
};

} // namespace lockstep
