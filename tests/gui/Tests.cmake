# GUI tests: real widgets on the offscreen platform, found by objectName.
lockstep_add_test(NAME tst_mainwindow SOURCES gui/tst_mainwindow.cpp gui/DemoFleet.h LABELS gui LIBS lockstep_ui)
lockstep_add_test(NAME tst_screenshot SOURCES gui/tst_screenshot.cpp gui/FleetSimInventory.h LABELS gui LIBS lockstep_ui)
lockstep_add_test(NAME tst_fleetlive SOURCES gui/tst_fleetlive.cpp gui/FleetSimInventory.h LABELS gui LIBS lockstep_ui TIMEOUT 120)
