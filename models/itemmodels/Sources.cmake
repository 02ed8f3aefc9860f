# Sources of models/itemmodels are added here with target_sources(lockstep_models PRIVATE ...).
