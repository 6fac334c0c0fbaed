"""CLI: `kg build | extract | eval | query | export | stats | viz`, each one call into the library plus formatting."""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, BinaryIO, Literal

import typer

import kg
from kg import formats
from kg.cli_group import KgCommand, KgGroup
from kg.errors import KgError
from kg.ingest import MAX_CHARS
from kg.settings import DEFAULT_MODEL, Settings

app = typer.Typer(cls=KgGroup, no_args_is_help=True, pretty_exceptions_enable=False)


QueryFormat = Literal[formats.QUERY]  # type: ignore[valid-type]
ExportFormat = Literal[formats.EXPORT]  # type: ignore[valid-type]
GraphOption = Annotated[Path, typer.Option("--graph", "-g", metavar="FOLDER", help="Folder of a built graph.")]
ReadGraphOption = Annotated[Path | None, typer.Option("--graph", "-g", metavar="FOLDER", show_default="output",
                                                         help="Folder of a built graph.")]
EndpointOption = Annotated[str | None, typer.Option(
    "--endpoint", metavar="URL", help="Read the graph from this SPARQL 1.1 endpoint (where `kg push` put it) instead of --graph; may hold user:password@, which is never shown.")]
UserOption = Annotated[str | None, typer.Option(envvar="KG_PUSH_USER", metavar="NAME", help="User name for the store (Basic or Digest auth); the password comes from KG_PUSH_PASSWORD, ~/.netrc or a prompt.")]
# hidden: only there to refuse a password given where every user of the machine can read it (ps)
PasswordOption = Annotated[str | None, typer.Option(hidden=True)]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")]
InputsArgument = Annotated[list[str], typer.Argument(help="Files, folders (.txt/.md/.jsonl, recursive) or - for stdin.")]
ModelOption = Annotated[str, typer.Option(metavar="NAME", help="Installed spaCy pipeline to use.")]
GazetteerOption = Annotated[list[Path] | None, typer.Option(
    metavar="FILE", help="Extra gazetteer TSV (id, label, type, aliases, qid, stands_for); repeatable.")]


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"kg {kg.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print kg's version and exit.")] = False,
    # read where errors are caught, in KgGroup.invoke
    debug: Annotated[bool, typer.Option("--debug", envvar="KG_DEBUG",
                                        help="Print the traceback of an internal error (exit status 70).")] = False,
) -> None:
    """Turn news articles into a knowledge graph of geopolitical actors."""


class UsageError(KgError):
    """Bad command-line input detected by the CLI itself."""


def _emit(data: str | bytes, output: Path | None) -> None:
    from kg.store import write_atomic

    raw = data.encode() if isinstance(data, str) else data
    if output is None:
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
    else:
        write_atomic(output, raw)
        typer.echo(f"wrote {output} ({len(raw):,} bytes)", err=True)


def _asker(password: str | None):
    """How a password that neither KG_PUSH_PASSWORD nor ~/.netrc holds is asked for: at the
    terminal, if there is one. Never from the command line."""
    if password is not None:
        raise UsageError("a password on the command line is visible to every user of this machine (ps); "
                         "set KG_PUSH_PASSWORD, put it in ~/.netrc, or let kg ask for it")
    if not sys.stdin.isatty():
        return None
    return lambda prompt: typer.prompt(prompt, hide_input=True, err=True)


def _open(graph: Path | None, endpoint: str | None, user: str | None, password: str | None):
    """The graph to read through the Python API: the folder, or the endpoint with the push
    command's credentials."""
    from kg.api import open_graph

    if graph is not None and endpoint is not None:
        raise UsageError("give --graph FOLDER or --endpoint URL, not both")
    if endpoint is not None and "://" not in endpoint:
        raise UsageError(f"--endpoint {endpoint!r} is not an http(s) URL")
    return open_graph(endpoint or graph or Path("output"), user=user, ask=_asker(password))


def _check_processes(count: int, option: str) -> None:
    # more CPU-bound processes than this only queue for the cores, each with its own memory
    limit = min(64, 4 * (os.cpu_count() or 1))
    if count > limit:
        raise UsageError(f"{option} {count} is more than this machine can use: at most {limit} (4 per CPU, 64 in all)")


def _stdin(inputs: list[str]) -> BinaryIO | None:
    return sys.stdin.buffer if "-" in inputs else None  # read as it comes: it may be endless


def _settings(model: str, gazetteer: list[Path] | None, **options) -> Settings:
    return Settings(model=model, gazetteer_files=tuple(gazetteer or ()), **options)


def _keep_loaded() -> None:
    """Called once the pipeline is loaded: what is loaded by now (modules, pipeline, gazetteer) stays
    to the end of the process; frozen, it is no longer rescanned by every full garbage collection."""
    gc.freeze()


def _progress():
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    # a bar only on a terminal: in a pipe or a log it would leave blank lines before messages
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal)


@app.command(cls=KgCommand)
def build(
    inputs: InputsArgument,
    out: Annotated[str, typer.Option("--out", metavar="FOLDER", help="Output folder for the graph store.")] = "output",
    model: ModelOption = DEFAULT_MODEL,
    gazetteer: GazetteerOption = None,
    base: Annotated[str | None, typer.Option(metavar="IRI", help="Base IRI for entities, documents and statements.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", help="Worker processes for parsing and extraction.")] = 1,
    dask: Annotated[str | None, typer.Option("--dask", metavar="local|ADDRESS", help="Analyse on a Dask cluster: 'local' (a LocalCluster of --jobs workers) or the scheduler address tcp://HOST:PORT.")] = None,
    max_chars: Annotated[int, typer.Option(metavar="N", help="Skip documents longer than this many characters.")] = MAX_CHARS,
    force: Annotated[bool, typer.Option("--force", help="Build in --out even if it holds files kg did not write.")] = False,
) -> None:
    """Extract statements from articles and add them to the graph in --out."""
    from kg.build import build as run_build
    from kg.ingest import expand_paths

    if dask is None or dask == "local":
        _check_processes(jobs, "--jobs")
    files = [p for p in expand_paths([i for i in inputs if i != "-"])]
    stdin = _stdin(inputs)
    with _progress() as bar:
        task = bar.add_task("building", total=len(files) + (stdin is not None) or None)
        sources: set[str] = set()

        def advance(source: str) -> None:
            file = source.rsplit(":", 1)[0] if source.endswith(tuple("0123456789")) else source
            if file not in sources:
                sources.add(file)
                bar.update(task, completed=len(sources))

        report = run_build(inputs, out, _settings(model, gazetteer, max_chars=max_chars), base=base, stdin=stdin,
                           progress=advance, jobs=jobs, dask=dask, force=force, loaded=_keep_loaded)
    for problem in report.problems:
        typer.echo(f"kg: warning: {problem}", err=True)
    typer.echo(f"built {out}: {report.documents_added} documents added, {report.documents_replaced} replaced, "
               f"{report.documents_unchanged} unchanged, {report.statements} statements, "
               f"{len(report.problems)} inputs skipped", err=True)
    if report.problems:
        raise typer.Exit(1)


@app.command(cls=KgCommand)
def extract(
    inputs: InputsArgument,
    fmt: Annotated[Literal["jsonl", "json"], typer.Option("--format", help="jsonl (one record per input) or json (one array).")] = "jsonl",
    raw: Annotated[bool, typer.Option("--raw", help="Keep texts exactly as given (no headline/boilerplate cleaning), so spans index the input.")] = False,
    model: ModelOption = DEFAULT_MODEL,
    gazetteer: GazetteerOption = None,
    output: OutputOption = None,
) -> None:
    """Print every extracted statement per input record, with spans, ids, polarity, modality and rule."""
    from kg.analyse import read_and_analyse
    from kg.ingest import Problem
    from kg.serialize import document_record

    stdin = _stdin(inputs)
    records, problems = [], []
    with _progress() as bar:
        task = bar.add_task("extracting", total=None)
        for item in read_and_analyse(inputs, stdin, _settings(model, gazetteer, clean=not raw), loaded=_keep_loaded):
            if isinstance(item, Problem):
                problems.append(item)
                typer.echo(f"kg: warning: {item}", err=True)
            else:
                records.append(json.dumps(document_record(item), ensure_ascii=False))
                bar.advance(task)
    text = "\n".join(records) + "\n" if fmt == "jsonl" else "[" + ",\n".join(records) + "]\n"
    _emit(text if records else "" if fmt == "jsonl" else "[]\n", output)
    if problems:
        raise typer.Exit(1)


@app.command("eval", cls=KgCommand)
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL: span-annotated relations (CoNLL04/CrossRE style) or article rows (entity/must/should/forbid).")],
    docs: Annotated[Path | None, typer.Option(metavar="FOLDER", help="Folder of the articles that article rows name.")] = None,
    mapping: Annotated[Path | None, typer.Option(metavar="FILE", help="Label mapping TOML (default: the bundled eval_mapping.toml).")] = None,
    scheme: Annotated[str | None, typer.Option(metavar="NAME", help="Mapping scheme to use (default: the one covering the gold labels).")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="Also list misses and false positives with their sentences.")] = False,
    fmt: Annotated[Literal["table", "json"], typer.Option("--format", help="A table or one JSON object.")] = "table",
    model: ModelOption = DEFAULT_MODEL,
    gazetteer: GazetteerOption = None,
    output: OutputOption = None,
) -> None:
    """Score extraction against gold data: precision, recall and F1 per relation, or article rows (facts, entities)."""
    from kg.evaluate import evaluate as run_eval
    from kg.evaluate_articles import ArticleReport
    from kg.report import article_table, relation_table

    with _progress() as bar:
        task = bar.add_task("evaluating", total=None)
        report = run_eval(gold, _settings(model, gazetteer), docs=docs, mapping=mapping, scheme=scheme,
                          progress=lambda done, total: bar.update(task, completed=done, total=total),
                          loaded=_keep_loaded)
    if fmt == "json":
        _emit(json.dumps(report.as_dict(errors), indent=2, ensure_ascii=False) + "\n", output)
    else:
        _emit(article_table(report, errors) if isinstance(report, ArticleReport) else relation_table(report, errors),
              output)


@app.command(cls=KgCommand)
def query(
    sparql: Annotated[str | None, typer.Argument(help="SPARQL query (prefixes geo:, ent:, ... predeclared).")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", metavar="FILE", help="Read the query from FILE.")] = None,
    named: Annotated[str | None, typer.Option("--named", "-n", metavar="NAME", help="Run a named query (see --list).")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", metavar="KEY=VALUE", help="KEY=VALUE for a named query's parameter; repeatable.")] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries and their parameters.")] = False,
    fmt: Annotated[QueryFormat, typer.Option("--format", help="SELECT/ASK: a table or SPARQL results. CONSTRUCT/DESCRIBE: Turtle (table), N-Triples (csv, tsv), JSON-LD, RDF/XML.")] = "table",
    graph: ReadGraphOption = None,
    endpoint: EndpointOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    output: OutputOption = None,
) -> None:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE), or a named one."""
    from kg.knowledge import named_queries
    from kg.query import named_query
    from kg.query import query as run_query

    if list_queries:
        _emit("".join(_describe(q) for q in named_queries().values()), output)
        return
    if sum(x is not None for x in (sparql, file, named)) != 1:
        raise UsageError("give a query, --file FILE or --named NAME (one of them)")
    if param and named is None:
        raise UsageError("--param sets a parameter of a --named query")
    values = dict(_key_value(item) for item in param or ())
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise UsageError(f"cannot read query file {file}: {getattr(err, 'strerror', None) or err}") from None
    chosen = named_query(named) if named is not None else None
    with _open(graph, endpoint, user, password) as opened:
        if chosen is not None:
            sparql = opened.named_sparql(chosen.name, **values)
        assert sparql is not None  # exactly one of the query, --file and --named was given
        _emit(run_query(opened.source, sparql, fmt), output)


def _key_value(item: str) -> tuple[str, str]:
    key, sep, value = item.partition("=")
    if not sep or not key.strip():
        raise UsageError(f"--param {item!r}: write KEY=VALUE")
    return key.strip(), value.strip()


def _describe(named) -> str:
    lines = [f"{named.name}", f"    {named.description}"]
    lines += [f"    --param {p.name}=<{p.kind}>{' (required)' if p.required else ''}: {p.description}"
              for p in named.parameters]
    return "\n".join(lines) + "\n\n"


@app.command(cls=KgCommand)
def export(
    fmt: Annotated[ExportFormat, typer.Argument(metavar="FORMAT", help="The filters narrow graphml, gexf and cytoscape; turtle holds the default graph, the others every graph.")],
    graph: ReadGraphOption = None,
    endpoint: EndpointOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    output: OutputOption = None,
    types: Annotated[list[str] | None, typer.Option("--type", metavar="TYPE", help="Keep edges whose both ends are of this entity type (Country or geo:Country; subclasses count); repeatable.")] = None,
    predicates: Annotated[list[str] | None, typer.Option("--predicate", metavar="RELATION", help="Keep edges of this relation (sanctions or geo:sanctions); repeatable.")] = None,
    since: Annotated[str | None, typer.Option(metavar="DATE", help="Count only statements dated on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(metavar="DATE", help="Count only statements dated on or before YYYY-MM-DD.")] = None,
    min_support: Annotated[int, typer.Option(metavar="N", help="Keep edges with at least this many supporting statements.")] = 1,
) -> None:
    """Export the graph: GraphML/GEXF for Gephi, yEd, Cytoscape (filters narrow these), or RDF."""
    with _open(graph, endpoint, user, password) as opened:
        _emit(opened.export(fmt, types=types or (), predicates=predicates or (), since=since, until=until,
                            min_support=min_support), output)


@app.command(cls=KgCommand)
def stats(
    graph: ReadGraphOption = None,
    endpoint: EndpointOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    fmt: Annotated[Literal["table", "json"], typer.Option("--format", help="A table or one JSON object.")] = "table",
    output: OutputOption = None,
) -> None:
    """Documents, statements, entities by type and relations by predicate."""
    with _open(graph, endpoint, user, password) as opened:
        result = opened.stats()
    if fmt == "json":
        _emit(json.dumps(result.as_dict(), indent=2) + "\n", output)
        return
    lines = [f"documents   {result.documents}", f"statements  {result.statements}",
             f"entities    {result.entities}", "", "entities by type:"]
    lines += [f"  {name:<36} {n:>6}" for name, n in result.entities_by_type.items()]
    lines += ["", "relations by predicate:          statements  truthy edges"]
    lines += [f"  {name:<30} {n:>10} {t:>13}" for name, (n, t) in result.statements_by_predicate.items()]
    _emit("\n".join(lines) + "\n", output)


@app.command(cls=KgCommand)
def validate(
    graph: ReadGraphOption = None,
    endpoint: EndpointOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    fmt: Annotated[Literal["table", "json"], typer.Option("--format", help="The violations as lines (severity, node, property, message) or one JSON object.")] = "table",
    output: OutputOption = None,
) -> None:
    """Check the graph against the SHACL shapes (ontologies/shapes.ttl); exit 1 if it does not conform."""
    import pyoxigraph as ox

    from kg.query import compact

    with _open(graph, endpoint, user, password) as opened:
        report = opened.validate()
        prefixes, name = opened.prefixes(), opened.name
    rows = [{"focus": compact(ox.NamedNode(v.focus), prefixes),
             "path": compact(ox.NamedNode(v.path), prefixes) if v.path else "",
             "severity": v.severity, "message": v.message} for v in report.violations]
    if fmt == "json":
        _emit(json.dumps({"conforms": report.conforms, "checked": report.focus_nodes, "violations": rows},
                         indent=2) + "\n", output)
    else:  # no violations: an empty report
        _emit("".join(f"{r['severity']}\t{r['focus']}\t{r['path']}\t{r['message']}\n" for r in rows), output)
    verdict = "conforms" if report.conforms else f"does not conform: {len(rows)} violations"
    typer.echo(f"{name}: {report.focus_nodes} nodes checked against the shapes; {verdict}", err=True)
    if not report.conforms:
        raise typer.Exit(1)


@app.command(cls=KgCommand)
def show(
    entity: Annotated[str, typer.Argument(help="Entity id (russia, ent:russia), label, alias or a person's surname.")],
    graph: ReadGraphOption = None,
    endpoint: EndpointOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    fmt: Annotated[Literal["text", "json"], typer.Option("--format", help="The card as text or one JSON object.")] = "text",
    limit: Annotated[int | None, typer.Option(min=1, metavar="N", help="Show only the N best supported edges each way.")] = None,
    output: OutputOption = None,
) -> None:
    """An entity card: label, type, Wikidata id, aliases and where they come from, relations with their sources."""
    from dataclasses import asdict

    from kg.report import entity_card_text

    with _open(graph, endpoint, user, password) as opened:
        card = opened.entity(entity, limit)
    _emit(json.dumps(asdict(card), indent=2, ensure_ascii=False) + "\n" if fmt == "json" else entity_card_text(card), output)


@app.command(cls=KgCommand)
def explain(
    subject: Annotated[str, typer.Argument(help="Subject entity (id, label, alias or a person's surname).")],
    predicate: Annotated[str, typer.Argument(help="Relation, e.g. withdraws_from or geo:withdraws_from.")],
    obj: Annotated[str, typer.Argument(metavar="OBJECT", help="Object entity (id, label, alias or a person's surname).")],
    graph: ReadGraphOption = None,
    endpoint: EndpointOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    fmt: Annotated[Literal["text", "json"], typer.Option("--format", help="The statements as text or one JSON object.")] = "text",
    output: OutputOption = None,
) -> None:
    """The statements behind one edge, including negated, planned and hypothetical ones."""
    from dataclasses import asdict

    from kg.cards import find_entity
    from kg.report import explanation_text

    with _open(graph, endpoint, user, password) as opened:
        edge = opened.explain(subject, predicate, obj)
        subject_id = find_entity(opened.source, subject)
    _emit(json.dumps(asdict(edge), indent=2, ensure_ascii=False) + "\n" if fmt == "json"
          else explanation_text(subject_id, edge), output)


@contextmanager
def _stopped_by_signals():
    """Ctrl-C and SIGTERM end the block as KeyboardInterrupt, once: a second signal cannot cut the clean-up short."""
    def stop(signum, frame):
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, signal.SIG_IGN)
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, stop) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@app.command(cls=KgCommand)
def serve(
    graph: GraphOption = Path("output"),
    host: Annotated[str, typer.Option(metavar="ADDRESS", help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on (0: any free port).")] = 7878,
    timeout: Annotated[float, typer.Option(metavar="SECONDS", help="Seconds a query may run before it is stopped.")] = 10.0,
    max_rows: Annotated[int, typer.Option(metavar="N", help="Rows or triples per result; longer results are cut.")] = 10_000,
    workers: Annotated[int, typer.Option(metavar="N", help="Query worker processes (queries run in parallel).")] = 2,
    worker_memory: Annotated[int, typer.Option(metavar="MB", help="Address space of each worker, in MB; a query needing more gets 503 (0: no limit).")] = 2048,
    queue_wait: Annotated[float, typer.Option(metavar="SECONDS", help="Seconds a request may wait for a free worker before it gets 503.")] = 5.0,
    cors: Annotated[list[str] | None, typer.Option("--cors", metavar="ORIGIN", help="Let web pages from ORIGIN (https://host:port, or * for any) query the endpoint; repeatable. Default: none.")] = None,
    token_file: Annotated[Path | None, typer.Option(metavar="FILE", help="Require 'Authorization: Bearer TOKEN', TOKEN being this file's first line (or set KG_SERVE_TOKEN).")] = None,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint, with a query page at /."""
    from kg.serve import ServeError, make_server, printable, read_token

    _check_processes(workers, "--workers")
    with _stopped_by_signals():
        try:
            try:
                token = read_token(token_file, os.environ.get("KG_SERVE_TOKEN"))
                server = make_server(graph, host, port, timeout=timeout, max_rows=max_rows, workers=workers,
                                     memory_mb=worker_memory, queue_wait=queue_wait, cors=cors or (), token=token,
                                     log=lambda line: typer.echo(line, err=True))
            except KgError as err:  # paths, hosts and origins as typed may hold control characters
                raise ServeError(printable(str(err))) from None
            try:
                for warning in server.warnings:
                    typer.echo(f"kg: warning: {printable(warning)}", err=True)
                typer.echo(f"serving {printable(str(graph))} at {server.url} (Ctrl-C stops)", err=True)
                server.serve_forever()
            finally:
                server.server_close()
        except KeyboardInterrupt:
            typer.echo("kg: stopped", err=True)


@app.command(cls=KgCommand)
def viz(
    graph: GraphOption = Path("output"),
    output: OutputOption = None,
) -> None:
    """Write a self-contained interactive HTML explorer of the graph (works offline, from file://)."""
    from kg.store import GraphStore
    from kg.viz import explorer

    with GraphStore.open(graph) as store:
        _emit(explorer(store), output)


@app.command(cls=KgCommand)
def push(
    endpoint: Annotated[str, typer.Option(metavar="URL", help="Graph store URL (gsp) or SPARQL Update endpoint (update); may hold user:password@, which is never shown.")],
    graph: GraphOption = Path("output"),
    protocol: Annotated[str, typer.Option(metavar="gsp|update", help="gsp (Graph Store Protocol: PUT/POST per graph) or update (SPARQL Update).")] = "gsp",
    default_graph: Annotated[str | None, typer.Option(
        metavar="IRI", help="Put the default graph (entities, plain edges) into this named graph, for stores whose default graph is not writable (Virtuoso).")] = None,
    replace: Annotated[bool, typer.Option("--replace/--merge", help="Empty each target graph first (pushing twice changes nothing), or add to it.")] = True,
    user: UserOption = None,
    password: PasswordOption = None,
    batch_size: Annotated[int, typer.Option(metavar="N", help="Triples per request.")] = 2000,
    timeout: Annotated[float, typer.Option(metavar="SECONDS", help="Seconds each request may take in all, answer included.")] = 60.0,
    verify: Annotated[bool, typer.Option("--verify/--no-verify", help="Count each graph's triples on the store after pushing it.")] = True,
) -> None:
    """Load every graph (default, one per document, ontology) into an external SPARQL 1.1 store."""
    from kg.credentials import login
    from kg.push import push as run_push
    from kg.store import GraphStore

    endpoint, credentials = login(endpoint, user, ask=_asker(password))
    with GraphStore.open(graph) as store, _progress() as bar:
        task = bar.add_task("pushing", total=None)
        report = run_push(store, endpoint, protocol=protocol, default_graph=default_graph, replace=replace,
                          credentials=credentials, batch_size=batch_size, timeout=timeout, verify=verify,
                          progress=lambda done, total: bar.update(task, completed=done, total=total))
    checked = "each graph's triples counted on the store" if report.verified else "not checked on the store"
    typer.echo(f"pushed {len(report.graphs)} graphs, {report.triples:,} triples to {report.endpoint} "
               f"({protocol}; {checked})", err=True)
