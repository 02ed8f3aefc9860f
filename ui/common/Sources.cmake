# Widgets and seams shared by every page.
target_sources(lockstep_ui PRIVATE
  common/FileDialog.h common/FileDialog.cpp
  common/MessageWidget.h common/MessageWidget.cpp
  common/Theme.h common/Theme.cpp
)
