# Loopback port helpers, sourced by up.sh, down.sh and deploy/helm/check.sh. Pure bash, so no
# dependency on ss/netstat/lsof. free_port calls the sourcing script's fail MESSAGE.

# True if something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port VAR: set VAR to a free port. Picked below Linux's ephemeral range
# (32768+), so an outgoing connection cannot grab it between our check and the
# server's bind. Sets a variable rather than echoing, so PICKED (no duplicates)
# is not lost in a $(...) subshell.
PICKED=" "
free_port() {
  local p i
  for i in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 12000 ))
    [[ "$PICKED" == *" $p "* ]] && continue
    port_in_use "$p" && continue
    PICKED+="$p "
    printf -v "$1" '%s' "$p"; return 0
  done
  fail "no free port found in 20000-32000"
}
