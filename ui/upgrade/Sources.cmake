# Sources of ui/upgrade are added here with target_sources(lockstep_ui PRIVATE ...).
