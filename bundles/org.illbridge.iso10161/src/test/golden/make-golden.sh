#!/bin/sh
# Regenerates the golden BER vectors in ../resources/golden from the real YAZ toolkit.
# Needs Debian yaz + libyaz-dev (5.34), gcc, python3. yaz-illclient is not in Debian's yaz
# package, so it is compiled from YAZ's own util/yaz-illclient.c (github.com/indexdata/yaz)
# against the installed libyaz: pass the path of that file as $1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../resources/golden"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
illclient_src=${1:?usage: make-golden.sh /path/to/yaz/util/yaz-illclient.c}

# 1. APDUs encoded directly by libyaz's ILL encoder (ill_APDU)
gcc -o "$work/ill-apdus" "$here/ill-apdus.c" $(pkg-config --cflags --libs yaz)
"$work/ill-apdus" "$out"

# 2. ILL-Requests as yaz-illclient sends them over TCP, captured by a one-shot listener
touch "$work/config.h"
gcc -I"$work" -DHAVE_UNISTD_H=1 -DHAVE_SYS_TIME_H=1 -DHAVE_SYS_STAT_H=1 \
  -o "$work/yaz-illclient" "$illclient_src" $(pkg-config --cflags --libs yaz)
capture() { # port outfile illclient-args...
  port=$1; file=$2; shift 2
  python3 "$here/capture.py" "$port" "$file" & pid=$!
  sleep 0.5
  # yaz-illclient exits non-zero because the capture listener never answers
  "$work/yaz-illclient" "$@" "tcp:127.0.0.1:$port" > /dev/null 2>&1 || true
  wait $pid
}
capture 47011 "$out/yaz-illclient-request-full.ber" -f "$here/request-full.txt"
capture 47012 "$out/yaz-illclient-request-oclc.ber" -o -u 100-200-300 -p secret \
  -f "$here/request-oclc.txt"
ls -l "$out"
