# The run report page: pick a run, preview, export HTML or PDF off the GUI thread (builder: app/report).
target_sources(lockstep_ui PRIVATE
  report/SaveFileDialog.h report/SaveFileDialog.cpp
  report/ReportPage.h report/ReportPage.cpp
)
