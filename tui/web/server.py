"""`recovery-plan serve`: the app in a browser, one app process per connection.

textual-serve (the `.[web]` extra) does the work: a page with a terminal in it,
a websocket to each app process, downloads from the app to the browser. Around
it, this module keeps the door:

- a websocket is taken only from the page's own origin (the public URL, the
  loopback address the server listens on, or one named with --allow-origin):
  another site's page can't drive a session in a visitor's browser;
- at most --max-sessions app processes at once (each is some 50 MiB), at most
  --open-per-address of them from one address, and at most --per-address new
  sessions a minute from one address; past any, a plain page says why and
  tries again by itself;
- a session left at the sign-in screen with no key for --end-unused seconds
  ends (the app ends itself, see tui.locking), so a forgotten tab frees its place;
- the app runs without a shell, as a kiosk, with the site config and database
  of the server (handed down in the environment, never on a command line);
- when the browser goes (a closed tab, a lost connection) the app gets a
  hang-up, as at a terminal: it keeps what was typed, then ends;
- the page loads nothing from anywhere else (its own fonts and scripts only,
  and a Content-Security-Policy that says so).
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import secrets
import signal
import sys
import time
from collections import deque
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web
from aiohttp.helpers import content_disposition_header
from textual_serve.app_service import AppService
from textual_serve.server import Server

from tui.i18n import _, language
from tui.session_env import ENV_BROWSER, ENV_END_UNUSED

log = logging.getLogger("recovery-plan.serve")

PAGE = Path(__file__).parent / "page"
TEXTUAL_SERVE_STATIC = Path(sys.modules[Server.__module__].__file__).parent / "static"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
PER_ADDRESS_WINDOW = 60.0  # seconds: --per-address counts new sessions in this long
ENDING_WAIT = 15.0  # seconds an app has to keep what was typed and end after a hang-up
REFUSED_RETRY = 30  # seconds before a refusal page tries again by itself

# The page's terminal, named so the page's own script (and the browser tests) can
# read the screen. textual-serve is pinned in the extra; a changed file is served
# as it is, and the page then works without that name.
TERMINAL_OPENED = "this.terminal.open(e)"
TERMINAL_NAMED = "this.terminal.open(e),window.recoveryPlanTerminal=this.terminal"


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, lower case, without a default port."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is None or (scheme, port) in (("http", 80), ("https", 443)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


class Door:
    """Who may start a session: the origin, the cap and the per-address limits."""

    def __init__(self, origins: Sequence[str], max_sessions: int, per_address: int,
                 open_per_address: int | None = None):
        self.origins = frozenset(origin_of(origin) for origin in origins)
        self.max_sessions = max_sessions
        self.per_address = per_address
        self.open_per_address = max_sessions if open_per_address is None else open_per_address
        self.sessions = 0
        self._starts: dict[str, deque[float]] = {}
        self._open: dict[str, int] = {}  # address -> its sessions open now

    def origin_allowed(self, origin: str | None) -> bool:
        return origin is not None and origin_of(origin) in self.origins

    def full(self) -> bool:
        return self.sessions >= self.max_sessions

    def _recent(self, address: str, now: float) -> deque[float]:
        starts = self._starts.setdefault(address, deque())
        while starts and now - starts[0] >= PER_ADDRESS_WINDOW:
            starts.popleft()
        if not starts:
            del self._starts[address]  # forget quiet addresses
            return deque()
        return starts

    def too_many_open_from(self, address: str) -> bool:
        return self._open.get(address, 0) >= self.open_per_address

    def too_many_from(self, address: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        return len(self._recent(address, now)) >= self.per_address

    def started(self, address: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        self._recent(address, now)
        self._starts.setdefault(address, deque()).append(now)
        self._open[address] = self._open.get(address, 0) + 1
        self.sessions += 1

    def ended(self, address: str) -> None:
        self.sessions -= 1
        self._open[address] -= 1
        if not self._open[address]:
            del self._open[address]


class AppProcess(AppService):
    """One app process for one browser connection: started without a shell, and
    hung up on (not told to quit) when the browser goes, so it keeps what was typed."""

    def __init__(self, argv: Sequence[str], environment: dict[str, str], **kwargs):
        super().__init__(" ".join(argv), **kwargs)
        self.argv = list(argv)
        self.environment = environment

    async def _open_app_process(self, width: int = 80, height: int = 24):
        environment = self._build_environment(width=width, height=height)
        environment.update(self.environment)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=environment,
            start_new_session=True,  # the server's terminal signals reach the server only
        )
        self._stdin = process.stdin
        return process

    async def on_data(self, payload: bytes) -> None:
        try:
            await self.remote_write_bytes(payload)
        except (ConnectionError, RuntimeError):
            pass  # the browser is gone: keep reading, so the app is never stuck writing

    async def on_meta(self, data: bytes) -> None:
        try:
            await super().on_meta(data)
        except (ConnectionError, RuntimeError):
            pass

    async def stop(self) -> None:
        """The browser went away, or the server is stopping: a hang-up, as when a
        terminal closes. The app keeps what was typed and ends; one that doesn't
        end in time is stopped."""
        if self._task is None:
            return
        task, self._task = self._task, None
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        process = self._process
        if process is not None and process.returncode is None:
            try:
                process.send_signal(signal.SIGHUP)
                await asyncio.wait_for(process.wait(), ENDING_WAIT)
            except ProcessLookupError:
                pass
            except asyncio.TimeoutError:
                log.warning("An app process did not end %s s after a hang-up; stopping it.",
                            ENDING_WAIT)
                process.kill()
                await process.wait()
        await task


class GuardedServer(Server):
    """textual-serve's server with a guard at the door and a page of its own."""

    def __init__(self, argv: Sequence[str], environment: dict[str, str], *, host: str,
                 port: int, public_url: str | None, allow_origins: Sequence[str] = (),
                 max_sessions: int = 10, per_address: int = 10,
                 open_per_address: int | None = None):
        local_origins = [f"http://{name}:{port}" for name in LOOPBACK_HOSTS]
        if public_url is None:
            shown_host = f"[{host}]" if ":" in host else host
            public_url = f"http://{shown_host}:{port}"
        super().__init__(" ".join(argv), host=host, port=port, title=_("Recovery Plan"),
                         public_url=public_url.rstrip("/"), statics_path=TEXTUAL_SERVE_STATIC,
                         templates_path=PAGE)
        self.argv = list(argv)
        self.environment = environment
        self.door = Door([self.public_url, *local_origins, *allow_origins], max_sessions,
                         per_address, open_per_address)
        self.services: set[AppProcess] = set()
        self._script: bytes | None = None

    # --- the door ---------------------------------------------------------

    def client_address(self, request: web.Request) -> str:
        """The browser's address. Behind a reverse proxy on this machine (a loopback
        peer), the last address the proxy added to X-Forwarded-For."""
        peer = request.remote or "?"
        forwarded = request.headers.get("X-Forwarded-For")
        if forwarded and peer in ("127.0.0.1", "::1"):
            return forwarded.split(",")[-1].strip() or peer
        return peer

    def refusal(self, request: web.Request) -> tuple[int, str, str] | None:
        """(status, title, words) when a new session can't start now, else None."""
        if self.door.full():
            return (503, _("All places are in use"),
                    _("Recovery Plan is open for as many people as this server can take. "
                      "This page tries again by itself in half a minute. If you need help "
                      "now, ask staff, or call or text 988."))
        address = self.client_address(request)
        if self.door.too_many_open_from(address):
            return (429, _("Too many sessions open"),
                    _("This computer already has as many Recovery Plan pages open at once as "
                      "it may. Close one you don't use. This page tries again by itself in half "
                      "a minute. If you need help now, ask staff, or call or text 988."))
        if self.door.too_many_from(address):
            return (429, _("Too many new sessions"),
                    _("Too many sessions were started from this computer in the last minute. "
                      "This page tries again by itself in half a minute. If you need help now, "
                      "ask staff, or call or text 988."))
        return None

    def plain_page(self, status: int, title: str, words: str, retry: bool = True) -> web.Response:
        refresh = f'<meta http-equiv="refresh" content="{REFUSED_RETRY}">' if retry else ""
        body = (f'<!DOCTYPE html><html lang="{language()}"><head><meta charset="utf-8">{refresh}'
                f"<title>{html.escape(title)}</title>"
                f'<link rel="stylesheet" href="/site/page.css"></head>'
                f'<body class="plain"><main><h1>{html.escape(title)}</h1>'
                f"<p>{html.escape(words)}</p></main></body></html>")
        response = web.Response(status=status, text=body, content_type="text/html")
        if retry:
            response.headers["Retry-After"] = str(REFUSED_RETRY)
        return response

    # --- the web application ----------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.security_headers])
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.get("/static/js/textual.js", self.handle_script),
            web.static("/static", self.statics_path, name="static"),
            web.static("/site", PAGE, name="site"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def websocket_url(self) -> str:
        scheme, rest = self.public_url.split(":", 1)
        return ("wss:" if scheme == "https" else "ws:") + rest + "/ws"

    @web.middleware
    async def security_headers(self, request: web.Request, handler) -> web.StreamResponse:
        response = await handler(request)
        ws_origin = origin_of(self.websocket_url())
        response.headers.setdefault("Content-Security-Policy", (
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "font-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' {ws_origin}; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if not request.path.startswith(("/static/", "/site/")):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    async def handle_index(self, request: web.Request) -> web.Response:
        refused = self.refusal(request)
        if refused is not None:
            return self.plain_page(*refused)
        page = (PAGE / "index.html").read_text(encoding="utf-8")
        values = {
            "lang": language(),
            "title": _("Recovery Plan"),
            "loading": _("Recovery Plan is starting…"),
            "closed": _("Recovery Plan closed: the connection ended, or it was not used for a "
                        "while. What you typed is kept. Press Enter to start again."),
            "restart": _("Start again (Enter)"),
            "websocket": self.websocket_url(),
            "font_size": str(max(10, min(32, _whole(request.query.get("fontsize"), 18)))),
        }
        for name, value in values.items():
            page = page.replace("{{ " + name + " }}", html.escape(value))
        return web.Response(text=page, content_type="text/html")

    async def handle_script(self, request: web.Request) -> web.Response:
        if self._script is None:
            script = (self.statics_path / "js" / "textual.js").read_text(encoding="utf-8")
            if TERMINAL_OPENED in script:
                script = script.replace(TERMINAL_OPENED, TERMINAL_NAMED, 1)
            else:
                log.warning("textual-serve %s: its page script changed; serving it as it is.",
                            version("textual-serve"))
            self._script = script.encode("utf-8")
        return web.Response(body=self._script, content_type="text/javascript")

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        key = request.match_info["key"]
        try:
            download = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text=_("This download is over. Save the file again from "
                                          "the app.")) from None
        response = web.StreamResponse()
        response.content_type = download.mime_type
        if download.encoding:
            response.charset = download.encoding
        elif download.mime_type.startswith("text/"):
            response.charset = "utf-8"  # the app writes its text files in UTF-8
        response.headers["Content-Disposition"] = content_disposition_header(
            "attachment", filename=download.file_name)
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not self.door.origin_allowed(request.headers.get("Origin")):
            log.warning("Refused a connection from origin %r (%s).",
                        request.headers.get("Origin"), self.client_address(request))
            raise web.HTTPForbidden(text=_("This page is not Recovery Plan's own page, so it "
                                           "can't open Recovery Plan."))
        refused = self.refusal(request)
        if refused is not None:
            status, title, words = refused
            error = web.HTTPServiceUnavailable if status == 503 else web.HTTPTooManyRequests
            raise error(text=f"{title}. {words}", headers={"Retry-After": str(REFUSED_RETRY)})
        return await self._run_session(request)

    async def _run_session(self, request: web.Request) -> web.WebSocketResponse:
        address = self.client_address(request)
        websocket = web.WebSocketResponse(heartbeat=15)
        width = max(20, min(400, _whole(request.query.get("width"), 80)))
        height = max(10, min(200, _whole(request.query.get("height"), 24)))
        self.door.started(address)
        service: AppProcess | None = None
        try:
            await websocket.prepare(request)
            # Its own terminal for the wrong tries counted per terminal (and the audit).
            terminal = f"browser {secrets.token_hex(3)} {address}"
            service = AppProcess(self.argv, {**self.environment, ENV_BROWSER: terminal},
                                 write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                 close=websocket.close, download_manager=self.download_manager)
            self.services.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # one session's trouble must not end the server
            log.exception(error)
        finally:
            if service is not None:
                await asyncio.shield(service.stop())
                self.services.discard(service)
            self.door.ended(address)
            if not websocket.closed:
                await websocket.close()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, service: AppProcess) -> None:
        """What the page sends: keys, the window's size, focus. Anything else is ignored."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, *rest = message.json()
            except (ValueError, TypeError):
                continue
            if kind == "stdin" and rest and isinstance(rest[0], str):
                await service.send_bytes(rest[0].encode("utf-8"))
            elif kind == "resize" and rest and isinstance(rest[0], dict):
                size = rest[0]
                width, height = _whole(size.get("width"), 0), _whole(size.get("height"), 0)
                if 0 < width <= 400 and 0 < height <= 200:
                    await service.set_terminal_size(width, height)
            elif kind == "ping" and rest:
                await websocket.send_json(["pong", rest[0]])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def on_startup(self, app: web.Application) -> None:
        print(_("Recovery Plan is served on {url} (at most {n} at once). Ctrl+C stops it.").format(
            url=self.public_url, n=self.door.max_sessions), flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """Every open session keeps what was typed before the server stops."""
        await asyncio.gather(*(service.stop() for service in list(self.services)),
                             return_exceptions=True)

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.DEBUG if self.debug else logging.WARNING,
                            format="recovery-plan serve: %(message)s")


def _whole(text, default: int) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def app_command(config, end_unused: int | None = None) -> tuple[list[str], dict[str, str]]:
    """The command that runs one app for one browser, and what its environment adds:
    a kiosk, with the server's language, idle lock, site config and database, that
    ends when left at the sign-in screen for `end_unused` seconds. The
    database goes in the environment: a PostgreSQL URL may hold a password, and a
    command line is seen by everyone on the machine."""
    argv = [sys.executable, "-m", "tui", "--kiosk"]
    if config.language_option:
        argv += ["--lang", config.language_option]
    if config.idle_lock_option:
        argv += ["--idle-lock", str(config.idle_lock_option)]
    environment: dict[str, str] = {}
    if end_unused:
        environment[ENV_END_UNUSED] = str(end_unused)
    if config.source is not None:
        environment["RECOVERY_PLAN_CONFIG"] = str(Path(config.source).resolve())
    if config.database:
        database = config.database
        if "://" not in database:
            database = str(Path(os.path.expanduser(database)).resolve())
        environment["RECOVERY_PLAN_DB"] = database
    if config.site_key:
        environment["RECOVERY_PLAN_SITE_KEY"] = str(Path(os.path.expanduser(config.site_key)).resolve())
    return argv, environment


def serve(config, args) -> int:
    """Serve until Ctrl+C or SIGTERM; every open session keeps what was typed first."""
    host = args.host.strip("[]")
    if args.public_url is None and host in ("0.0.0.0", "::", ""):
        print(_("recovery-plan: with --host {host}, say the address people open with "
                "--public-url, like --public-url http://192.168.1.20:{port}").format(
                    host=args.host, port=args.port), file=sys.stderr)
        return 2
    if args.public_url is not None and urlsplit(args.public_url).scheme not in ("http", "https"):
        print(_("recovery-plan: --public-url must start with https:// or http://"),
              file=sys.stderr)
        return 2
    argv, environment = app_command(config, args.end_unused)
    server = GuardedServer(argv, environment, host=host, port=args.port,
                           public_url=args.public_url, allow_origins=args.allow_origin,
                           max_sessions=args.max_sessions, per_address=args.per_address,
                           open_per_address=args.open_per_address)
    try:
        server.serve()
    except OSError as error:
        print(_("recovery-plan: can't listen on {host} port {port}: {reason}").format(
            host=args.host, port=args.port, reason=error.strerror or error), file=sys.stderr)
        return 1
    return 0
