# shellcheck shell=bash
# The appliance's services: MariaDB, Asterisk and the app, each run detached in its own session
# inside the root file system, its pid in $CCAPP_RUN_DIR/<name>.pid and its output appended to
# /var/log/ccapp/<name>.log in the root file system. Needs common.sh and mounts.sh.

CCAPP_SERVICES=(mariadb asterisk app)
CCAPP_APP_DIR=/opt/ccapp

# Sets SVC_USER, SVC_DIR, SVC_CMD (argv) and SVC_STOP_WAIT (seconds) for service $1.
ccapp_service_spec() {
  case $1 in
    mariadb)
      SVC_USER=mysql SVC_DIR=/ SVC_STOP_WAIT=60
      SVC_CMD=(/usr/sbin/mariadbd) ;;
    asterisk)
      # -f: stay in the foreground, under our supervision; -n: no colour codes in the log.
      # Asterisk drops to its user itself.
      SVC_USER=root SVC_DIR=/ SVC_STOP_WAIT=30
      SVC_CMD=(/usr/sbin/asterisk -f -n -U asterisk -G asterisk) ;;
    app)
      SVC_USER=ccapp SVC_DIR=$CCAPP_APP_DIR SVC_STOP_WAIT=20
      SVC_CMD=(/usr/bin/node "$CCAPP_APP_DIR/dist/app/main.js") ;;
    *) ccapp_die "unknown service '$1' (services: ${CCAPP_SERVICES[*]})" ;;
  esac
}

ccapp_pid_file() { printf '%s/%s.pid\n' "$CCAPP_RUN_DIR" "$1"; }
ccapp_log_file() { printf '%s/var/log/ccapp/%s.log\n' "$CCAPP_ROOT" "$1"; }

# Prints the pid of service $1 and succeeds when it runs (alive, not a zombie, in the rootfs).
ccapp_service_pid() {
  local file pid root state
  file=$(ccapp_pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  root=$(readlink "/proc/$pid/root" 2>/dev/null) || return 1
  [[ $root == "$CCAPP_ROOT" ]] || return 1
  state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [[ $state != Z ]] || return 1
  printf '%s\n' "$pid"
}

ccapp_service_running() { ccapp_service_pid "$1" >/dev/null; }

# Last lines of a service's log, for error messages.
ccapp_log_tail() {
  local log
  log=$(ccapp_log_file "$1")
  [[ -f $log ]] && { printf -- '--- last lines of %s:\n' "$log" >&2; tail -n "${2:-20}" "$log" >&2; }
  return 0
}

# Starts service $1 detached, without waiting for it to be ready.
ccapp_service_launch() {
  local name=$1 log pid i
  ccapp_service_spec "$name"
  log=$(ccapp_log_file "$name")
  mkdir -p "$CCAPP_RUN_DIR" "${log%/*}"
  ccapp_root_argv "$SVC_USER" "$SVC_DIR"
  printf '=== %s: starting %s\n' "$(date -Is)" "$name" >>"$log"
  (
    # The service must not hold our lock or any descriptor of whoever called us.
    for fd in "/proc/$BASHPID/fd/"*; do
      fd=${fd##*/}
      [[ $fd -gt 2 ]] && eval "exec $fd>&-" 2>/dev/null
    done
    # Not a process group leader (no job control here), so setsid keeps this pid.
    exec setsid "${CCAPP_ARGV[@]}" "${SVC_CMD[@]}"
  ) </dev/null >>"$log" 2>&1 &
  pid=$!
  printf '%s\n' "$pid" >"$(ccapp_pid_file "$name")"
  # Until chroot has run, the process's root is still the host's.
  for ((i = 0; i < 50; i++)); do
    ccapp_service_running "$name" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  ccapp_log "$name did not start"
  ccapp_log_tail "$name"
  return 1
}

# ccapp_wait_until SECONDS SERVICE CMD...: polls CMD every 0.5 s; fails early if SERVICE dies.
ccapp_wait_until() {
  local seconds=$1 name=$2 i; shift 2
  for ((i = 0; i < seconds * 2; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    if ! ccapp_service_running "$name"; then
      ccapp_log "$name exited while starting"
      ccapp_log_tail "$name"
      return 1
    fi
    sleep 0.5
  done
  ccapp_log "$name was not ready after $seconds s"
  ccapp_log_tail "$name"
  return 1
}

ccapp_mariadb_ready() { ccapp_in_root mariadb-admin --protocol=socket ping --silent; }
ccapp_asterisk_ready() { ccapp_in_root asterisk -rx 'core waitfullybooted'; }
ccapp_app_alive() { sleep 1; ccapp_service_running app; }

# Starts service $1 unless it runs, then waits until it is ready. Runtime directories live on
# the /run tmpfs, so they are created here (a booted host's service manager would).
ccapp_service_start() {
  local name=$1
  if ccapp_service_running "$name"; then
    ccapp_log "$name: already running (pid $(ccapp_service_pid "$name"))"
    return 0
  fi
  case $name in
    mariadb) ccapp_in_root install -d -o mysql -g mysql -m 0755 /run/mysqld ;;
    asterisk) ccapp_in_root install -d -o asterisk -g asterisk -m 0755 /run/asterisk ;;
    app) [[ -f $CCAPP_ROOT$CCAPP_APP_DIR/dist/app/main.js ]] || ccapp_die "the app is not installed; run appliance/bin/build" ;;
  esac
  CCAPP_STARTED+=("$name")
  ccapp_service_launch "$name" || ccapp_die "$name did not start"
  case $name in
    mariadb) ccapp_wait_until 60 mariadb ccapp_mariadb_ready ;;
    asterisk) ccapp_wait_until 60 asterisk ccapp_asterisk_ready ;;
    app) ccapp_wait_until 5 app ccapp_app_alive ;;
  esac || ccapp_die "$name did not start"
  ccapp_log "$name: started (pid $(ccapp_service_pid "$name"))"
}

# Sends SIGNAL to service $1's whole process group; waits up to SECONDS for it to be gone.
ccapp_service_signal() {
  local name=$1 signal=$2 seconds=$3 pid i
  pid=$(ccapp_service_pid "$name") || return 0
  kill -s "$signal" -- "-$pid" 2>/dev/null || kill -s "$signal" "$pid" 2>/dev/null || true
  for ((i = 0; i < seconds * 10; i++)); do
    kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

# Stops service $1: SIGTERM, then SIGKILL after its grace time. Idempotent.
ccapp_service_stop() {
  local name=$1
  ccapp_service_spec "$name"
  if ccapp_service_running "$name"; then
    if ! ccapp_service_signal "$name" TERM "$SVC_STOP_WAIT"; then
      ccapp_log "$name: still running $SVC_STOP_WAIT s after SIGTERM; sending SIGKILL"
      ccapp_service_signal "$name" KILL 10 || ccapp_die "$name survived SIGKILL"
    fi
    ccapp_log "$name: stopped"
  fi
  rm -f "$(ccapp_pid_file "$name")"
}

# SIGKILL, as a crash would (tests use it).
ccapp_service_kill() {
  local name=$1
  ccapp_service_spec "$name"
  if ccapp_service_running "$name"; then
    ccapp_service_signal "$name" KILL 10 || ccapp_die "$name survived SIGKILL"
    ccapp_log "$name: killed"
  fi
  rm -f "$(ccapp_pid_file "$name")"
}

ccapp_service_status() {
  local pid
  if pid=$(ccapp_service_pid "$1"); then
    printf '%-9s running (pid %s)\n' "$1" "$pid"
  else
    printf '%-9s stopped\n' "$1"
    return 3
  fi
}

# Creates the app's database and account, and (re)sets its password and grants, from
# /etc/ccapp/ccapp.json and secrets.json. Idempotent; runs whenever MariaDB is up.
ccapp_db_setup() {
  local settings
  settings=$(python3 - "$CCAPP_ROOT/etc/ccapp" <<'PY'
import json, re, sys
d = sys.argv[1]
db = json.load(open(d + "/ccapp.json"))["db"]
pw = json.load(open(d + "/secrets.json"))["dbPassword"]
ok = re.fullmatch(r"[a-z][a-z0-9_]{0,47}", db["database"]) and re.fullmatch(r"[a-z][a-z0-9_]{0,31}", db["user"])
if not ok or not re.fullmatch(r"[A-Za-z0-9]{16,}", pw):
    sys.exit("database name, user or password in " + d + " is not of the expected form")
print(db["database"], db["user"], pw)
PY
  ) || ccapp_die "cannot read the database settings from $CCAPP_ROOT/etc/ccapp (run appliance/bin/build)"
  local database user password test_pattern
  read -r database user password <<<"$settings"
  test_pattern="${database//_/\\_}\\_test\\_%"
  ccapp_in_root mariadb --protocol=socket <<SQL || ccapp_die "cannot create the database '$database' or its account"
CREATE DATABASE IF NOT EXISTS \`$database\` CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$password';
ALTER USER '$user'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER '$user'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON \`$database\`.* TO '$user'@'127.0.0.1', '$user'@'localhost';
GRANT ALL PRIVILEGES ON \`$test_pattern\`.* TO '$user'@'127.0.0.1', '$user'@'localhost';
SQL
}

# The app's prestart: checks the configuration, renders Asterisk's, migrates and seeds the
# database. Its output goes to the app's log, and to the terminal when it fails.
ccapp_prestart() {
  local log out
  log=$(ccapp_log_file app)
  mkdir -p "${log%/*}"
  out=$(ccapp_in_root_as ccapp "$CCAPP_APP_DIR" /usr/bin/node "$CCAPP_APP_DIR/dist/app/cli.js" prestart 2>&1) || {
    printf '=== %s: prestart failed\n%s\n' "$(date -Is)" "$out" >>"$log"
    printf '%s\n' "$out" >&2
    ccapp_die "the app's prestart failed (output above)"
  }
  printf '=== %s: prestart\n%s\n' "$(date -Is)" "$out" >>"$log"
}

# For an EXIT trap: when a start fails, stops what it started, and unmounts if nothing runs.
CCAPP_STARTED=()
ccapp_start_cleanup() {
  local status=$? i name
  [[ $status -ne 0 ]] || return 0
  for ((i = ${#CCAPP_STARTED[@]} - 1; i >= 0; i--)); do
    name=${CCAPP_STARTED[i]}
    ccapp_service_stop "$name" || true
  done
  ccapp_any_service_running || ccapp_unmount_all || true
  exit "$status"
}

ccapp_any_service_running() {
  local name
  for name in "${CCAPP_SERVICES[@]}"; do
    ccapp_service_running "$name" && return 0
  done
  return 1
}

# Checks the root file system has been built.
ccapp_assert_built() {
  [[ -x $CCAPP_ROOT/usr/sbin/mariadbd && -x $CCAPP_ROOT/usr/sbin/asterisk && -f $CCAPP_ROOT/etc/ccapp/secrets.json ]] \
    || ccapp_die "no built appliance in $CCAPP_ROOT; run appliance/bin/build"
}
