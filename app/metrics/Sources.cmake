# Sources of app/metrics are added here with target_sources(lockstep_engine PRIVATE ...).
