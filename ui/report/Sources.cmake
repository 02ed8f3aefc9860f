# The run report: preview, HTML and PDF export (QPdfWriter: QtGui, no PrintSupport).
target_sources(lockstep_ui PRIVATE
  report/RunReportData.h
  report/RunReport.h report/RunReport.cpp
  report/SaveFileDialog.h report/SaveFileDialog.cpp
  report/ReportPage.h report/ReportPage.cpp
)
