# Benchmarks are executables, not tests: they are built here and run by hand (docs/performance.md).
