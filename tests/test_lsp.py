"""``msglint lsp``: protocol tests with pygls's client, and a real Neovim with its LSP client.

Every test starts the real server (``python -m msglint lsp``) as a subprocess
and speaks LSP to it over stdio.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import need_program
from lsprotocol import types as lsp
from pygls.lsp.client import BaseLanguageClient

import msglint
from msglint.lsp_edits import allow_acronym_change, disable_change

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-12-14T09:00:00+01:00"
BAD_EN = (
    "Subject: Quick question\n\nHi Sam,\n\n"
    "In order to finish the report, can you send me the QZX figures ASAP?\n\nThanks,\nAlex\n"
)
SEVERITY_NAMES = {
    lsp.DiagnosticSeverity.Error: "error",
    lsp.DiagnosticSeverity.Warning: "warning",
    lsp.DiagnosticSeverity.Information: "info",
}


class Session:
    """A pygls client connected to a real ``msglint lsp`` process."""

    def __init__(self) -> None:
        self.client = BaseLanguageClient("msglint-tests", "1")
        self.diagnostics: dict[str, list[lsp.PublishDiagnosticsParams]] = {}
        self.scores: list[dict] = []
        self.changed = asyncio.Event()

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: lsp.PublishDiagnosticsParams) -> None:
            self.diagnostics.setdefault(params.uri, []).append(params)
            self.changed.set()

        @self.client.feature("msglint/score")
        def score(params: object) -> None:
            self.scores.append(params)  # type: ignore[arg-type]

    async def start(self, options: dict | None = None, create_files: bool = False) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        await self.client.start_io(sys.executable, "-m", "msglint", "lsp", env=env)
        workspace = lsp.WorkspaceClientCapabilities(
            workspace_edit=lsp.WorkspaceEditClientCapabilities(
                document_changes=create_files,
                resource_operations=[lsp.ResourceOperationKind.Create] if create_files else None,
            )
        )
        await self.client.initialize_async(
            lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(workspace=workspace),
                initialization_options={"now": NOW, "debounce_ms": 50, **(options or {})},
            )
        )
        self.client.initialized(lsp.InitializedParams())

    async def wait_for(self, uri: str, count: int, timeout: float = 120) -> list[lsp.Diagnostic]:
        deadline = time.monotonic() + timeout
        while len(self.diagnostics.get(uri, [])) < count:
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), max(0.1, deadline - time.monotonic()))
        return self.diagnostics[uri][count - 1].diagnostics

    async def score_of(self, uri: str, timeout: float = 60) -> object:
        """The latest msglint/score notification for ``uri`` (sent just after diagnostics)."""
        deadline = time.monotonic() + timeout
        while not any(score.uri == uri for score in self.scores):  # type: ignore[attr-defined]
            assert time.monotonic() < deadline, "no msglint/score notification"
            await asyncio.sleep(0.02)
        return [score for score in self.scores if score.uri == uri][-1]  # type: ignore[attr-defined]

    def open(self, path: Path, text: str, language_id: str, version: int = 1) -> str:
        uri = path.as_uri()
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=uri, language_id=language_id, version=version, text=text
                )
            )
        )
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeEvent_Type2(text=text)],
            )
        )

    async def actions(self, uri: str, diagnostic: lsp.Diagnostic) -> list[lsp.CodeAction]:
        found = await self.client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=diagnostic.range,
                context=lsp.CodeActionContext(diagnostics=[diagnostic]),
            )
        )
        return list(found or [])

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def run(scenario, **start) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        session = Session()
        await session.start(**start)
        try:
            await scenario(session)
        finally:
            await session.stop()

    asyncio.run(main())


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply TextEdits as an editor does (UTF-16 positions; here all text is BMP)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: lsp.Position) -> int:
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def _by_code(diagnostics: list[lsp.Diagnostic], code: str) -> lsp.Diagnostic:
    return next(d for d in diagnostics if d.code == code)


def test_diagnostics_fix_hover_and_score_on_an_email_buffer(tmp_path: Path) -> None:
    draft = tmp_path / "draft.eml"

    async def scenario(session: Session) -> None:
        uri = session.open(draft, BAD_EN, "mail")
        diagnostics = await session.wait_for(uri, 1)
        codes = {d.code for d in diagnostics}
        assert {"SJ02", "DL02", "CN04", "CL02"} <= codes, codes
        expected = {f.code: f.severity for f in msglint.check(BAD_EN.encode(), now=NOW).findings}
        assert {d.code: SEVERITY_NAMES[d.severity] for d in diagnostics} == expected
        cn04 = _by_code(diagnostics, "CN04")
        assert cn04.source == "msglint"
        assert cn04.code_description.href.endswith("/rules/CN04")
        assert cn04.range.start == lsp.Position(line=4, character=0)
        assert cn04.range.end == lsp.Position(line=4, character=11)  # "In order to"
        dl02 = _by_code(diagnostics, "DL02")
        line = BAD_EN.split("\n")[4]
        assert line[dl02.range.start.character : dl02.range.end.character] == "ASAP"
        # The fix, as a plain WorkspaceEdit on this buffer.
        actions = await session.actions(uri, cn04)
        fix = next(a for a in actions if a.is_preferred)
        assert fix.command is None and list(fix.edit.changes) == [uri]
        fixed = apply_edits(BAD_EN, fix.edit.changes[uri])
        assert "To finish the report, can you send" in fixed
        titles = [a.title for a in actions]
        assert "Disable CN04 for this message" in titles
        session.change(uri, fixed, 2)
        after = await session.wait_for(uri, 2)
        assert "CN04" not in {d.code for d in after}
        # Hover: the rule's documentation.
        position = _by_code(after, "DL02").range.start
        hover = await session.client.text_document_hover_async(
            lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=position)
        )
        assert "# DL02 deadline.vague" in hover.contents.value
        # Score: a notification per check, and a code lens.
        score = await session.score_of(uri)
        while score.version != 2:
            await asyncio.sleep(0.02)
            score = await session.score_of(uri)
        assert score.findings == len(after)
        lenses = await session.client.text_document_code_lens_async(
            lsp.CodeLensParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
        )
        assert lenses[0].command.title.startswith("msglint: ")

    run(scenario)


def test_french_hover_and_disable_line_in_markdown(tmp_path: Path) -> None:
    text = "# Rapport du troisième trimestre\n\nAu jour d'aujourd'hui, le rapport est prêt.\n"

    async def scenario(session: Session) -> None:
        uri = session.open(tmp_path / "note.md", text, "markdown")
        diagnostics = await session.wait_for(uri, 1)
        cn04 = _by_code(diagnostics, "CN04")
        hover = await session.client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), position=cn04.range.start
            )
        )
        assert "Formule lourde" in hover.contents.value  # the finding, in French
        assert "# CN04 concision.wordy-phrase" in hover.contents.value
        actions = await session.actions(uri, cn04)
        disable = next(a for a in actions if a.title == "Disable CN04 for this line")
        silenced = apply_edits(text, disable.edit.changes[uri])
        assert "<!-- msglint-disable-next-line CN04 -->\nAu jour" in silenced
        session.change(uri, silenced, 2)
        after = await session.wait_for(uri, 2)
        assert "CN04" not in {d.code for d in after}

    run(scenario, options={"lang": "fr"})


def test_allow_acronym_creates_the_config_and_the_config_is_reloaded(tmp_path: Path) -> None:
    draft = tmp_path / "draft.eml"
    config = tmp_path / "msglint.toml"

    async def scenario(session: Session) -> None:
        uri = session.open(draft, BAD_EN, "mail")
        cl02 = _by_code(await session.wait_for(uri, 1), "CL02")
        actions = await session.actions(uri, cl02)
        allow = next(a for a in actions if a.title.startswith("Add QZX"))
        create, edit = allow.edit.document_changes
        assert create.kind == "create" and create.uri == config.as_uri()
        config.write_text(apply_edits("", edit.edits), encoding="utf-8")
        assert 'allow = ["QZX"]' in config.read_text()
        session.client.text_document_did_save(
            lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(config.as_uri()))
        )
        after = await session.wait_for(uri, 2)
        assert "CL02" not in {d.code for d in after}
        # A config edited behind the server's back is re-read on the next check.
        config.write_text("ignore = ['DL']\n", encoding="utf-8")
        session.change(uri, BAD_EN + "\n", 2)
        final = {d.code for d in await session.wait_for(uri, 3)}
        assert "CL02" in final and "DL02" not in final

    run(scenario, create_files=True)


def test_initialization_options_override_lang_and_a_bad_config_is_one_diagnostic(
    tmp_path: Path,
) -> None:
    (tmp_path / "msglint.toml").write_text("ignroe = ['TN']\n", encoding="utf-8")

    async def scenario(session: Session) -> None:
        uri = session.open(tmp_path / "chat.txt", "Can you send the figures ASAP?", "plaintext")
        diagnostics = await session.wait_for(uri, 1)
        assert len(diagnostics) == 1 and "unknown key 'ignroe'" in diagnostics[0].message
        assert diagnostics[0].severity == lsp.DiagnosticSeverity.Error
        other = tmp_path / "sub"
        other.mkdir()
        (other / "msglint.toml").write_text("lang = 'en'\n", encoding="utf-8")
        uri2 = session.open(other / "chat.txt", "Pouvez-vous envoyer les chiffres ?", "plaintext")
        await session.wait_for(uri2, 1)
        assert (
            await session.score_of(uri2)
        ).language == "fr"  # initializationOptions beat the file

    run(scenario, options={"lang": "fr"})


def test_debounced_changes_give_one_check_for_a_burst_of_keystrokes(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        uri = session.open(tmp_path / "draft.eml", BAD_EN, "mail")
        await session.wait_for(uri, 1)
        text = BAD_EN
        for version in range(2, 12):
            text = text.replace("ASAP", "ASAP!", 1)
            session.change(uri, text, version)
        await session.wait_for(uri, 2)
        await asyncio.sleep(1.5)
        assert len(session.diagnostics[uri]) == 2
        assert session.diagnostics[uri][-1].version == 11

    run(scenario, options={"debounce_ms": 400})


def test_edit_helpers_extend_existing_directives() -> None:
    lines = ["Hi,", "", "text", "msglint: disable=AK02"]
    title, change = disable_change(lines, "email", "CN04", 2)
    assert title == "Disable CN04 for this message"
    assert (change.line, change.text) == (3, "msglint: disable=AK02,CN04")
    change = allow_acronym_change('lang = "en"\n\n[rules.CL02]\nallow = ["SOW"]\n', "QBR")
    assert (change.line, change.column, change.text) == (3, 9, '"QBR", ')
    change = allow_acronym_change("[tool.msglint]\nlang = 'en'\n", "QBR", pyproject=True)
    assert change.text.endswith('[tool.msglint.rules.CL02]\nallow = ["QBR"]\n')


NVIM_SCRIPT = r"""
local out = {}
local function finish(ok, why)
  out.ok = ok; out.why = why
  local f = io.open(os.getenv("RESULT"), "w"); f:write(vim.fn.json_encode(out)); f:close()
  vim.cmd("qall!")
end
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("DRAFT")))
local buf = vim.api.nvim_get_current_buf()
out.filetype = vim.bo[buf].filetype
local id = vim.lsp.start_client({
  name = "msglint",
  cmd = { os.getenv("PYTHON"), "-m", "msglint", "lsp" },
  root_dir = vim.fn.fnamemodify(os.getenv("DRAFT"), ":h"),
  init_options = { now = "2026-12-14T09:00:00+01:00", debounce_ms = 100 },
})
vim.lsp.buf_attach_client(buf, id)
local function codes()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do found[#found + 1] = d.code end
  return found
end
local function has(code)
  for _, c in ipairs(codes()) do if c == code then return true end end
  return false
end
if not vim.wait(180000, function() return has("CN04") end, 50) then
  return finish(false, "no diagnostics")
end
out.before = codes()
local target
for _, d in ipairs(vim.diagnostic.get(buf)) do if d.code == "CN04" then target = d end end
-- What :lua vim.lsp.buf.code_action() sends, with the cursor on the finding.
vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf) }
local replies, err = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 60000)
if err then return finish(false, "code action request: " .. tostring(err)) end
local chosen
for _, reply in pairs(replies or {}) do
  for _, action in ipairs(reply.result or {}) do
    out.titles = out.titles or {}
    table.insert(out.titles, action.title)
    if action.isPreferred and not chosen then chosen = action end
  end
end
if not chosen then return finish(false, "no preferred code action") end
out.applied = chosen.title
vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
local started = vim.loop.hrtime()
if not vim.wait(60000, function() return not has("CN04") and #codes() > 0 end, 20) then
  return finish(false, "CN04 still reported after the fix")
end
out.fix_to_diagnostics_ms = (vim.loop.hrtime() - started) / 1e6
out.after = codes()
vim.cmd("write")
finish(true, "")
"""


def test_real_neovim_gets_diagnostics_and_applies_the_fix(tmp_path: Path) -> None:
    nvim = need_program("nvim")
    draft = tmp_path / "draft.eml"
    draft.write_text(BAD_EN, encoding="utf-8")
    script = tmp_path / "test.lua"
    script.write_text(NVIM_SCRIPT, encoding="utf-8")
    result = tmp_path / "result.json"
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        PYTHON=sys.executable,
        DRAFT=str(draft),
        RESULT=str(result),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    done = subprocess.run(
        [nvim, "--headless", "--clean", "-c", f"luafile {script}"],
        env=env,
        capture_output=True,
        timeout=400,
        stdin=subprocess.DEVNULL,
    )
    assert result.exists(), (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    outcome = json.loads(result.read_text())
    assert outcome["ok"], outcome
    assert outcome["filetype"] == "mail"
    assert "CN04" in outcome["before"] and "CN04" not in outcome["after"]
    assert outcome["applied"].startswith("msglint: ")
    assert "To finish the report, can you send" in draft.read_text()
    print(f"neovim: fix applied to new diagnostics in {outcome['fix_to_diagnostics_ms']:.0f} ms")
