"""What `recovery-plan serve` tells each browser's app in its environment. Its
own module, importing nothing: the store, the app and the web server read it,
and the web server imports neither the store nor the toolkit."""

# The terminal's name for the audit and the wrong tries counted per terminal
# ("browser ID ADDRESS", one per browser connection).
ENV_BROWSER = "RECOVERY_PLAN_BROWSER"
# Seconds an empty sign-in screen waits before the app ends (see tui.locking).
ENV_END_UNUSED = "RECOVERY_PLAN_END_UNUSED"
