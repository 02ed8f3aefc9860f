# Sources of app/audit are added here with target_sources(lockstep_engine PRIVATE ...).
