# Sources of app/runbook are added here with target_sources(lockstep_engine PRIVATE ...).
