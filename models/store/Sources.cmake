target_sources(lockstep_models PRIVATE
  store/Database.h store/Database.cpp
)
# Forward-only migrations, applied in the order of their number. Add a new file; never edit an old one.
qt_add_resources(lockstep_models lockstep_migrations
  PREFIX /lockstep/migrations
  BASE ${CMAKE_CURRENT_LIST_DIR}/migrations
  FILES
    ${CMAKE_CURRENT_LIST_DIR}/migrations/0001_fleet.sql
)
