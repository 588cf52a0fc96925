# Sourced by the shell tests. check NAME COMMAND...: passes when COMMAND
# succeeds; on failure prints NAME and the start of the command's output.
# Needs $WORK (a scratch folder); counts into $pass and $fail.
pass=0
fail=0
check() {
  local name=$1
  shift
  if "$@" >"$WORK/out" 2>"$WORK/err"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $name"
    sed 's/^/  out: /' "$WORK/out" | head -20
    sed 's/^/  err: /' "$WORK/err" | head -20
  fi
}
