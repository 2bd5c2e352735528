# For the benchmark scripts (sourced, not run): timing, waiting for a port, and a Postfix peer that
# lives in a temp dir on loopback with a port of its own, never the system's instance or /etc/postfix.

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# jit_ticks: CPU ticks the Kuvert services' JIT compiler threads have used so far (KUVERT_DATA_DIR's run state)
jit_ticks() {
  local pid task total=0
  for pid in $(sed -n 's/^[a-z-]*-service\.pid=//p' "$KUVERT_DATA_DIR/run/state.properties"); do
    for task in /proc/"$pid"/task/*; do
      case "$(cat "$task/comm" 2>/dev/null)" in
        "C1 Compiler"*|"C2 Compiler"*) total=$((total + $(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null || echo 0))) ;;
      esac
    done
  done
  echo "$total"
}
# cpu_ticks: CPU ticks the whole machine has been busy (user, nice, system, irq, softirq) and idle (idle, iowait)
cpu_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6; exit }' /proc/stat; }
busy_ticks() { local busy _; read -r busy _ < <(cpu_ticks); echo "$busy"; }
# await_quiet: waits (at most 20 s) until the machine was under 10 % busy for a second, so that a measured load
# never pays for the background work of the one before it (a database flushing pages, a JIT compiling)
await_quiet() {
  local deadline=$((SECONDS + 20)) quiet=0 busy0 idle0 busy idle
  while (( SECONDS < deadline && quiet < 2 )); do
    read -r busy0 idle0 < <(cpu_ticks); sleep 0.5; read -r busy idle < <(cpu_ticks)
    busy=$((busy - busy0)) idle=$((idle - idle0))
    if (( 10 * busy < busy + idle )); then quiet=$((quiet + 1)); else quiet=0; fi
  done
}
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", n / (b - a) }'; }

# await_port PORT: true as soon as 127.0.0.1:PORT takes connections, false after 10 s
await_port() {
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

# require_postfix: Debian's postfix, for the Postfix peer and its smtp-source and smtp-sink
require_postfix() {
  if ! command -v postfix >/dev/null || ! command -v smtp-source >/dev/null || ! command -v smtp-sink >/dev/null; then
    echo "--- installing postfix (the Postfix peer, smtp-source, smtp-sink)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null
  fi
}

# postfix_main_cf DIR: the main.cf lines every benchmark's Postfix has (queue and data under DIR, loopback
# only, relaying for 127.0.0.0/8, no client limits); the caller appends its own
postfix_main_cf() {
  cat <<CF
compatibility_level = 3.6
queue_directory = $1/queue
data_directory = $1/data
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination =
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
default_process_limit = 100
CF
}

# start_postfix DIR PORT: starts the Postfix of DIR/conf/main.cf with the system's master.cf, its smtpd on
# 127.0.0.1:PORT instead of port 25
start_postfix() {
  local dir="$1" port="$2"
  sed -E "s/^smtp +inet/127.0.0.1:$port inet/" /etc/postfix/master.cf > "$dir/conf/master.cf"
  postfix -c "$dir/conf" check >/dev/null 2>&1 || true
  postfix -c "$dir/conf" start >/dev/null || { echo "Postfix did not start (postfix -c $dir/conf start)" >&2; return 1; }
  await_port "$port" || { echo "Postfix did not start" >&2; return 1; }
}

# stop_postfix DIR: stops the Postfix of DIR; a master that does not stop is killed with its children (its
# process group), by the pid in its own pid file and nothing else
stop_postfix() {
  local dir="$1" master
  [[ -f "$dir/conf/main.cf" ]] || return 0
  master=$(tr -d ' ' < "$dir/queue/pid/master.pid" 2>/dev/null) || true
  postfix -c "$dir/conf" stop >/dev/null 2>&1 || true
  if [[ -n "$master" ]] && kill -0 "$master" 2>/dev/null; then
    kill -9 -- "-$master" 2>/dev/null || true
  fi
}
