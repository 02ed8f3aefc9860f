# Sources of app/discovery are added here with target_sources(lockstep_engine PRIVATE ...).
