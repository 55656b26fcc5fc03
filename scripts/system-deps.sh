#!/usr/bin/env bash
# Debian packages some tests and features use: LibreOffice (the .docx -> PDF test), CJK fonts,
# and Chromium (the browser test of the web app, driven by Playwright; never `playwright install`).
# Installed only when missing and only where apt-get can run; otherwise those tests are skipped.
set -u
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || missing+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: not root or no apt-get; missing ${missing[*]} (their tests will be skipped)"
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
apt-get update -qq >/dev/null 2>&1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
  || echo "system-deps: could not install ${missing[*]} (their tests will be skipped)"
exit 0
