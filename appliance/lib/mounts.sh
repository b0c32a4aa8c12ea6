# shellcheck shell=bash
# Mounts into the root file system, and their removal. Needs common.sh.

# Mount points at or under the root file system, in /proc/mounts order.
ccapp_mounts_under_root() {
  awk -v root="$CCAPP_ROOT" '$2 == root || index($2, root "/") == 1 { print $2 }' /proc/mounts
}

# ccapp_mount KIND RELATIVE_TARGET: KIND is proc, sys, tmpfs or bind:HOST_PATH. Skips mounted ones.
ccapp_mount() {
  local kind=$1 target="$CCAPP_ROOT/$2"
  [[ -d $target ]] || ccapp_die "mount point $target is missing from the root file system"
  mountpoint -q "$target" && return 0
  case $kind in
    proc) mount -t proc -o nosuid,nodev,noexec proc "$target" ;;
    sys) mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$target" ;;
    tmpfs) mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs "$target" ;;
    bind:*) mount --bind "${kind#bind:}" "$target" && mount --make-private "$target" ;;
    *) ccapp_die "unknown mount kind '$kind'" ;;
  esac || ccapp_die "cannot mount $kind on $target"
}

# What package scripts need while Ansible provisions the root file system.
ccapp_mount_for_provisioning() {
  ccapp_mount proc proc
  ccapp_mount sys sys
  ccapp_mount bind:/dev dev
  ccapp_mount bind:/dev/pts dev/pts
}

# What the services need at run time; /run is a fresh tmpfs as on a booted host.
ccapp_mount_for_running() {
  ccapp_mount proc proc
  ccapp_mount bind:/dev dev
  ccapp_mount bind:/dev/pts dev/pts
  if ! mountpoint -q "$CCAPP_ROOT/run"; then
    ccapp_mount tmpfs run
    install -d -m 1777 "$CCAPP_ROOT/run/lock"
  fi
}

# Unmounts everything under the root file system, innermost first. Dies if something stays.
ccapp_unmount_all() {
  local attempt target
  for attempt in 1 2 3 4 5; do
    mapfile -t targets < <(ccapp_mounts_under_root | tac)
    [[ ${#targets[@]} -eq 0 ]] && return 0
    for target in "${targets[@]}"; do
      umount "$target" 2>/dev/null || true
    done
    [[ $attempt -lt 5 ]] && sleep 0.5
  done
  ccapp_die "still mounted under $CCAPP_ROOT: $(ccapp_mounts_under_root | tr '\n' ' ')"
}

# Processes whose root directory is the root file system (or below it), one pid a line.
ccapp_pids_in_root() {
  local proc root
  for proc in /proc/[0-9]*; do
    root=$(readlink "$proc/root" 2>/dev/null) || continue
    [[ $root == "$CCAPP_ROOT" || $root == "$CCAPP_ROOT"/* ]] && printf '%s\n' "${proc#/proc/}"
  done
  return 0
}
