# GUI tests: real widgets on the offscreen platform, found by objectName.
lockstep_add_test(NAME tst_mainwindow SOURCES gui/tst_mainwindow.cpp gui/DemoFleet.h LABELS gui LIBS lockstep_ui)
lockstep_add_test(NAME tst_screenshot SOURCES gui/tst_screenshot.cpp gui/FleetSimInventory.h LABELS gui LIBS lockstep_ui)
lockstep_add_test(NAME tst_fleetlive SOURCES gui/tst_fleetlive.cpp gui/FleetSimInventory.h LABELS gui LIBS lockstep_ui TIMEOUT 120)
lockstep_add_test(NAME tst_translations SOURCES gui/tst_translations.cpp gui/TranslationFile.h LABELS gui LIBS lockstep_ui)
# The .qm main.cpp loads; the .ts, lupdate and the sources it reads (to find strings without German).
target_compile_definitions(tst_translations PRIVATE LOCKSTEP_QM_DIR="${PROJECT_BINARY_DIR}/translations"
  LOCKSTEP_TS_FILE="${PROJECT_SOURCE_DIR}/translations/lockstep_de.ts"
  LOCKSTEP_LUPDATE="$<TARGET_FILE:Qt6::lupdate>"
  LOCKSTEP_LUPDATE_SOURCES="${PROJECT_BINARY_DIR}/translations/lockstep_sources.lst")
add_dependencies(tst_translations lockstep_lrelease)
lockstep_add_test(NAME tst_signoffdialog SOURCES gui/tst_signoffdialog.cpp engine/EngineFixture.h engine/FakeStepLauncher.h LABELS gui LIBS lockstep_ui)
lockstep_add_test(NAME tst_outputpane SOURCES gui/tst_outputpane.cpp LABELS gui LIBS lockstep_ui)
lockstep_add_test(NAME tst_upgrade SOURCES gui/tst_upgrade.cpp gui/UpgradeTestBase.h gui/UpgradeFixture.h gui/FleetSimInventory.h LABELS gui LIBS lockstep_ui TIMEOUT 300)
lockstep_add_test(NAME tst_upgradecontrol SOURCES gui/tst_upgradecontrol.cpp gui/UpgradeTestBase.h gui/UpgradeFixture.h gui/FleetSimInventory.h runbook/TinyHttpServer.h LABELS gui LIBS lockstep_ui TIMEOUT 300)
lockstep_add_test(NAME tst_upgradewatch SOURCES gui/tst_upgradewatch.cpp gui/UpgradeTestBase.h gui/UpgradeFixture.h gui/FleetSimInventory.h LABELS gui LIBS lockstep_ui TIMEOUT 300)
# Each of the five bundled upgrades clicked through on the demo's set-up (packaging/run-demo.sh).
lockstep_add_test(NAME tst_demo_upgrades SOURCES gui/tst_demo_upgrades.cpp gui/DemoPeers.h gui/UpgradeTestBase.h gui/UpgradeFixture.h gui/FleetSimInventory.h LABELS gui LIBS lockstep_ui lockstep_e2esupport TIMEOUT 600)
# Issue 17: the failure policy acts at once, rollbacks show live, waits say how long (fleetsim).
lockstep_add_test(NAME tst_runscreens SOURCES gui/tst_runscreens.cpp gui/UpgradeTestBase.h gui/UpgradeFixture.h gui/FleetSimInventory.h LABELS gui LIBS lockstep_ui TIMEOUT 300)
# The scripted click-through of the demo (docs/demo-walkthrough.md): built with the tests, run by hand,
# not registered with CTest (it takes minutes at the demo's own timings).
add_executable(demo_walkthrough gui/demo_walkthrough.cpp gui/DemoPeers.h gui/UpgradeTestBase.h gui/UpgradeFixture.h gui/FleetSimInventory.h)
target_link_libraries(demo_walkthrough PRIVATE lockstep_testsupport Qt6::Test lockstep_compile_options lockstep_ui)
lockstep_add_test(NAME tst_checklist_identity SOURCES gui/tst_checklist_identity.cpp LABELS gui LIBS lockstep_ui TIMEOUT 120)
# The same upgrade driven by keyboard alone (menus, shortcuts, mnemonics, Tab, arrows).
lockstep_add_test(NAME tst_keyboard SOURCES gui/tst_keyboard.cpp gui/UpgradeTestBase.h gui/UpgradeFixture.h gui/FleetSimInventory.h LABELS gui LIBS lockstep_ui TIMEOUT 300)
# Audit verify and report export on a worker: the event loop turns meanwhile, Cancel leaves no result.
lockstep_add_test(NAME tst_backgroundjobs SOURCES gui/tst_backgroundjobs.cpp LABELS gui LIBS lockstep_ui)
# What the upgrade screens say: the plan follows the fleet, no stale or false banners, reports of any run.
lockstep_add_test(NAME tst_upgradescreens SOURCES gui/tst_upgradescreens.cpp gui/UpgradeTestBase.h gui/UpgradeFixture.h gui/FleetSimInventory.h LABELS gui LIBS lockstep_ui TIMEOUT 400)
# The "Run" lane of the progress page: run-level steps (before:/after:) above the instances, resolved from their row.
lockstep_add_test(NAME tst_runlane SOURCES gui/tst_runlane.cpp engine/EngineFixture.h engine/FakeStepLauncher.h LABELS gui LIBS lockstep_ui)
# Issue 13: the CLI's lines and the progress timeline tell a run with the same sentences (RunNarration);
# the CLI's printer is compiled in from the lockstep-cli sources.
lockstep_add_test(NAME tst_runnarration SOURCES gui/tst_runnarration.cpp engine/EngineFixture.h engine/FakeStepLauncher.h
  ${PROJECT_SOURCE_DIR}/app/cli/CliRunOutput.cpp LABELS gui LIBS lockstep_ui)
# The wave approval panel on one desktop: why an approval is refused, SSH-signed approvals pasted in.
lockstep_add_test(NAME tst_wave_approval_identity SOURCES gui/tst_wave_approval_identity.cpp engine/RoundGates.h LABELS gui LIBS lockstep_ui TIMEOUT 120)
# Issue 12: an instance whose rollback reached a step nothing can undo shows "needs restore"; both answers by keyboard.
lockstep_add_test(NAME tst_needsrestore SOURCES gui/tst_needsrestore.cpp engine/EngineFixture.h engine/FakeStepLauncher.h LABELS gui LIBS lockstep_ui)
