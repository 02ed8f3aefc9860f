target_sources(lockstep_models PRIVATE
  store/Database.h store/Database.cpp
  store/StoreSql.h
  store/RunRepository.h store/RunRepository.cpp
  store/LeaseRepository.h store/LeaseRepository.cpp
  store/GroupLockRepository.h store/GroupLockRepository.cpp
  store/SignOffRepository.h store/SignOffRepository.cpp
  store/GateMeasurementRepository.h store/GateMeasurementRepository.cpp
  store/Transaction.h
  store/SqlSupport.h
  store/ProductRepository.h store/ProductRepository.cpp
  store/InstanceRepository.h store/InstanceRepository.cpp
  store/ReleaseRepository.h store/ReleaseRepository.cpp
  store/StoreNotifier.h store/StoreNotifier.cpp
  store/LeaseHeartbeat.h store/LeaseHeartbeat.cpp
  store/LeaseFence.h store/LeaseFence.cpp
)
# Forward-only migrations, applied in the order of their number. Add a new file; never edit an old one.
qt_add_resources(lockstep_models lockstep_migrations
  PREFIX /lockstep/migrations
  BASE ${CMAKE_CURRENT_LIST_DIR}/migrations
  FILES
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0001_fleet.sql
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0002_audit.sql
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0003_runs.sql
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0004_lease_heartbeat.sql
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0005_instance_ssh.sql
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0006_identity.sql
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0007_audit_anchors.sql
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0009_group_locks.sql
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0010_gate_measurements.sql
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0011_run_watch.sql
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0012_step_process_group.sql
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0014_instance_vars.sql
)
