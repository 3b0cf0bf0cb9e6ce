"""Where the time goes from Enter (the PIN typed) to the crisis plan's first
paint: the installed app in a pseudo-terminal of 80x24 on a demo database,
name, F5, PIN, Enter sent as in bench_signin.py, and a profiler running in
the app's process over exactly that window (from the PIN's Enter to the first
write to the terminal that holds "My crisis plan").

    python tests/perf/profile_crisis.py                 # pyinstrument (wall clock, main thread)
    python tests/perf/profile_crisis.py --cprofile 25   # cProfile, the 25 costliest calls
    python tests/perf/profile_crisis.py --key f3        # after signing in, the first visit to F3

Also prints what Textual did in the window: whole-stylesheet parses,
`Stylesheet.apply` calls (one per widget styled) and Footer rebuilds.
pyinstrument comes from PyPI (`pip install pyinstrument`); cProfile needs
nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

SCRIPT = Path(sys.executable).with_name("recovery-plan")
KEYS = {"f2": b"\x1bOQ", "f3": b"\x1bOR", "f4": b"\x1bOS", "f5": b"\x1b[15~", "f6": b"\x1b[17~",
        "f7": b"\x1b[18~"}
# What each screen shows once drawn (its title or a heading only it has).
SHOWN = {"crisis": b"My crisis plan", "f2": b"My plan", "f3": b"sorted by", "f4": b"Action steps",
         "f5": b"My crisis plan", "f6": b"Resilience toolkit", "f7": b"Learn"}


def child(out: str, mode: str, key: str) -> None:
    """The app, with a profiler started by the window's first key and stopped by
    the first write of the screen's text."""
    from textual.css.stylesheet import Stylesheet
    from textual.drivers.linux_driver import LinuxDriver
    from textual.widgets import Input

    from tui import cli
    from tui.widgets.footer import Footer

    import textual.css.stylesheet as stylesheet_module

    counts = {"reparse": 0, "parse": 0, "apply": 0, "footer": 0, "sources": 0}
    state = {"profiler": None, "done": False}
    shown = SHOWN[key]

    def counted(cls, name, field):
        original = getattr(cls, name)

        def wrapper(*args, **kwargs):
            if state["profiler"] is not None:
                counts[field] += 1
            return original(*args, **kwargs)
        setattr(cls, name, wrapper)

    counted(Stylesheet, "reparse", "reparse")
    counted(Stylesheet, "parse", "parse")
    counted(Stylesheet, "apply", "apply")
    styled: dict[str, int] = {}  # Stylesheet.apply calls by the styled widget's screen and type
    original_apply = Stylesheet.apply

    def apply(self, node, *args, **kwargs):
        if state["profiler"] is not None:
            where = type(node.screen).__name__ if node.is_attached and node is not node.screen else "-"
            name = f"{where}/{type(node).__name__}"
            styled[name] = styled.get(name, 0) + 1
        return original_apply(self, node, *args, **kwargs)
    Stylesheet.apply = apply
    counted(Footer, "compose", "footer")
    built_on: list[str] = []
    original_compose = Footer.compose

    def compose(self):
        if state["profiler"] is not None:
            built_on.append(type(self.screen).__name__)
        return original_compose(self)
    Footer.compose = compose
    counted(stylesheet_module, "parse", "sources")  # one CSS source parsed (not from the cache)

    def start() -> None:
        if state["profiler"] is None and not state["done"]:
            if mode == "none":
                state["profiler"] = "counting"
            elif mode == "cprofile":
                import cProfile

                state["profiler"] = cProfile.Profile()
                state["profiler"].enable()
            else:
                from pyinstrument import Profiler

                state["profiler"] = Profiler(interval=0.0005, async_mode="disabled")
                state["profiler"].start()
            state["began"] = time.perf_counter()
            state["cpu"] = time.thread_time()

    def stop() -> None:
        elapsed = time.perf_counter() - state["began"]
        cpu = time.thread_time() - state["cpu"]
        profiler, state["profiler"], state["done"] = state["profiler"], None, True
        with open(out, "w") as report:
            if mode == "none":
                pass
            elif mode == "cprofile":
                import io
                import pstats

                profiler.disable()
                text = io.StringIO()
                pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(60)
                report.write(text.getvalue())
                text = io.StringIO()
                pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(40)
                report.write(text.getvalue())
                for name in ("update_nodes", "update_node_styles", "_refresh_layout"):
                    text = io.StringIO()
                    pstats.Stats(profiler, stream=text).print_callers(name)
                    report.write(text.getvalue())
            else:
                profiler.stop()
                report.write(profiler.output_text(unicode=False, color=False, show_all=False))
            report.write(f"\nwindow: {elapsed * 1000:.1f} ms ({cpu * 1000:.1f} ms CPU in the "
                         f"event loop's thread); whole-stylesheet re-parses "
                         f"{counts['reparse']}, parses {counts['parse']} ({counts['sources']} CSS sources "
                         f"parsed anew), Stylesheet.apply "
                         f"{counts['apply']}, Footer builds {counts['footer']} "
                         f"({', '.join(built_on)})\n")
            report.write("  " + ", ".join(f"{name} at {(at - state['began']) * 1000:.0f} ms"
                                          for name, at in marks) + "\n")
            report.write("  styled: " + ", ".join(f"{name} {count}" for name, count in
                                                 sorted(styled.items(), key=lambda kv: -kv[1])) + "\n")

    import tui.store.plans as plans_module

    marks: list[tuple[str, float]] = []
    original_sign_in = plans_module.sign_in

    def sign_in(*args, **kwargs):
        if state["profiler"] is not None:
            marks.append(("sign_in starts", time.perf_counter()))
        try:
            return original_sign_in(*args, **kwargs)
        finally:
            if state["profiler"] is not None:
                marks.append(("sign_in returns", time.perf_counter()))
    plans_module.sign_in = sign_in
    from tui.store import keys as keys_module
    from tui.store.db import Store

    def marked_call(owner, name: str, label: str) -> None:
        """Mark the start and end of a call in the window (the sign-in's own steps,
        which run in a thread)."""
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            if state["profiler"] is not None:
                marks.append((f"{label} starts", time.perf_counter()))
            try:
                return original(*args, **kwargs)
            finally:
                if state["profiler"] is not None:
                    marks.append((f"{label} returns", time.perf_counter()))
        setattr(owner, name, wrapper)

    marked_call(keys_module, "unlock_with_pin", "PIN key")
    marked_call(Store, "write", "write")
    from tui.app import RecoveryPlanApp

    original_open_plan = RecoveryPlanApp.open_plan

    def open_plan(self, *args, **kwargs):
        if state["profiler"] is not None:
            marks.append(("open_plan starts", time.perf_counter()))
        result = original_open_plan(self, *args, **kwargs)
        if state["profiler"] is not None:
            marks.append(("open_plan returns", time.perf_counter()))
        return result
    RecoveryPlanApp.open_plan = open_plan

    def marked(cls, name: str, label: str) -> None:
        """Mark when a method of Textual's is called in the window (each screen's
        layout and each paint of the whole terminal)."""
        original = getattr(cls, name)

        def wrapper(self, *args, **kwargs):
            if state["profiler"] is not None:
                marks.append((f"{label} ({type(self).__name__})", time.perf_counter()))
            return original(self, *args, **kwargs)
        setattr(cls, name, wrapper)

    from textual.screen import Screen

    marked(Screen, "_refresh_layout", "layout")
    marked(Screen, "_on_screen_resume", "resume")
    marked(LinuxDriver, "write", "write")
    marked(Screen, "_on_timer_update", "update")
    if os.environ.get("PROFILE_MESSAGES"):
        from textual.message_pump import MessagePump

        original_dispatch = MessagePump._dispatch_message

        async def dispatch(self, message):
            if state["profiler"] is not None:
                marks.append((f"{type(message).__name__}>{type(self).__name__}", time.perf_counter()))
            return await original_dispatch(self, message)
        MessagePump._dispatch_message = dispatch
    marked(Footer, "_fit_keys", "fit keys")
    marked(Footer, "_rebuild", "rebuild")

    if key == "crisis":
        original_submit = Input.action_submit

        async def submit(self):
            if self.id == "pin":
                start()
            return await original_submit(self)
        Input.action_submit = submit
    else:
        from textual.app import App

        original_run_action = App.run_action

        async def run_action(self, action, *args, **kwargs):
            if isinstance(action, str) and (action.startswith("go(") or action == "learn") \
                    and getattr(self, "plan", None) is not None:
                start()
            return await original_run_action(self, action, *args, **kwargs)
        App.run_action = run_action

    original_write = LinuxDriver.write

    def write(self, data: str) -> None:
        original_write(self, data)
        if state["profiler"] is not None and shown.decode() in data:
            stop()
    LinuxDriver.write = write
    sys.exit(cli.main(["--db", os.environ["PROFILE_DB"]]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cprofile", type=int, nargs="?", const=40, metavar="N",
                        help="cProfile instead of pyinstrument")
    parser.add_argument("--count", action="store_true",
                        help="no profiler: only the window's length and what Textual did in it")
    parser.add_argument("--key", choices=sorted(KEYS), help="profile the first visit to this key "
                        "after signing in (to the overview) instead of the crisis path")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    mode = "cprofile" if args.cprofile else "none" if args.count else "pyinstrument"
    if args.child:
        child(args.child, mode, args.key or "crisis")
        return

    from tests.perf.terminal import PtyApp

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "plans.sqlite3"
        out = Path(folder) / "profile.txt"
        env = {**os.environ, "TERM": "xterm-256color", "RECOVERY_PLAN_NOW": "2026-11-26T10:00",
               "XDG_DATA_HOME": folder, "PROFILE_DB": str(db)}
        subprocess.run([str(SCRIPT), "--db", str(db), "demo"], check=True, capture_output=True, env=env)
        argv = [sys.executable, __file__, "--child", str(out), *(["--cprofile"] if args.cprofile else []),
                *(["--count"] if args.count else []),
                *(["--key", args.key] if args.key else [])]
        app = PtyApp(argv, env)
        try:
            app.wait_for(b"Sign in to your plan")
            app.drain(1.0)
            if args.key:
                app.send(b"Demo\r975310")
                app.drain(1.0)
                app.send(b"\r")
                app.wait_for(b"My plan")
                app.drain(1.0)
                app.send(KEYS[args.key])
                app.wait_for(SHOWN[args.key])
            else:
                app.send(b"Demo" + KEYS["f5"] + b"975310")
                app.drain(3.0)  # as a person types: the app opens its database at the first key
                app.send(b"\r")
                app.wait_for(SHOWN["crisis"])
            deadline = time.monotonic() + 20
            while not out.exists() and time.monotonic() < deadline:
                app.drain(0.2)
        finally:
            app.close()
        print(out.read_text())


if __name__ == "__main__":
    main()
