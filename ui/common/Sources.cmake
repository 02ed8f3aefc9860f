# Widgets and seams shared by every page.
target_sources(lockstep_ui PRIVATE
  common/BackgroundJob.h common/BackgroundJob.cpp
  common/FileDialog.h common/FileDialog.cpp
  common/MessageWidget.h common/MessageWidget.cpp
  common/TaskProgress.h common/TaskProgress.cpp
  common/Theme.h common/Theme.cpp
)
