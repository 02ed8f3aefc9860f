# Sources of models/run are added here with target_sources(lockstep_models PRIVATE ...).
