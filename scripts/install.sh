#!/usr/bin/env bash
# Installs spantop: a static release binary (needs only libc, libstdc++, ncursesw and zlib at
# run time), its man page and bash/zsh/fish completions. Safe to run again: every file is
# rewritten whole.
#
#   scripts/install.sh [--binary PATH] [--no-man] [PREFIX]
#
#   PREFIX          where to install; default /usr/local as root, ~/.local otherwise
#   --binary PATH   install this spantop binary instead of building one (debug info is
#                   stripped from the installed copy either way)
#   --no-man        skip the man page (generating it takes the Swift toolchain)
#   -h, --help      this text
#
# Installs:
#   PREFIX/bin/spantop
#   PREFIX/share/man/man1/spantop.1                     (ArgumentParser's generate-manual)
#   PREFIX/share/bash-completion/completions/spantop
#   PREFIX/share/zsh/site-functions/_spantop
#   PREFIX/share/fish/vendor_completions.d/spantop.fish
#
# Building takes the Swift toolchain, zlib's and ncursesw's headers (Debian: zlib1g-dev,
# libncursesw5-dev) and several minutes on two cores. SWIFT names the swift to use.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
swift="${SWIFT:-swift}"

die() {
    echo "install.sh: error: $*" >&2
    exit 1
}
log() { echo "install.sh: $*" >&2; }
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

prefix="" binary="" man=1
while (($#)); do
    case "$1" in
        -h | --help)
            usage
            exit 0
            ;;
        --binary)
            (($# >= 2)) || die "--binary needs a path"
            binary="$2"
            shift 2
            ;;
        --binary=*)
            binary="${1#*=}"
            shift
            ;;
        --no-man)
            man=0
            shift
            ;;
        -*) die "unknown option $1 (see --help)" ;;
        *)
            [[ -z "$prefix" ]] || die "only one PREFIX, got '$prefix' and '$1'"
            prefix="$1"
            shift
            ;;
    esac
done

if [[ -z "$prefix" ]]; then
    if [[ "$(id -u)" == 0 ]]; then prefix=/usr/local; else prefix="${HOME:?HOME is not set}/.local"; fi
fi
[[ "$prefix" == /* ]] || prefix="$PWD/$prefix"

need_swift() {
    command -v "$swift" >/dev/null 2>&1 || die "'$swift' not found: $1"
    [[ -f "$root/Package.swift" ]] || die "no Package.swift in $root: run the script from a spantop checkout"
}

# What is missing shows before anything is built or written.
if [[ -n "$binary" ]]; then
    [[ -f "$binary" && -x "$binary" ]] || die "no executable spantop at $binary"
else
    need_swift "it builds spantop (or pass --binary PATH)"
fi
((man == 0)) || need_swift "it builds ArgumentParser's generate-manual for the man page (or pass --no-man)"

bin_dir="$prefix/bin"
man_dir="$prefix/share/man/man1"
bash_dir="$prefix/share/bash-completion/completions"
zsh_dir="$prefix/share/zsh/site-functions"
fish_dir="$prefix/share/fish/vendor_completions.d"

mkdir -p "$bin_dir" "$bash_dir" "$zsh_dir" "$fish_dir" 2>/dev/null \
    || die "cannot create directories under $prefix (run as root, or pick a PREFIX you can write)"
((man == 0)) || mkdir -p "$man_dir" 2>/dev/null || die "cannot create $man_dir"
[[ -w "$bin_dir" ]] || die "$bin_dir is not writable (run as root, or pick a PREFIX you can write)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -z "$binary" ]]; then
    log "building the static release binary (swift build -c release --static-swift-stdlib)"
    (cd "$root" && nice -n 10 "$swift" build -c release --static-swift-stdlib --product spantop) >&2 \
        || die "swift build failed (output above)"
    binary="$(cd "$root" && "$swift" build -c release --show-bin-path)/spantop"
fi
[[ -f "$binary" && -x "$binary" ]] || die "no executable spantop at $binary"
cp "$binary" "$work/spantop"
# Debug info is a third of the size; the symbols stay, so perf and gdb still name functions.
if command -v strip >/dev/null 2>&1; then strip --strip-debug "$work/spantop"; fi
version="$("$work/spantop" --version 2>&1)" || die "$binary does not run: $version"

# The man page comes from ArgumentParser's generate-manual, the tool behind its plugin, run on
# the binary being installed. `swift package plugin generate-manual` would first build every
# product in release without -static-stdlib: all modules compiled a second time (as long as the
# static build) and .build/release/spantop relinked against the toolchain's libraries.
if ((man)); then
    (cd "$root" && "$swift" package resolve) >&2 || die "swift package resolve failed (output above)"
    parser="$root/.build/checkouts/swift-argument-parser"
    [[ -f "$parser/Package.swift" ]] || die "no swift-argument-parser checkout at $parser"
    log "building ArgumentParser's generate-manual"
    nice -n 10 "$swift" build --package-path "$parser" --scratch-path "$root/.build-manual" \
        --product generate-manual >"$work/manual.log" 2>&1 || {
        cat "$work/manual.log" >&2
        die "building generate-manual failed (output above)"
    }
    date_args=()
    # The date of the sources rather than today's, so a reinstall writes the same page.
    if day="$(git -C "$root" log -1 --format=%cs 2>/dev/null)" && [[ -n "$day" ]]; then date_args=(--date "$day"); fi
    mkdir "$work/man"
    "$root/.build-manual/debug/generate-manual" "$work/spantop" --output-directory "$work/man" ${date_args[@]+"${date_args[@]}"} \
        >"$work/manual.log" 2>&1 || {
        cat "$work/manual.log" >&2
        die "generate-manual failed (output above)"
    }
    [[ -s "$work/man/spantop.1" ]] || die "generate-manual wrote no spantop.1"
fi

for shell in bash zsh fish; do
    "$work/spantop" --generate-completion-script "$shell" >"$work/completion.$shell" \
        || die "$binary could not write its $shell completion script"
done

# Copy then rename, so a running spantop is never overwritten in place ("text file busy").
put() {
    local mode="$1" from="$2" to="$3"
    install -m "$mode" "$from" "$to.new.$$"
    mv -f "$to.new.$$" "$to"
    echo "  $to"
}
log "installing spantop $version into $prefix"
put 0755 "$work/spantop" "$bin_dir/spantop"
((man == 0)) || put 0644 "$work/man/spantop.1" "$man_dir/spantop.1"
put 0644 "$work/completion.bash" "$bash_dir/spantop"
put 0644 "$work/completion.zsh" "$zsh_dir/_spantop"
put 0644 "$work/completion.fish" "$fish_dir/spantop.fish"

case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *) log "note: $bin_dir is not on PATH" ;;
esac
case "$prefix" in
    /usr | /usr/local) ;;
    *) log "note: zsh finds the completion once $zsh_dir is in fpath (before compinit)" ;;
esac
