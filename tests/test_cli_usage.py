"""The CLI as users expect it: help, choices and completion, --version, -o, --debug, warnings, line ends."""

import importlib.metadata
import re

import pytest
import typer
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.errors import KgError, KgWarning
from tests.conftest import FIXTURES

runner = CliRunner()
WIDE = {"COLUMNS": "200"}  # help drawn on one line per option, so that choices are not folded
COMMANDS = sorted(typer.main.get_command(app).commands)


def kg_cli(*args, input=None, env=None):
    return runner.invoke(app, [str(a) for a in args], input=input, env=env, prog_name="kg")


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)])
def test_help_shows_values_not_python_types(command):
    result = kg_cli(*command, "--help", env=WIDE)
    assert result.exit_code == 0 and result.stderr == ""
    assert not re.findall(r"<[\w\[\]|, ]+>", result.stdout)  # <bool>, <str>, <path>, <list[str]>, <int>
    usage = result.stdout.split("Usage: ", 1)[1].splitlines()[0]
    assert "{" not in usage and ("INPUTS..." in usage or command not in (["build"], ["extract"]))


@pytest.mark.parametrize("command, choices", [
    ("query", "[table|csv|tsv|json|xml]"), ("export", "[graphml|gexf|cytoscape|turtle|nquads|trig|jsonld]"),
    ("stats", "[table|json]"), ("validate", "[table|json]"), ("eval", "[table|json]"),
    ("show", "[text|json]"), ("explain", "[text|json]"), ("extract", "[jsonl|json]"),
])
def test_formats_are_choices_shown_in_help_and_completed(command, choices):
    assert choices in kg_cli(command, "--help", env=WIDE).stdout
    words = f"kg {command} " + ("" if command == "export" else "--format ")
    completion = kg_cli(env={"_KG_COMPLETE": "complete_bash", "COMP_WORDS": words,
                             "COMP_CWORD": str(len(words.split()))})
    assert completion.exit_code == 0 and completion.stdout.split() == choices[1:-1].split("|")


@pytest.mark.parametrize("command", [["query", "ASK {}"], ["export"], ["stats"], ["validate"], ["show", "US"],
                                     ["explain", "US", "signs", "INF"], ["extract", "-"], ["eval", "gold.jsonl"]])
def test_a_format_that_is_not_a_choice_is_a_one_line_error(command):
    args = [*command, "pdf"] if command == ["export"] else [*command, "--format", "pdf"]
    result = kg_cli(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert re.fullmatch(r"kg: error: Invalid value for '(--format|FORMAT)': .*'pdf' is not one of '\w+', .*"
                        rf"\(see `kg {command[0]} --help`\)\n", result.stderr)


def test_help_shows_the_default_model_and_folder():
    from kg.settings import DEFAULT_MODEL as LIBRARY_DEFAULT

    for command in ("build", "extract", "eval"):
        assert f"[default: {LIBRARY_DEFAULT}]" in kg_cli(command, "--help", env=WIDE).stdout
    assert "Folder of a built graph. [default: (output)]" in kg_cli("query", "--help", env=WIDE).stdout


def test_version_is_the_installed_one():
    result = kg_cli("--version")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == f"kg {kg.__version__}\n" and kg.__version__ == importlib.metadata.version("kg")


def test_options_of_kg_itself_are_checked_in_one_line():
    result = kg_cli("--nope", "stats")
    assert result.exit_code == 2 and result.stderr == "kg: error: No such option: --nope (see `kg --help`)\n"
    result = kg_cli("stats", env={"KG_DEBUG": "maybe"})
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("kg: error: Invalid value for '--debug' (env var: 'KG_DEBUG')")


@pytest.fixture
def broken_library(monkeypatch):
    """Opening a graph fails as a bug in kg would, or with `error` if one is set."""
    failure = {"error": RuntimeError("boom")}

    def open_graph(*args, **kwargs):
        raise failure["error"]

    monkeypatch.setattr("kg.api.open_graph", open_graph)
    return failure


def test_an_internal_error_is_one_line_and_exit_70(broken_library):
    for env in (None, {"KG_DEBUG": "0"}):
        result = kg_cli("stats", env=env)
        assert result.exit_code == 70 and result.stdout == ""
        assert result.stderr == "kg: internal error: RuntimeError: boom\n"


@pytest.mark.parametrize("args, env", [(["--debug", "stats"], None), (["stats"], {"KG_DEBUG": "1"})])
def test_debug_prints_the_traceback_of_an_internal_error(broken_library, args, env):
    result = kg_cli(*args, env=env)
    assert result.exit_code == 70 and result.stdout == ""
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert 'raise failure["error"]' in result.stderr
    assert result.stderr.endswith("RuntimeError: boom\nkg: internal error: RuntimeError: boom\n")


def test_debug_leaves_errors_in_the_input_one_line(broken_library):
    broken_library["error"] = KgError("no graph in nowhere")
    result = kg_cli("--debug", "stats")
    assert result.exit_code == 2 and result.stderr == "kg: error: no graph in nowhere\n"


def test_a_closed_pipe_ends_quietly(broken_library):
    broken_library["error"] = BrokenPipeError(32, "Broken pipe")  # kg query ... | head
    result = kg_cli("stats")
    assert result.exit_code == 1 and "internal error" not in result.stderr


DATA_COMMANDS = [
    ["query", "SELECT ?s WHERE { ?s geo:joins ?o }"], ["query", "--list"], ["export", "graphml"],
    ["stats"], ["stats", "--format", "json"], ["validate", "--format", "json"], ["show", "US"],
    ["explain", "US", "withdraws_from", "INF Treaty", "--format", "json"], ["viz"],
]


@pytest.mark.parametrize("command", DATA_COMMANDS, ids=" ".join)
def test_output_option_writes_what_stdout_would_show(example_graph, tmp_path, command):
    graph = [] if command == ["query", "--list"] else ["-g", example_graph]
    printed = kg_cli(*command, *graph)
    assert printed.exit_code == 0, printed.stderr
    target = tmp_path / "out"
    written = kg_cli(*command, *graph, "-o", target)
    assert written.exit_code == 0 and written.stdout == ""
    assert f"wrote {target} ({target.stat().st_size:,} bytes)\n" in written.stderr
    assert target.read_text() == printed.stdout and printed.stdout


def test_validate_writes_its_report_even_when_it_holds_no_violation(example_graph, tmp_path):
    target = tmp_path / "report.tsv"
    result = kg_cli("validate", "-g", example_graph, "-o", target)
    assert result.exit_code == 0 and target.read_text() == "" and "conforms" in result.stderr


@pytest.mark.parametrize("command", [["extract", "-", "--format", "json"], ["eval", FIXTURES / "eval" / "relations.jsonl"]],
                         ids=lambda command: command[0])
@pytest.mark.model
def test_output_option_of_the_extraction_commands(tmp_path, command):
    text = "Canada sanctioned Russia on Monday.\n"
    target = tmp_path / "out"
    written = kg_cli(*command, "-o", target, input=text)
    assert written.exit_code == 0 and written.stdout == "", written.stderr
    assert target.read_text() == kg_cli(*command, input=text).stdout


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("sparql", ["SELECT ?s WHERE { ?s geo:joins ?o }", "ASK { ?s geo:joins ?o }",
                                    "CONSTRUCT { ?s geo:joins ?o } WHERE { ?s geo:joins ?o }"])
def test_json_and_xml_results_end_with_a_line_break(example_graph, sparql, fmt):
    result = kg_cli("query", sparql, "-g", example_graph, "--format", fmt)
    assert result.exit_code == 0 and result.stdout.endswith(">\n" if fmt == "xml" else "]\n" if "CONSTRUCT" in sparql else "}\n")
    if fmt == "xml":
        assert result.stdout.startswith("<?xml")  # ASK too: SPARQL results, not the bare word


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "jsonld"])
def test_json_and_xml_exports_end_with_a_line_break(example_graph, fmt):
    result = kg_cli("export", fmt, "-g", example_graph)
    assert result.exit_code == 0 and re.search(r"[>}]\n\Z", result.stdout)


def test_construct_prints_turtle_with_the_graph_prefixes(example_graph):
    result = kg_cli("query", "CONSTRUCT { ?s geo:joins ?o } WHERE { ?s geo:joins ?o }", "-g", example_graph)
    assert result.exit_code == 0
    assert "@prefix geo: <https://geokg.example.org/ontology#> .\n" in result.stdout
    assert "ent:finland geo:joins ent:nato .\n" in result.stdout


def test_an_export_the_filters_leave_empty_warns(example_graph):
    result = kg_cli("export", "graphml", "-g", example_graph, "--type", "Treaty", "--predicate", "joins")
    assert result.exit_code == 0 and "<graphml" in result.stdout
    assert result.stderr == "kg: warning: the export is empty: no edge passes the filters\n"
    assert kg_cli("export", "graphml", "-g", example_graph, "--type", "Country").stderr == ""
    with kg.open_graph(example_graph) as graph, pytest.warns(KgWarning, match="no edge passes the filters"):
        graph.export("gexf", types=["Treaty"], predicates=["joins"])


def test_export_formats_named_for_the_cli_are_those_the_export_writes():
    from kg.export import FORMATS, PROJECTION_WRITERS, RDF_FORMATS
    from kg.formats import EXPORT, PROJECTION

    assert FORMATS == EXPORT and set(PROJECTION) == set(PROJECTION_WRITERS)
    assert set(EXPORT) == {*PROJECTION_WRITERS, *RDF_FORMATS, "jsonld"}


@pytest.mark.model
def test_build_summary_names_the_folder_as_typed(tmp_path):
    typed = f"{tmp_path}/./graph/"
    result = kg_cli("build", "-", "--out", typed, input="Japan condemned North Korea on Friday.\n")
    assert result.exit_code == 0 and result.stderr.startswith(f"built {typed}: 1 documents added")
    assert (tmp_path / "graph" / "kg.json").exists()
