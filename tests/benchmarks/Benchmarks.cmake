# Benchmarks are executables, not tests: they are built here and run by hand (docs/performance.md).

# Prometheus text parsing throughput (docs/performance.md, "Prometheus text parsing").
find_package(benchmark REQUIRED)
add_executable(bench_promparse benchmarks/bench_promparse.cpp)
target_link_libraries(bench_promparse PRIVATE lockstep_engine benchmark::benchmark lockstep_compile_options)
