# Inventory editing: the add/edit dialog and the service the fleet screen changes the inventory through.
target_sources(lockstep_ui PRIVATE
  inventory/InventoryService.h
  inventory/InMemoryInventoryService.h inventory/InMemoryInventoryService.cpp
  inventory/InstanceDialog.h inventory/InstanceDialog.cpp
  inventory/RemoteInventoryLoader.h inventory/RemoteInventoryLoader.cpp
  inventory/StoreInventoryService.h inventory/StoreInventoryService.cpp
)
