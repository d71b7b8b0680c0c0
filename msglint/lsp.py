"""``msglint lsp``: a language server (stdio) for drafts in any LSP editor.

Markdown, plain-text and e-mail buffers (``.eml``, the ``mail`` filetype of
mutt, neomutt and aerc temp files) get diagnostics on open, change (debounced)
and save; code actions are plain ``WorkspaceEdit``s (apply the fix, disable
the rule inline, add an acronym to the allow list), so they work in Neovim and
Helix without client code; hover shows the rule's documentation in the
draft's language; the score is a code lens on the first line and a
``msglint/score`` notification. Checks run on one worker thread that keeps
the spaCy pipelines loaded. Configuration: the nearest ``msglint.toml``
(re-read when it changes); ``initializationOptions`` may set ``lang``,
``kind``, ``now``, ``debounce_ms`` and ``config``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.server import LanguageServer

from msglint import __version__
from msglint.errors import MsglintError
from msglint.lsp_edits import (
    RULE_DOC_URI,
    TextChange,
    allow_acronym_change,
    config_target,
    disable_change,
    fix_changes,
)

LANGUAGE_IDS = {
    "markdown": "markdown",
    "plaintext": "text",
    "text": "text",
    "mail": "email",
    "email": "email",
    "eml": "email",
}
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".eml": "email"}
CONFIG_NAMES = ("msglint.toml", ".msglint.toml", "pyproject.toml")
SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}
DEFAULT_DEBOUNCE_MS = 300


def uri_path(uri: str) -> Path | None:
    """The file of a ``file:`` URI (None for an untitled buffer)."""
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def document_format(uri: str, language_id: str | None) -> str | None:
    """How to read a buffer: ``markdown``, ``text`` or ``email``; None when not ours."""
    path = uri_path(uri)
    suffix = path.suffix.lower() if path else ""
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    return LANGUAGE_IDS.get((language_id or "").lower())


@dataclass
class Checked:
    """The latest check of one buffer, for code actions, hover and the lens."""

    version: int | None
    fmt: str
    result: Any = None
    error: str | None = None
    config_file: Path | None = None
    lines: list[str] = field(default_factory=list)


class ConfigCache:
    """The configuration of each folder, re-read when the file found changes."""

    def __init__(self, explicit: str | None = None) -> None:
        self.explicit = explicit
        self._cache: dict[Path | None, tuple[Path | None, tuple[int, int], Any]] = {}

    def get(self, folder: Path | None) -> tuple[Any, Path | None]:
        from msglint.config import find_user_file, load_config

        found: Path | None
        if self.explicit:
            found = Path(self.explicit)
        else:
            # find_user_file remembers its answers; an editor session must see new files.
            finder = getattr(find_user_file, "__wrapped__", find_user_file)
            found = finder(folder.resolve()) if folder else None
        try:
            info = found.stat() if found else None
            stamp = (info.st_mtime_ns, info.st_size) if info else (0, 0)
        except OSError:
            stamp = (-1, -1)
        cached = self._cache.get(folder)
        if cached and cached[0] == found and cached[1] == stamp:
            return cached[2], found
        config = load_config(str(found) if found else None, None)
        self._cache[folder] = (found, stamp, config)
        return config, found

    def clear(self) -> None:
        self._cache.clear()


def check_buffer(
    text: str, path: Path | None, fmt: str, config: Any, options: dict[str, Any]
) -> Any:
    """Check one buffer's text as ``msglint check`` would check the file."""
    from msglint.api import check_loaded, config_lang, parse_now
    from msglint.inputs import Source, parse
    from msglint.inputs.email_reader import looks_like_email
    from msglint.runner import check_size

    data = text.encode("utf-8")
    kind = options.get("kind") or None
    if kind == "auto":
        kind = None
    read_as = fmt
    if fmt == "email" and not looks_like_email(data):
        read_as, kind = "text", kind or "email"  # a mail client's temp file: the body only
    name = str(path) if path else "<buffer>"
    max_bytes = int(config.limits.get("max_bytes", 5_000_000))
    if len(data) > max_bytes:
        raise MsglintError(name, f"larger than the input limit of {max_bytes} bytes")
    message = parse(
        data, Source(name, read_as, name), kind, config.limits.get("max_mime_depth", 50)
    )
    check_size(message, config.limits)
    lang = options.get("lang")
    forced = None if lang in (None, "", "auto") else lang
    outcome = check_loaded(
        [(message, config)], [forced or config_lang(config)], parse_now(options.get("now"))
    )[0]
    if isinstance(outcome, MsglintError):
        raise outcome
    return outcome


class MsglintServer(LanguageServer):
    """The language server: one worker thread, pipelines warm, one check per buffer at a time."""

    def __init__(self) -> None:
        super().__init__("msglint", __version__)
        self.options: dict[str, Any] = {}
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="msglint-check")
        self.configs = ConfigCache()

    # -- positions -------------------------------------------------------------------------

    def client_position(self, lines: list[str], line: int, column: int) -> lsp.Position:
        """A 0-based code-point position as the client counts (UTF-16 unless negotiated)."""
        line = max(0, line)
        text = lines[line] if line < len(lines) else ""
        prefix = text[: max(0, column)]
        encoding = self.workspace.position_encoding if self.workspace else None
        if encoding == lsp.PositionEncodingKind.Utf32:
            units = len(prefix)
        elif encoding == lsp.PositionEncodingKind.Utf8:
            units = len(prefix.encode("utf-8"))
        else:
            units = len(prefix) + sum(1 for c in prefix if ord(c) > 0xFFFF)
        return lsp.Position(line=line, character=units)

    def client_range(self, lines: list[str], change: TextChange) -> lsp.Range:
        return lsp.Range(
            start=self.client_position(lines, change.line, change.column),
            end=self.client_position(lines, change.end_line, change.end_column),
        )

    def finding_range(self, lines: list[str], finding: Any) -> lsp.Range:
        end_line, end_column = finding.end_line, finding.end_column
        if (end_line, end_column) <= (finding.line, finding.column):
            end_line, end_column = finding.line, finding.column
        return self.client_range(
            lines,
            TextChange(finding.line - 1, finding.column - 1, end_line - 1, end_column - 1, ""),
        )

    # -- checking --------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds, replacing a check already waiting."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = self.loop.call_later(
            delay, lambda: asyncio.ensure_future(self.lint(uri), loop=self.loop)
        )

    async def lint(self, uri: str) -> None:
        self.pending.pop(uri, None)
        try:
            document = self.workspace.get_text_document(uri)
        except Exception:
            return
        fmt = document_format(uri, document.language_id)
        if fmt is None:
            return
        text, version = document.source, document.version
        path = uri_path(uri)
        checked = await self.loop.run_in_executor(
            self.worker, self._check, text, path, fmt, version
        )
        current = self.workspace.get_text_document(uri)
        if current.version != version:
            return  # typed since: the next check is on its way
        self.checked[uri] = checked
        self.publish_diagnostics(uri, self.diagnostics(checked), version=version)
        result = checked.result
        self.send_notification(
            "msglint/score",
            {
                "uri": uri,
                "version": version,
                "score": None if result is None else result.score,
                "grade": None if result is None else result.grade,
                "findings": 0 if result is None else len(result.findings),
                "language": None if result is None else result.language,
                "error": checked.error,
            },
        )

    def _check(self, text: str, path: Path | None, fmt: str, version: int | None) -> Checked:
        checked = Checked(version, fmt, lines=text.split("\n"))
        try:
            explicit = self.options.get("config")
            if explicit and self.configs.explicit != explicit:
                self.configs = ConfigCache(explicit)
            config, checked.config_file = self.configs.get(path.parent if path else None)
            if not text.strip():
                return checked
            checked.result = check_buffer(text, path, fmt, config, self.options)
        except MsglintError as error:
            checked.error = str(error)
        except Exception as error:  # a buffer must never take the server down
            checked.error = f"internal error: {error.__class__.__name__}: {error}"
        return checked

    def diagnostics(self, checked: Checked) -> list[lsp.Diagnostic]:
        if checked.error:
            return [
                lsp.Diagnostic(
                    range=lsp.Range(start=lsp.Position(0, 0), end=lsp.Position(0, 0)),
                    message=checked.error,
                    severity=lsp.DiagnosticSeverity.Error,
                    source="msglint",
                )
            ]
        if checked.result is None:
            return []
        out = []
        for index, finding in enumerate(checked.result.findings):
            out.append(
                lsp.Diagnostic(
                    range=self.finding_range(checked.lines, finding),
                    message=finding.message,
                    severity=SEVERITY.get(finding.severity, lsp.DiagnosticSeverity.Warning),
                    code=finding.code,
                    code_description=lsp.CodeDescription(
                        href=RULE_DOC_URI.format(code=finding.code)
                    ),
                    source="msglint",
                    data={"index": index, "name": finding.name},
                )
            )
        return out

    def warm(self) -> None:
        """Load the pipelines on the worker thread, so the first keystroke is fast too."""
        from msglint.analysis.pipeline import load_pipeline
        from msglint.lang import available_languages

        lang = self.options.get("lang")
        langs = [lang] if lang in available_languages() else available_languages()
        for code in langs:
            with contextlib.suppress(MsglintError):
                load_pipeline(code)

    # -- requests --------------------------------------------------------------------------

    def findings_at(self, uri: str, target: lsp.Range) -> list[tuple[Any, lsp.Range]]:
        checked = self.checked.get(uri)
        if checked is None or checked.result is None:
            return []
        hits = []
        for finding in checked.result.findings:
            where = self.finding_range(checked.lines, finding)
            if _overlaps(where, target):
                hits.append((finding, where))
        return hits

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        checked = self.checked.get(uri)
        if checked is None or checked.result is None:
            return []
        wanted = {
            (d.code, _key(d.range)) for d in params.context.diagnostics if d.source == "msglint"
        }
        actions: list[lsp.CodeAction] = []
        for finding, where in self.findings_at(uri, params.range):
            if wanted and (finding.code, _key(where)) not in wanted:
                continue
            diagnostic = next(
                (d for d in params.context.diagnostics if d.code == finding.code), None
            )
            actions.extend(self._fix_actions(uri, checked, finding, diagnostic))
            title, change = disable_change(
                checked.lines, checked.fmt, finding.code, where.start.line
            )
            actions.append(self._action(title, uri, checked.lines, [change], diagnostic))
            if finding.code == "CL02":
                action = self._allow_action(uri, checked, finding, diagnostic)
                if action is not None:
                    actions.append(action)
        return actions

    def _action(
        self,
        title: str,
        uri: str,
        lines: list[str],
        changes: list[TextChange],
        diagnostic: lsp.Diagnostic | None,
        preferred: bool = False,
    ) -> lsp.CodeAction:
        edits = [lsp.TextEdit(range=self.client_range(lines, c), new_text=c.text) for c in changes]
        return lsp.CodeAction(
            title=title,
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic] if diagnostic else None,
            is_preferred=preferred or None,
            edit=lsp.WorkspaceEdit(changes={uri: edits}),
        )

    def _fix_actions(
        self, uri: str, checked: Checked, finding: Any, diagnostic: lsp.Diagnostic | None
    ) -> list[lsp.CodeAction]:
        fix = finding.fix
        if fix is None:
            return []
        out = []
        for option in (fix, *fix.alternatives):
            if not option.edits or any(e.line <= 0 for e in option.edits):
                continue
            label = option.message if option.safe else f"{option.message} (review: unsafe fix)"
            out.append(
                self._action(
                    f"msglint: {label}",
                    uri,
                    checked.lines,
                    fix_changes(option.edits),
                    diagnostic,
                    preferred=option is fix and option.safe,
                )
            )
        return out

    def _allow_action(
        self, uri: str, checked: Checked, finding: Any, diagnostic: lsp.Diagnostic | None
    ) -> lsp.CodeAction | None:
        path = uri_path(uri)
        if path is None:
            return None
        line = checked.lines[finding.line - 1] if finding.line - 1 < len(checked.lines) else ""
        acronym = line[finding.column - 1 : finding.end_column - 1].strip()
        if not acronym or finding.end_line != finding.line:
            return None
        target = config_target(path, checked.config_file)
        existing = None
        open_doc = self.workspace.text_documents.get(target.as_uri())
        if open_doc is not None:
            existing = open_doc.source
        elif target.exists():
            existing = target.read_text(encoding="utf-8", errors="replace")
        change = allow_acronym_change(existing, acronym, target.name == "pyproject.toml")
        target_lines = (existing or "").split("\n")
        edit = lsp.TextEdit(range=self.client_range(target_lines, change), new_text=change.text)
        if existing is None and self._can_create():
            document_changes: list[Any] = [
                lsp.CreateFile(
                    uri=target.as_uri(), options=lsp.CreateFileOptions(ignore_if_exists=True)
                ),
                lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                        uri=target.as_uri(), version=None
                    ),
                    edits=[edit],
                ),
            ]
            workspace_edit = lsp.WorkspaceEdit(document_changes=document_changes)
        else:
            workspace_edit = lsp.WorkspaceEdit(changes={target.as_uri(): [edit]})
        return lsp.CodeAction(
            title=f"Add {acronym} to the allowed acronyms ({target.name})",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic] if diagnostic else None,
            edit=workspace_edit,
        )

    def _can_create(self) -> bool:
        capabilities = self.client_capabilities
        workspace = capabilities.workspace if capabilities else None
        edit = workspace.workspace_edit if workspace else None
        operations = (edit.resource_operations or []) if edit else []
        return (
            bool(edit and edit.document_changes) and lsp.ResourceOperationKind.Create in operations
        )

    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        from msglint.rule_docs import rule_documentation

        uri = params.text_document.uri
        point = lsp.Range(start=params.position, end=params.position)
        hits = self.findings_at(uri, point)
        if not hits:
            return None
        checked = self.checked[uri]
        lang = checked.result.language or "en"
        seen: list[str] = []
        parts = []
        for finding, _ in hits:
            if finding.code in seen:
                continue
            seen.append(finding.code)
            parts.append(f"**{finding.message}**\n\n" + rule_documentation(finding.code, lang))
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n---\n".join(parts)),
            range=hits[0][1],
        )

    def code_lenses(self, uri: str) -> list[lsp.CodeLens]:
        checked = self.checked.get(uri)
        if checked is None or checked.result is None:
            return []
        result = checked.result
        title = (
            f"msglint: {result.score:g}/100 ({result.grade}) · {len(result.findings)} finding(s)"
        )
        return [
            lsp.CodeLens(
                range=lsp.Range(start=lsp.Position(0, 0), end=lsp.Position(0, 0)),
                command=lsp.Command(title=title, command="msglint.score"),
            )
        ]


def _key(where: lsp.Range) -> tuple[int, int, int, int]:
    return (where.start.line, where.start.character, where.end.line, where.end.character)


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    a0, a1 = (a.start.line, a.start.character), (a.end.line, a.end.character)
    b0, b1 = (b.start.line, b.start.character), (b.end.line, b.end.character)
    return a0 <= b1 and b0 <= a1


def make_server() -> MsglintServer:
    """The server with its features registered."""
    server = MsglintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: MsglintServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict):
            ls.options.update({k: v for k, v in options.items() if v is not None})

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: MsglintServer, params: lsp.InitializedParams) -> None:
        ls.worker.submit(ls.warm)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: MsglintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        await ls.lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MsglintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        delay = float(ls.options.get("debounce_ms", DEFAULT_DEBOUNCE_MS)) / 1000
        ls.schedule(params.text_document.uri, delay)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: MsglintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        path = uri_path(params.text_document.uri)
        if path is not None and path.name in CONFIG_NAMES:
            ls.configs.clear()
            for uri in list(ls.checked):
                ls.schedule(uri, 0)
            return
        await ls.lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MsglintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.checked.pop(uri, None)
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.publish_diagnostics(uri, [])

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: MsglintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.configs.clear()
        for uri in list(ls.checked):
            ls.schedule(uri, 0)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def code_action(ls: MsglintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.code_actions(params)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: MsglintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return ls.hover(params)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_LENS)
    def code_lens(ls: MsglintServer, params: lsp.CodeLensParams) -> list[lsp.CodeLens]:
        return ls.code_lenses(params.text_document.uri)

    @server.command("msglint.score")
    def score(ls: MsglintServer, arguments: Any) -> None:
        """The lens's command: the score is already in its title; nothing to do."""
        return None

    return server


def main() -> int:
    """Serve one editor over stdin/stdout until it exits."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    make_server().start_io()
    return 0
