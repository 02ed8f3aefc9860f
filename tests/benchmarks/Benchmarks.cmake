# Benchmarks are executables, not tests: they are built here and run by hand (docs/performance.md).

# Prometheus text parsing throughput (docs/performance.md, "Prometheus text parsing").
find_package(benchmark REQUIRED)
add_executable(bench_promparse benchmarks/bench_promparse.cpp)
target_link_libraries(bench_promparse PRIVATE lockstep_engine benchmark::benchmark lockstep_compile_options)

# One health/version poll cycle over 1,000 fleetsim instances (docs/performance.md, "Health poll").
add_executable(bench_poll benchmarks/bench_poll.cpp)
target_link_libraries(bench_poll PRIVATE lockstep_testsupport benchmark::benchmark lockstep_compile_options)

# SSH fan-out over 100 host aliases of one loopback sshd (docs/performance.md, "SSH fan-out").
include(benchmarks/ssh_fanout/Benchmark.cmake)

# Redraw of a metric chart with 1,000,000 points (docs/performance.md, "Chart redraw").
add_executable(bench_chartredraw benchmarks/bench_chartredraw.cpp)
target_link_libraries(bench_chartredraw PRIVATE lockstep_ui benchmark::benchmark lockstep_compile_options)

# The fleet table with 10,000 instances: load, filter keystroke, poll batch (docs/performance.md, "Fleet table").
add_executable(bench_fleet benchmarks/bench_fleet.cpp gui/DemoFleet.h)
target_include_directories(bench_fleet PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(bench_fleet PRIVATE lockstep_ui Qt6::Test benchmark::benchmark lockstep_compile_options)

# Engine overhead per step and a 1,000-instance x 5-HTTP-step run (docs/performance.md, "Engine").
add_executable(bench_engine benchmarks/bench_engine.cpp)
target_link_libraries(bench_engine PRIVATE lockstep_testsupport lockstep_compile_options)

# Runbook loading and per-step templating (docs/runbook-format.md).
add_executable(bench_runbook benchmarks/bench_runbook.cpp)
target_compile_definitions(bench_runbook PRIVATE LOCKSTEP_BENCH_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
target_link_libraries(bench_runbook PRIVATE lockstep_engine benchmark::benchmark lockstep_compile_options)
