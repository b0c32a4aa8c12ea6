# shellcheck shell=bash
# Finds the Debian mirror this host's own apt configuration uses, so that no registry host name
# is ever written into the project. CCAPP_MIRROR overrides it.

# Prints the first URI of an enabled deb822 stanza whose Suites include SUITE exactly.
ccapp_mirror_from_deb822() {
  local suite=$1 file
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -f $file ]] || continue
    awk -v suite="$suite" '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && enabled != "no" && (" " suites " ") ~ (" " suite " ") && uri != "") {
          print uri; found = 1; exit
        }
        types = ""; suites = ""; uri = ""; enabled = ""
      }
      /^#/ { next }
      /^[ \t]*$/ { flush(); next }
      {
        key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "")
        if (key == "types") types = $0
        else if (key == "suites") suites = $0
        else if (key == "uris") { split($0, u, /[ \t]+/); uri = u[1] }
        else if (key == "enabled") enabled = tolower($0)
      }
      END { if (!found) flush() }
    ' "$file"
  done | head -n1
}

# Prints the URI of the first one-line "deb URI SUITE ..." entry for SUITE.
ccapp_mirror_from_list() {
  local suite=$1 file
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $file ]] || continue
    awk -v suite="$suite" '
      $1 == "deb" {
        i = 2
        if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
        if ($(i + 1) == suite) { print $i; exit }
      }
    ' "$file"
  done | head -n1
}

# Prints the mirror URI (without trailing slash); dies when none is found.
ccapp_host_mirror() {
  local suite mirror
  if [[ -n ${CCAPP_MIRROR:-} ]]; then
    printf '%s\n' "${CCAPP_MIRROR%/}"
    return
  fi
  suite=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
  [[ -n $suite ]] || ccapp_die "cannot read this host's Debian codename from /etc/os-release; set CCAPP_MIRROR"
  mirror=$(ccapp_mirror_from_deb822 "$suite")
  [[ -n $mirror ]] || mirror=$(ccapp_mirror_from_list "$suite")
  [[ -n $mirror ]] || ccapp_die "no apt source for suite '$suite' found in /etc/apt/sources.list{,.d/}; set CCAPP_MIRROR"
  [[ $mirror =~ ^https?://[A-Za-z0-9._:/~+-]+$ ]] || ccapp_die "unexpected mirror URI '$mirror' in the host's apt sources"
  printf '%s\n' "${mirror%/}"
}
