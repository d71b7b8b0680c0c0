"""Keystroke to diagnostics in ``msglint lsp``, warm: from a didChange to its publishDiagnostics.

Starts the real server over stdio with pygls's client, opens a draft (the
first check loads the pipelines), then types: each change is one character
more, sent alone and waited for. ``python bench/lsp_speed.py [N] [DEBOUNCE_MS]``
(debounce 0 measures the check itself; the server's default is 300 ms).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import BaseLanguageClient

ROOT = Path(__file__).resolve().parent.parent
DRAFT = (
    "Subject: Quick question\n\nHi Sam,\n\nIn order to finish the report, can you send me "
    "the QZX figures ASAP? I was just wondering if the board meets soon.\n\nThanks,\nAlex\n"
)


async def main(rounds: int, debounce_ms: int) -> None:
    client = BaseLanguageClient("bench", "1")
    published: asyncio.Queue[lsp.PublishDiagnosticsParams] = asyncio.Queue()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    @client.feature("msglint/score")
    def on_score(params: object) -> None:
        """The score of each check (the server also shows it as a code lens)."""

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "msglint", "lsp", env=env)
    await client.initialize_async(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            initialization_options={"lang": "en", "debounce_ms": debounce_ms},
        )
    )
    client.initialized(lsp.InitializedParams())
    uri = "file:///tmp/msglint-bench/draft.eml"
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="mail", version=1, text=DRAFT)
        )
    )
    await published.get()
    print(f"server start to first diagnostics (cold): {time.perf_counter() - started:.2f} s")
    text, times = DRAFT, []
    for version in range(2, rounds + 2):
        text = text.replace("Thanks,", "Thanks!,", 1) if version % 2 else text.replace("!,", ",")
        began = time.perf_counter()
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeEvent_Type2(text=text)],
            )
        )
        while (await published.get()).version != version:
            pass
        times.append(time.perf_counter() - began)
    print(
        f"keystroke to diagnostics, warm, debounce {debounce_ms} ms ({rounds} changes): "
        f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
    )
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


if __name__ == "__main__":
    asyncio.run(
        main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 20,
            int(sys.argv[2]) if len(sys.argv) > 2 else 0,
        )
    )
