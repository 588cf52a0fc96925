#!/usr/bin/env bash
# The Debian package: built with CPack from this build tree into a scratch
# folder, checked by lintian (no error), unpacked into a scratch root (no
# container, nothing installed on this machine): the binary runs from it,
# the manual page and the conffile are there, and the systemd unit passes
# `systemd-analyze verify` without a word (its ExecStart pointed at the
# unpacked binary). Exit 77 (skipped) when a tool is missing
# (scripts/install-deps installs them).
# Usage: package_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
BUILD=$1
SRC=$2
for t in cpack dpkg-deb lintian systemd-analyze help2man; do
  if ! command -v "$t" >/dev/null; then
    echo "package_test: SKIPPED - $t not installed (scripts/install-deps installs it)"
    exit 77
  fi
done
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fails=0
check() {  # check DESCRIPTION CONDITION...
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi
}
(cd "$BUILD" && cpack -G DEB -B "$W/out" >"$W/cpack.log" 2>&1)
DEB=$(ls "$W"/out/*.deb 2>/dev/null | head -1)
check "cpack builds a .deb" [ -n "$DEB" ]
[ -n "$DEB" ] || { cat "$W/cpack.log"; exit 1; }
lintian --fail-on error "$DEB" >"$W/lintian.log" 2>&1
lrc=$?
grep -v "root privileges" "$W/lintian.log"
check "lintian reports no error" [ $lrc = 0 ]
dpkg-deb -x "$DEB" "$W/root"
VERSION=$(sed -n 's/^project(storyline VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
check "storyline --version runs from the unpacked package" \
  [ "$("$W/root/usr/bin/storyline" --version)" = "storyline $VERSION" ]
check "the binary is stripped (no symbol table)" bash -c "! readelf -S '$W/root/usr/bin/storyline' | grep -q '\.symtab'"
check "manual page" bash -c "zcat '$W/root/usr/share/man/man1/storyline.1.gz' | grep -q '^.TH STORYLINE'"
check "copyright and changelog" [ -s "$W/root/usr/share/doc/storyline/copyright" ] && [ -s "$W/root/usr/share/doc/storyline/changelog.gz" ]
check "starter feeds" [ -s "$W/root/usr/share/storyline/starter-feeds.opml" ]
dpkg-deb -e "$DEB" "$W/control"
check "/etc/storyline/storyline.toml is a conffile" grep -qx /etc/storyline/storyline.toml "$W/control/conffiles"
check "the shipped configuration passes config check" "$W/root/usr/bin/storyline" config check "$W/root/etc/storyline/storyline.toml"
check "postinst creates the storyline system user" grep -q "adduser --system" "$W/control/postinst"
check "postinst keeps the settings from other users (0640)" grep -q "dpkg-statoverride --update --add root storyline 0640" "$W/control/postinst"
check "postinst is valid sh" sh -n "$W/control/postinst"
check "depends on adduser and the shared libraries" grep -q "^Depends: adduser, libc6" "$W/control/control"
UNIT=$W/root/lib/systemd/system/storyline.service
check "systemd unit is installed" [ -s "$UNIT" ]
sed -e "s#/usr/bin/storyline#$W/root/usr/bin/storyline#" \
  -e "s#/etc/storyline/#$W/root/etc/storyline/#" "$UNIT" > "$W/storyline.service"
systemd-analyze verify --man=no "$W/storyline.service" >"$W/verify.log" 2>&1
vrc=$?
cat "$W/verify.log"
check "systemd-analyze verify: no error, no warning" [ $vrc = 0 ] && [ ! -s "$W/verify.log" ]
for key in NoNewPrivileges=yes ProtectSystem=strict StateDirectory=storyline User=storyline Restart=on-failure; do
  check "unit hardening: $key" grep -qx "$key" "$UNIT"
done
if [ $fails -ne 0 ]; then echo "package_test: $fails checks failed"; exit 1; fi
echo "package_test: all checks passed"
