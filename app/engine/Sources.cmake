# Sources of app/engine are added here with target_sources(lockstep_engine PRIVATE ...).
