"""kgraph.server without a server: configuration, files, tool checks and secrecy rules."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kgraph.atomic import write_atomic
from kgraph.config import Neo4jSettings, neo4j_settings
from kgraph.errors import ConfigError, ServerError, redact
from kgraph.server import (
    BROWSER_VERSION,
    NEO4J_VERSION,
    ServerConfig,
    ServerStatus,
    assemble,
    check_java,
    is_assembled,
    local_credentials,
    parse_java_version,
    read_password,
    render_conf,
    status,
    stop,
    wipe,
)
from kgraph.server.config import render_pom
from kgraph.server.dist import find_mvn
from kgraph.server.instance import (
    _kill,
    _port_taken,
    _startup_error,
    new_password,
    set_initial_password,
)

SECRET = "s3cret-Pa55word_xyz"


def _script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)
    return path


def _fake_java(bin_dir: Path, version: str) -> Path:
    bin_dir.mkdir(parents=True, exist_ok=True)
    return _script(
        bin_dir / "java",
        f"echo 'openjdk version \"{version}\" 2025-04-15' >&2\n"
        "echo 'OpenJDK Runtime Environment' >&2\n",
    )


# Configuration ----------------------------------------------------------------------------


def test_defaults_follow_xdg(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    cfg = ServerConfig.from_env(env)
    assert cfg.home == (tmp_path / "data" / "kgraph" / "neo4j").resolve()
    assert cfg.dist_dir == (tmp_path / "cache" / "kgraph" / f"neo4j-dist-{NEO4J_VERSION}").resolve()
    assert (cfg.bolt_port, cfg.http_port, cfg.host) == (7687, 7474, "127.0.0.1")
    assert cfg.uri == "bolt://127.0.0.1:7687"
    assert cfg.browser_url == "http://127.0.0.1:7474/browser/"


def test_defaults_without_xdg_use_home_directory() -> None:
    cfg = ServerConfig.from_env({"XDG_DATA_HOME": "relative/ignored"})
    assert cfg.home == (Path.home() / ".local/share/kgraph/neo4j").resolve()
    assert cfg.dist_dir == (Path.home() / f".cache/kgraph/neo4j-dist-{NEO4J_VERSION}").resolve()


def test_environment_overrides(tmp_path: Path) -> None:
    env = {
        "KGRAPH_NEO4J_HOME": str(tmp_path / "inst"),
        "KGRAPH_NEO4J_DIST": str(tmp_path / "jars"),
        "KGRAPH_NEO4J_BOLT_PORT": "17687",
        "KGRAPH_NEO4J_HTTP_PORT": " 17474 ",
        "KGRAPH_NEO4J_HEAP": "2G",
        "KGRAPH_NEO4J_PAGECACHE": "256m",
        "XDG_DATA_HOME": str(tmp_path / "unused"),
    }
    cfg = ServerConfig.from_env(env)
    assert cfg.home == (tmp_path / "inst").resolve()
    assert cfg.dist_dir == (tmp_path / "jars").resolve()
    assert (cfg.bolt_port, cfg.http_port) == (17687, 17474)
    assert (cfg.heap, cfg.pagecache) == ("2g", "256m")
    assert cfg.uri == "bolt://127.0.0.1:17687"


def test_empty_variables_mean_defaults() -> None:
    cfg = ServerConfig.from_env({"KGRAPH_NEO4J_BOLT_PORT": "", "KGRAPH_NEO4J_HOME": ""})
    assert cfg.bolt_port == 7687
    assert cfg.home.name == "neo4j"


def test_tilde_is_expanded() -> None:
    cfg = ServerConfig.from_env({"KGRAPH_NEO4J_HOME": "~/kg-neo4j"})
    assert cfg.home == (Path.home() / "kg-neo4j").resolve()


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"KGRAPH_NEO4J_BOLT_PORT": "seven"}, "KGRAPH_NEO4J_BOLT_PORT"),
        ({"KGRAPH_NEO4J_HTTP_PORT": "70000"}, "between 1 and 65535"),
        ({"KGRAPH_NEO4J_BOLT_PORT": "7474"}, "must differ"),
        ({"KGRAPH_NEO4J_HEAP": "lots"}, "heap"),
        ({"KGRAPH_NEO4J_PAGECACHE": "1.5g"}, "page cache"),
    ],
)
def test_bad_settings_are_config_errors(env: dict[str, str], needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        ServerConfig.from_env(env)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "::1", "localhost", "example.org"])
def test_host_must_be_ipv4_loopback(host: str) -> None:
    with pytest.raises(ConfigError):
        ServerConfig(host=host)


def test_conf_listens_on_loopback_only(tmp_path: Path) -> None:
    cfg = ServerConfig(home=tmp_path, bolt_port=17687, http_port=17474, heap="768m")
    conf = render_conf(cfg)
    settings = dict(
        line.split("=", 1) for line in conf.splitlines() if line and not line.startswith("#")
    )
    assert settings["server.default_listen_address"] == "127.0.0.1"
    assert settings["server.bolt.listen_address"] == "127.0.0.1:17687"
    assert settings["server.http.listen_address"] == "127.0.0.1:17474"
    assert settings["server.https.enabled"] == "false"
    assert settings["dbms.security.auth_enabled"] == "true"
    assert settings["server.memory.heap.max_size"] == "768m"
    assert settings["server.memory.pagecache.size"] == "512m"
    assert settings["db.transaction.timeout"] == "10m"
    for key, value in settings.items():
        if "address" in key:
            assert value.startswith("127.0.0.1"), key


def test_conf_lets_cypher_read_no_file_and_fetch_no_url(tmp_path: Path) -> None:
    conf = render_conf(ServerConfig(home=tmp_path))
    settings = dict(
        line.split("=", 1) for line in conf.splitlines() if line and not line.startswith("#")
    )
    assert settings["dbms.security.allow_csv_import_from_file_urls"] == "false"
    assert settings["server.directories.import"] == "import"
    assert set(settings["internal.dbms.cypher_ip_blocklist"].split(",")) == {"0.0.0.0/0", "::/0"}


def test_conf_gives_the_launcher_heap_jars_and_flags_and_no_secret(tmp_path: Path) -> None:
    cfg = ServerConfig(home=tmp_path / "h", dist_dir=tmp_path / "d", heap="1g")
    lines = render_conf(cfg).splitlines()
    assert "server.memory.heap.initial_size=1g" in lines
    assert "server.memory.heap.max_size=1g" in lines
    assert f"server.directories.lib={tmp_path / 'd' / 'lib'}" in lines
    assert "server.jvm.additional=-XX:+UseParallelGC" in lines
    assert not any("password" in line.lower() for line in lines if not line.startswith("#"))


def test_pom_names_the_server_and_browser() -> None:
    pom = render_pom()
    assert f"<version>{NEO4J_VERSION}</version>" in pom
    assert "<artifactId>neo4j-server</artifactId>" in pom
    assert f"<version>{BROWSER_VERSION}</version>" in pom
    assert "<packaging>pom</packaging>" in pom


# Java and Maven ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment', 17),
        ('java version "1.8.0_292"\nJava(TM) SE Runtime Environment', 8),
        ('openjdk version "21" 2023-09-19', 21),
        ('openjdk version "11.0.2" 2019-01-15', 11),
        ('openjdk version "22-ea" 2024-03-19', 22),
        ('Picked up JAVA_TOOL_OPTIONS: -Xss1m\nopenjdk version "17.0.1" 2021-10-19', 17),
        ("no java here", None),
    ],
)
def test_parse_java_version(text: str, major: int | None) -> None:
    assert parse_java_version(text) == major


def test_check_java_accepts_17(tmp_path: Path) -> None:
    java = _fake_java(tmp_path / "bin", "17.0.15")
    assert check_java({"PATH": str(tmp_path / "bin")}) == str(java)


def test_check_java_prefers_java_home(tmp_path: Path) -> None:
    _fake_java(tmp_path / "path", "11.0.2")
    java = _fake_java(tmp_path / "jdk" / "bin", "21.0.1")
    env = {"PATH": str(tmp_path / "path"), "JAVA_HOME": str(tmp_path / "jdk")}
    assert check_java(env) == str(java)


def test_check_java_rejects_old_java(tmp_path: Path) -> None:
    _fake_java(tmp_path / "bin", "11.0.2")
    with pytest.raises(ServerError) as info:
        check_java({"PATH": str(tmp_path / "bin")})
    assert "Java 17" in info.value.message and "Java 11" in info.value.message
    assert info.value.hint is not None and "docker compose up -d" in info.value.hint


def test_missing_java_is_one_line_error_with_docker_hint(tmp_path: Path) -> None:
    with pytest.raises(ServerError) as info:
        check_java({"PATH": str(tmp_path)})
    assert "no java was found" in info.value.message
    assert "\n" not in str(info.value)
    assert "docker compose up -d" in str(info.value)


def test_missing_maven_is_one_line_error_with_docker_hint(tmp_path: Path) -> None:
    with pytest.raises(ServerError) as info:
        find_mvn({"PATH": str(tmp_path)})
    assert "Maven (mvn)" in info.value.message
    assert "\n" not in str(info.value)
    assert "docker compose up -d" in str(info.value)


@pytest.fixture
def fake_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH holding a fake Java 17 and a fake Maven that records its runs."""
    bin_dir = tmp_path / "bin"
    _fake_java(bin_dir, "17.0.15")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    return bin_dir


def test_assemble_copies_jars_once(tmp_path: Path, fake_tools: Path) -> None:
    runs = tmp_path / "mvn-runs"
    _script(
        fake_tools / "mvn",
        f'echo run >> "{runs}"\n'
        'for a in "$@"; do case "$a" in -DoutputDirectory=*) out="${a#-DoutputDirectory=}";; '
        "esac; done\n"
        f'mkdir -p "$out" && touch "$out/neo4j-{NEO4J_VERSION}.jar" "$out/other-1.0.jar"\n',
    )
    cfg = ServerConfig(home=tmp_path / "home", dist_dir=tmp_path / "cache" / "dist")
    assert not is_assembled(cfg)
    lib = assemble(cfg)
    assert lib == cfg.dist_dir / "lib"
    assert sorted(p.name for p in lib.iterdir()) == ["neo4j-5.26.30.jar", "other-1.0.jar"]
    marker = json.loads((cfg.dist_dir / "kgraph-neo4j-dist.json").read_text())
    assert marker["neo4j_version"] == NEO4J_VERSION and marker["jars"] == 2
    assert is_assembled(cfg)
    assert assemble(cfg) == lib  # cached: Maven is not run again
    assert runs.read_text().count("run") == 1
    leftovers = [p.name for p in cfg.dist_dir.parent.iterdir() if ".build-" in p.name]
    assert leftovers == []


def test_assemble_reports_the_end_of_maven_output(tmp_path: Path, fake_tools: Path) -> None:
    _script(
        fake_tools / "mvn",
        'i=0; while [ $i -lt 30 ]; do echo "[INFO] noise line $i"; i=$((i+1)); done\n'
        "echo '[ERROR] Failed to execute goal: Could not resolve dependencies'\n"
        "exit 1\n",
    )
    cfg = ServerConfig(home=tmp_path / "home", dist_dir=tmp_path / "cache" / "dist")
    with pytest.raises(ServerError) as info:
        assemble(cfg)
    message = info.value.message
    assert "exit code 1" in message
    assert "Could not resolve dependencies" in message
    assert "noise line 29" in message and "noise line 0\n" not in message
    assert not cfg.dist_dir.exists()
    assert [p.name for p in cfg.dist_dir.parent.iterdir() if ".build-" in p.name] == []


# Passwords --------------------------------------------------------------------------------


def test_password_file_is_created_0600_even_with_open_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "password"
        write_atomic(path, SECRET + "\n", mode=0o600)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        path.chmod(0o644)
        write_atomic(path, SECRET + "\n", mode=0o600)  # replacing a too-open file fixes its mode
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    finally:
        os.umask(old)
    assert path.read_text() == SECRET + "\n"
    assert [p.name for p in tmp_path.iterdir()] == ["password"]


def test_read_password_and_local_credentials(tmp_path: Path) -> None:
    cfg = ServerConfig(home=tmp_path, bolt_port=17687, http_port=17474)
    assert read_password(cfg) is None
    assert local_credentials(cfg) is None
    write_atomic(cfg.password_file, SECRET + "\n", mode=0o600)
    assert read_password(cfg) == SECRET
    assert local_credentials(cfg) == ("bolt://127.0.0.1:17687", "neo4j", SECRET)


def test_generated_passwords() -> None:
    passwords = {new_password() for _ in range(200)}
    assert len(passwords) == 200
    for password in passwords:
        assert len(password) >= 32
        assert not password.startswith("-")
        assert set(password) <= set(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        )


def _admin_cfg(tmp_path: Path) -> ServerConfig:
    cfg = ServerConfig(home=tmp_path / "home", dist_dir=tmp_path / "dist")
    cfg.home.mkdir()
    return cfg


def test_initial_password_goes_through_an_argfile(tmp_path: Path) -> None:
    cfg = _admin_cfg(tmp_path)
    seen = tmp_path / "seen"
    body = """echo "$@" > "SEEN.argv"
for a in "$@"; do
  case "$a" in
    @*) f="${a#@}"; cat "$f" > "SEEN.argfile"; stat -c %a "$f" > "SEEN.mode";;
  esac
done
echo "Changed password for user 'neo4j'."
"""
    java = _script(tmp_path / "java", body.replace("SEEN", str(seen)))
    set_initial_password(cfg, str(java), SECRET)
    argv = Path(f"{seen}.argv").read_text()
    assert SECRET not in argv
    assert "-XX:-UsePerfData" in argv and "@" in argv
    argfile = Path(f"{seen}.argfile").read_text().split()
    assert argfile == [
        '"org.neo4j.cli.AdminTool"',
        '"dbms"',
        '"set-initial-password"',
        '"--"',
        f'"{SECRET}"',
    ]
    assert Path(f"{seen}.mode").read_text().strip() == "600"
    assert list(cfg.run_dir.iterdir()) == []  # the argfile is gone


def test_admin_failure_never_shows_the_password(tmp_path: Path) -> None:
    cfg = _admin_cfg(tmp_path)
    java = _script(
        tmp_path / "java",
        'for a in "$@"; do case "$a" in @*) '
        'echo "Unmatched argument at index 3: $(tail -n 1 "${a#@}")";; esac; done\n'
        "exit 2\n",
    )
    with pytest.raises(ServerError) as info:
        set_initial_password(cfg, str(java), SECRET)
    assert "exit code 2" in str(info.value)
    assert "Unmatched argument" in str(info.value)
    assert SECRET not in str(info.value) and SECRET not in repr(info.value)
    assert list(cfg.run_dir.iterdir()) == []


def test_startup_errors_redact_the_password(tmp_path: Path) -> None:
    cfg = ServerConfig(home=tmp_path)
    cfg.logs_dir.mkdir()
    cfg.neo4j_log.write_text(
        "2026-01-01 INFO  Starting...\n"
        f"2026-01-01 ERROR Failed to start: bad thing near {SECRET}\n"
        "2026-01-01 INFO  Neo4j Server shutdown initiated by request\n"
    )
    error = _startup_error(cfg, "Neo4j exited during start-up", 0, SECRET)
    assert str(cfg.neo4j_log) in error.message
    assert "Failed to start: bad thing near ***" in error.message
    assert SECRET not in str(error)


def test_startup_errors_only_look_at_this_start(tmp_path: Path) -> None:
    cfg = ServerConfig(home=tmp_path)
    cfg.logs_dir.mkdir()
    old = "2026-01-01 ERROR an old failure\n"
    new = "2026-01-02 INFO  Starting...\nException in thread main: IllegalStateException\n"
    cfg.neo4j_log.write_text(old + new + "2026-01-02 INFO  Stopped.\n")
    error = _startup_error(cfg, "Neo4j exited", len(old), SECRET)
    assert "an old failure" not in error.message
    assert "IllegalStateException" in error.message and str(cfg.neo4j_log) in error.message


def test_redact() -> None:
    assert redact(f"a {SECRET} b {SECRET}", SECRET, None, "") == "a *** b ***"


# Instance state without a server ------------------------------------------------------------


def test_status_and_stop_of_a_fresh_instance(tmp_path: Path) -> None:
    cfg = ServerConfig(home=tmp_path / "never-started", bolt_port=17687, http_port=17474)
    st = status(cfg)
    assert st == ServerStatus(
        running=False,
        pid=None,
        uri="bolt://127.0.0.1:17687",
        http_url="http://127.0.0.1:17474/browser/",
        version=None,
        store_size_bytes=0,
        home=cfg.home,
        ready=False,
        log_file=cfg.neo4j_log,
    )
    assert json.loads(json.dumps(st.as_dict()))["running"] is False
    assert stop(cfg) is False


def test_stale_pid_file_is_not_running(tmp_path: Path) -> None:
    cfg = ServerConfig(home=tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    cfg.run_dir.mkdir()
    cfg.pid_file.write_text(f"{dead.pid}\n")
    assert status(cfg).running is False
    assert stop(cfg) is False
    assert not cfg.pid_file.exists()


def test_pid_of_an_unrelated_process_is_never_signalled(tmp_path: Path) -> None:
    cfg = ServerConfig(home=tmp_path)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        cfg.run_dir.mkdir()
        cfg.pid_file.write_text(f"{other.pid}\n")
        assert status(cfg).running is False
        assert stop(cfg) is False
        assert other.poll() is None  # still alive
    finally:
        other.kill()
        other.wait()


def test_a_server_the_launcher_cannot_stop_is_killed() -> None:
    stubborn = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
            "print(flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert stubborn.stdout is not None and stubborn.stdout.readline()  # SIGTERM ignored
        stubborn.terminate()
        with pytest.raises(subprocess.TimeoutExpired):
            stubborn.wait(0.3)
        _kill(stubborn.pid, "timed out", wait=10)
        assert stubborn.wait(5) == -signal.SIGKILL
    finally:
        stubborn.kill()
        stubborn.wait()


def test_port_probe() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert _port_taken("127.0.0.1", port)
    assert not _port_taken("127.0.0.1", port)


def test_wipe_removes_only_instance_files(tmp_path: Path) -> None:
    home = tmp_path / "inst"
    cfg = ServerConfig(home=home, dist_dir=tmp_path / "dist")
    for name in ("data/databases", "logs", "run", "conf"):
        (home / name).mkdir(parents=True)
    write_atomic(cfg.password_file, SECRET, mode=0o600)
    (home / "notes.txt").write_text("mine")
    (tmp_path / "dist" / "lib").mkdir(parents=True)
    wipe(cfg)
    assert sorted(p.name for p in home.iterdir()) == ["notes.txt"]
    assert (tmp_path / "dist" / "lib").is_dir()
    (home / "notes.txt").unlink()
    wipe(cfg)  # an empty home goes away
    assert not home.exists()


def test_wipe_refuses_the_home_directory(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        wipe(ServerConfig(home=Path.home(), dist_dir=tmp_path / "dist"))


def test_neo4j_settings_flags_then_variables_then_the_local_server(tmp_path: Path) -> None:
    home = {"KGRAPH_NEO4J_HOME": str(tmp_path), "KGRAPH_NEO4J_BOLT_PORT": "17687"}
    assert neo4j_settings(env=home) == Neo4jSettings("bolt://127.0.0.1:7687")
    write_atomic(tmp_path / "password", SECRET + "\n", mode=0o600)
    local = neo4j_settings(env=home)
    assert (local.uri, local.user, local.password) == ("bolt://127.0.0.1:17687", "neo4j", SECRET)
    env = home | {"NEO4J_URI": "bolt://db:7687", "NEO4J_USERNAME": "ann", "NEO4J_DATABASE": "x"}
    other = neo4j_settings(env=env)
    assert (other.uri, other.user, other.password, other.database) == (
        "bolt://db:7687",
        "ann",
        None,
        "x",
    )
    env |= {"NEO4J_USER": "bob", "NEO4J_PASSWORD": "pw"}
    assert neo4j_settings(env=env) == Neo4jSettings("bolt://db:7687", "bob", "pw", "x")
    flags = neo4j_settings("bolt://127.0.0.1:17687", "cy", "y", env=env)
    assert flags == Neo4jSettings("bolt://127.0.0.1:17687", "cy", "pw", "y")
    del env["NEO4J_PASSWORD"]
    local_flag = neo4j_settings("bolt://127.0.0.1:17687", env=env)
    assert (local_flag.uri, local_flag.user, local_flag.password) == (
        "bolt://127.0.0.1:17687",
        "bob",
        SECRET,
    )
