"""``lstmlint server``: the language server (pygls) and its LSP features.

Diagnostics come from :func:`lstmlint.api.lint_source`, the entry point of
``lstmlint check``, with the settings ``check`` would find from the document's
folder; notebooks are checked as one program and reported per cell. Hovers
and inlay hints read one inference pass per document version
(:mod:`.analysis`). Every handler is guarded: a crash on one document is
logged to the client and the server goes on serving.
"""

from __future__ import annotations

import asyncio
import functools
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from .. import __version__
from ..parse import incremental
from ..api import lint_source
from ..config.loading import ConfigError, build_settings
from ..diagnostics import Diagnostic
from ..parse.positions import ReusedPositions
from ..config.settings import Settings
from ..report.shapes import params_text
from .actions import FIX_ALL, code_actions
from .analysis import Analysis, analyse
from .documents import Program, program_for
from .hover import fully_known, hover_text, shape_label
from .protocol import by_document, position, server_position, span

DEFAULT_DEBOUNCE = 0.15  # seconds of quiet typing before a changed document is checked


@dataclass
class Options:
    """What the client may set (``initializationOptions``, or the ``lstmlint``
    section of ``workspace/didChangeConfiguration``)."""

    inlay_hints: bool = True
    debounce: float = DEFAULT_DEBOUNCE

    def update(self, values: Any) -> None:
        if not isinstance(values, dict):
            return
        values = values.get("lstmlint", values)
        if not isinstance(values, dict):
            return
        if isinstance(values.get("inlayHints"), bool):
            self.inlay_hints = values["inlayHints"]
        delay = values.get("debounce")  # milliseconds
        if isinstance(delay, (int, float)) and not isinstance(delay, bool) and 0 <= delay <= 10_000:
            self.debounce = delay / 1000


@dataclass
class Checked:
    """The last check of a program: what code actions and hovers read."""

    program: Program
    settings: Optional[Settings]
    diagnostics: List[Diagnostic]
    analysis: Optional[Analysis] = None


@dataclass
class State:
    options: Options = field(default_factory=Options)
    checked: Dict[str, Checked] = field(default_factory=dict)  # by program uri
    pending: Dict[str, asyncio.TimerHandle] = field(default_factory=dict)
    config_errors: Dict[str, str] = field(default_factory=dict)  # shown once per message
    positions: Dict[str, ReusedPositions] = field(default_factory=dict)  # by program uri: statements placed before


class LstmlintServer(LanguageServer):
    def __init__(self) -> None:
        cells = [types.NotebookCellLanguage(language="python")]
        super().__init__(
            "lstmlint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=types.NotebookDocumentSyncOptions(
                notebook_selector=[types.NotebookDocumentFilterWithCells(cells=cells, notebook="*")],  # "*": every notebook type
                save=True,
            ),
        )
        self.state = State()
        incremental.enable()  # an edit re-parses only the statements it touched

    # -- documents ---------------------------------------------------------------

    def document(self, uri: str) -> TextDocument:
        return self.workspace.get_text_document(uri)

    def settings_for(self, program: Program) -> Optional[Settings]:
        """``check``'s settings for this file; None (and one message) when its
        config file cannot be used."""
        try:
            settings, _ = build_settings([program.filename], None, False, {})
        except ConfigError as exc:
            message = f"lstmlint: {exc}; not checking until it is fixed"
            if self.state.config_errors.get(program.uri) != message:
                self.state.config_errors[program.uri] = message
                self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))
            return None
        self.state.config_errors.pop(program.uri, None)
        return settings

    def check(self, uri: str) -> Optional[Checked]:
        """Check the program holding ``uri`` now and publish its diagnostics."""
        self.state.pending.pop(uri, None)
        program = program_for(self.workspace, uri)
        if program is None:
            return None
        self.cancel(program.uri)
        settings = self.settings_for(program)
        diagnostics: List[Diagnostic] = []
        if settings is not None and not settings.excluded(program.filename, explicit=False):
            diagnostics = lint_source(program.data, program.filename, settings)
        checked = self.state.checked[program.uri] = Checked(program, settings, diagnostics)
        for document, found in by_document(diagnostics, program, self.document).items():
            version = self.workspace.text_documents[document].version if document in self.workspace.text_documents else None
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(document, found, version))
        return checked

    def current(self, uri: str) -> Optional[Checked]:
        """The check of the program holding ``uri`` as it is now (checked again
        if it changed since)."""
        program = program_for(self.workspace, uri)
        if program is None:
            return None
        checked = self.state.checked.get(program.uri)
        if checked is None or checked.program.data != program.data:
            checked = self.check(uri)
        return checked

    def analysis(self, uri: str) -> Optional[Analysis]:
        checked = self.current(uri)
        if checked is None or checked.settings is None:
            return None
        if checked.analysis is None:
            reused = self.state.positions.setdefault(checked.program.uri, ReusedPositions())
            checked.analysis = analyse(checked.program, checked.settings, reused)
        return checked.analysis

    def check_later(self, uri: str) -> None:
        program = program_for(self.workspace, uri)
        if program is None:
            return
        self.cancel(program.uri)
        delay = self.state.options.debounce
        if delay <= 0:
            self.check(uri)
            return
        self.state.pending[program.uri] = asyncio.get_running_loop().call_later(delay, guarded(self, "check", self.check), program.uri)

    def cancel(self, uri: str) -> None:
        handle = self.state.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def forget(self, uri: str, documents: List[str]) -> None:
        self.cancel(uri)
        self.state.checked.pop(uri, None)
        self.state.positions.pop(uri, None)
        for document in documents:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(document, []))


def guarded(server: LstmlintServer, what: str, handler: Callable, fallback: Any = None) -> Callable:
    """``handler``, with any exception logged to the client (the server goes on)."""

    @functools.wraps(handler)
    def run(*args: Any) -> Any:
        try:
            return handler(*args)
        except Exception as exc:  # noqa: BLE001 - one document must never stop the server
            uri = next((_document_uri(a) for a in args if _document_uri(a)), None)
            message = f"lstmlint: internal error in {what}{f' for {uri}' if uri else ''}: {type(exc).__name__}: {exc}; please report this with the file\n{traceback.format_exc()}"
            server.window_log_message(types.LogMessageParams(types.MessageType.Error, message))
            return fallback

    return run


def _document_uri(params: Any) -> Optional[str]:
    """The text document or notebook a notification or request is about."""
    document = getattr(params, "text_document", None) or getattr(params, "notebook_document", None)
    return getattr(document, "uri", None)


def create_server() -> LstmlintServer:
    server = LstmlintServer()

    def feature(method: str, options: Any = None, fallback: Any = None) -> Callable:
        def register(handler: Callable) -> Callable:
            server.feature(method, options)(guarded(server, method, handler, fallback))
            return handler

        return register

    @feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        server.state.options.update(params.initialization_options)

    @feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(params: types.DidChangeConfigurationParams) -> None:
        server.state.options.update(params.settings)
        for uri in list(server.state.checked):
            server.check(uri)
        workspace = server.client_capabilities.workspace
        if workspace is not None and workspace.inlay_hint is not None and workspace.inlay_hint.refresh_support:
            server.workspace_inlay_hint_refresh(None)  # hints may have been turned on or off

    for method, action in (
        (types.TEXT_DOCUMENT_DID_OPEN, server.check),
        (types.TEXT_DOCUMENT_DID_CHANGE, server.check_later),
        (types.TEXT_DOCUMENT_DID_SAVE, server.check),
        (types.NOTEBOOK_DOCUMENT_DID_OPEN, server.check),
        (types.NOTEBOOK_DOCUMENT_DID_CHANGE, server.check_later),
        (types.NOTEBOOK_DOCUMENT_DID_SAVE, server.check),
    ):
        feature(method)(lambda params, action=action: action(_document_uri(params)))

    @feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        server.forget(params.text_document.uri, [params.text_document.uri])

    @feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def notebook_close(params: types.DidCloseNotebookDocumentParams) -> None:
        server.forget(params.notebook_document.uri, [cell.uri for cell in params.cell_text_documents])

    @feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> Optional[types.Hover]:
        uri = params.text_document.uri
        analysis = server.analysis(uri)
        if analysis is None:
            return None
        document = server.document(uri)
        at = server_position(document, params.position)
        line = analysis.program.from_document(uri, at.line)
        for where, target in analysis.targets_at((line, at.character)) if line is not None else ():
            text = hover_text(analysis, target)  # the innermost thing inference knows about
            if text is not None:
                return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), _range_in(analysis.program, uri, document, where))
        return None

    @feature(types.TEXT_DOCUMENT_INLAY_HINT, types.InlayHintOptions(resolve_provider=False), fallback=[])
    def inlay_hints(params: types.InlayHintParams) -> List[types.InlayHint]:
        if not server.state.options.inlay_hints:
            return []
        uri = params.text_document.uri
        analysis = server.analysis(uri)
        if analysis is None:
            return []
        document = server.document(uri)
        wanted = (params.range.start.line, params.range.end.line)
        hints = []
        for (line, column), row in analysis.layer_hints():
            where, line0 = analysis.program.to_document(line)
            if where != uri or not wanted[0] <= line0 <= wanted[1] or not fully_known(row.output):
                continue
            aliases = analysis.summary.aliases if analysis.summary is not None else {}
            hints.append(
                types.InlayHint(
                    position=position(document, line0, column),
                    label=shape_label(row.output, aliases),
                    kind=types.InlayHintKind.Type,
                    padding_left=True,
                    tooltip=f"{row.type} output shape; parameters: {params_text(row)}",
                )
            )
        return hints

    @feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
        fallback=[],
    )
    def code_action(params: types.CodeActionParams) -> List[types.CodeAction]:
        uri = params.text_document.uri
        checked = server.current(uri)
        if checked is None or checked.settings is None:
            return []
        return code_actions(checked.program, checked.diagnostics, uri, params.range, params.context.only, checked.settings, server.document)

    return server


def _range_in(program: Program, uri: str, document: TextDocument, where) -> Optional[types.Range]:
    start_doc, start = program.to_document(where.start.line)
    end_doc, end = program.to_document(where.end.line)
    if start_doc != uri or end_doc != uri:
        return None
    return span(document, start, where.start.column, end, where.end.column)


def serve() -> None:
    """Serve LSP over stdin/stdout until the client says exit."""
    create_server().start_io()
