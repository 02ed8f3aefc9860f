# Sources of app/inventory are added here with target_sources(lockstep_engine PRIVATE ...).
