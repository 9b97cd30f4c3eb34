"""Neo4j Browser made ready for kgraph: a style (GraSS), a guide with the named queries, and
the files the local server serves them from.

The Browser fetches ``:style URL`` and ``:play URL`` from the page's side, and only from
hosts in ``browser.remote_content_hostname_whitelist``.  The local server therefore serves
both itself, next to the Browser: :func:`write_browser_archive` copies the Browser of the
assembled distribution into ``<home>/web/neo4j-browser.zip`` with a ``kgraph/`` folder
added, which Neo4j serves at ``/browser/`` (setting ``internal.dbms.web_dir_path``), and
``browser.post_connect_cmd`` applies the style and opens the guide on every connect.

The Browser takes no password from a URL (``dbms=`` / ``connectURL=`` keep the user name
only), so :func:`launcher_html` writes an owner-only local page whose button copies the
password to the clipboard and opens the Browser with address and user filled in.
"""

from __future__ import annotations

import hashlib
import html
import json
import zipfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from kgraph.atomic import replacing
from kgraph.named_queries import NamedQuery, named_queries

ASSETS = "kgraph"
"""Folder of kgraph's files inside the served Browser: ``/browser/kgraph/...``."""
STYLE_NAME = "style.grass"
GUIDE_NAME = "guide.html"
ARCHIVE_NAME = "neo4j-browser.zip"
"""Name Neo4j looks for in its web folder (pattern ``neo4j-browser*.zip``)."""
_STAMP_NAME = "neo4j-browser.kgraph.json"


# --- the style --------------------------------------------------------------------------


def style_text() -> str:
    """The shipped GraSS (``cypher/browser-style.grass``)."""
    return resources.files("kgraph").joinpath("cypher/browser-style.grass").read_text("utf-8")


# --- the guide --------------------------------------------------------------------------


def _code(text: str) -> str:
    return f'<pre class="code runnable pre-scrollable">{html.escape(text)}</pre>'


def guide_html(queries: Iterable[NamedQuery]) -> str:
    """A Browser guide (``:play URL``): a first slide on the model, then one slide per named
    query with its parameters and Cypher as runnable blocks (a click puts them in the
    editor)."""
    slides = [
        "<h3>kgraph: who did what to whom</h3>"
        "<p>Entities are <code>:Entity</code> nodes with a type label (Person, "
        "Organization, Place, Group, Event); <code>name</code> is their caption. "
        "Facts are relationships between entities, named by type "
        "(<code>CONGRATULATE</code>, <code>DEPLOY_TO</code>); <code>negated</code> marks "
        "facts the text denies. Each mention is a <code>:Claim</code> with its sentence, "
        "linked to its <code>:Article</code>.</p>"
        "<p>The next slides hold kgraph's named queries (the same as "
        "<code>cypher/queries/*.cypher</code>). Click a block to put it in the editor, "
        "then run it; set parameters first with the <code>:params</code> block.</p>"
        "<p>kgraph's style (a colour per type, names as captions) is applied on every "
        "connect; the block below returns to the Browser's own style.</p>" + _code(":style reset")
    ]
    for query in queries:
        parts = [f"<h3>{html.escape(query.name)}</h3>"]
        if query.description:
            parts.append(f"<p>{html.escape(query.description)}</p>")
        if query.params:
            parts.append("<p>Parameters (edit, then run):</p>")
            parts.append(_code(":params " + json.dumps(query.params, ensure_ascii=False)))
        parts.append(_code(query.cypher))
        slides.append("".join(parts))
    body = "\n".join(
        f'<slide class="row-fluid"><div class="col-sm-12">{s}</div></slide>' for s in slides
    )
    return (
        '<article class="guide">\n<carousel class="deck container-fluid">\n'
        f"{body}\n</carousel>\n</article>\n"
    )


# --- the files the local server serves --------------------------------------------------


def assets() -> dict[str, str]:
    """File name -> text of what kgraph adds to the served Browser."""
    return {STYLE_NAME: style_text(), GUIDE_NAME: guide_html(named_queries().values())}


def asset_url(http_url: str, name: str) -> str:
    """Where the local server serves one of kgraph's Browser files."""
    return f"{http_url.rstrip('/')}/browser/{ASSETS}/{name}"


def post_connect_cmd(http_url: str) -> str:
    """The Browser commands run on every connect: apply the style, open the guide."""
    return f"style {asset_url(http_url, STYLE_NAME)}; play {asset_url(http_url, GUIDE_NAME)}"


def find_browser_jar(lib_dir: Path) -> Path | None:
    """The Neo4j Browser jar of an assembled distribution."""
    jars = sorted(lib_dir.glob("neo4j-browser-*.jar"))
    return jars[-1] if jars else None


def _stamp(jar: Path, files: dict[str, str]) -> str:
    digest = hashlib.sha256()
    st = jar.stat()
    digest.update(f"{jar.name}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    for name, text in sorted(files.items()):
        digest.update(f"\0{name}\0{text}".encode())
    return digest.hexdigest()


def write_browser_archive(jar: Path, web_dir: Path, files: dict[str, str] | None = None) -> Path:
    """``web_dir/neo4j-browser.zip``: the Browser of ``jar`` (its ``browser/`` folder) plus
    ``browser/kgraph/<files>``.  Neo4j extracts it on start and serves its first entry's
    folder, creating each folder before its files, so ``browser/`` comes first and every
    folder precedes what it holds.  Rewritten only when the jar or the files change."""
    files = assets() if files is None else files
    web_dir.mkdir(parents=True, exist_ok=True)
    target = web_dir / ARCHIVE_NAME
    stamp_file = web_dir / _STAMP_NAME
    stamp = _stamp(jar, files)
    if target.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return target
    with zipfile.ZipFile(jar) as source:
        members = [
            i for i in source.infolist() if i.filename.startswith("browser/") and not i.is_dir()
        ]
        extra = {f"browser/{ASSETS}/{name}": text for name, text in files.items()}
        names = [m.filename for m in members] + list(extra)
        folders = {"browser/"}
        for name in names:
            parts = name.split("/")[:-1]
            folders.update("/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
        with replacing(target) as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as out:
            for folder in sorted(folders, key=lambda f: (f.count("/"), f)):
                out.writestr(zipfile.ZipInfo(folder), b"")
            for member in members:
                out.writestr(member.filename, source.read(member))
            for name, text in extra.items():
                out.writestr(name, text.encode("utf-8"))
    stamp_file.write_text(stamp)
    return target


# --- opening the Browser ----------------------------------------------------------------


def browser_url(http_url: str, bolt_uri: str, user: str = "neo4j") -> str:
    """The Browser with its connect form filled in (address and user, never a password)."""
    host = bolt_uri.split("://", 1)[-1]
    scheme = bolt_uri.split("://", 1)[0] if "://" in bolt_uri else "neo4j"
    dbms = f"{scheme}://{quote(user, safe='')}@{host}"
    return f"{http_url.rstrip('/')}/browser/?dbms={quote(dbms, safe='')}&preselectAuthMethod=NATIVE"


def launcher_html(url: str, password: str, user: str = "neo4j") -> str:
    """A local page (to be written owner-only) that copies the password to the clipboard
    and opens ``url``: the password is pasted into the connect form, never typed or shown."""
    from kgraph.view import script_json

    data = script_json({"url": url, "password": password, "user": user})
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>Open Neo4j Browser — kgraph</title>
<style>
 body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 40em; margin: 3em auto; color: #222; }}
 button {{ font: inherit; padding: .6em 1.2em; background: #4E79A7; color: #fff; border: 0;
   border-radius: 4px; cursor: pointer; }}
 #done {{ color: #3E7537; }}
</style>
</head><body>
<h1>Neo4j Browser for kgraph</h1>
<p>The button copies the password of user <b id="user"></b> to the clipboard and opens
Neo4j Browser with the address and user filled in: paste the password (Ctrl+V) and press
Connect. This page is readable only by you; do not share it.</p>
<p><button id="go">Copy password and open Neo4j Browser</button> <span id="done"></span></p>
<p><a id="plain">Open Neo4j Browser without copying</a></p>
<script id="kgraph-launch" type="application/json">{data}</script>
<script>
(function () {{
  var d = JSON.parse(document.getElementById("kgraph-launch").textContent);
  document.getElementById("user").textContent = d.user;
  document.getElementById("plain").href = d.url;
  document.getElementById("go").addEventListener("click", function () {{
    var open = function () {{ window.location.href = d.url; }};
    if (navigator.clipboard && navigator.clipboard.writeText) {{
      navigator.clipboard.writeText(d.password).then(function () {{
        document.getElementById("done").textContent = "Copied.";
        setTimeout(open, 300);
      }}, open);
    }} else {{ open(); }}
  }});
}})();
</script>
</body></html>
"""
