# shellcheck shell=bash
# The three build layers (base root file system, system roles, app) and the Ansible runner.
# Needs common.sh, mirror.sh and mounts.sh. Each layer is skipped when the hash of its inputs
# matches the stamp it left in $CCAPP_STAMP_DIR.

CCAPP_SUITE=${CCAPP_SUITE:-forky}
CCAPP_BUNDLE_DEFAULT="$CCAPP_REPO_DIR/build/ccapp-bundle.tar.gz"

ccapp_stamp_matches() { [[ -f $CCAPP_STAMP_DIR/$1 && $(<"$CCAPP_STAMP_DIR/$1") == "$2" ]]; }
ccapp_stamp_write() { mkdir -p "$CCAPP_STAMP_DIR" && printf '%s\n' "$2" >"$CCAPP_STAMP_DIR/$1"; }

# Refuses to touch the root file system while something runs in it or is mounted under it.
ccapp_assert_root_idle() {
  local pids mounts
  pids=$(ccapp_pids_in_root | tr '\n' ' ')
  mounts=$(ccapp_mounts_under_root | tr '\n' ' ')
  [[ -z $pids && -z $mounts ]] \
    || ccapp_die "the appliance is running (pids: ${pids:-none}; mounts: ${mounts:-none}); run appliance/bin/stop first"
}

# --- layer 1: base root file system --------------------------------------------------------

# Writes the base tarball OUT (its extension picks the compression). Part of the base key.
ccapp_base_create() {
  local out=$1 mirror=$2
  mmdebstrap --mode=root --variant=minbase --include=python3,python3-apt --components=main \
    --aptopt='Acquire::Check-Valid-Until "false"' \
    "$CCAPP_SUITE" "$out" "deb $mirror $CCAPP_SUITE main"
}

ccapp_base_key() {
  ccapp_hash_string "$(dpkg --print-architecture) $CCAPP_SUITE $1 $(declare -f ccapp_base_create)"
}

# ccapp_layer_base MIRROR: sets CCAPP_BASE_KEY; (re)creates rootfs/ when the base changed.
ccapp_layer_base() {
  local mirror=$1 tarball partial
  CCAPP_BASE_KEY=$(ccapp_base_key "$mirror")
  tarball="$CCAPP_CACHE_DIR/base-$CCAPP_BASE_KEY.tar.xz"
  if ccapp_stamp_matches base "$CCAPP_BASE_KEY" && [[ -x $CCAPP_ROOT/usr/bin/python3 ]]; then
    ccapp_log "base: up to date"
    return 0
  fi
  ccapp_assert_root_idle
  if [[ ! -f $tarball ]]; then
    ccapp_log "base: mmdebstrap $CCAPP_SUITE from $mirror (takes a few minutes)"
    mkdir -p "$CCAPP_CACHE_DIR"
    partial="$CCAPP_CACHE_DIR/.partial-base.tar.xz"
    rm -f "$partial"
    ccapp_base_create "$partial" "$mirror" || ccapp_die "mmdebstrap failed (see its output above)"
    mv "$partial" "$tarball"
    find "$CCAPP_CACHE_DIR" -maxdepth 1 -name 'base-*.tar.xz' ! -name "${tarball##*/}" -delete
  fi
  ccapp_log "base: unpacking ${tarball##*/} into $CCAPP_ROOT"
  rm -rf "$CCAPP_ROOT.new"
  mkdir -p "$CCAPP_ROOT.new"
  tar --numeric-owner --xattrs --xattrs-include='*' -xpf "$tarball" -C "$CCAPP_ROOT.new" \
    || ccapp_die "cannot unpack $tarball"
  rm -rf "$CCAPP_ROOT" "$CCAPP_STAMP_DIR"
  mv "$CCAPP_ROOT.new" "$CCAPP_ROOT"
  ccapp_stamp_write base "$CCAPP_BASE_KEY"
}

# --- Ansible through the chroot connection -------------------------------------------------

# The inventory: one host, the root file system, with what the roles need from this machine.
ccapp_write_inventory() {
  local mirror=$1 bundle=${2:-}
  cat >"$CCAPP_STATE_DIR/inventory.yml" <<YAML
# Written by appliance/bin/build on each run; edits are lost.
all:
  children:
    ccapp:
      hosts:
        appliance:
          ansible_connection: community.general.chroot
          ansible_host: "$CCAPP_ROOT"
          ansible_python_interpreter: /usr/bin/python3
          ccapp_site_file: "$CCAPP_APPLIANCE_DIR/demo/site.json"
          ccapp_tenants_dir: "$CCAPP_APPLIANCE_DIR/demo/tenants"
          ccapp_base_apt_mirror: "$mirror"
          ccapp_base_apt_suite: "$CCAPP_SUITE"
          ccapp_base_set_running_hostname: false
          ccapp_mariadb_manage_service: false
          ccapp_asterisk_manage_service: false
          ccapp_app_manage_service: false
          ccapp_base_extra_hostnames: ["$(hostname)"]
          ccapp_app_bundle: "$bundle"
          ccapp_app_secrets_dir: "$CCAPP_SECRETS_DIR"
YAML
}

CCAPP_POLICY_RC_D=usr/sbin/policy-rc.d
CCAPP_PROVISIONING=0

# Mounts what package scripts need and forbids service starts. Undone by ccapp_provision_end.
ccapp_provision_begin() {
  CCAPP_PROVISIONING=1
  ccapp_mount_for_provisioning
  printf '#!/bin/sh\n# Written by appliance/bin/build while provisioning: no service starts.\nexit 101\n' \
    >"$CCAPP_ROOT/$CCAPP_POLICY_RC_D"
  chmod 0755 "$CCAPP_ROOT/$CCAPP_POLICY_RC_D"
  # apt inside the root file system resolves the mirror with this host's resolver.
  if ! cmp -s /etc/resolv.conf "$CCAPP_ROOT/etc/resolv.conf"; then
    rm -f "$CCAPP_ROOT/etc/resolv.conf"
    cp -L /etc/resolv.conf "$CCAPP_ROOT/etc/resolv.conf"
  fi
}

# Safe to call any number of times, and from an EXIT trap.
ccapp_provision_end() {
  [[ $CCAPP_PROVISIONING == 1 ]] || return 0
  rm -f "$CCAPP_ROOT/$CCAPP_POLICY_RC_D"
  ccapp_unmount_all
  CCAPP_PROVISIONING=0
}

# ccapp_playbook PLAYBOOK [ansible-playbook args...]
ccapp_playbook() {
  local playbook=$1; shift
  ANSIBLE_CONFIG="$CCAPP_ANSIBLE_DIR/ansible.cfg" \
    ansible-playbook -i "$CCAPP_STATE_DIR/inventory.yml" "$CCAPP_ANSIBLE_DIR/$playbook" "$@"
}

# --- layer 2: system roles -----------------------------------------------------------------

CCAPP_SYSTEM_INPUTS=(
  ansible/ansible.cfg ansible/appliance.yml
  ansible/roles/ccapp_base ansible/roles/ccapp_mariadb ansible/roles/ccapp_asterisk
  ansible/roles/ccapp_nodejs ansible/roles/ccapp_prompts
  appliance/demo appliance/lib/layers.sh appliance/lib/mounts.sh
  ivr/prompts/builtin.json
)

ccapp_system_key() {
  ccapp_hash_string "$CCAPP_BASE_KEY $1 $(hostname) $(ccapp_hash_paths "${CCAPP_SYSTEM_INPUTS[@]}")"
}

ccapp_layer_system() {
  local mirror=$1
  CCAPP_SYSTEM_KEY=$(ccapp_system_key "$mirror")
  if ccapp_stamp_matches system "$CCAPP_SYSTEM_KEY"; then
    ccapp_log "system: up to date"
    return 0
  fi
  ccapp_assert_root_idle
  ccapp_log "system: applying ansible/appliance.yml"
  ccapp_write_inventory "$mirror"
  ccapp_provision_begin
  ccapp_playbook appliance.yml || ccapp_die "the system playbook failed (see above)"
  ccapp_provision_end
  rm -f "$CCAPP_STAMP_DIR/app"
  ccapp_stamp_write system "$CCAPP_SYSTEM_KEY"
}

# --- layer 3: the app ------------------------------------------------------------------------

# Prints the bundle's path, building it with `npm run bundle` unless CCAPP_BUNDLE names one.
ccapp_bundle() {
  if [[ -n ${CCAPP_BUNDLE:-} ]]; then
    [[ -f $CCAPP_BUNDLE ]] || ccapp_die "CCAPP_BUNDLE=$CCAPP_BUNDLE does not exist"
    readlink -f "$CCAPP_BUNDLE"
    return
  fi
  (cd "$CCAPP_REPO_DIR" && npm pkg get scripts.bundle | grep -q '"') \
    || ccapp_die "package.json has no 'bundle' script yet; set CCAPP_BUNDLE=path/to/bundle.tar.gz"
  ccapp_log "app: npm run bundle"
  (cd "$CCAPP_REPO_DIR" && CCAPP_ARI_SPEC_DIR="$CCAPP_ROOT/usr/share/asterisk/rest-api" npm run --silent bundle) >&2 \
    || ccapp_die "npm run bundle failed (see above)"
  [[ -f $CCAPP_BUNDLE_DEFAULT ]] || ccapp_die "npm run bundle did not produce $CCAPP_BUNDLE_DEFAULT"
  printf '%s\n' "$CCAPP_BUNDLE_DEFAULT"
}

ccapp_secrets_hash() {
  mkdir -p "$CCAPP_SECRETS_DIR"
  find "$CCAPP_SECRETS_DIR" -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum | cut -c1-64
}

ccapp_app_key() {
  local digest=$1
  ccapp_hash_string "$CCAPP_SYSTEM_KEY $digest $(ccapp_secrets_hash) \
    $(ccapp_hash_paths ansible/ansible.cfg ansible/app.yml ansible/roles/ccapp_app appliance/demo)"
}

ccapp_layer_app() {
  local mirror=$1 bundle digest key
  bundle=$(ccapp_bundle)
  digest=$(python3 "$CCAPP_APPLIANCE_DIR/lib/bundle-digest.py" "$bundle") \
    || ccapp_die "cannot read the bundle $bundle"
  key=$(ccapp_app_key "$digest")
  if ccapp_stamp_matches app "$key"; then
    ccapp_log "app: up to date (bundle ${digest:0:12})"
    return 0
  fi
  ccapp_assert_root_idle
  ccapp_log "app: applying ansible/app.yml with bundle ${digest:0:12}"
  ccapp_write_inventory "$mirror" "$bundle"
  ccapp_provision_begin
  ccapp_playbook app.yml -e "ccapp_app_bundle_digest=$digest" || ccapp_die "the app playbook failed (see above)"
  ccapp_provision_end
  # Secrets may have been generated just now: they are part of the key.
  ccapp_stamp_write app "$(ccapp_app_key "$digest")"
}
