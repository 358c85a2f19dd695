"""Real-browser tests: the public and staff deployments as subprocesses, driven by Debian's Chromium via Playwright."""
