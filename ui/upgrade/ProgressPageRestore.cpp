// The progress page's part for instances that need restore: a rollback reached a step nothing can undo
// (runbook `undo: {none: MESSAGE}`). The grid shows the state (ProgressModel), the message bar says what to
// restore, and two actions answer: Restored… (how; the rollback goes on) and Leave unrestored… (why; the
// instance is reported "left on V — needs restore"). Both ask through OperatorPrompt and are audited.
#include "ui/upgrade/ProgressPage.h"

#include "app/engine/RunExecutor.h"
#include "ui/common/MessageWidget.h"
#include "ui/upgrade/OperatorPrompt.h"
#include "ui/upgrade/ProgressModel.h"

#include <QAction>
#include <QTableView>

namespace lockstep {

QStringList ProgressPage::restoreInstances() const
{
    QStringList out;
    if (!m_run || m_readOnly)
        return out;
    for (const InstanceProgress &p : m_run->progress())
        if (m_run->waitsForRestore(p.instance))
            out << p.instance;
    return out;
}

void ProgressPage::showRestoreNeeded(const QString &instance, const QString &step, const QString &message)
{
    m_message->showMessage(tr("%1 needs restore: %2 cannot be undone. %3 — then Restored… (%4), or Leave unrestored… (%5)")
                               .arg(instance.toHtmlEscaped(), step.toHtmlEscaped(), message.toHtmlEscaped(),
                                    m_restored->shortcut().toString(QKeySequence::NativeText),
                                    m_leaveUnrestored->shortcut().toString(QKeySequence::NativeText)),
                           MessageWidget::Type::Error);
    // The instance the question is about is selected, so both answers work from the keyboard at once.
    if (!m_run->waitsForRestore(selectedInstance()))
        m_grid->setCurrentIndex(m_model->index(m_model->rowOf(instance), ProgressModel::InstanceColumn));
    updateActions();
    updateStatus();
}

void ProgressPage::updateRestoreActions(bool live, const QString &selected)
{
    const QStringList waiting = restoreInstances();
    const bool selectedWaits = live && !selected.isEmpty() && waiting.contains(selected);
    const QString whyNot = waiting.isEmpty() ? tr("no instance needs restore")
                                             : tr("select an instance that needs restore: %1").arg(waiting.join(QStringLiteral(", ")));
    for (QAction *action : {m_restored, m_leaveUnrestored}) {
        action->setVisible(!waiting.isEmpty());
        setAvailable(action, selectedWaits, whyNot);
    }
}

void ProgressPage::confirmRestored()
{
    const QString name = selectedInstance();
    if (!m_run || !m_run->waitsForRestore(name))
        return;
    const auto how = OperatorPrompt::askReason(
        this, tr("Confirm the restore"),
        tr("Has %1 been restored by hand?\n%2\n\nSay how (the snapshot or dump, and when). The rollback then goes on and "
           "%1 ends rolled back.")
            .arg(name, m_run->progress(name).note));
    if (how)
        report(tr("Restored"), m_run->confirmRestored(name, operatorName(), *how));
}

void ProgressPage::leaveUnrestored()
{
    const QString name = selectedInstance();
    if (!m_run || !m_run->waitsForRestore(name))
        return;
    const auto why = OperatorPrompt::askReason(
        this, tr("Leave unrestored"),
        tr("Leave %1 as it is, on %2?\n%3\n\nIt is reported as needing restore, never as rolled back, and the run fails.")
            .arg(name, m_run->plan().targetVersion.toString(), m_run->progress(name).note));
    if (why)
        report(tr("Leave unrestored"), m_run->leaveUnrestored(name, operatorName(), *why));
}

} // namespace lockstep
