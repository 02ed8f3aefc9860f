# Sources of ui/charts are added here with target_sources(lockstep_ui PRIVATE ...).
