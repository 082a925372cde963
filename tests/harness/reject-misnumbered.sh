#!/bin/bash
# A result counted in a subshell: its number is reused and the plan is short.
# harness-expect: result 3 is numbered 2
N=0
ok() { N=$((N + 1)); echo "ok $N - $1"; }
ok "first"
(ok "second, in a subshell")
ok "third"
echo "1..$N"
