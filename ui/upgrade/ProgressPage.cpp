#include "ui/upgrade/ProgressPage.h"

#include "models/store/StoreNotifier.h"

#include "app/engine/RunExecutor.h"
#include "app/engine/LaneState.h"
#include "models/Clock.h"
#include "models/run/RunNarration.h"
#include "models/store/RunRepository.h"
#include "models/store/StoreNotifier.h"
#include "ui/common/MessageWidget.h"
#include "ui/upgrade/GatePanel.h"
#include "ui/upgrade/OperatorPrompt.h"
#include "ui/upgrade/OutputPane.h"
#include "ui/upgrade/ProgressModel.h"
#include "ui/upgrade/RollbackCountdown.h"
#include "ui/upgrade/StepCellDelegate.h"
#include "app/session/ConsoleSession.h"
#include "ui/upgrade/UpgradeText.h"
#include "ui/upgrade/WaveApprovalPanel.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QMenu>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace lockstep {

namespace {
constexpr int kMaxEvents = 2000;
}

ProgressPage::ProgressPage(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_model(new ProgressModel(this))
    , m_status(new QLabel(this))
    , m_message(new MessageWidget(this))
    , m_countdown(new RollbackCountdown(this))
    , m_toolBar(new QToolBar(this))
    , m_grid(new QTableView(this))
    , m_tabs(new QTabWidget(this))
    , m_output(new OutputPane(this))
    , m_timeline(new QListWidget(this))
    , m_gates(new GatePanel(this))
    , m_approval(new WaveApprovalPanel(this))
{
    m_session = session;
    setObjectName(QStringLiteral("progressPage"));
    m_status->setObjectName(QStringLiteral("runStatus"));
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_status->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("progressMessage"));
    m_toolBar->setObjectName(QStringLiteral("runToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_grid->setObjectName(QStringLiteral("progressGrid"));
    m_tabs->setObjectName(QStringLiteral("progressTabs"));
    m_timeline->setObjectName(QStringLiteral("eventTimeline"));

    m_grid->setModel(m_model);
    m_grid->setItemDelegate(new StepCellDelegate(m_grid));
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->verticalHeader()->hide();
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_grid->setWordWrap(false);
    // Tab moves on to the next control; the arrow keys move between cells.
    m_grid->setTabKeyNavigation(false);

    m_approve = makeAction("actionApproveWave", tr("&Approve next wave"), QKeySequence(Qt::CTRL | Qt::Key_Return), &ProgressPage::approve);
    m_pause = makeAction("actionPauseRun", tr("&Pause"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), &ProgressPage::pause);
    m_resume = makeAction("actionResumeRun", tr("&Resume"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &ProgressPage::resume);
    m_abort = makeAction("actionAbortRun", tr("A&bort…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X), &ProgressPage::abort);
    m_toolBar->addSeparator();
    m_retry = makeAction("actionRetryInstance", tr("Re&try"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), &ProgressPage::retry);
    m_skip = makeAction("actionSkipStep", tr("S&kip…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), &ProgressPage::skip);
    m_markDone = makeAction("actionMarkDone", tr("Mark &done…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), &ProgressPage::markDone);
    m_confirmManual = makeAction("actionConfirmManual", tr("&Confirm step…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), &ProgressPage::confirmManual);
    m_confirmManualAll = makeAction("actionConfirmManualAll", tr("Confirm step for all waiti&ng…"),
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &ProgressPage::confirmManualAll);
    // On the Confirm button's menu, not a button of its own: the toolbar keeps Emergency rollback visible.
    m_toolBar->removeAction(m_confirmManualAll);
    if (auto *button = qobject_cast<QToolButton *>(m_toolBar->widgetForAction(m_confirmManual))) {
        auto *menu = new QMenu(button);
        menu->addAction(m_confirmManualAll);
        button->setMenu(menu);
        button->setPopupMode(QToolButton::MenuButtonPopup);
    }
    m_toolBar->addSeparator();
    m_rollbackInstance = makeAction("actionRollbackInstance", tr("Roll back &instance…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I), &ProgressPage::rollbackInstance);
    m_rollbackWave = makeAction("actionRollbackWave", tr("Roll back &wave…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W), &ProgressPage::rollbackWave);
    m_rollbackAll = makeAction("actionRollbackAll", tr("Roll back a&ll…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), &ProgressPage::rollbackAll);
    m_emergency = makeAction("actionEmergencyRollback", tr("&Emergency rollback…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), &ProgressPage::emergencyRollback);
    // Shown only during the post-rollout watch, when most of the others have nothing to act on.
    m_endWatch = makeAction("actionEndWatch", tr("End watc&h…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), &ProgressPage::endWatch);
    // Shown only while an instance needs restore (a rollback reached a step nothing can undo).
    m_restored = makeAction("actionConfirmRestored", tr("Rest&ored…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), &ProgressPage::confirmRestored);
    m_leaveUnrestored = makeAction("actionLeaveUnrestored", tr("Lea&ve unrestored…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                                   &ProgressPage::leaveUnrestored);

    m_tabs->addTab(m_output, tr("Output"));
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_tabs->addTab(m_gates, tr("Gates"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_grid);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_message);
    layout->addWidget(m_countdown);
    layout->addWidget(m_approval);
    layout->addWidget(m_toolBar);
    layout->addWidget(splitter, 1);

    connect(m_grid->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        const QString step = current.data(ProgressModel::StepRole).toString();
        if (!step.isEmpty())
            m_output->show(current.data(ProgressModel::InstanceRole).toString(), step);
        updateActions();
    });
    connect(m_countdown, &RollbackCountdown::cancelRequested, this, [this] {
        if (m_run)
            report(tr("Cancel rollback"), m_run->cancelRollback(operatorName(), tr("cancelled in the console")));
    });
    connect(m_countdown, &RollbackCountdown::rollbackNowRequested, this, [this] {
        if (m_run)
            report(tr("Roll back now"), m_run->rollbackNow(operatorName()));
    });
    connect(m_message, &MessageWidget::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("approve"))
            approve();
        else if (link == QLatin1String("gates"))
            m_tabs->setCurrentWidget(m_gates);
        else if (link == QLatin1String("confirm-all"))
            confirmManualAll();
    });
    // Time left ticks in the status line and the tooltips while a run is live.
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (!m_run || isTerminal(m_run->state())) {
            m_tick.stop();
            return;
        }
        updateActions();
        updateStatus();
    });
    updateActions();
}

QAction *ProgressPage::makeAction(const char *name, const QString &text, const QKeySequence &shortcut, void (ProgressPage::*slot)())
{
    auto *action = new QAction(text, this);
    action->setObjectName(QLatin1String(name));
    QString tip = QString(text).remove(QLatin1Char('&'));
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WindowShortcut);
        tip = QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText));
    }
    m_tips.insert(action, tip);
    action->setToolTip(tip);
    connect(action, &QAction::triggered, this, slot);
    m_toolBar->addAction(action);
    addAction(action);
    return action;
}

QList<QAction *> ProgressPage::runActions() const
{
    return {m_approve, m_pause, m_resume, m_abort, m_retry, m_skip, m_markDone, m_confirmManual, m_confirmManualAll,
            m_rollbackInstance, m_rollbackWave, m_rollbackAll, m_emergency, m_endWatch, m_restored, m_leaveUnrestored};
}

void ProgressPage::clear()
{
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = nullptr;
    m_approval->setRun(nullptr);
    m_readOnly = false;
    m_pastStatus.clear();
    m_output->clear();
    m_timeline->clear();
    m_message->hideMessage();
    m_countdown->stop();
    m_tick.stop();
    m_lastState.clear();
    m_prompts.clear();
    m_waitBanner = false;
}

void ProgressPage::applyAttempts(const QList<StepResult> &attempts)
{
    for (const StepResult &a : attempts) {
        if (a.phase == RunPhase::Checklist)
            continue;
        m_model->applyStarted(a);
        if (a.hasResult())
            m_model->applyFinished(a);
        m_output->setTail(a.instance, a.step, a.outputTail);
    }
}

void ProgressPage::setRun(RunExecutor *run, RunRepository *runs)
{
    clear();
    m_run = run;
    m_approval->setRun(run);
    m_toolBar->show();
    if (!run) {
        m_model->setPlan({});
        updateActions();
        updateStatus();
        return;
    }
    m_model->setPlan(run->plan());
    m_gates->setPlan(run->plan());
    m_tabs->setCurrentWidget(m_output);
    if (runs)
        if (auto attempts = runs->attempts(run->runId()); attempts)
            applyAttempts(*attempts);
    for (const InstanceProgress &p : run->progress())
        m_model->applyProgress(p);
    if (run->hasRunLevelSteps())
        m_model->applyProgress(run->runLevelProgress());
    m_model->flush();
    connectRun();
    addEvent(tr("run %1 (%2 → %3) opened: %4").arg(run->runId()).arg(run->plan().runbook.id, run->plan().targetVersion.toString(),
                                                                     runStateName(run->state())));
    bool interrupted = run->state() == RunState::Interrupted
                       || (run->hasRunLevelSteps() && run->runLevelProgress().state == InstanceState::Interrupted);
    for (const InstanceProgress &p : run->progress())
        interrupted |= p.state == InstanceState::Interrupted;
    if (interrupted)
        m_message->showMessage(tr("This run was interrupted. Select an interrupted instance and choose Retry, Mark done, "
                                  "Skip or Roll back; then Resume."),
                               MessageWidget::Type::Warning);
    if (run->rollbackDeadline().isValid())
        startCountdown(run->rollbackDeadline(), run->note(), touchedInstances(run->currentWave()));
    for (const InstanceProgress &p : run->progress())
        m_lastState.insert(p.instance, p.state);
    m_tick.start();
    updateActions();
    updateStatus();
    updateWaiting();
}

void ProgressPage::showPast(const RunRecord &record, const Plan &plan, const QList<StepResult> &attempts)
{
    clear();
    m_readOnly = true;
    m_toolBar->hide();
    m_model->setPlan(plan);
    m_gates->setPlan(plan);
    applyAttempts(attempts);
    for (const InstanceProgress &p : LaneState::progressOf(plan, record.state, attempts))
        m_model->applyProgress(p);
    m_model->flush();
    // The stored log as the timeline: when each attempt ended and how.
    for (const StepResult &a : attempts) {
        if (a.phase == RunPhase::Checklist)
            continue;
        m_timeline->addItem(QStringLiteral("%1  %2 %3%4 #%5 %6%7")
                                .arg(a.startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")), a.instance, a.step,
                                     a.phase == RunPhase::Rollback ? tr(" (rollback)") : QString(), QString::number(a.attempt),
                                     a.outcome ? stepOutcomeName(*a.outcome) : tr("no result"),
                                     a.note.isEmpty() ? QString() : QString(QStringLiteral(": ") + a.note)));
    }
    m_pastStatus = tr("Run %1 · %2 → %3 · %4 · by %5").arg(record.id).arg(plan.runbook.id, plan.targetVersion.toString(),
                                                                         runStateName(record.state), record.operatorName);
    if (!record.note.isEmpty())
        m_pastStatus += QStringLiteral(" · ") + record.note;
    m_message->showMessage(tr("Read-only: run %1 as it was stored. Select a step to read its output.").arg(record.id),
                           MessageWidget::Type::Information);
    updateActions();
    updateStatus();
    updateWaiting();
}

void ProgressPage::connectRun()
{
    RunExecutor *r = m_run;
    // The timeline tells the run in the same sentences as the CLI.
    connect(r, &RunExecutor::runEvent, this, [this](const RunEvent &e) {
        if (showsInTimeline(e))
            addEvent(RunNarration::describe(e));
    });
    connect(r, &RunExecutor::runStateChanged, this, [this](RunState state, const QString &) {
        if (state == RunState::Observing)
            m_gates->waveObserving(m_run->currentWave());
        if (state == RunState::Watching) {
            QStringList ids;
            for (const GateSpec &g : m_run->watchGates())
                ids << g.id;
            m_gates->watching(m_run->watchEnds(), ids, m_run->plan().runbook.watch.onFailure.value_or(m_run->plan().runbook.strategy.onFailure));
            m_tabs->setCurrentWidget(m_gates);
        }
        if (state != RunState::AwaitingApproval && m_message->text().contains(QLatin1String("href=\"approve\"")))
            m_message->hideMessage();
        updateActions();
        updateStatus();
    });
    connect(r, &RunExecutor::waveStarted, this, [this](int wave, const QString &) {
        if (wave == 0)
            m_gates->setUpgradeTime(Clock::instance().now());
        updateStatus();
    });
    connect(r, &RunExecutor::instanceChanged, this, [this](const InstanceProgress &p) {
        m_model->applyProgress(p);
        noteInstanceChange(p);
        updateActions();
        updateWaiting();
    });
    connect(r, &RunExecutor::runLevelChanged, this, [this](const InstanceProgress &p) {
        m_model->applyProgress(p);   // the "Run" row above the instances
        updateActions();
        updateWaiting();
    });
    connect(r, &RunExecutor::stepStarted, this, [this](const StepResult &s) {
        m_model->applyStarted(s);
        // Nothing selected yet: follow the first step that runs, so output shows without a click.
        if (!m_grid->currentIndex().isValid() && s.phase == RunPhase::Upgrade) {
            const int row = m_model->rowOf(s.instance);
            for (int col = ProgressModel::FirstStepColumn; col < m_model->columnCount(); ++col)
                if (m_model->index(row, col).data(ProgressModel::StepRole).toString() == s.step)
                    m_grid->setCurrentIndex(m_model->index(row, col));
        }
    });
    connect(r, &RunExecutor::stepOutput, this, [this](const QString &instance, const QString &step, const QString &line) {
        m_output->appendLine(instance, step, line);
    });
    connect(r, &RunExecutor::stepFinished, this, [this](const StepResult &s) {
        m_model->applyFinished(s);
        // A failure is brought into view (the grid may be scrolled to the first steps).
        if (s.outcome && !letsInstanceContinue(*s.outcome) && s.phase == RunPhase::Upgrade)
            for (int col = ProgressModel::FirstStepColumn; col < m_model->columnCount(); ++col)
                if (m_model->headerData(col, Qt::Horizontal).toString() == s.step) {
                    m_grid->scrollTo(m_model->index(m_model->rowOf(s.instance), col));
                    break;
                }
        m_output->setTail(s.instance, s.step, s.outputTail);
    });
    connect(r, &RunExecutor::manualStepWaiting, this, [this](const QString &instance, const QString &, const QString &prompt) {
        m_prompts.insert(instance, prompt);
        const QStringList waiting = waitingInstances();
        m_message->showMessage(tr("Waiting for you: %1 — %2 <a href=\"confirm-all\">Confirm for all waiting</a> (%3)")
                                   .arg(upgradetext::instanceList(waiting).toHtmlEscaped(), prompt.toHtmlEscaped(),
                                        m_confirmManualAll->shortcut().toString(QKeySequence::NativeText)),
                               MessageWidget::Type::Warning);
        m_waitBanner = true;
        if (!m_grid->currentIndex().isValid()
            || m_run->progress(selectedInstance()).state != InstanceState::WaitingForOperator)
            m_grid->setCurrentIndex(m_model->index(m_model->rowOf(instance), ProgressModel::InstanceColumn));
        updateActions();
        updateWaiting();
    });
    connect(r, &RunExecutor::restoreNeeded, this, &ProgressPage::showRestoreNeeded);
    connect(r, &RunExecutor::rollbackScheduled, this, &ProgressPage::startCountdown);
    connect(r, &RunExecutor::rollbackCountdownEnded, this, [this](bool rollingBack) {
        m_countdown->stop();
        if (!rollingBack) {
            m_message->showMessage(tr("The automatic rollback was cancelled and the run is paused: roll back (instance, wave "
                                      "or all), or Resume to observe the wave again."),
                                   MessageWidget::Type::Warning);
        }
    });
    connect(r, &RunExecutor::approvalNeeded, this, [this](int nextWave, const QString &why) {
        m_message->showMessage(tr("Wave %1 waits for your approval: %2 <a href=\"approve\">Approve</a> · "
                                  "<a href=\"gates\">Gates</a>")
                                   .arg(nextWave + 1)
                                   .arg(why.toHtmlEscaped()),
                               MessageWidget::Type::Information);
        updateActions();
    });
    connect(r, &RunExecutor::gateMeasured, this, [this](const QString &gate, const GateMeasurement &m) {
        m_gates->applyMeasurement(gate, m);
    });
    connect(r, &RunExecutor::gateFinished, this, [this](const QString &gate, const GateOutcome &o) {
        m_gates->applyOutcome(gate, o);
        if (o.state != GateOutcome::State::Passed) {
            m_tabs->setCurrentWidget(m_gates);
            // The bar stays one line (it does not wrap); the Gates tab says why in full.
            m_message->showMessage(tr("Gate %1 %2. <a href=\"gates\">Why</a>")
                                       .arg(gate, o.state == GateOutcome::State::Failed ? tr("failed") : tr("needs you")),
                                   MessageWidget::Type::Error);
        }
    });
    connect(r, &RunExecutor::runFinished, this, [this](RunState state) {
        m_model->flush();
        m_tick.stop();
        m_waitBanner = false;
        updateWaiting();
        m_gates->runEnded(runStateName(state));
        m_message->showMessage(tr("Run %1 ended: %2. %3").arg(m_run->runId()).arg(runStateName(state), m_run->note().toHtmlEscaped()),
                               state == RunState::Succeeded ? MessageWidget::Type::Positive : MessageWidget::Type::Warning);
    });
}

void ProgressPage::startCountdown(const QDateTime &deadline, const QString &why, const QStringList &instances)
{
    m_countdown->start(tr("%1\nThe failure policy rolls back:\n%2").arg(why, describe(instances, true)), deadline);
}

bool ProgressPage::showsInTimeline(const RunEvent &e)
{
    switch (e.kind) {
    case RunEvent::Kind::StepStarted:
        return e.phase == RunPhase::Rollback;
    case RunEvent::Kind::StepFinished:
        return e.phase == RunPhase::Rollback || !parseStepOutcome(e.outcome) || !letsInstanceContinue(*parseStepOutcome(e.outcome));
    case RunEvent::Kind::GateMeasured:
        return false;
    default:
        return true;
    }
}

void ProgressPage::addEvent(const QString &text)
{
    m_timeline->addItem(Clock::instance().now().toLocalTime().toString(QStringLiteral("HH:mm:ss  ")) + text);
    while (m_timeline->count() > kMaxEvents)
        delete m_timeline->takeItem(0);
    m_timeline->scrollToBottom();
}

QString ProgressPage::selectedInstance() const
{
    return m_model->instanceAt(m_grid->currentIndex().row());
}

QStringList ProgressPage::touchedInstances(int wave) const
{
    QStringList out;
    if (!m_run)
        return out;
    for (const InstanceProgress &p : m_run->progress()) {
        if (wave >= 0 && p.wave != wave)
            continue;
        if (p.state != InstanceState::Pending && p.state != InstanceState::RolledBack && p.state != InstanceState::Cancelled)
            out << p.instance;
    }
    return out;
}

QString ProgressPage::describe(const QStringList &instances, bool rollback) const
{
    QStringList lines;
    for (const QString &name : instances) {
        const Instance *i = m_run->plan().findInstance(name);
        const QString from = i ? i->currentVersion : QString();
        const QString to = m_run->plan().targetVersion.toString();
        lines << (rollback ? QStringLiteral("%1: %2 → %3").arg(name, to, from) : QStringLiteral("%1: %2 → %3").arg(name, from, to));
    }
    return lines.join(QLatin1Char('\n'));
}

void ProgressPage::report(const QString &what, const Status &status)
{
    if (!status)
        m_message->showMessage(tr("%1 refused: %2").arg(what, status.error().toString()), MessageWidget::Type::Error);
    updateActions();
    updateStatus();
}

QStringList ProgressPage::waitingInstances() const
{
    QStringList out;
    if (!m_run || m_readOnly)
        return out;
    if (m_run->hasRunLevelSteps() && m_run->runLevelProgress().state == InstanceState::WaitingForOperator)
        out << QString();   // the run-level step (the "Run" row)
    for (const InstanceProgress &p : m_run->progress())
        if (p.state == InstanceState::WaitingForOperator)
            out << p.instance;
    return out;
}

bool ProgressPage::inWatch() const
{
    return m_run && !m_readOnly && m_run->watchEnds().isValid();
}

QString ProgressPage::waitText() const
{
    if (inWatch()) {
        const qint64 left = std::max<qint64>(0, Clock::instance().now().msecsTo(m_run->watchEnds()));
        const QString until = QLocale().toString(m_run->watchEnds().toLocalTime(), QLocale::ShortFormat);
        if (m_run->state() != RunState::Watching)
            return tr("watch until %1 (%2 left) — paused").arg(until, upgradetext::timeLeft(std::chrono::milliseconds(left)));
        return left > 0 ? tr("watching: %1 left (until %2)").arg(upgradetext::timeLeft(std::chrono::milliseconds(left)), until)
                        : tr("watch over; the gates finish their round");
    }
    if (!m_run || m_readOnly || m_run->state() != RunState::Observing)
        return {};
    const QDateTime ends = m_run->observationEnds();
    if (!ends.isValid())
        return {};
    const qint64 left = Clock::instance().now().msecsTo(ends);
    const QString observing = tr("observing wave %1").arg(m_run->currentWave() + 1);
    const bool automatic = m_run->plan().runbook.strategy.autoPromote;
    if (left <= 0)
        return automatic ? tr("the next wave starts once the gates have finished — %1").arg(observing)
                         : tr("approval possible once the gates have finished — %1").arg(observing);
    const QString time = upgradetext::timeLeft(std::chrono::milliseconds(left));
    return automatic ? tr("the next wave starts in %1 unless a gate fails — %2").arg(time, observing)
                     : tr("approval possible in %1 — %2").arg(time, observing);
}

void ProgressPage::updateStatus()
{
    if (m_readOnly) {
        m_status->setText(m_pastStatus);
        return;
    }
    if (!m_run) {
        m_status->setText(tr("No run."));
        return;
    }
    const Plan &plan = m_run->plan();
    QStringList parts{tr("Run %1").arg(m_run->runId()), QStringLiteral("%1 → %2").arg(plan.runbook.id, plan.targetVersion.toString()),
                      runStateName(m_run->state())};
    if (plan.timeScale > 1)
        parts << tr("×%1 demo timing").arg(plan.timeScale);
    if (!isTerminal(m_run->state()) && m_run->state() != RunState::Planned && m_run->currentWave() < plan.waves.size())
        parts << tr("wave %1 of %2 (%3)").arg(QString::number(m_run->currentWave() + 1), QString::number(plan.waves.size()),
                                              plan.waves.at(m_run->currentWave()).name);
    // A rollback shows whatever started it: the budget, a step, the gates or the operator.
    QStringList rolling;
    for (const InstanceProgress &p : m_run->progress())
        if (p.state == InstanceState::RollingBack)
            rolling << p.instance;
    if (!rolling.isEmpty())
        parts << tr("rolling back %1").arg(rolling.join(QStringLiteral(", ")));
    if (const QStringList waiting = waitingInstances(); !waiting.isEmpty()) {
        const QString keys = m_confirmManualAll->shortcut().toString(QKeySequence::NativeText);
        parts << (waiting.size() == 1 ? tr("%1 waits for you (%2)").arg(waiting.first(), keys)
                                      : tr("%1 instances wait for you (%2)").arg(QString::number(waiting.size()), keys));
    }
    const QString wait = waitText();
    if (!wait.isEmpty())
        parts << wait;
    // While watching, the engine's note ("watching for 1h (until …)") says what the wait text already says,
    // with the time left.
    const bool waitSaysTheNote = m_run->state() == RunState::Watching && !wait.isEmpty();
    if (!m_run->note().isEmpty() && !wait.contains(m_run->note()) && !waitSaysTheNote)
        parts << m_run->note();
    m_status->setText(parts.join(QStringLiteral(" · ")));
}

void ProgressPage::setAvailable(QAction *action, bool enabled, const QString &whyNot)
{
    action->setEnabled(enabled);
    const QString tip = m_tips.value(action);
    action->setToolTip(enabled || whyNot.isEmpty() ? tip : tr("%1\nNot now: %2").arg(tip, whyNot));
}

void ProgressPage::updateActions()
{
    const RunState s = m_run ? m_run->state() : RunState::Planned;
    const bool live = m_run && !isTerminal(s) && s != RunState::Planned;
    const QString selected = selectedInstance();
    const bool runRow = m_run && m_model->isRunRow(m_grid->currentIndex().row());
    const InstanceState is = runRow                          ? m_run->runLevelProgress().state
                             : m_run && !selected.isEmpty() ? m_run->progress(selected).state
                                                             : InstanceState::Pending;
    const bool resolvable = live && (is == InstanceState::Failed || is == InstanceState::Interrupted);
    // Why an action is not available now, in the operator's terms.
    const QString runIs = !m_run ? tr("no run is open") : tr("the run is %1").arg(runStateName(s));
    const QString instanceIs = runRow ? tr("the run-level steps are %1").arg(instanceStateName(is))
                               : selected.isEmpty() ? tr("select an instance in the grid first")
                                                    : tr("%1 is %2").arg(selected, instanceStateName(is));
    const QString wait = waitText();
    setAvailable(m_approve, live && s == RunState::AwaitingApproval,
                 !wait.isEmpty() ? wait : tr("%1, not waiting for an approval").arg(runIs));
    setAvailable(m_pause, live && (s == RunState::Running || s == RunState::Observing || s == RunState::AwaitingApproval
                                   || s == RunState::Watching), runIs);
    setAvailable(m_resume, live && (s == RunState::Paused || s == RunState::Interrupted), tr("%1, not paused").arg(runIs));
    setAvailable(m_abort, live && s != RunState::Aborting, runIs);
    const QString resolveHint = live ? tr("%1; retry, skip and mark done resolve a failed or interrupted instance").arg(instanceIs) : runIs;
    setAvailable(m_retry, resolvable, resolveHint);
    setAvailable(m_skip, resolvable, resolveHint);
    setAvailable(m_markDone, resolvable, resolveHint);
    const QStringList waiting = waitingInstances();
    setAvailable(m_confirmManual, live && is == InstanceState::WaitingForOperator,
                 !live ? runIs
                 : waiting.isEmpty() ? tr("no manual step waits for you")
                                     : tr("%1; waiting: %2").arg(instanceIs, waiting.join(QStringLiteral(", "))));
    setAvailable(m_confirmManualAll, live && !waiting.isEmpty(), live ? tr("no manual step waits for you") : runIs);
    setAvailable(m_rollbackInstance, live && is != InstanceState::Pending && is != InstanceState::RolledBack
                                         && is != InstanceState::RollingBack && !selected.isEmpty() && !runRow,
                 live ? instanceIs : runIs);
    setAvailable(m_rollbackWave, live && !touchedInstances(m_run->currentWave()).isEmpty(),
                 live ? tr("nothing of the current wave is upgraded") : runIs);
    setAvailable(m_rollbackAll, live && !touchedInstances().isEmpty(), live ? tr("nothing is upgraded") : runIs);
    setAvailable(m_emergency, m_run && !isTerminal(s) && s != RunState::Planned, runIs);
    m_endWatch->setVisible(inWatch());
    setAvailable(m_endWatch, inWatch(), tr("%1, not watching after the rollout").arg(runIs));
    updateRestoreActions(live, runRow ? QString() : selected);
}

void ProgressPage::updateWaiting()
{
    const int waiting = int(waitingInstances().size());
    if (waiting == 0 && m_waitBanner) {
        // Its cause ended: every manual step was confirmed (or declined).
        m_waitBanner = false;
        m_message->hideMessage();
    }
    if (waiting != m_waiting) {
        m_waiting = waiting;
        updateStatus();
        emit waitingForOperatorChanged(waiting);
    }
}

void ProgressPage::noteInstanceChange(const InstanceProgress &p)
{
    const InstanceState before = m_lastState.value(p.instance, InstanceState::Pending);
    m_lastState.insert(p.instance, p.state);
    if (before == p.state || !m_run)
        return;
    // The rollback's steps follow in the timeline (a failing gate keeps its own tab in front).
    if (p.state == InstanceState::RollingBack && m_tabs->currentWidget() == m_output)
        m_tabs->setCurrentWidget(m_timeline);
    if (p.state == InstanceState::RollingBack || p.state == InstanceState::RolledBack || before == InstanceState::RollingBack)
        updateStatus();
}

void ProgressPage::setNotifier(StoreNotifier *notifier)
{
    if (!notifier)
        return;
    connect(notifier, &StoreNotifier::signOffAdded, this, [this](qint64 runId) {
        if (m_run && !m_readOnly && m_run->runId() == runId && m_run->state() == RunState::AwaitingApproval)
            report(tr("Approval"), m_run->continueIfApproved());
    });
}

void ProgressPage::approve()
{
    if (!m_run || m_run->state() != RunState::AwaitingApproval)
        return;
    const int next = m_run->currentWave() + 1;
    QStringList names;
    if (next < m_run->plan().waves.size())
        for (const Instance &i : m_run->plan().waves.at(next).instances)
            names << i.name;
    if (!OperatorPrompt::confirm(this, tr("Approve the next wave"),
                                 tr("Start wave %1 on these instances?\n%2").arg(next + 1).arg(describe(names, false))))
        return;
    const Status approved = m_run->approveNextWave(operatorName(), tr("approved in the console"));
    // A refusal is shown once, in the approval panel, next to what is still missing.
    if (!approved)
        m_approval->showRefusal(approved.error());
    report(tr("Approval"), approved ? approved : okStatus());
    // The runbook's rule may need more approvers than this one: say who is still missing.
    if (approved && m_run->state() == RunState::AwaitingApproval)
        m_message->showMessage(tr("Your approval is recorded; wave %1 still waits: %2").arg(QString::number(next + 1), m_run->note()),
                               MessageWidget::Type::Warning);
}

void ProgressPage::pause()
{
    if (m_run)
        report(tr("Pause"), m_run->pause(operatorName(), tr("paused in the console")));
}

void ProgressPage::resume()
{
    if (m_run)
        report(tr("Resume"), m_run->resume(operatorName(), tr("resumed in the console")));
}

void ProgressPage::abort()
{
    if (!m_run)
        return;
    const auto reason = OperatorPrompt::askReason(this, tr("Abort the run"),
        tr("Abort run %1? Steps in flight are cancelled; nothing is rolled back.\n%2")
            .arg(m_run->runId())
            .arg(describe(touchedInstances(), false)));
    if (reason)
        report(tr("Abort"), m_run->abort(operatorName(), *reason));
}

void ProgressPage::retry()
{
    if (m_run)
        report(tr("Retry"), m_run->retry(selectedInstance(), operatorName(), tr("retried in the console")));
}

void ProgressPage::actOnSelected(const QString &what, const QString &title, const QString &question, InstanceAction action)
{
    // `question` has %1 for the instance and %2 for its step (or, rolling back, its versions).
    const QString name = selectedInstance();
    const bool runRow = m_model->isRunRow(m_grid->currentIndex().row());   // the run-level steps: empty name
    if (!m_run || (name.isEmpty() && !runRow) || (runRow && action == &RunExecutor::rollback))
        return;
    const QString detail = action == &RunExecutor::rollback ? describe({name}, true)
                           : runRow                         ? m_run->runLevelProgress().step
                                                            : m_run->progress(name).step;
    if (const auto reason = OperatorPrompt::askReason(this, title, question.arg(runRow ? tr("the run") : name, detail)))
        report(what, (m_run->*action)(name, operatorName(), *reason));
}

void ProgressPage::skip()
{
    actOnSelected(tr("Skip"), tr("Skip the step"), tr("Skip %2 on %1 and go on with its next step?"), &RunExecutor::skip);
}

void ProgressPage::markDone()
{
    actOnSelected(tr("Mark done"), tr("Mark the step done"), tr("Mark %2 on %1 as done (it took effect)?"), &RunExecutor::markDone);
}

void ProgressPage::confirmManual()
{
    actOnSelected(tr("Confirm"), tr("Confirm the manual step"), tr("Confirm %2 on %1?"), &RunExecutor::confirmManual);
}

void ProgressPage::confirmManualAll()
{
    const QStringList waiting = waitingInstances();
    if (!m_run || waiting.isEmpty())
        return;
    QStringList lines;
    for (const QString &name : waiting) {
        const InstanceProgress p = m_run->progress(name);
        lines << QStringLiteral("%1: %2 — %3").arg(name, p.step, m_prompts.value(name));
    }
    const auto comment = OperatorPrompt::askReason(this, tr("Confirm the manual step for all waiting instances"),
        tr("Confirm the waiting manual step on these instances?\n%1").arg(lines.join(QLatin1Char('\n'))));
    if (!comment)
        return;
    for (const QString &name : waiting)
        if (Status s = m_run->confirmManual(name, operatorName(), *comment); !s)
            return report(tr("Confirm on %1").arg(name), s);
    addEvent(tr("manual step confirmed on %1").arg(waiting.join(QStringLiteral(", "))));
    report(tr("Confirm"), okStatus());
}

void ProgressPage::rollbackInstance()
{
    actOnSelected(tr("Rollback"), tr("Roll back"), tr("Roll back %1?\n%2"), &RunExecutor::rollback);
}

void ProgressPage::rollbackInstances(const QString &title, const QString &question, const QStringList &names)
{
    // `question`'s lowest remaining placeholder takes the instances and their versions.
    if (!m_run)
        return;
    const auto reason = OperatorPrompt::askReason(this, title, question.arg(describe(names, true)));
    if (!reason)
        return;
    for (const QString &name : names)
        if (Status s = m_run->rollback(name, operatorName(), *reason); !s)
            return report(tr("Rollback of %1").arg(name), s);
    report(tr("Rollback"), okStatus());
}

void ProgressPage::rollbackWave()
{
    if (m_run)
        rollbackInstances(tr("Roll back the wave"), tr("Roll back wave %1?\n%2").arg(m_run->currentWave() + 1),
                          touchedInstances(m_run->currentWave()));
}

void ProgressPage::rollbackAll()
{
    rollbackInstances(tr("Roll back everything"), tr("Roll back every upgraded instance?\n%1"), touchedInstances());
}

void ProgressPage::endWatch()
{
    if (!inWatch())
        return;
    const qint64 left = std::max<qint64>(0, Clock::instance().now().msecsTo(m_run->watchEnds()));
    const auto reason = OperatorPrompt::askReason(this, tr("End the watch early"),
        tr("End the watch %1 before its time and finish the run as the instances stand?\nThe gates stop measuring; "
           "your reason is written to the audit log.").arg(upgradetext::timeLeft(std::chrono::milliseconds(left))));
    if (reason)
        report(tr("End watch"), m_run->endWatch(operatorName(), *reason));
}

void ProgressPage::emergencyRollback()
{
    if (!m_run)
        return;
    const auto reason = OperatorPrompt::askReason(this, tr("Emergency rollback"),
        tr("EMERGENCY ROLLBACK of every touched instance with the runbook's emergency steps?\n%1")
            .arg(describe(touchedInstances(), true)));
    if (reason)
        report(tr("Emergency rollback"), m_run->emergencyRollback(operatorName(), *reason));
}

QString ProgressPage::operatorName() const
{
    return m_session ? m_session->operatorName() : QString();
}

} // namespace lockstep
