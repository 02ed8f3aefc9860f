# Sources of app/core are added here with target_sources(lockstep_engine PRIVATE ...).
