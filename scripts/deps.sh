#!/usr/bin/env bash
# Installs what Chorus needs on a Debian/Ubuntu machine and is missing:
# Debian packages with apt-get when run as root (otherwise prints the exact
# sudo line), and checks the pinned Rust toolchain. Safe to run again: it
# only acts on what is missing.
set -euo pipefail

# sqlite3: the shell the import benchmark measures against.
# pkg-config, build-essential: C code inside crates (bundled SQLite).
# libwebkit2gtk-4.1-dev … librsvg2-dev: the Tauri desktop shell (see
# ../shared/TAURI-NOTES.md); xvfb, xauth, webkit2gtk-driver, imagemagick:
# running the real app headless in tests and taking screenshots.
# python3: the independent reference the engagement measures are checked
# against (tests/reference/measures.py); python3-venv for the readers the
# report tests open decks and workbooks with (python-pptx, openpyxl).
# libreoffice-impress-nogui, poppler-utils: the report tests convert the
# deck to PDF and render every page (about 30 s to install, measured).
PACKAGES=(build-essential pkg-config sqlite3 file python3 python3-venv
  libreoffice-impress-nogui poppler-utils
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver imagemagick fonts-dejavu-core)

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
# Node.js 20 with npm builds the UI (the machine's own; Debian's npm package
# would replace it with an older Node).
if ! command -v npm >/dev/null 2>&1; then
  echo "deps: Node.js 20 with npm is needed to build the UI (https://nodejs.org)"
  exit 1
fi

# The web UI's packages, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "deps: installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

# python-pptx and openpyxl, pinned, in .venv: the independent readers of
# the decks and workbooks Chorus writes (tests/report.rs).
if ! .venv/bin/python -c "import pptx, openpyxl" >/dev/null 2>&1 \
   || [ tests/reference/requirements.txt -nt .venv/pyvenv.cfg ]; then
  echo "deps: installing python-pptx and openpyxl into .venv"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r tests/reference/requirements.txt
  touch .venv/pyvenv.cfg
fi

# tauri-driver: WebDriver for the real app in the end-to-end tests.
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "deps: installing tauri-driver (cargo install tauri-driver --locked)"
  cargo install tauri-driver --locked --quiet
fi

# rust-toolchain.toml pins the version; rustup installs it (and rustfmt and
# clippy) on first use where it can download, and says so where it cannot.
cargo --version >/dev/null
