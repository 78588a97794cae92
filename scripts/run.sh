#!/usr/bin/env bash
# `make run`: open the Chorus desktop app on its database, offering the demo
# organisation on first start (the app's empty state does that). Without a
# display, say so and show the directory in the terminal instead.
set -euo pipefail
app=target/release/chorus-app
cli=target/release/chorus

"$cli" init
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$app"
fi

cat <<MSG

No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the Chorus window cannot open here.
Run 'make run' in a desktop session, or headless with: xvfb-run -a $app
Meanwhile, the same directory from the command line:
MSG
count=$("$cli" init --json | sed -n 's/.*"people":\([0-9]*\).*/\1/p')
if [ "${count:-0}" = 0 ]; then
  answer=y
  if [ -t 0 ]; then
    read -r -p "The directory is empty. Load the demo organisation (1,000 people)? [Y/n] " answer || answer=y
  else
    echo "The directory is empty: loading the demo organisation (1,000 people)."
  fi
  case "${answer:-y}" in
    [nN]*) echo "Import your own people with: $cli import people FILE (CSV, XLSX or Slack users.json)" ;;
    *) "$cli" demo --people 1000 ;;
  esac
fi
echo
"$cli" overview
cat <<MSG

Try:
  $cli people search "zoe"                 search as you type: accents and case ignored
  $cli people list --flag executive        filter by department, location, tag, flag, attitude
  $cli people show '#1'                    one person: profile, stakeholder attributes, history
  $cli people set '#1' attitude=supporter  edit, validated
  $cli import people FILE --dry-run        CSV, XLSX or Slack users.json
  $cli metrics --by department             engagement: active people, 90-9-1, Gini, adoption
  $cli import slack EXPORT.zip             activity from Slack, Viva Engage (engage), M365 reports, CSV
  $cli export people --xlsx -o people.xlsx
MSG
