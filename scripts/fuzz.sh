#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for SECONDS (default 60).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#   targets: protobuf json-line protobuf-differential http-request pricing-file theme-file (default: all)
#
# The targets exist only when SPANTOP_FUZZ=1 (see the end of Package.swift), are built with
# -sanitize=fuzzer,address in their own scratch path (.build-fuzz), and leave `swift build` and
# `swift test` untouched. Each run starts from the committed seeds in Fuzz/Corpus/<target> and
# writes what it finds to a temporary corpus, never to the committed one. Crash inputs go to
# FUZZ_ARTIFACTS (default .build-fuzz/artifacts). Exits non-zero if any target crashed.
#
#   FUZZ_JOBS=N        run N targets at once (default 1)
#   FUZZ_KEEP_CORPUS=1 keep the temporary corpora (their path is printed)
#   FUZZ_ARGS="..."    extra libFuzzer flags, e.g. -max_len=65536
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

seconds="${1:-60}"
shift || true
all=(protobuf json-line protobuf-differential http-request pricing-file theme-file)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")

product() {
    case "$1" in
        protobuf) echo FuzzProtobuf ;;
        json-line) echo FuzzJSONLine ;;
        protobuf-differential) echo FuzzProtobufDifferential ;;
        http-request) echo FuzzHTTPRequest ;;
        pricing-file) echo FuzzPricingFile ;;
        theme-file) echo FuzzThemeFile ;;
        *) echo "unknown fuzz target $1 (known: ${all[*]})" >&2; return 1 ;;
    esac
}

scratch="$root/.build-fuzz"
flags=(-c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing)
started=$(date +%s)
for t in "${targets[@]}"; do
    p="$(product "$t")"
    echo "== build $p"
    # The filter never fails, so the pipeline's status is the build's (pipefail). A failed
    # build must stop here: a cached .build-fuzz would otherwise fuzz the old binary.
    if ! SPANTOP_FUZZ=1 nice -n 10 swift build "${flags[@]}" --product "$p" 2>&1 \
        | { grep -Ev '^\[|Cannot export local symbol' || true; }; then
        echo "build of $p failed" >&2
        exit 1
    fi
done
bin="$(SPANTOP_FUZZ=1 swift build "${flags[@]}" --show-bin-path)"
built=$(date +%s)
echo "== built in $((built - started)) s"

artifacts="${FUZZ_ARTIFACTS:-$scratch/artifacts}"
mkdir -p "$artifacts"
work="$(mktemp -d "${TMPDIR:-/tmp}/spantop-fuzz.XXXXXX")"
[[ "${FUZZ_KEEP_CORPUS:-0}" == 1 ]] || trap 'rm -rf "$work"' EXIT
echo "== fuzzing ${targets[*]} for $seconds s each (${FUZZ_JOBS:-1} at a time); crash inputs go to $artifacts"

run() {
    local t="$1" p rc=0
    p="$(product "$t")"
    mkdir -p "$work/$t"
    # Leak detection is off, per input and at exit: lazily built globals (the bundled price
    # catalog's regexes and JSON) stay allocated until exit and LeakSanitizer reports them.
    # shellcheck disable=SC2086
    # Swift's own backtracer would read poisoned memory under ASan and hide the real trap.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" nice -n 10 "$bin/$p" "$work/$t" "Fuzz/Corpus/$t" -max_total_time="$seconds" -detect_leaks=0 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$t-" ${FUZZ_ARGS:-} >"$work/$t.log" 2>&1 || rc=$?
    echo "$rc" >"$work/$t.rc"
}

# The sanitizer's or Swift's report of a crash (or the log's end when there is none).
excerpt() {
    if grep -qE '==[0-9]+==ERROR|Fatal error|deadly signal' "$1"; then
        sed -nE '/==[0-9]+==ERROR|Fatal error|deadly signal/,$p' "$1" | grep -vE '^(INFO|#[0-9]+)' | head -80 || true
    else
        tail -30 "$1"
    fi
}

status=0
pids=()
names=()
for t in "${targets[@]}"; do
    run "$t" &
    pids+=($!)
    names+=("$t")
    if ((${#pids[@]} >= ${FUZZ_JOBS:-1})); then
        wait "${pids[0]}" || true
        pids=("${pids[@]:1}")
    fi
done
wait || true

printf '%-24s %14s %10s %8s  %s\n' target executions exec/s corpus result
for t in "${names[@]}"; do
    log="$work/$t.log"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    # A crashed run prints no final stats: take the last status line instead. One that crashed
    # on a seed may have none (grep fails; under pipefail that must not end the script).
    [[ -n "$runs" ]] || runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    [[ -n "$rate" ]] || rate=$(grep -oE 'exec/s: [0-9]+' "$log" | tail -1 | cut -d' ' -f2 || true)
    corpus=$(find "$work/$t" -type f | wc -l)
    if [[ "$(cat "$work/$t.rc" 2>/dev/null)" != 0 ]] \
        || grep -qE '^==[0-9]+==ERROR|Test unit written to|deadly signal|Fatal error' "$log"; then
        result="CRASH: $(grep -o 'Test unit written to .*' "$log" | head -1)"
        status=1
        echo "--- $t: the end of $log"
        excerpt "$log"
        # CI keeps only the log: the input itself, so it can be reproduced from there.
        input="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | head -1)"
        if [[ -f "$input" && $(wc -c <"$input") -le 65536 ]]; then
            echo "--- $t: the input ($(wc -c <"$input") bytes), base64; decode with base64 -d"
            base64 -w0 "$input"
            echo
        fi
    else
        result=ok
    fi
    printf '%-24s %14s %10s %8s  %s\n' "$t" "${runs:-?}" "${rate:-?}" "$corpus" "$result"
done
echo "== total $(( $(date +%s) - started )) s (build $((built - started)) s); artifacts in $artifacts"
[[ "${FUZZ_KEEP_CORPUS:-0}" == 1 ]] && echo "== corpora kept in $work"
exit "$status"
