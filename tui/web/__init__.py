"""The app in a browser (`recovery-plan serve`): a web server that starts one app
process per browser connection (textual-serve, the `.[web]` extra), with a guard at
the door, and the few things the app does differently when it runs there.

`keys` is imported by the app itself and needs nothing more than Textual; `server`
needs the extra and is imported only by the serve command.
"""

import os


def in_browser() -> bool:
    """This app process was started for a browser: textual-serve names its web
    driver in the environment (the app's driver follows it)."""
    return "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")
