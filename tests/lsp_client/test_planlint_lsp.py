"""`planlint lsp` driven over stdio by pytest-lsp, with the capabilities
VS Code and Neovim announce. The binary is $PLANLINT (default: the debug
build); `.ci/run` runs this file.

The shared example plan marks every finding planlint must report with an
`# expect:` comment (../shared/examples/README.md): the server must
publish exactly those, line by line.
"""

import asyncio
import os
import pathlib
import re

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

REPO = pathlib.Path(__file__).resolve().parents[2]
PLANLINT = os.environ.get("PLANLINT", str(REPO / "target" / "debug" / "planlint"))
EXAMPLE = REPO.parent / "shared" / "examples" / "activity-list-2027.plan"

MISSPELT = """plan "Demand gen" {
  owner: @ana
  period: 2027-Q1..2027-Q4
  challenge: "Too few leads"

  team {
    member @ana { capacity: 100d }
  }

  strategy focus "Focus on healthcare"

  objective leads "More leads" {
    owner: @ana
    supports: focus
    kpi mqls { stage: opportunity target: 300 due: 2027-Q4 source: crm }
  }

  tactic webinar "Webinar series" {
    ownr: @ana
    supports: leads
    channel:     webinars
    audience: "IT directors"
    when: 2027-Q2
    effort: 10d
    kpi signups { stage: engagement target: 200 due: 2027-Q2 source: crm }
  }
}
"""


@pytest_lsp.fixture(
    params=["visual-studio-code", "neovim"],
    config=ClientServerConfig(server_command=[PLANLINT, "lsp", "--today", "2027-01-15"]),
)
async def client(request, lsp_client: LanguageClient, tmp_path):
    lsp_client.registrations = []

    # Editors that watch files for servers (VS Code does) are asked to.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(request.param),
            root_uri=tmp_path.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


async def open_plan(client: LanguageClient, uri: str, text: str):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="plan", version=1, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


def expected_findings(text: str):
    found = set()
    for number, line in enumerate(text.splitlines()):
        match = re.search(r"#\s*expect:\s*(.*)$", line)
        if match:
            found.update((number, rule.strip()) for rule in match.group(1).split(","))
    return found


async def test_diagnostics_of_the_shared_example(client: LanguageClient, tmp_path):
    text = EXAMPLE.read_text()
    # The text goes over the wire; the path only picks the configuration.
    uri = (tmp_path / EXAMPLE.name).as_uri()
    diagnostics = await open_plan(client, uri, text)
    published = {(d.range.start.line, d.code) for d in diagnostics}
    assert published == expected_findings(text)
    assert all(d.source == "planlint" for d in diagnostics)


def apply(text: str, edits) -> str:
    lines = text.splitlines(keepends=True)

    def offset(position):
        return sum(len(line) for line in lines[: position.line]) + position.character

    for edit in sorted(edits, key=lambda edit: offset(edit.range.start), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


async def test_quick_fix_renames_a_misspelt_key(client: LanguageClient, tmp_path):
    uri = (tmp_path / "demand.plan").as_uri()
    diagnostics = await open_plan(client, uri, MISSPELT)
    assert sorted(d.code for d in diagnostics) == ["unknown-attribute", "unowned-tactic"]
    unknown = next(d for d in diagnostics if d.code == "unknown-attribute")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=unknown.range,
            context=types.CodeActionContext(diagnostics=[unknown]),
        )
    )
    rename = next(action for action in actions if action.title == "Rename `ownr` to `owner`")
    assert rename.kind == types.CodeActionKind.QuickFix
    fixed = apply(MISSPELT, rename.edit.changes[uri])
    assert "    owner: @ana\n    supports: leads" in fixed

    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri]) == []


async def test_formatting(client: LanguageClient, tmp_path):
    uri = (tmp_path / "demand.plan").as_uri()
    await open_plan(client, uri, MISSPELT)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    formatted = apply(MISSPELT, edits)
    assert "    channel: webinars\n" in formatted
    assert "source: crm }" in formatted and formatted.count("\n") == MISSPELT.count("\n")


async def test_hover_and_definition(client: LanguageClient, tmp_path):
    uri = (tmp_path / "demand.plan").as_uri()
    await open_plan(client, uri, MISSPELT)
    line = MISSPELT.splitlines().index("    supports: leads")
    position = types.Position(line=line, character=len("    supports: le"))
    document = types.TextDocumentIdentifier(uri=uri)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=document, position=position)
    )
    assert "objective `leads`" in hover.contents.value
    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=document, position=position)
    )
    assert definition.range.start == types.Position(line=11, character=12)


async def test_nonsense_is_answered_not_fatal(client: LanguageClient, tmp_path):
    uri = (tmp_path / "demand.plan").as_uri()
    await open_plan(client, uri, MISSPELT)
    far = types.Position(line=10_000, character=10_000)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=far)
    )
    assert hover is None
    with pytest.raises(Exception):
        await client.protocol.send_request_async("planlint/unknown", {})
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert symbols[0].name == "Demand gen"


async def test_configuration_files_are_watched_where_the_client_can(
    client: LanguageClient, tmp_path
):
    await open_plan(client, (tmp_path / "demand.plan").as_uri(), MISSPELT)
    watching = client.capabilities.workspace.did_change_watched_files
    if watching and watching.dynamic_registration:
        [registration] = client.registrations
        assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        watchers = [watcher["globPattern"] for watcher in registration.register_options["watchers"]]
        assert watchers == ["**/.planlint.yaml", "**/*.plan"]
    else:
        assert client.registrations == []


async def test_completion_references_and_fix_all(client: LanguageClient, tmp_path):
    uri = (tmp_path / "demand.plan").as_uri()
    text = MISSPELT.replace("    supports: leads\n", "    supports: \n")
    await open_plan(client, uri, text)
    document = types.TextDocumentIdentifier(uri=uri)
    line = text.splitlines().index("    supports: ")
    completion = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=document,
            position=types.Position(line=line, character=len("    supports: ")),
        )
    )
    items = completion.items if isinstance(completion, types.CompletionList) else completion
    assert [item.label for item in items] == ["leads"]

    person = types.Position(line=6, character=len("    member @a"))
    references = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=document,
            position=person,
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert sorted(location.range.start.line for location in references) == [1, 6, 12, 18]

    # Fix all never touches a plan with a syntax error (`supports:` has no
    # value yet): on the whole plan instead.
    uri = (tmp_path / "whole.plan").as_uri()
    text = MISSPELT
    await open_plan(client, uri, text)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(
                diagnostics=[], only=[types.CodeActionKind.SourceFixAll]
            ),
        )
    )
    [fix_all] = actions
    assert fix_all.kind == "source.fixAll.planlint"
    assert "    owner: @ana\n" in apply(text, fix_all.edit.changes[uri]).split("tactic webinar")[1]


ACROSS_PLANS = REPO / "fixtures" / "overbooked-across-plans" / "flagged"


async def change_plan(client: LanguageClient, uri: str, version: int, text: str, until):
    """Sends a whole new text and waits until `until()` holds of the
    diagnostics received (the plan's own publication and those of the other
    plans the change concerns). Polls rather than counts publications: two
    can arrive before a wait for the second one is set up."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    deadline = asyncio.get_running_loop().time() + 30
    while not until():
        assert asyncio.get_running_loop().time() < deadline, "diagnostics never settled"
        await asyncio.sleep(0.05)


async def test_an_effort_edited_in_one_plan_shows_and_clears_overbooked_across_plans_in_both(
    client: LanguageClient, tmp_path
):
    # @maria (30d a quarter) owns 20d of Q1 in emea.plan and 5d in partners.plan.
    emea = (ACROSS_PLANS / "emea.plan").read_text()
    partners = (ACROSS_PLANS / "partners.plan").read_text().replace("effort: 25d", "effort: 5d")
    emea_uri = (tmp_path / "emea.plan").as_uri()
    partners_uri = (tmp_path / "partners.plan").as_uri()
    await open_plan(client, emea_uri, emea)
    await open_plan(client, partners_uri, partners)

    def across(uri):
        return [d for d in client.diagnostics[uri] if d.code == "overbooked-across-plans"]

    assert across(emea_uri) == [] and across(partners_uri) == []

    # 5d -> 25d: 45 of 30 in Q1; both plans are published again with it.
    both_flagged = lambda: across(emea_uri) and across(partners_uri)  # noqa: E731
    await change_plan(client, partners_uri, 2, partners.replace("effort: 5d", "effort: 25d"), both_flagged)
    for uri, tactic in [(emea_uri, "webinars"), (partners_uri, "training")]:
        [finding] = across(uri)
        assert finding.message.startswith(
            "@maria is booked 45 person-days in Q1 2027 across 2 plans (emea.plan, partners.plan)"
        )
        assert finding.severity == types.DiagnosticSeverity.Warning
        text = emea if uri == emea_uri else partners
        assert text.splitlines()[finding.range.start.line].startswith(f"  tactic {tactic} ")
        [related] = finding.related_information
        assert related.location.uri != uri

    # Back to 5d: cleared in both.
    both_clear = lambda: not across(emea_uri) and not across(partners_uri)  # noqa: E731
    await change_plan(client, partners_uri, 3, partners, both_clear)
    assert across(emea_uri) == [] and across(partners_uri) == []
