"""Web paths: a logged-in visitor asks the app's file routes for files outside its downloads
folder — /etc/passwd, the data directory, the users file, the corpus, the home folder, another
gradio app's cache, /proc — written as plain absolute paths, `../` from the downloads folder,
`%2e%2e` and double-encoded, with backslashes, `//`, `/./`, a NUL, through symlinks planted in
the downloads folder, and as URLs. Survived when the secret's content is not in the reply.
Controls: a package the app drafted is served to its visitor, and not to anyone before login."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from assistant.settings import PROJECT_ROOT
from evals.reliability.lab import Attack, Lab, Outcome
from evals.reliability.web_lab import WebApp, random_password

USERS = {"alice": random_password()}
ROUTES = ("/gradio_api/file=", "/file=", "/gradio_api/file/")


class Targets:
    """Files outside the downloads folder, each with a string only its content holds."""

    def __init__(self, app: WebApp) -> None:
        marker = secrets.token_hex(8)
        home_secret = app.home / "secret-in-home.txt"
        home_secret.write_text(f"home {marker}", encoding="utf-8")
        user_home = app.folder / "secret-in-user-home.txt"
        user_home.write_text(f"user home {marker}", encoding="utf-8")
        cache = app.tmp / "gradio" / "0123abcd" / "other-app-upload.txt"
        cache.parent.mkdir(parents=True)
        cache.write_text(f"another app's upload {marker}", encoding="utf-8")
        hash_line = app.users_file.read_text(encoding="utf-8").split(":", 1)[1][:40]
        manifest = PROJECT_ROOT / "corpus" / "manifest.json"
        manifest_marker = manifest.read_text(encoding="utf-8")[:60].strip()
        self.files: dict[str, tuple[Path, str]] = {
            "/etc/passwd": (Path("/etc/passwd"), "root:"),
            "the data directory": (home_secret, f"home {marker}"),
            "the users file": (app.users_file, hash_line),
            "the corpus": (manifest, manifest_marker),
            "the home folder": (user_home, f"user home {marker}"),
            "another gradio app's cache": (cache, f"another app's upload {marker}"),
            "the project's pyproject": (PROJECT_ROOT / "pyproject.toml", "[project]"),
            "/proc/self/environ": (Path("/proc/self/environ"), "IPMS_HOME="),
        }


_TARGETS: dict[int, Targets] = {}


def _app(lab: Lab) -> tuple[WebApp, str, Targets]:
    app = WebApp.shared(lab, "paths", USERS)
    if id(lab) not in _TARGETS:
        _TARGETS[id(lab)] = Targets(app)
    return app, _cookie(app), _TARGETS[id(lab)]


_COOKIES: dict[int, str] = {}


def _cookie(app: WebApp) -> str:
    if id(app) not in _COOKIES:
        _COOKIES[id(app)] = app.session("alice")
    return _COOKIES[id(app)]


def _downloads(app: WebApp) -> Path:
    folders = app.downloads()
    if not folders:
        raise RuntimeError("the app's downloads folder was not found")
    return folders[0]


def _up(levels: int) -> str:
    return "../" * levels


def _variants(target: Path, downloads: Path) -> dict[str, str]:
    """Ways of writing `target` in a file route (each relative to the route prefix)."""
    absolute = str(target)
    depth = len(downloads.parts) - 1
    relative = _up(depth + 2) + absolute.lstrip("/")
    return {
        "absolute": absolute,
        "from the downloads folder with ../": f"{downloads}/{relative}",
        "%2e%2e from the downloads folder": f"{downloads}/" + relative.replace("..", "%2e%2e"),
        "%2e%2e%2f all encoded": f"{downloads}/" + relative.replace("../", "%2e%2e%2f")
        .replace("/", "%2f"),
        "double encoded %252e%252e": f"{downloads}/" + relative.replace("..", "%252e%252e"),
        "relative to the working folder": _up(20) + absolute.lstrip("/"),
        "backslashes": f"{downloads}\\" + relative.replace("/", "\\"),
        "double slash": "/" + absolute,
        "dot segments": absolute.replace("/", "/./"),
        "NUL then an allowed name": f"{absolute}%00{downloads}/x.md",
        "file:// URL": f"file://{absolute}",
        "overlong UTF-8 dots": f"{downloads}/" + relative.replace("..", "%c0%ae%c0%ae"),
    }


def _check(reply_body: str, status: int, secret: str) -> Outcome:
    if secret in reply_body:
        return Outcome(False, f"HTTP {status}: the file's content was served")
    return Outcome(True, f"HTTP {status}")


def _variant_attack(target_name: str, variant: str, route: str):
    def run(lab: Lab) -> Outcome:
        app, cookie, targets = _app(lab)
        path, secret = targets.files[target_name]
        written = _variants(path, _downloads(app))[variant]
        reply = app.request("GET", route + written, cookie=cookie)
        return _check(reply.body, reply.status, secret)
    return run


def _symlink_attack(target_name: str, folder_link: bool = False):
    def run(lab: Lab) -> Outcome:
        app, cookie, targets = _app(lab)
        path, secret = targets.files[target_name]
        downloads = _downloads(app)
        link = downloads / f"link-{secrets.token_hex(4)}"
        if folder_link:
            os.symlink(path.parent, link)
            requested = link / path.name
        else:
            os.symlink(path, link)
            requested = link
        reply = app.request("GET", "/gradio_api/file=" + str(requested), cookie=cookie)
        return _check(reply.body, reply.status, secret)
    return run


def _url_attack(url: str, secret: str):
    def run(lab: Lab) -> Outcome:
        app, cookie, _ = _app(lab)
        reply = app.request("GET", "/gradio_api/file=" + url.format(port=app.port), cookie=cookie)
        return _check(reply.body, reply.status, secret)
    return run


def _export(app: WebApp, cookie: str) -> str | None:
    """Draft a package from the example intake; the zip's path on the server."""
    import json

    from generators.templates_io import TemplateSet

    stream = app.call("draft", [TemplateSet().intake_example("zh"), "zh", "gbt29490-2023"], cookie,
                      timeout=180)  # intake, language of the package, standard
    for line in stream.splitlines():
        if line.startswith("data:") and ".zip" in line:
            value = json.loads(line[5:])[0]
            return value.get("path") if isinstance(value, dict) else None
    return None


_EXPORTED: dict[int, str | None] = {}


def _exported(lab: Lab) -> tuple[WebApp, str, str | None]:
    app, cookie, _ = _app(lab)
    if id(lab) not in _EXPORTED:
        _EXPORTED[id(lab)] = _export(app, cookie)
    return app, cookie, _EXPORTED[id(lab)]


def _download_served(lab: Lab) -> Outcome:
    app, cookie, path = _exported(lab)
    if not path:
        return Outcome(False, "the export gave no file")
    reply = app.request("GET", "/gradio_api/file=" + path, cookie=cookie)
    if reply.status != 200 or not reply.body.startswith("PK"):
        return Outcome(False, f"the visitor's own package was not served: HTTP {reply.status}")
    return Outcome(True, "the visitor's package is served (control)")


def _download_needs_login(lab: Lab) -> Outcome:
    app, _, path = _exported(lab)
    if not path:
        return Outcome(False, "the export gave no file")
    reply = app.request("GET", "/gradio_api/file=" + path)
    if reply.status == 200 or reply.body.startswith("PK"):
        return Outcome(False, f"HTTP {reply.status}: served before login")
    return Outcome(True, f"HTTP {reply.status}")


def _shutdown(lab: Lab) -> Outcome:
    app = WebApp.stop_shared(lab, "paths")
    if app is None:
        return Outcome(False, "the app was not running")
    left = app.downloads()
    return Outcome(not left, "stopped; its downloads folder (links included) is gone"
                   if not left else f"left behind: {[p.name for p in left]}")


TARGET_NAMES = ["/etc/passwd", "the data directory", "the users file", "the corpus",
                "the home folder", "another gradio app's cache", "the project's pyproject",
                "/proc/self/environ"]
VARIANTS = ["absolute", "from the downloads folder with ../", "%2e%2e from the downloads folder",
            "%2e%2e%2f all encoded", "double encoded %252e%252e", "relative to the working folder",
            "backslashes", "double slash", "dot segments", "NUL then an allowed name",
            "file:// URL", "overlong UTF-8 dots"]


def attacks() -> list[Attack]:
    out = [Attack("control: the visitor's package is served", _download_served),
           Attack("control: the package is not served before login", _download_needs_login)]
    for target in TARGET_NAMES:
        for variant in VARIANTS:
            out.append(Attack(f"{target}: {variant}",
                              _variant_attack(target, variant, "/gradio_api/file=")))
        for route in ("/file=", "/gradio_api/file/"):
            out.append(Attack(f"{target}: absolute via {route}",
                              _variant_attack(target, "absolute", route)))
        if not target.startswith("/proc"):
            out.append(Attack(f"{target}: symlink in the downloads folder",
                              _symlink_attack(target)))
            out.append(Attack(f"{target}: folder symlink in the downloads folder",
                              _symlink_attack(target, folder_link=True)))
    out += [Attack("URL: the app itself on loopback",
                   _url_attack("http://127.0.0.1:{port}/config", "components")),
            Attack("URL: localhost by name", _url_attack("http://localhost:{port}/config",
                                                         "components")),
            Attack("URL: file:///etc/passwd", _url_attack("file:///etc/passwd", "root:"))]
    out.append(Attack("shutdown: downloads removed", _shutdown))
    return out
