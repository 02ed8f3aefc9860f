# Sources of ui/fleet are added here with target_sources(lockstep_ui PRIVATE ...).
