#!/bin/sh
# Runs every libFuzzer harness for FUZZ_SECONDS from its seed corpus in
# tests/fuzz/corpus/NAME. New inputs go to build/fuzz/corpus-NAME, so the
# repository keeps only the small seeds; a crash is written to
# build/fuzz/crash-NAME-* and fails the run.
# Prints "ok fuzz NAME: …" or "FAIL fuzz NAME: …" per harness.
#
# The seed is fixed (FUZZ_SEED, default 1) so that a smoke run walks the
# same inputs each time and a finding can be reproduced; FUZZ_SEED=0 lets
# libFuzzer pick a new one, for long exploratory runs.
secs=${FUZZ_SECONDS:-60}
seed=${FUZZ_SEED:-1}
status=0
for name in ${FUZZERS:?}; do
	work=build/fuzz/corpus-$name
	mkdir -p "$work"
	log=build/fuzz/$name.log
	if build/fuzz/fuzz_$name -seed="$seed" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="build/fuzz/crash-$name-" -print_final_stats=1 \
		"$work" "tests/fuzz/corpus/$name" > "$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "ok fuzz $name: $runs runs in ${secs} s (seed $seed), no finding"
	else
		echo "FAIL fuzz $name: $(grep -m1 'ERROR\|runtime error\|Timeout\|out-of-memory' "$log")"
		tail -n 30 "$log"
		status=1
	fi
done
exit $status
