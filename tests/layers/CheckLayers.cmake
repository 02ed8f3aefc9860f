# The layer rules of docs/architecture.md, checked on the #include lines of the source tree:
#   cmake -DLOCKSTEP_SOURCE_DIR=<repository> -P tests/layers/CheckLayers.cmake
# Each rule: the folder whose files are checked, the include prefix they must not use, and why. A file
# that breaks one is named with its line, and the check fails (CTest: tst_layers).
if(NOT LOCKSTEP_SOURCE_DIR)
  message(FATAL_ERROR "give -DLOCKSTEP_SOURCE_DIR=<the repository>")
endif()

# folder | forbidden include prefix | reason
set(rules
  "app/|ui/|the engine and the CLI never depend on the GUI, layers ui -> app -> models"
  "models/|app/|models are the bottom layer"
  "models/|ui/|models are the bottom layer"
  "ui/runs/|ui/upgrade/|a page gets the session, not the upgrade window's pieces (ui/upgrade includes the pages)"
  "ui/report/|ui/upgrade/|a page gets the session, not the upgrade window's pieces (ui/upgrade includes the pages)"
  "ui/monitoring/|ui/upgrade/|a page gets the session, not the upgrade window's pieces (ui/upgrade includes the pages)"
  "ui/ssh/|ui/upgrade/|a page gets the session, not the upgrade window's pieces (ui/upgrade includes the pages)"
  "ui/audit/|ui/upgrade/|a page gets the session, not the upgrade window's pieces (ui/upgrade includes the pages)"
  "app/transport/|app/runbook/|transports carry bytes, what a runbook step means is the engine's"
  "app/metrics/|app/engine/|metrics are read by the engine, they do not know it (the gate interface is app/metrics/GateEvaluator.h)"
  "app/|app/fleetsim/|the fleet simulator is a tool of its own, not part of the engine"
  "app/fleetsim/|app/|the fleet simulator is built on models/ only (and itself)"
)
# Files a rule exempts: folder prefix | allowed include prefix (the folder's own files).
set(exemptions
  "app/fleetsim/|app/fleetsim/"
)

set(violations "")
file(GLOB_RECURSE sources RELATIVE "${LOCKSTEP_SOURCE_DIR}"
     "${LOCKSTEP_SOURCE_DIR}/app/*.h" "${LOCKSTEP_SOURCE_DIR}/app/*.cpp"
     "${LOCKSTEP_SOURCE_DIR}/models/*.h" "${LOCKSTEP_SOURCE_DIR}/models/*.cpp"
     "${LOCKSTEP_SOURCE_DIR}/ui/*.h" "${LOCKSTEP_SOURCE_DIR}/ui/*.cpp")
foreach(source IN LISTS sources)
  file(STRINGS "${LOCKSTEP_SOURCE_DIR}/${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  if(NOT includes)
    continue()
  endif()
  foreach(include IN LISTS includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*$" "\\1" target "${include}")
    foreach(rule IN LISTS rules)
      string(REPLACE "|" ";" parts "${rule}")
      list(GET parts 0 folder)
      list(LENGTH parts n)
      if(n LESS 3)
        message(FATAL_ERROR "a rule needs folder|include|reason (no semicolons): ${rule}")
      endif()
      list(GET parts 1 forbidden)
      list(GET parts 2 reason)
      string(FIND "${source}" "${folder}" inFolder)
      string(FIND "${target}" "${forbidden}" forbiddenAt)
      if(NOT inFolder EQUAL 0 OR NOT forbiddenAt EQUAL 0)
        continue()
      endif()
      set(exempt FALSE)
      foreach(exemption IN LISTS exemptions)
        string(REPLACE "|" ";" e "${exemption}")
        list(GET e 0 eFolder)
        list(GET e 1 eAllowed)
        string(FIND "${source}" "${eFolder}" a)
        string(FIND "${target}" "${eAllowed}" b)
        if(a EQUAL 0 AND b EQUAL 0)
          set(exempt TRUE)
        endif()
      endforeach()
      if(exempt)
        continue()
      endif()
      # The line number, read only for a file that breaks a rule.
      file(STRINGS "${LOCKSTEP_SOURCE_DIR}/${source}" lines)
      set(number 0)
      set(line "?")
      foreach(text IN LISTS lines)
        math(EXPR number "${number} + 1")
        if(text STREQUAL include)
          set(line ${number})
          break()
        endif()
      endforeach()
      list(APPEND violations "${source}:${line}: includes \"${target}\": ${folder} must not include ${forbidden} (${reason})")
    endforeach()
  endforeach()
endforeach()

list(LENGTH sources checked)
if(violations)
  list(LENGTH violations count)
  foreach(violation IN LISTS violations)
    message(NOTICE "${violation}")   # NOTICE: one unwrapped line each, as a compiler would say it
  endforeach()
  message(FATAL_ERROR "${count} include(s) against the layers (docs/architecture.md, \"Layers\")")
endif()
message(STATUS "layers: ${checked} files, every #include within the layer rules")
