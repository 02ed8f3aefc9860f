# Run history and crash recovery.
target_sources(lockstep_ui PRIVATE
  runs/RunListModel.h runs/RunListModel.cpp
  runs/PastRunView.h
  runs/RunsPage.h runs/RunsPage.cpp
  runs/SignOffDialog.h runs/SignOffDialog.cpp
)
