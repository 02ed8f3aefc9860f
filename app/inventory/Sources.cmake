# Sources of app/inventory are added here with target_sources(lockstep_engine PRIVATE ...).
target_sources(lockstep_engine PRIVATE
  inventory/InventoryFile.h inventory/InventoryFile.cpp
  inventory/InventorySource.h inventory/InventorySource.cpp
  inventory/Inventory.h
  inventory/InventoryValidator.h inventory/InventoryValidator.cpp
  inventory/YamlInventoryReader.h inventory/YamlInventoryReader.cpp
  inventory/AnsibleInventoryReader.h inventory/AnsibleInventoryReader.cpp
  inventory/InventoryImporter.h inventory/InventoryImporter.cpp
)
