#!/usr/bin/env bash
# spantop's insights against generated parallel DAG workforces: emit_dag_workforce.py writes three
# Eigent-shaped projects per file (random task DAGs, 4-6 parallel workers, retries, one give-up
# that halts its workforce, one outlier each) with the real OTLP JSON file exporter, in a `before`
# and an `after` run of the same job, and a truth for each. check_insights.py compares
#   spantop report --json FILE              critical path, waste, outliers, status counts
#   spantop diff --json BEFORE AFTER        pairs, and every task's change tags (none on unchanged ones)
#   spantop report --budget-usd X FILE      exit 3 and over_budget exactly where cost > X; exit 0 above all
# No server, no sleeps.
#
#   scripts/interop-insights.sh    (after swift build; SPANTOP_BIN overrides the binary,
#                                   INSIGHTS_SEEDS="11 12" the seeds)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts="$root/scripts"
spantop="${SPANTOP_BIN:-$(cd "$root" && swift build --show-bin-path)/spantop}"
python="${PYTHON:-python3}"
read -r -a seeds <<<"${INSIGHTS_SEEDS:-11 12}"
export PYTHONDONTWRITEBYTECODE=1
# OTEL_* settings from the environment would change what gets exported.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^OTEL_' || true)

venv="$root/.venv/interop-insights"
if [[ ! -x "$venv/bin/python" ]]; then
    echo "creating $venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check opentelemetry-sdk opentelemetry-exporter-otlp-json-file
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. The workforces and their truths.
for seed in "${seeds[@]}"; do
    for variant in before after; do
        name="s$seed-$variant"
        "$venv/bin/python" "$scripts/emit_dag_workforce.py" --seed "$seed" --variant "$variant" \
            --out "$work/$name.jsonl" --truth "$work/$name.truth.json" >"$work/$name.gen" 2>&1 \
            || { cat "$work/$name.gen" >&2; echo "FAIL interop-insights: emit_dag_workforce.py --seed $seed --variant $variant" >&2; exit 1; }
        sed "s|$work/||; s/^/     /" "$work/$name.gen"
    done
done

# 2. A binary without the insights cannot be checked: say so instead of listing every key.
first="$work/s${seeds[0]}-before"
[[ -x "$spantop" ]] || { echo "FAIL interop-insights: no binary at $spantop" >&2; exit 1; }
"$spantop" report --json "$first.jsonl" >"$work/probe.json" 2>"$work/probe.err" \
    || { cat "$work/probe.err" >&2; echo "FAIL interop-insights: spantop report failed" >&2; exit 1; }
"$python" "$scripts/check_insights.py" probe "$work/probe.json" \
    || { echo "FAIL interop-insights: '$spantop report --json' has no critical_path (a binary from before the insights?)" >&2; exit 1; }
"$spantop" diff --help >"$work/diff-help" 2>&1 || true
grep -q 'USAGE: spantop diff' "$work/diff-help" \
    || { echo "FAIL interop-insights: '$spantop diff --help' shows no diff usage (a binary from before spantop diff?)" >&2; exit 1; }

failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

# 3. Checks. Each prints what it checked; problems go to stderr.
for seed in "${seeds[@]}"; do
    for variant in before after; do
        name="s$seed-$variant"
        if "$spantop" report --json "$work/$name.jsonl" >"$work/$name.report.json" 2>"$work/$name.report.err"; then
            if "$python" "$scripts/check_insights.py" report "$work/$name.report.json" "$work/$name.truth.json" >"$work/$name.check" 2>&1; then
                echo "ok   report  seed $seed $variant"
            else
                fail "report  seed $seed $variant"
            fi
            cat "$work/$name.check"
        else
            fail "report  seed $seed $variant: spantop report exited $?"; cat "$work/$name.report.err"
        fi
    done

    b="$work/s$seed-before" a="$work/s$seed-after"
    if "$spantop" diff --json "$b.jsonl" "$a.jsonl" >"$work/s$seed.diff.json" 2>"$work/s$seed.diff.err"; then
        if "$python" "$scripts/check_insights.py" diff "$work/s$seed.diff.json" "$b.truth.json" "$a.truth.json" >"$work/s$seed.diff.check" 2>&1; then
            echo "ok   diff    seed $seed"
        else
            fail "diff    seed $seed"
        fi
        cat "$work/s$seed.diff.check"
    else
        fail "diff    seed $seed: spantop diff exited $?"; cat "$work/s$seed.diff.err"
    fi

    # Budgets from the report's own costs (their pricing is checked by interop-prices): one
    # between the two largest project costs, one above them all.
    if [[ -s "$b.report.json" ]] && budgets="$("$python" "$scripts/check_insights.py" budget-pick "$b.report.json")"; then
        read -r low high <<<"$budgets"
        for usd in "$low" "$high"; do
            want=0
            [[ "$usd" == "$low" ]] && want=3
            rc=0
            "$spantop" report --json --budget-usd "$usd" "$b.jsonl" >"$work/budget.json" 2>"$work/budget.err" || rc=$?
            if [[ "$rc" != "$want" ]]; then
                fail "budget  seed $seed \$$usd: exit status $rc, expected $want"; cat "$work/budget.err"
            elif "$python" "$scripts/check_insights.py" budget "$work/budget.json" "$usd" >"$work/budget.check" 2>&1; then
                echo "ok   budget  seed $seed: exit $rc"; cat "$work/budget.check"
            else
                fail "budget  seed $seed \$$usd"; cat "$work/budget.check"
            fi
        done
    else
        fail "budget  seed $seed: no budgets to try (see the report check)"
    fi
done

if [[ "$failed" != 0 ]]; then
    echo "FAIL interop-insights: $failed check(s) failed" >&2
    exit 1
fi
echo "ok   insights match the truth for seeds ${seeds[*]} (report, diff, budget)"
