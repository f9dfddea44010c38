#!/usr/bin/env bash
# Builds the static release binary and proves it runs without the Swift toolchain: ldd shows
# no toolchain library, SwiftProtobuf is not linked, no resource bundle is looked up, and a
# copy of the binary runs `--version`, `report`, `prices` and the TUI (in tmux) with a clean
# environment, the toolchain and this checkout hidden (a private mount namespace, where
# `unshare` allows one) and every library the loader opens checked (LD_DEBUG=libs). Then
# scripts/install.sh installs that binary into a scratch PREFIX, twice, and the files are checked.
#
#   scripts/check-static.sh [--no-build]   (--no-build: check the binary already built)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

fail() {
    echo "check-static: FAILED: $*" >&2
    exit 1
}
say() { echo "check-static: $*"; }

for tool in ldd nm strings tmux python3; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (binutils has nm and strings)"
done

if [[ "${1:-}" != --no-build ]]; then
    start=$SECONDS
    nice -n 10 swift build -c release --static-swift-stdlib --product spantop
    say "static release build took $((SECONDS - start)) s"
fi
bin="$(swift build -c release --show-bin-path)/spantop"
[[ -x "$bin" ]] || fail "no binary at $bin"

# The toolchain is what `swift` resolves to, two levels up (…/usr/bin/swift → …/usr).
toolchain="$(cd "$(dirname "$(readlink -f "$(command -v swift)")")/.." && pwd)"
say "binary $bin, $(du -h "$bin" | cut -f1); toolchain $toolchain"

ldd_out="$(ldd "$bin")"
echo "$ldd_out"
swift_libs='libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|libXCTest|libTesting'
if grep -E "$swift_libs|not found" <<<"$ldd_out" || grep -F "$toolchain/" <<<"$ldd_out"; then
    fail "the binary needs the libraries above"
fi

# Symbols and type names of every linked module name it, stripped or not. (grep -c reads all
# its input: an early exit would fail nm with SIGPIPE under pipefail and hide a match.)
protobuf="$({ nm "$bin" 2>/dev/null || true; strings "$bin"; } | grep -c SwiftProtobuf || true)"
((protobuf == 0)) || fail "SwiftProtobuf is linked into spantop ($protobuf symbols and strings)"
# SwiftPM's Bundle.module stops the program when its bundle is not beside the binary.
bundles="$(strings "$bin" | grep -c -E 'spantop_[A-Za-z]+\.resources' || true)"
((bundles == 0)) || fail "spantop looks up a resource bundle"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$bin" "$tmp/spantop"
cp Tests/Fixtures/workforce.otlp.jsonl "$tmp/"
cat >"$tmp/run.sh" <<'EOF'
#!/bin/sh
# Runs inside the clean environment; $1 is the directory holding the copy and the fixture.
# Only spantop runs with LD_DEBUG (into ld.PID files), so the list is its libraries alone.
set -eu
cd "$1"
trace="LD_DEBUG=libs LD_DEBUG_OUTPUT=$1/ld"
env $trace ./spantop --version >version.out
env $trace ./spantop report workforce.otlp.jsonl >report.out
env $trace ./spantop report --json workforce.otlp.jsonl >report.json
env $trace ./spantop prices gpt-4o-mini >prices.out
# The TUI draws with a bundled theme; q quits once the overview is on screen.
export TMUX_TMPDIR="$1"
tmux new-session -d -s check -x 100 -y 30 \
    "env $trace ./spantop replay --speed max --theme high-contrast workforce.otlp.jsonl 2>tui.err; echo \$? >tui.status"
i=0
until tmux capture-pane -p -t check 2>/dev/null | grep -q proj-alpha; do
    i=$((i + 1))
    [ "$i" -le 100 ] || break
    sleep 0.1
done
tmux capture-pane -p -t check >tui.screen 2>/dev/null || true
tmux send-keys -t check q 2>/dev/null || true
i=0
until [ -f tui.status ] || [ "$i" -gt 50 ]; do i=$((i + 1)); sleep 0.1; done
tmux kill-server 2>/dev/null || true
EOF
chmod +x "$tmp/run.sh"

clean_env=(env -i PATH=/usr/bin:/bin HOME="$tmp" LANG=C.UTF-8 TERM=xterm-256color)
hidden=()
[[ "$toolchain" == /usr || "$toolchain" == / ]] || hidden+=("$toolchain")
hidden+=("$root")
# A mount namespace where tmpfs covers the toolchain and the checkout: nothing in them can be
# opened, whatever path was compiled in. Unprivileged users need a user namespace for it.
mounts=""
for dir in "${hidden[@]}"; do mounts+="mount -t tmpfs none '$dir' && "; done
isolated=""
for flags in -rm -m; do
    if unshare "$flags" sh -c "${mounts}true" 2>/dev/null; then
        isolated="unshare $flags"
        break
    fi
done
if [[ -n "$isolated" ]]; then
    say "running the copy with a clean environment, ${hidden[*]} hidden ($isolated)"
    $isolated sh -c "${mounts}exec $(printf '%q ' "${clean_env[@]}") sh '$tmp/run.sh' '$tmp'" \
        || fail "the copy did not run with ${hidden[*]} hidden (output above)"
else
    say "no mount namespace here (unshare refused): a clean environment, then LD_DEBUG's list"
    "${clean_env[@]}" sh "$tmp/run.sh" "$tmp" || fail "the copy did not run (output above)"
fi

version="$(cat "$tmp/version.out")"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || fail "spantop --version printed '$version'"
grep -q proj-alpha "$tmp/report.out" || fail "spantop report printed no project: $(cat "$tmp/report.out")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"] == 1 and d["projects"]' \
    "$tmp/report.json" || fail "spantop report --json is not a version-1 report"
grep -q gpt-4o-mini "$tmp/prices.out" || fail "spantop prices printed: $(cat "$tmp/prices.out")"
if [[ "$(cat "$tmp/tui.status" 2>/dev/null)" != 0 ]] || ! grep -q proj-alpha "$tmp/tui.screen"; then
    cat "$tmp/tui.err" "$tmp/tui.screen" 2>/dev/null >&2 || true
    fail "spantop replay (TUI) did not show the overview and quit cleanly"
fi
# The same report as the debug build of the same sources, when there is one.
if [[ -x .build/debug/spantop ]]; then
    (cd "$tmp" && "$root/.build/debug/spantop" report --json workforce.otlp.jsonl) >"$tmp/report.debug.json"
    cmp -s "$tmp/report.json" "$tmp/report.debug.json" || fail "report --json differs from the debug build's"
fi

# Every object the loader opened, from LD_DEBUG's "calling init" lines.
compgen -G "$tmp/ld.*" >/dev/null || fail "LD_DEBUG wrote nothing"
loaded="$(sed -n 's/.*calling init: //p' "$tmp"/ld.* | sort -u)"
[[ -n "$loaded" ]] || fail "LD_DEBUG recorded no libraries"
for dir in "${hidden[@]}"; do
    if grep -F "$dir/" <<<"$loaded"; then fail "the copy loaded the libraries above"; fi
done
if grep -E "$swift_libs" <<<"$loaded"; then fail "the copy loaded the libraries above"; fi
say "libraries loaded: $(tr '\n' ' ' <<<"$loaded")"
say "spantop $version runs without the toolchain"

# scripts/install.sh into a scratch PREFIX, twice: the same files both times.
prefix="$tmp/prefix"
files=(bin/spantop share/man/man1/spantop.1 share/bash-completion/completions/spantop
    share/zsh/site-functions/_spantop share/fish/vendor_completions.d/spantop.fish)
sums=()
for round in 1 2; do
    scripts/install.sh --binary "$tmp/spantop" "$prefix" || fail "scripts/install.sh failed (round $round)"
    for f in "${files[@]}"; do [[ -s "$prefix/$f" ]] || fail "install.sh did not write PREFIX/$f"; done
    sums+=("$(cd "$prefix" && find . -type f | sort | xargs sha256sum)")
done
[[ "${sums[0]}" == "${sums[1]}" ]] || fail "a second install.sh wrote different files"
[[ "$("$prefix/bin/spantop" --version)" == "$version" ]] || fail "the installed spantop does not run"
grep -q '^\.Dt SPANTOP 1' "$prefix/share/man/man1/spantop.1" || fail "the man page has no .Dt SPANTOP 1"
grep -q 'report' "$prefix/share/man/man1/spantop.1" || fail "the man page lacks the subcommands"
grep -q '_spantop' "$prefix/share/bash-completion/completions/spantop" || fail "bash completion looks wrong"
grep -q '#compdef spantop' "$prefix/share/zsh/site-functions/_spantop" || fail "zsh completion looks wrong"
grep -qE "complete -c '?spantop'?" "$prefix/share/fish/vendor_completions.d/spantop.fish" || fail "fish completion looks wrong"
say "install.sh wrote: $(cd "$prefix" && find . -type f | sort | tr '\n' ' ')"
say "all checks passed in $SECONDS s"
