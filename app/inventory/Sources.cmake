# Sources of app/inventory are added here with target_sources(lockstep_engine PRIVATE ...).
target_sources(lockstep_engine PRIVATE
  inventory/InventoryFile.h inventory/InventoryFile.cpp
)
