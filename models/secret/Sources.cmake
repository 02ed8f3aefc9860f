target_sources(lockstep_models PRIVATE
  secret/Redactor.h secret/Redactor.cpp
)
