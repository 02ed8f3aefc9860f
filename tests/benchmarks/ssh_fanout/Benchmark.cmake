# SSH fan-out driver; run.sh runs it against parallel-ssh, clush and Ansible (docs/performance.md, "SSH fan-out").
add_executable(bench_ssh_fanout benchmarks/ssh_fanout/bench_ssh_fanout.cpp)
target_link_libraries(bench_ssh_fanout PRIVATE lockstep_engine lockstep_compile_options)
