#!/usr/bin/env bash
# Installs what Chorus needs on a Debian/Ubuntu machine and is missing:
# Debian packages with apt-get when run as root (otherwise prints the exact
# sudo line), and checks the pinned Rust toolchain. Safe to run again: it
# only acts on what is missing.
set -euo pipefail

# sqlite3: the shell the import benchmark measures against.
# pkg-config, build-essential: C code inside crates (bundled SQLite).
PACKAGES=(build-essential pkg-config sqlite3)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "deps: missing Debian packages; run:"
    echo "  sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "deps: cargo is not installed; install Rust with rustup (https://rustup.rs), toolchain $(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)"
  exit 1
fi
# rust-toolchain.toml pins the version; rustup installs it (and rustfmt and
# clippy) on first use where it can download, and says so where it cannot.
cargo --version >/dev/null
