# shellcheck shell=bash
# Shared by every appliance/bin script: paths, messages, locking.
# Source it; it defines functions and variables only.

# shellcheck disable=SC2034 # used by the other files
CCAPP_REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CCAPP_APPLIANCE_DIR="$CCAPP_REPO_DIR/appliance"
CCAPP_ANSIBLE_DIR="$CCAPP_REPO_DIR/ansible"
CCAPP_STATE_DIR=${CCAPP_STATE_DIR:-/var/lib/ccapp-appliance}
CCAPP_ROOT="$CCAPP_STATE_DIR/rootfs"
CCAPP_RUN_DIR="$CCAPP_STATE_DIR/run"
CCAPP_CACHE_DIR="$CCAPP_STATE_DIR/cache"
CCAPP_SECRETS_DIR="$CCAPP_STATE_DIR/secrets"
CCAPP_STAMP_DIR="$CCAPP_STATE_DIR/stamps"
# The PATH every process inside the root file system gets.
CCAPP_CHROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

ccapp_log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
ccapp_die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 1; }

ccapp_require_root() {
  [[ $(id -u) -eq 0 ]] || ccapp_die "must run as root (it mounts file systems and uses chroot)"
}

# Paths go into /proc/mounts and the Ansible inventory unescaped: keep them plain.
ccapp_check_state_dir() {
  [[ $CCAPP_STATE_DIR == /* ]] || ccapp_die "CCAPP_STATE_DIR must be an absolute path (got '$CCAPP_STATE_DIR')"
  [[ $CCAPP_STATE_DIR =~ ^[A-Za-z0-9/._-]+$ ]] \
    || ccapp_die "CCAPP_STATE_DIR may hold only letters, digits and / . _ - (got '$CCAPP_STATE_DIR')"
  [[ $CCAPP_STATE_DIR != / ]] || ccapp_die "CCAPP_STATE_DIR must not be /"
}

# Serialises the commands that change the appliance. The lock's descriptor (9) must not leak
# into the services we start: ccapp_launch closes it.
ccapp_lock() {
  mkdir -p "$CCAPP_STATE_DIR"
  exec 9>"$CCAPP_STATE_DIR/.lock"
  flock -w 300 9 || ccapp_die "another appliance command still holds $CCAPP_STATE_DIR/.lock after 300 s"
}

# ccapp_root_argv USER DIR: sets CCAPP_ARGV to the command prefix that runs a program inside
# the root file system as USER (a name resolved there, supplementary groups included; root
# stays root) in DIR, with a clean environment. NODE_ENV is for the app; others ignore it.
ccapp_root_argv() {
  local user=$1 dir=$2 home
  home=$(chroot "$CCAPP_ROOT" /usr/bin/getent passwd "$user" | cut -d: -f6) \
    || ccapp_die "user '$user' does not exist in $CCAPP_ROOT"
  CCAPP_ARGV=(chroot "$CCAPP_ROOT")
  [[ $user == root ]] || CCAPP_ARGV+=(/usr/bin/setpriv --reuid="$user" --regid="$user" --init-groups)
  CCAPP_ARGV+=(/usr/bin/env -i -C "$dir" PATH="$CCAPP_CHROOT_PATH" LANG=C.UTF-8 HOME="$home" NODE_ENV=production)
}

# ccapp_in_root_as USER DIR CMD...: runs CMD that way.
ccapp_in_root_as() {
  ccapp_root_argv "$1" "$2"
  shift 2
  "${CCAPP_ARGV[@]}" "$@"
}

# Runs CMD inside the root file system as root.
ccapp_in_root() { ccapp_in_root_as root / "$@"; }

# sha256 of files and directories (paths relative to the repository, contents and names).
ccapp_hash_paths() {
  (cd "$CCAPP_REPO_DIR" && find "$@" -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum) \
    | sha256sum | cut -c1-64
}

ccapp_hash_string() { printf '%s' "$1" | sha256sum | cut -c1-64; }
