"""The nginx block of docs/deploy-browser.md, as written there, in front of
`recovery-plan serve --public-url https://...`: a real nginx with a throwaway
certificate on loopback, and Chromium opening the public name (mapped to
loopback) over HTTPS and a secure websocket."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

from tests.conftest import require_tool
from tests.web.cdp import Browser
from tests.web.conftest import free_port, sign_in_to_crisis

DOC = Path(__file__).resolve().parents[2] / "docs" / "deploy-browser.md"
NAME = "plans.example.org"


def nginx_block() -> str:
    return re.search(r"```nginx\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)


def test_the_documented_nginx_block_serves_the_app_over_https(serve, chromium, tmp_path):
    nginx, openssl = require_tool("nginx"), require_tool("openssl")
    https_port, http_port = free_port(), free_port()
    public_url = f"https://{NAME}:{https_port}"
    served = serve("--public-url", public_url)
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", f"/CN={NAME}", "-addext", f"subjectAltName=DNS:{NAME}",
                    "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
                   check=True, capture_output=True)
    # The doc's block; only the addresses, ports and certificate files are this test's.
    block = (nginx_block()
             .replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
             .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
             .replace(f"/etc/letsencrypt/live/{NAME}/fullchain.pem", str(tmp_path / "cert.pem"))
             .replace(f"/etc/letsencrypt/live/{NAME}/privkey.pem", str(tmp_path / "key.pem"))
             .replace("http://127.0.0.1:8000", f"http://127.0.0.1:{served.port}"))
    assert str(served.port) in block and str(https_port) in block
    temp = tmp_path / "nginx"
    temp.mkdir()
    (temp / "nginx.conf").write_text(
        f"daemon off; worker_processes 1; pid {temp}/nginx.pid; error_log {temp}/error.log;\n"
        "events { worker_connections 64; }\n"
        f"http {{ access_log {temp}/access.log; client_body_temp_path {temp}/body;\n"
        f"  proxy_temp_path {temp}/proxy; fastcgi_temp_path {temp}/fastcgi;\n"
        f"  uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;\n{block}\n}}\n")
    proxy = subprocess.Popen([nginx, "-p", str(temp), "-c", str(temp / "nginx.conf")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    browser = None
    try:
        deadline = time.monotonic() + 20
        while not (temp / "nginx.pid").exists():
            assert proxy.poll() is None, (temp / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.05)
        browser = Browser(chromium, tmp_path / "browser", "--ignore-certificate-errors",
                          f"--host-resolver-rules=MAP {NAME} 127.0.0.1")
        tab = browser.new_tab(public_url + "/")
        sign_in_to_crisis(tab)
        tab.wait_for("front pocket of my backpack")
        assert tab.evaluate("location.href") == public_url + "/"
        tab.close()
        served.wait_for_app_processes(0)
        deadline = time.monotonic() + 10  # nginx logs the websocket once it has ended
        while '"GET /ws?' not in (temp / "access.log").read_text():
            assert time.monotonic() < deadline, (temp / "access.log").read_text()
            time.sleep(0.1)
        assert re.search(r'"GET /ws\?[^"]*" 101 ', (temp / "access.log").read_text())
    finally:
        if browser is not None:
            browser.close()
        proxy.terminate()
        proxy.wait(timeout=20)
