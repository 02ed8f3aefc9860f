# The guided upgrade: plan, checklist, progress (ui/upgrade).
target_sources(lockstep_ui PRIVATE
  upgrade/UpgradeText.h upgrade/UpgradeText.cpp
  upgrade/OperatorPrompt.h upgrade/OperatorPrompt.cpp
  upgrade/PlanPage.h upgrade/PlanPage.cpp
  upgrade/ChecklistModel.h upgrade/ChecklistModel.cpp
  upgrade/ChecklistPage.h upgrade/ChecklistPage.cpp
  upgrade/ProgressModel.h upgrade/ProgressModel.cpp
  upgrade/StepCellDelegate.h upgrade/StepCellDelegate.cpp
  upgrade/OutputPane.h upgrade/OutputPane.cpp
  upgrade/GatePanel.h upgrade/GatePanel.cpp
  upgrade/RollbackCountdown.h upgrade/RollbackCountdown.cpp
  upgrade/ProgressPage.h upgrade/ProgressPage.cpp upgrade/ProgressPageRestore.cpp
  upgrade/SignatureVerification.h upgrade/SignatureVerification.cpp
  upgrade/WaveApprovalPanel.h upgrade/WaveApprovalPanel.cpp
  upgrade/ShortcutsDialog.h upgrade/ShortcutsDialog.cpp
  upgrade/UpgradeMenuBar.h upgrade/UpgradeMenuBar.cpp
  upgrade/UpgradeWindow.h upgrade/UpgradeWindow.cpp
)
