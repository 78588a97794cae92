#!/usr/bin/env bash
# `make run` until the desktop shell lands: open the directory in the
# terminal, offering the demo organisation on first start.
set -euo pipefail
chorus=${1:-target/release/chorus}

"$chorus" init
count=$("$chorus" init --json | sed -n 's/.*"people":\([0-9]*\).*/\1/p')
if [ "${count:-0}" = 0 ]; then
  answer=y
  if [ -t 0 ]; then
    read -r -p "The directory is empty. Load the demo organisation (1,000 people)? [Y/n] " answer || answer=y
  else
    echo "The directory is empty: loading the demo organisation (1,000 people)."
  fi
  case "${answer:-y}" in
    [nN]*) echo "Import your own people with: $chorus import people FILE (CSV, XLSX or Slack users.json)" ;;
    *) "$chorus" demo --people 1000 ;;
  esac
fi
echo
"$chorus" overview
cat <<MSG

Try:
  $chorus people search "zoe"                 search as you type: accents and case ignored
  $chorus people list --flag executive        filter by department, location, tag, flag, attitude
  $chorus people show '#1'                    one person: profile, stakeholder attributes, history
  $chorus people set '#1' attitude=supporter  edit, validated
  $chorus import people FILE --dry-run        CSV, XLSX or Slack users.json
  $chorus export people --xlsx -o people.xlsx
  $chorus --help
MSG
