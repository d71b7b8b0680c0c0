"""Measure the reply splitter (own text / quoted history / signature) on the open eval sets.

Usage::

    python bench/eval_reply.py                      # msglint's own splitter
    python bench/eval_reply.py --impl all           # plus every reply library importable here
    python bench/eval_reply.py --failures           # print each failing case
    python bench/eval_reply.py --import-cost        # import time of each implementation

The sets are read at run time from ``$MSGLINT_EVAL_DIR`` or ``../shared/eval``
next to the repository (nothing is copied into the project); a missing set is
skipped with a note.

How the e-mails are fed, as msglint does:

* whole RFC 822 files (talon ``standard_replies/*.eml``):
  ``msglint.inputs.email_reader.read_email(data, path)``, then ``message.body``,
  ``message.signature`` and ``message.quoted`` are compared;
* HTML bodies (talon ``html_replies``): ``html_to_text`` then ``split_reply``,
  as ``read_email`` does for an HTML-only part;
* bare bodies (every other case): ``split_reply`` on the newline-normalised text.

What is compared depends on what each set's labels mean (see each PROVENANCE.md):

* ``own`` = body and signature (the text the author wrote, history removed), for
  sets whose expected text keeps the signature: talon quotation tests, talon
  standard and HTML replies, quotequail;
* ``body`` = the author's text without the signature, for crisp
  (``expected_visible_text`` / first fragment), mail-parser-reply (``body ==``)
  and talon's signature brute-force tests (which also check the signature).

Normalisation (``normalise``): CRLF and lone CR become LF, NBSP becomes a space,
every line is stripped and its inner runs of spaces/tabs collapse to one space,
blank lines are dropped (which lines are kept is what is measured, not the
paragraph spacing, and the labels disagree on trailing/blank lines), and a
trailing run of rule-only lines (``---``, ``___``, ``===``, ``***``) is
dropped (mail-parser-reply keeps Outlook's ``------`` separator line in the
body, the others do not).  talon's HTML set is compared with all whitespace
removed, as talon's own test does.

crisp labels a sign-off block or a ``-Name`` line as visible text where talon
and mail-parser-reply call it a signature; the crisp ``tolerant`` figure also
accepts a body whose expected text continues into the first lines of our
signature.  The gate (>= 95 %) is on the strict figures.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from msglint.inputs.decode import normalise_newlines  # noqa: E402
from msglint.inputs.html_text import html_to_text  # noqa: E402


def eval_dir() -> Path:
    """Where the shared eval sets live."""
    env = os.environ.get("MSGLINT_EVAL_DIR")
    return Path(env) if env else (REPO.parent / "shared" / "eval")


# --------------------------------------------------------------------------- comparison

_RULE_LINE = re.compile(r"^[-_=*~\u2014\u2013 ]+$")


def normalise(text: str | None) -> str:
    """The comparison form of a text (see the module docstring)."""
    if not text:
        return ""
    text = normalise_newlines(text).replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    while lines and _RULE_LINE.match(lines[-1]):
        lines.pop()
    return "\n".join(lines)


def squash(text: str | None) -> str:
    """All whitespace removed (talon's HTML comparison)."""
    return re.sub(r"\s+", "", normalise_newlines(text or "").replace("\u00a0", " "))


# --------------------------------------------------------------------------- implementations


@dataclass
class Result:
    """What an implementation says about one e-mail."""

    body: str
    signature: str = ""
    quoted: str = ""

    @property
    def own(self) -> str:
        return (self.body + "\n\n" + self.signature).strip()


@dataclass
class Impl:
    """A splitter: bare text -> Result; RFC 822 bytes -> Result; HTML -> Result."""

    name: str
    text: Callable[[str], Result]
    eml: Callable[[bytes, str], Result]
    html: Callable[[str], Result]
    has_signature: bool = True


def _plain_body(data: bytes) -> tuple[str, bool]:
    """The text/plain (else HTML) body of an RFC 822 message, as read_email selects it."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    part = msg.get_body(preferencelist=("plain", "html"))  # type: ignore[attr-defined]
    if part is None:
        return "", False
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        content = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    return normalise_newlines(str(content)), part.get_content_subtype() == "html"


def ours(honour_line_ends: bool = True) -> Impl:
    from msglint.inputs.email_reader import read_email
    from msglint.inputs.reply import split_reply

    def text(body: str) -> Result:
        body = normalise_newlines(body)
        lines = body.split("\n")
        split = split_reply(body)
        ends = split.own_line_ends if honour_line_ends else {}
        # msglint keeps a closing ("Thanks, / Bob") in the own text; the labelled
        # sets here count it as signature, so it moves back there to be compared.
        closing = set(split.closing_lines)
        signature = sorted(closing | set(split.signature_lines))
        return Result(
            body="\n".join(lines[i][: ends.get(i)] for i in split.own_lines if i not in closing),
            signature="\n".join(lines[i] for i in signature).strip("\n"),
            quoted=split.quoted,
        )

    def eml(data: bytes, path: str) -> Result:
        message = read_email(data, path)
        return Result(message.body, message.signature, message.quoted)

    def html(markup: str) -> Result:
        return text(html_to_text(markup))

    name = "msglint" if honour_line_ends else "msglint-whole-lines"
    return Impl(name, text, eml, html)


def _library_impl(name: str, text: Callable[[str], Result], html=None, sig=True) -> Impl:
    def eml(data: bytes, path: str) -> Result:
        body, is_html = _plain_body(data)
        return text(html_to_text(body) if is_html else body)

    return Impl(name, text, eml, html or (lambda markup: text(html_to_text(markup))), sig)


def talon_impl() -> Impl:
    import warnings

    warnings.filterwarnings("ignore", module="html5lib")
    from talon import quotations
    from talon.signature.bruteforce import extract_signature

    def text(body: str) -> Result:
        body = normalise_newlines(body)
        own = quotations.extract_from_plain(body)
        rest, signature = extract_signature(own)
        return Result(rest, signature or "")

    def html(markup: str) -> Result:
        return text(html_to_text(quotations.extract_from_html(markup)))

    return _library_impl("talon", text, html)


MPR_LANGUAGES = ["en", "fr", "de", "it", "nl", "pl", "pt", "sv", "da", "no", "fi", "ru", "ja"]


def mpr_impl() -> Impl:
    from mailparser_reply import EmailReplyParser

    parser = EmailReplyParser(languages=MPR_LANGUAGES)

    def text(body: str) -> Result:
        message = parser.read(normalise_newlines(body))
        if not message.replies:
            return Result("")
        first = message.replies[0]
        return Result(first.body, first.signatures or "")

    return _library_impl("mail-parser-reply", text)


def erp_impl() -> Impl:
    from email_reply_parser import EmailReplyParser

    def text(body: str) -> Result:
        message = EmailReplyParser.read(normalise_newlines(body))
        visible, signature = [], []
        seen_quote = False
        for fragment in message.fragments:
            if fragment.quoted or fragment.headers:
                seen_quote = True
            elif fragment.signature and not seen_quote:
                signature.append(fragment.content)
            elif not fragment.hidden:
                visible.append(fragment.content)
        return Result("\n".join(visible), "\n".join(signature))

    return _library_impl("email-reply-parser", text)


def quotequail_impl() -> Impl:
    import quotequail

    def text(body: str) -> Result:
        body = normalise_newlines(body)
        unwrapped = quotequail.unwrap(body)
        if unwrapped:
            own = [unwrapped.get(key) or "" for key in ("text_top", "text_bottom")]
            return Result("\n\n".join(own))
        parts = quotequail.quote(body, quote_intro_line=True)
        return Result("\n".join(chunk for visible, chunk in parts if visible))

    def html(markup: str) -> Result:
        parts = quotequail.quote_html(markup, quote_intro_line=True)
        return Result(html_to_text("\n".join(chunk for visible, chunk in parts if visible)))

    return _library_impl("quotequail", text, html, sig=False)


IMPLS: dict[str, tuple[Callable[[], Impl], str]] = {
    "msglint": (ours, "msglint.inputs.reply"),
    # as msglint.inputs.common uses the split today: whole lines, own_line_ends ignored
    "msglint-whole-lines": (lambda: ours(False), "msglint.inputs.reply"),
    "talon": (talon_impl, "talon.quotations"),
    "mail-parser-reply": (mpr_impl, "mailparser_reply"),
    "email-reply-parser": (erp_impl, "email_reply_parser"),
    "quotequail": (quotequail_impl, "quotequail"),
}


# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    """One labelled e-mail and how to judge an implementation on it."""

    set: str
    name: str
    run: Callable[[Impl], Result]
    check: Callable[[Result], bool]
    tolerant: Callable[[Result], bool] | None = None
    expected: str = ""
    needs_signature: bool = False


@dataclass
class Tally:
    passed: int = 0
    tolerant: int = 0
    total: int = 0
    failures: list[str] = field(default_factory=list)

    def rate(self, value: int | None = None) -> float:
        return 100.0 * (self.passed if value is None else value) / self.total if self.total else 0.0


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def _jsonl(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _own_equals(expected: str) -> Callable[[Result], bool]:
    return lambda r: normalise(r.own) == normalise(expected)


def _body_equals(expected: str) -> Callable[[Result], bool]:
    return lambda r: normalise(r.body) == normalise(expected)


def _body_within(expected: str) -> Callable[[Result], bool]:
    """The expected text is our body followed by the first lines of our signature."""

    def check(r: Result) -> bool:
        want = normalise(expected)
        body = normalise(r.body)
        sig = normalise(r.signature).split("\n") if r.signature.strip() else []
        for cut in range(len(sig) + 1):
            joined = "\n".join([body, *sig[:cut]]).strip("\n")
            if joined == want:
                return True
        return False

    return check


def _text_case(set_name: str, name: str, text: str, **kwargs) -> Case:
    return Case(set_name, name, lambda impl, t=text: impl.text(t), **kwargs)


def talon_cases(root: Path) -> Iterator[Case]:
    base = root / "talon"
    for row in _jsonl(base / "standard_replies_expected.jsonl"):
        path = base / row["file"]
        expected = row["expected_reply_text_plain_part"]
        yield Case(
            "talon/standard_replies",
            row["file"],
            lambda impl, p=path: impl.eml(p.read_bytes(), str(p)),
            _own_equals(expected),
            expected=expected,
        )
    for row in _jsonl(base / "html_replies_expected.jsonl"):
        path = base / row["file"]
        expected = row["expected_reply_text"]
        yield Case(
            "talon/html_replies",
            row["file"],
            lambda impl, p=path: impl.html(_read(p)),
            lambda r, e=expected: squash(r.own) == squash(e),
            expected=expected,
        )
    for index, row in enumerate(_jsonl(base / "talon_inline_cases.jsonl")):
        name = f"{index}:{row['source_test'].split('::')[-1]}"
        if row["task"] == "quotation":
            yield _text_case(
                "talon/inline_quotation",
                name,
                row["input"],
                check=_own_equals(row["expected"]),
                expected=row["expected"],
            )
        else:
            body, signature = row["expected"]
            yield _text_case(
                "talon/inline_signature",
                name,
                row["input"],
                check=lambda r, b=body, s=signature: (
                    normalise(r.body) == normalise(b) and normalise(r.signature) == normalise(s)
                ),
                expected=f"{body!r} | {signature!r}",
                needs_signature=True,
            )


def talon_signature_cases(root: Path) -> Iterator[Case]:
    for row in _jsonl(root / "talon" / "signature_fixtures.jsonl"):
        expected = row["expected_signature"]
        yield _text_case(
            "talon/signature_fixtures",
            row["name"],
            row["body"],
            check=lambda r, e=expected: normalise(r.signature) == normalise(e),
            expected=expected,
            needs_signature=True,
        )


def crisp_cases(root: Path) -> Iterator[Case]:
    base = root / "crisp-email-reply-parser"
    for row in _jsonl(base / "expectations.jsonl"):
        expected = (
            row.get("expected_visible_text")
            or row.get("expected_first_fragment_exact")
            or row.get("expected_first_fragment_trimmed")
        )
        if expected is None:
            continue
        yield _text_case(
            "crisp",
            row["test"],
            _read(base / row["fixture"]),
            check=_body_equals(expected),
            tolerant=_body_within(expected),
            expected=expected,
        )


_JS_TEST = re.compile(
    r"test\.equal\((true|false),\s*/(.+)/(\w*)\.test\(fragments\[0\](?:\.toString\(\))?\)\);"
)


def crisp_content_cases(root: Path) -> Iterator[Case]:
    """Regex assertions on crisp's first fragment: our body must (not) match them."""
    base = root / "crisp-email-reply-parser"
    for row in _jsonl(base / "expectations.jsonl"):
        for raw in row["raw_assertions"]:
            match = _JS_TEST.search(raw)
            if not match:
                continue
            want = match.group(1) == "true"
            pattern = re.compile(match.group(2).replace("\\/", "/"))
            yield _text_case(
                "crisp/content_assertions",
                f"{row['test']}: {raw[:70]}",
                _read(base / row["fixture"]),
                check=lambda r, p=pattern, w=want: bool(p.search(r.body)) == w,
                expected=raw,
            )


def mpr_cases(root: Path, exact: bool) -> Iterator[Case]:
    """mail-parser-reply: exact ``body ==`` (exact=True) or the other reply-0 assertions."""
    base = root / "mail-parser-reply"
    for row in _jsonl(base / "expectations.jsonl"):
        if not row.get("parsed_with_default_options", True):
            continue
        text = _read(base / row["fixture"])
        for index, item in enumerate(row["assertions"]):
            if item.get("reply_index") != 0 or item["field"] not in (
                "body",
                "signatures",
                "content",
            ):
                continue
            field_name, op, value = item["field"], item["op"], item["value"]
            is_exact = field_name == "body" and op == "=="
            if exact != is_exact:
                continue

            def check(r: Result, f=field_name, o=op, v=value) -> bool:
                got = {"body": r.body, "signatures": r.signature, "content": r.own}[f]
                if o == "==":
                    return normalise(got) == normalise(v)
                inside = normalise(v) in normalise(got)
                return inside if o == "contains" else not inside

            yield _text_case(
                "mail-parser-reply" if exact else "mail-parser-reply/assertions",
                f"{row['test']}#{index} {field_name} {op}",
                text,
                check=check,
                expected=repr(value),
                needs_signature=field_name == "signatures",
            )


def quotequail_cases(root: Path) -> Iterator[Case]:
    for index, row in enumerate(_jsonl(root / "quotequail" / "quotequail_plaintext_cases.jsonl")):
        name = f"{index}:{row['source_test'].split('::')[-1]}"
        if row["task"] == "quote":
            expected = row["expected_visible_text_without_intro"]
        else:
            unwrapped = row["expected"]
            if not unwrapped:
                continue  # quotequail found nothing to unwrap: no expected visible text
            expected = "\n\n".join(
                unwrapped.get(key, "") for key in ("text_top", "text_bottom") if unwrapped.get(key)
            )
        yield _text_case(
            "quotequail", name, row["text"], check=_own_equals(expected), expected=expected
        )


#: (name, loader, counts towards the >= 95 % gate on exact expected visible text)
SETS: list[tuple[str, Callable[[Path], Iterator[Case]], bool]] = [
    ("talon", talon_cases, True),
    ("crisp-email-reply-parser", crisp_cases, True),
    ("mail-parser-reply", lambda root: mpr_cases(root, True), True),
    ("quotequail", quotequail_cases, True),
    ("talon", talon_signature_cases, False),
    ("crisp-email-reply-parser", crisp_content_cases, False),
    ("mail-parser-reply", lambda root: mpr_cases(root, False), False),
]


def load_cases(root: Path) -> tuple[list[Case], list[Case], list[str]]:
    """(gated cases, secondary cases, notes about missing sets)."""
    gated: list[Case] = []
    secondary: list[Case] = []
    notes: list[str] = []
    for folder, loader, gate in SETS:
        if not (root / folder).is_dir():
            note = f"skipped {folder}: not found under {root}"
            if note not in notes:
                notes.append(note)
            continue
        try:
            (gated if gate else secondary).extend(loader(root))
        except (OSError, ValueError, KeyError) as exc:
            notes.append(f"skipped part of {folder}: {exc}")
    return gated, secondary, notes


def _elide(text: str, start: int) -> str:
    return ("…" if start > 0 else "") + text[max(0, start) :][:600]


def _describe(case: Case, result: Result) -> str:
    """A failing case, with the common start of expected and actual elided."""
    want = normalise(case.expected)
    got = normalise(result.body)
    same = 0
    while same < min(len(want), len(got)) and want[same] == got[same]:
        same += 1
    cut = same - 40
    return (
        f"[{case.set}] {case.name}\n    expected: {_elide(want, cut)!r}\n"
        f"    body:     {_elide(got, cut)!r}\n    signature:{normalise(result.signature)[:300]!r}"
    )


def evaluate(impl: Impl, cases: list[Case]) -> dict[str, Tally]:
    """Per-set tallies (and an ``overall`` one) of ``impl`` on ``cases``."""
    tallies: dict[str, Tally] = {}
    for case in cases:
        tally = tallies.setdefault(case.set, Tally())
        tally.total += 1
        try:
            result = case.run(impl)
            ok = case.check(result)
            lenient = ok or (case.tolerant is not None and case.tolerant(result))
        except Exception as exc:  # a library crashing on a case is a failed case
            result, ok, lenient = Result(f"<{type(exc).__name__}: {exc}>"), False, False
        tally.passed += ok
        tally.tolerant += lenient
        if not ok:
            tally.failures.append(_describe(case, result))
    overall = Tally()
    for tally in tallies.values():
        overall.passed += tally.passed
        overall.tolerant += tally.tolerant
        overall.total += tally.total
    tallies["overall"] = overall
    return tallies


def by_folder(tallies: dict[str, Tally]) -> dict[str, Tally]:
    """Tallies summed per eval folder ("talon/inline_quotation" -> "talon"), plus overall."""
    folders: dict[str, Tally] = {}
    for set_name, tally in tallies.items():
        if set_name == "overall":
            continue
        total = folders.setdefault(set_name.split("/")[0], Tally())
        total.passed += tally.passed
        total.tolerant += tally.tolerant
        total.total += tally.total
        total.failures.extend(tally.failures)
    if "overall" in tallies:
        folders["overall"] = tallies["overall"]
    return folders


def _timed(code: str, runs: int = 7) -> float | None:
    """Median wall time (s) of running ``code`` in a fresh interpreter."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True)
        if done.returncode:
            return None
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def import_cost(module: str) -> str:
    """What importing an implementation (and its first call) adds to a start-up."""
    base = _timed("pass")
    if module == "msglint.inputs.reply":
        # The reply module comes with msglint.inputs (every reader needs it);
        # what the splitter itself adds is loading and compiling its patterns.
        package = _timed("import msglint.inputs")
        warm = _timed("from msglint.inputs.reply import split_reply; split_reply('x')")
        if None in (base, package, warm):
            return "failed"
        return (
            f"import msglint.inputs {1000 * (package - base):.0f} ms (all readers), "
            f"+ first split_reply (load and compile patterns) {1000 * (warm - package):.0f} ms"
        )
    cost = _timed(f"import {module}")
    if cost is None or base is None:
        return "failed"
    return f"import {module}: {1000 * (cost - base):.0f} ms"


def _line(name: str, tally: Tally, indent: int) -> None:
    extra = ""
    if tally.tolerant != tally.passed:
        extra = f"  (tolerant of the signature boundary: {tally.rate(tally.tolerant):5.1f}%)"
    label = " " * indent + name
    print(f"{label:32s} {tally.passed:3d}/{tally.total:<3d} {tally.rate():5.1f}%{extra}")


def clients_table(part: str, failures: bool) -> None:
    """The per-client table on ``tests/data/reply`` (tune and untouched parts)."""
    from msglint.inputs.email_reader import read_email

    clients = _clients_module()
    parts = clients.PARTS if part == "both" else (part,)
    tables = {
        name: clients.evaluate_part(
            clients.load_part(name),
            lambda case: read_email(case.raw, f"{case.id}.eml").body,
            normalise,
        )
        for name in parts
    }
    print("== msglint per mail client (own text of tests/data/reply, read as .eml files)")
    clients.print_table(tables, failures)


def _clients_module():  # type: ignore[no-untyped-def]
    """``bench/reply_clients.py``, loaded by path (this script is not a package)."""
    import importlib.util

    name = "msglint_bench_reply_clients"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, Path(__file__).with_name("reply_clients.py")
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--impl", default="msglint", help="msglint, all, or a library name")
    parser.add_argument("--failures", action="store_true", help="print every failing case")
    parser.add_argument("--import-cost", action="store_true", help="measure import times")
    parser.add_argument("--eval-dir", type=Path, default=None)
    parser.add_argument(
        "--part", choices=("tune", "untouched", "both"), default="both", help="per-client cases"
    )
    args = parser.parse_args(argv)
    if args.impl in ("msglint", "all"):
        clients_table(args.part, args.failures)

    root = args.eval_dir or eval_dir()
    print("\n== third-party labelled sets")
    if not root.is_dir():
        print(f"eval sets not found at {root}: nothing to measure (set MSGLINT_EVAL_DIR)")
        return 0
    gated, secondary, notes = load_cases(root)
    for note in notes:
        print(note)
    names = list(IMPLS) if args.impl == "all" else [args.impl]
    for name in names:
        if name not in IMPLS:
            print(f"unknown implementation {name!r}; choose from {', '.join(IMPLS)}")
            return 2
        factory, module = IMPLS[name]
        try:
            impl = factory()
        except ImportError as exc:
            print(f"\n== {name}: not installed ({exc})")
            continue
        print(f"\n== {name}")
        if args.import_cost:
            print(import_cost(module))
        started = time.perf_counter()
        main_t = evaluate(impl, gated)
        second_t = evaluate(
            impl, [c for c in secondary if impl.has_signature or not c.needs_signature]
        )
        elapsed = time.perf_counter() - started
        print("exact expected visible text (gate: >= 95% per set and overall):")
        folders = by_folder(main_t)
        for folder, total in folders.items():
            _line(folder, total, 2)
            parts = [n for n in main_t if n.startswith(folder + "/")]
            for set_name in parts if len(parts) > 1 else []:
                _line(set_name, main_t[set_name], 6)
        print("signature sets and content assertions:")
        for set_name, tally in second_t.items():
            if set_name != "overall":
                _line(set_name, tally, 2)
        print(f"  ({elapsed * 1000:.0f} ms for {len(gated) + len(secondary)} cases)")
        if args.failures:
            for set_name, tally in [*main_t.items(), *second_t.items()]:
                if set_name == "overall":
                    continue
                for failure in tally.failures:
                    print(failure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
