"""``lstmlint server`` end to end: a real LSP client (pytest-lsp) talks to the
server in a subprocess over stdio, as an editor would."""

import asyncio
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from lstmlint.api import lint_source  # noqa: E402
from lstmlint.config.settings import Settings  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="module")

FEATURE_BUG = """\
import numpy as np
import tensorflow as tf

data = np.random.rand(10, 5, 3)
model = tf.keras.Sequential([
    tf.keras.layers.LSTM(64, input_shape=(5, 1)),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(data, np.random.rand(10, 1), epochs=1)
"""
FIXED = FEATURE_BUG.replace("input_shape=(5, 1)", "input_shape=(5, 3)")

STACKED = """\
from tensorflow import keras

model = keras.Sequential([
    keras.layers.LSTM(32, input_shape=(10, 4)),
    keras.layers.LSTM(16),
    keras.layers.Dense(1),
])
"""


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=[sys.executable, "-m", "lstmlint", "server"]))
async def client(lsp_client: LanguageClient):
    capabilities = pytest_lsp.client_capabilities("visual-studio-code")
    capabilities.notebook_document = types.NotebookDocumentClientCapabilities(types.NotebookDocumentSyncClientCapabilities())
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities, initialization_options={"debounce": 50}))
    assert result.capabilities.notebook_document_sync is not None  # so editors send the notebook's cells
    yield
    await lsp_client.shutdown_session()


_versions = {}


async def published(client: LanguageClient, *uris: str) -> None:
    """Wait until the server has published diagnostics for every uri (their
    earlier diagnostics must have been dropped from ``client.diagnostics``)."""
    deadline = asyncio.get_running_loop().time() + 20
    while not all(uri in client.diagnostics for uri in uris):
        assert asyncio.get_running_loop().time() < deadline, f"no diagnostics published for {uris}"
        await asyncio.sleep(0.005)


async def open_document(client: LanguageClient, path: Path, text: str) -> list:
    path.write_text(text)
    uri = path.as_uri()
    _versions[uri] = 1
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "python", 1, text)))
    await published(client, uri)
    return list(client.diagnostics[uri])


async def replace_text(client: LanguageClient, uri: str, text: str) -> list:
    _versions[uri] += 1
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(_versions[uri], uri),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )
    await published(client, uri)
    return list(client.diagnostics[uri])


async def test_feature_count_bug_then_fixed(client: LanguageClient, tmp_path):
    path = tmp_path / "features.py"
    found = await open_document(client, path, FEATURE_BUG)
    expected = lint_source(FEATURE_BUG.encode(), str(path), Settings())
    assert [d.code for d in found] == [d.code for d in expected] == ["LS203"]
    (diagnostic,), (record,) = found, expected
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.message.splitlines()[0] == record.message
    assert diagnostic.range.start == types.Position(record.line - 1, record.column - 1)
    related = diagnostic.related_information
    assert [(r.location.uri, r.location.range.start.line + 1, r.message) for r in related] == [
        (path.as_uri(), r.line, r.message) for r in record.related
    ]
    assert any("input declared" in r.message and r.location.range.start.line == 5 for r in related)

    assert await replace_text(client, path.as_uri(), FIXED) == []


async def test_hover_on_the_lstm_shows_its_output_shape(client: LanguageClient, tmp_path):
    path = tmp_path / "hover.py"
    await open_document(client, path, FIXED)
    line = FIXED.splitlines().index("    tf.keras.layers.LSTM(64, input_shape=(5, 3)),")
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(line, 22))
    )
    assert "(None, 64)" in hover.contents.value
    assert "17,408" in hover.contents.value  # 4 * 64 * (3 + 64 + 1), as Keras counts
    data = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(FIXED.splitlines().index("data = np.random.rand(10, 5, 3)"), 1))
    )
    assert "(10, 5, 3)" in data.contents.value and "float64" in data.contents.value and "np.random.rand(10, 5, 3)" in data.contents.value
    fit_line = FIXED.splitlines().index("model.fit(data, np.random.rand(10, 1), epochs=1)")
    fit = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(fit_line, 7))
    )
    assert "(10, 5, 3)" in fit.contents.value and "(None, 5, 3)" in fit.contents.value and "(None, 1)" in fit.contents.value


async def test_inlay_hints_give_one_shape_per_layer(client: LanguageClient, tmp_path):
    path = tmp_path / "hints.py"
    await open_document(client, path, STACKED.replace("LSTM(32,", "LSTM(32, return_sequences=True,"))
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(types.TextDocumentIdentifier(path.as_uri()), types.Range(types.Position(0, 0), types.Position(20, 0)))
    )
    assert [(h.position.line, h.label) for h in hints] == [(3, "(None, 10, 32)"), (4, "(None, 16)"), (5, "(None, 1)")]


async def test_quick_fix_adds_return_sequences(client: LanguageClient, tmp_path):
    path = tmp_path / "stacked.py"
    (diagnostic,) = await open_document(client, path, STACKED)
    assert diagnostic.code == "LS101"
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(path.as_uri()), diagnostic.range, types.CodeActionContext([diagnostic])
        )
    )
    titles = [a.title for a in actions]
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix and "return_sequences" in a.title)
    (edit,) = fix.edit.changes[path.as_uri()]
    lines = STACKED.splitlines(keepends=True)
    start = sum(len(l) for l in lines[: edit.range.start.line]) + edit.range.start.character
    end = sum(len(l) for l in lines[: edit.range.end.line]) + edit.range.end.character
    fixed = STACKED[:start] + edit.new_text + STACKED[end:]
    assert "keras.layers.LSTM(32, input_shape=(10, 4), return_sequences=True)," in fixed
    assert "Suppress LS101 on this line" in titles
    assert await replace_text(client, path.as_uri(), fixed) == []


async def test_notebook_diagnostic_lands_on_its_cell(client: LanguageClient, tmp_path):
    uri = (tmp_path / "model.ipynb").as_uri()
    cells = [
        (types.NotebookCellKind.Code, "import numpy as np\nfrom tensorflow import keras\nX = np.zeros((8, 10, 3))\n"),
        (types.NotebookCellKind.Markup, "# The model"),
        (types.NotebookCellKind.Code, "%matplotlib inline\nmodel = keras.Sequential([keras.layers.LSTM(4, input_shape=(10, 2)), keras.layers.Dense(1)])\n"),
        (types.NotebookCellKind.Code, "model.compile(loss='mse')\nmodel.fit(X, np.zeros((8, 1)))\n"),
    ]
    cell_uris = [f"{uri}#cell{i}" for i in range(len(cells))]
    client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            types.NotebookDocument(uri, "jupyter-notebook", 1, [types.NotebookCell(kind, cell) for (kind, _), cell in zip(cells, cell_uris)]),
            [types.TextDocumentItem(cell, "python" if kind == types.NotebookCellKind.Code else "markdown", 1, text) for (kind, text), cell in zip(cells, cell_uris)],
        )
    )
    await published(client, *cell_uris)
    found = {cell: [d.code for d in client.diagnostics.get(cell, ())] for cell in cell_uris}
    assert found == {cell_uris[0]: [], cell_uris[1]: [], cell_uris[2]: [], cell_uris[3]: ["LS203"]}
    (diagnostic,) = client.diagnostics[cell_uris[3]]
    assert diagnostic.range.start == types.Position(1, 10)
    declared = {r.location.uri: r.location.range.start for r in diagnostic.related_information}
    assert declared[cell_uris[2]].line == 1 and declared[cell_uris[0]].line == 2


async def test_syntax_error_mid_edit_is_ls900_and_the_server_goes_on(client: LanguageClient, tmp_path):
    path = tmp_path / "typing.py"
    await open_document(client, path, FIXED)
    broken = FIXED.replace("tf.keras.layers.Dense(1),", "tf.keras.layers.Dense(1,")
    (diagnostic,) = await replace_text(client, path.as_uri(), broken)
    assert diagnostic.code == "LS900" and diagnostic.severity == types.DiagnosticSeverity.Error
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(5, 22)))
    assert hover is None
    assert [d.code for d in await replace_text(client, path.as_uri(), FEATURE_BUG)] == ["LS203"]
