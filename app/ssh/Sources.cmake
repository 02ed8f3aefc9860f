# Sources of app/ssh are added here with target_sources(lockstep_engine PRIVATE ...).
