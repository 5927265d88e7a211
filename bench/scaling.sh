#!/usr/bin/env bash
# Wall time, MB/s and peak memory of the CLI on JSON-lines corpora of growing size,
# with --jobs 1 and --jobs 2 (and any other JOBS), via /usr/bin/time -v.
#
#   bash bench/scaling.sh                    # 10 MB, 100 MB, 1 GB; jobs 1 and 2
#   SIZES="10 100" JOBS="1 2 4" bash bench/scaling.sh
#   VNCLEAN="vnclean" WORK=/data/tmp bash bench/scaling.sh
#   SOURCES="../shared/data/articles/[0-9][0-9][0-9].txt" bash bench/scaling.sh
#   SIZES="100" REPEAT=3 bash bench/scaling.sh     # alternate 1 and 2 jobs, 3 times
#   OPTIONS="--site-field url" bash bench/scaling.sh  # more options of `clean`
#
# On a machine shared with other work a single run can be 20-30 % off (the same
# --jobs 2 run took 15 s, then 19 s). With REPEAT=N every JOBS value runs N times,
# taking turns, so a busy spell slows each alike; the speed-up is taken between the
# best (shortest) runs, since load only ever adds time. "CPU s" is user + system time
# of the whole tree: if --jobs 2 needs about the CPU time of --jobs 1, the work
# divides without waste and a speed-up short of 2x is the machine's.
#
# SOURCES (a glob or list of files) are the articles make_corpus.py builds records
# from; by default the repo's samples/input. A corpus is named after its size, its
# sources and the generator, so corpora from different sources never mix.
#
# "max RSS" is GNU time's: the largest single process of the tree. "tree RSS" is the
# peak of the whole tree's summed RSS (the CLI and its --jobs workers), sampled every
# 0.5 s: what the machine must have.
#
# Corpora are made by bench/make_corpus.py into $WORK (default /tmp/vnclean-scale) and
# reused on the next run. Output goes to $WORK/out-<size>-j<jobs>.jsonl and is checked
# to have one record per input record. Expect about (sum of sizes) / (MB/s) seconds
# per JOBS value: 1 GB at 2 MB/s is over 8 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
SIZES="${SIZES:-10 100 1000}"
JOBS="${JOBS:-1 2}"
REPEAT="${REPEAT:-1}"
OPTIONS="${OPTIONS:-}"
WORK="${WORK:-/tmp/vnclean-scale}"
if [[ -z "${VNCLEAN:-}" ]]; then
    if command -v vnclean >/dev/null; then
        VNCLEAN="vnclean"
    else
        VNCLEAN="python3 -m vnclean"
        export PYTHONPATH="$ROOT/src${PYTHONPATH:+:$PYTHONPATH}"
    fi
fi
TIME=/usr/bin/time
[[ -x "$TIME" ]] || { echo "error: GNU time not found at $TIME (apt-get install time)" >&2; exit 2; }

# The peak of the summed RSS of a process and all its descendants (the CLI and its
# workers), sampled twice a second until it ends; prints kilobytes.
peak_tree_rss() {
    local root=$1 peak=0 now
    while kill -0 "$root" 2>/dev/null; do
        now=$(ps -eo pid=,ppid=,rss= | awk -v root="$root" '
            { parent[$1] = $2; rss[$1] = $3 }
            END {
                for (p in parent) {
                    for (q = p; q != "" && q != 0 && q != 1; q = parent[q])
                        if (q == root) { sum += rss[p]; break }
                }
                print sum + 0
            }')
        (( now > peak )) && peak=$now
        sleep 0.5
    done
    echo "$peak"
}

mkdir -p "$WORK"
echo "vnclean: $VNCLEAN ($(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo ?))," \
     "$(nproc) CPUs, sizes: $SIZES MB, jobs: $JOBS, runs of each: $REPEAT," \
     "options: ${OPTIONS:-none}, load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-5s %4s %10s %8s %8s %10s %10s %9s\n' "size" "jobs" "run" "wall s" "CPU s" \
    "MB/s" "max RSS" "tree RSS" "records"

declare -A WALL CPU
# shellcheck disable=SC2206  # SOURCES is a glob or a list, split on purpose
sources=(${SOURCES:-})
# The tag also changes with make_corpus.py, so a corpus of an older generator is
# never reused.
tag=$( (printf '%s\n' "${sources[@]:-samples}"; cat "$HERE/make_corpus.py") | cksum | cut -c1-6)
for size in $SIZES; do
    corpus="$WORK/corpus-$size-$tag.jsonl"
    if [[ ! -s "$corpus" ]]; then
        python3 "$HERE/make_corpus.py" --mb "$size" "$corpus" "${sources[@]}" >&2
    fi
    bytes=$(stat -c %s "$corpus")
    records=$(wc -l <"$corpus")
    for run in $(seq "$REPEAT"); do
        for jobs in $JOBS; do
            out="$WORK/out-$size-j$jobs.jsonl"
            log="$WORK/time-$size-j$jobs.txt"
            err="$WORK/stderr-$size-j$jobs.txt"
            # shellcheck disable=SC2086  # $VNCLEAN may be "python3 -m vnclean", $OPTIONS several
            "$TIME" -v -o "$log" $VNCLEAN clean "$corpus" --input-format jsonl \
                    --field text --jobs "$jobs" $OPTIONS >"$out" 2>"$err" &
            tree_kb=$(peak_tree_rss $!)
            if ! wait $!; then
                echo "error: vnclean failed on $size MB with --jobs $jobs; stderr:" >&2
                tail -n 20 "$err" >&2
                exit 1
            fi
            wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" |
                   awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
            cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {print s}' "$log")
            rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
            got=$(wc -l <"$out")
            best=${WALL[$size-$jobs]:-}
            if [[ -z "$best" ]] || awk -v a="$wall" -v b="$best" 'BEGIN {exit !(a < b)}'; then
                WALL[$size-$jobs]=$wall
                CPU[$size-$jobs]=$cpu
            fi
            printf '%-8s %-5s %4s %10.2f %8.2f %8.2f %7d MB %7d MB %9s\n' "${size}MB" "$jobs" \
                "$run" "$wall" "$cpu" \
                "$(awk -v b="$bytes" -v s="$wall" 'BEGIN {print b / 1e6 / s}')" \
                $((rss_kb / 1024)) $((tree_kb / 1024)) "$got"
            if [[ "$got" != "$records" ]]; then
                echo "error: $out has $got records, $corpus has $records" >&2
                exit 1
            fi
            first_out="$WORK/out-$size-j${JOBS%% *}.jsonl"
            if ! cmp -s "$first_out" "$out"; then
                echo "error: $out differs from $first_out" >&2
                exit 1
            fi
        done
    done
done

first="${JOBS%% *}"
echo
echo "speed-up over --jobs $first (ratio of the best wall times; CPU: the tree's CPU"
echo "time in that run against --jobs $first's; outputs compared byte for byte)"
for size in $SIZES; do
    for jobs in $JOBS; do
        [[ "$jobs" == "$first" ]] && continue
        printf '%-8s jobs %s: %.2fx, CPU %.2fx, output identical\n' "${size}MB" "$jobs" \
            "$(awk -v a="${WALL[$size-$first]}" -v b="${WALL[$size-$jobs]}" 'BEGIN {print a / b}')" \
            "$(awk -v a="${CPU[$size-$first]}" -v b="${CPU[$size-$jobs]}" 'BEGIN {print b / a}')"
    done
done
