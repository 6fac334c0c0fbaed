"""Inputs cost only themselves: bad records, ids, sizes and folder entries are that input's
warning; the output folder and exported files are what a user expects."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build import BuildError, check_output_folder
from kg.cli import app
from kg.ingest import Problem, iri_safe, read_inputs
from kg.records import Document
from kg.store import write_atomic

runner = CliRunner()

RECORDS = [
    '{"id": "first", "text": "Canada sanctioned Russia on Monday."}',
    '{"id": "sur", "text": "Japan condemned North Korea \\ud800 on Friday."}',
    json.dumps({"id": "a b>{c}\x01\x1b[31m", "text": "Germany criticized China on Tuesday."}),
    json.dumps({"id": "t", "title": {"x": 1}, "text": "France supported Ukraine."}),
    json.dumps({"id": "d", "date": 20190802, "text": "Spain met Italy."}),
    json.dumps({"id": 17, "text": "Peru met Chile on Monday."}),
    json.dumps({"id": "first", "text": "Brazil criticized Argentina."}),
    json.dumps({"id": "u", "url": ["x"], "text": "Norway supported Sweden."}),
    '{"id": 1' + "0" * 5000 + ', "text": "Poland met Chile."}',
]


def _items(data: bytes, tmp_path, **options):
    path = tmp_path / "news.jsonl"
    path.write_bytes(data)
    return list(read_inputs([str(path)], **options))


def test_each_bad_record_is_its_own_warning(tmp_path):
    items = _items("\n".join(RECORDS).encode() + b"\n", tmp_path)
    problems = {p.source.rsplit(":", 1)[1]: p.message for p in items if isinstance(p, Problem)}
    assert problems == {
        "2": '"text" holds a lone surrogate (\\ud800), line skipped',
        "4": '"title" is an object, not a string, line skipped',
        "5": '"date" is a number, not a string, line skipped',
        "8": '"url" is an array, not a string, line skipped',
        "9": "malformed JSON (Exceeds the limit (4300 digits) for integer string conversion: value has 5001 "
             "digits), line skipped",
    }
    documents = [d for d in items if isinstance(d, Document)]
    assert [d.id for d in documents] == ["first", "a%20b%3E%7Bc%7D%01%1B%5B31m", "17", "first"]
    assert documents[1].original_id == "a b>{c}\x01\x1b[31m" and documents[0].original_id == ""


@pytest.mark.parametrize("given, safe", [
    ("plain-id_1.x~", "plain-id_1.x~"), ("news/2019/05?p=1#x", "news/2019/05?p=1#x"), ("Ünïcode", "Ünïcode"),
    ("a b", "a%20b"), ("50%", "50%25"), ("a%20b", "a%2520b"), ("<{|}>\"\\^`", "%3C%7B%7C%7D%3E%22%5C%5E%60"),
    ("\x00\x7f\x85", "%00%7F%C2%85"), ("\ufffe\ue000", "%EF%BF%BE%EE%80%80"),
])
def test_ids_become_iri_safe_and_distinct(given, safe):
    import pyoxigraph as ox

    assert iri_safe(given) == safe
    ox.NamedNode("https://geokg.example.org/doc/" + safe)  # raises for anything an IRI cannot hold


def test_warnings_show_control_characters_instead_of_obeying_them():
    problem = Problem("evil\x1b[2J\nname.txt", "bad \u202e id")
    assert str(problem) == "evil\\u001b[2J\\u000aname.txt: bad \\u202e id"


@pytest.mark.model
def test_a_build_keeps_every_good_line_with_safe_ids_and_counts_duplicates(tmp_path):
    from kg.store import GraphStore

    news = tmp_path / "news.jsonl"
    news.write_text("\n".join(RECORDS) + "\n")
    result = runner.invoke(app, ["build", str(news), "--out", str(tmp_path / "g")])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert f"{news}:7: duplicate id 'first' (first in {news}:1), skipped" in result.stderr
    assert "3 documents added" in result.stderr and "6 inputs skipped" in result.stderr
    with GraphStore.open(tmp_path / "g") as store:
        assert set(store.document_hashes()) == {"first", "a%20b%3E%7Bc%7D%01%1B%5B31m", "17"}
        kept = store.oxigraph.query("SELECT ?id WHERE { GRAPH ?d { ?d dcterms:identifier ?id } }",
                                    prefixes=store.prefixes())
        assert [row[0].value for row in kept] == ["a b>{c}\x01\x1b[31m"]


class _Endless(io.RawIOBase):
    """stdin that never ends."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"a" * len(buffer)
        return len(buffer)


def test_endless_stdin_is_skipped_after_the_limit():
    (problem,) = read_inputs(["-"], stdin=io.BufferedReader(_Endless()), max_chars=1000)
    assert isinstance(problem, Problem) and problem.message.startswith("too long (more than 4,000 bytes")


@pytest.mark.parametrize("max_chars", [0, -100_000])
def test_a_limit_below_one_character_is_refused(max_chars):
    from kg.ingest import InputError

    with pytest.raises(InputError, match="--max-chars must be at least 1"):
        read_inputs(["-"], stdin=b"x", max_chars=max_chars)


def test_a_huge_file_is_not_read_whole(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(2 * 1024 ** 3)  # 2 GB, sparse: reading it whole would take the memory
    (problem,) = read_inputs([str(huge)])
    assert "too long (more than 4,000,000 bytes" in problem.message


def test_a_too_long_jsonl_line_costs_only_itself(tmp_path):
    good = b'{"id": "ok", "text": "Canada sanctioned Russia."}'
    items = _items(b"\n".join([b'{"text": "' + b"a" * 200_000 + b'"}', good]), tmp_path, max_chars=1000)
    assert [d.id for d in items if isinstance(d, Document)] == ["ok"]
    assert [str(i).rsplit("/", 1)[1] for i in items if isinstance(i, Problem)] == [
        "news.jsonl:1: line longer than 71,536 bytes, skipped"]


def test_jsonl_on_stdin_is_read_line_by_line_after_leading_blank_lines():
    stdin = io.BytesIO(b'\n \n{"id": "x", "text": "Peru meets Chile."}\n{oops\n')
    items = list(read_inputs(["-"], stdin=stdin))
    assert items[0].id == "x" and items[1].source == "stdin:4"


def test_fifos_devices_and_broken_links_in_folders_are_reported(tmp_path):
    (tmp_path / "ok.txt").write_text("Canada sanctioned Russia on Monday.")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "broken.md").symlink_to(tmp_path / "nowhere")
    (tmp_path / "null.jsonl").symlink_to("/dev/null")
    (tmp_path / "other.bin").symlink_to(tmp_path / "nowhere")  # not an input suffix: not looked at
    problems = {os.path.basename(p.source): p.message for p in read_inputs([str(tmp_path)])
                if isinstance(p, Problem)}
    assert problems == {"broken.md": "a broken symbolic link, skipped",
                        "null.jsonl": "a character device, skipped", "pipe.txt": "a FIFO (named pipe), skipped"}


def test_out_must_be_named_and_hold_only_what_kg_wrote(tmp_path):
    with pytest.raises(BuildError, match="--out is empty"):
        check_output_folder("")
    (tmp_path / ".gitkeep").touch()
    (tmp_path / "build.lock").touch()
    assert check_output_folder(tmp_path) == tmp_path  # hidden files and kg's own lock do not count
    (tmp_path / "notes.txt").touch()
    with pytest.raises(BuildError, match=r"holds files kg did not write \(notes.txt\).*--force"):
        check_output_folder(tmp_path)
    assert check_output_folder(tmp_path, force=True) == tmp_path
    (tmp_path / "kg.json").touch()
    assert check_output_folder(tmp_path) == tmp_path  # a built graph with exports beside it


def test_build_into_a_foreign_folder_is_refused_before_anything_is_written(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = runner.invoke(app, ["build", "-", "--out", str(tmp_path)], input="Canada sanctioned Russia.\n")
    assert result.exit_code == 2 and result.stderr.startswith(f"kg: error: --out {tmp_path} holds files")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    empty = runner.invoke(app, ["build", "-", "--out", ""], input="Canada sanctioned Russia.\n")
    assert empty.exit_code == 2 and "--out is empty" in empty.stderr


def test_exported_files_get_the_permissions_of_a_new_file(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.graphml", b"x")
        os.umask(0o077)
        write_atomic(tmp_path / "b.graphml", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.graphml").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "b.graphml").stat().st_mode) == 0o600
    (tmp_path / "a.graphml").chmod(0o640)
    write_atomic(tmp_path / "a.graphml", b"y")
    assert stat.S_IMODE((tmp_path / "a.graphml").stat().st_mode) == 0o640  # a replaced file keeps its own


def test_a_file_being_written_has_no_name_so_a_killed_export_leaves_nothing(tmp_path, monkeypatch):
    seen = []
    real_fsync = os.fsync

    def fsync(handle):  # the moment the bytes are written, before the file is named
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomic(tmp_path / "graph.graphml", b"<graphml/>")
    assert seen == [[]] and sorted(p.name for p in tmp_path.iterdir()) == ["graph.graphml"]


def test_a_file_is_written_under_a_relative_folder(tmp_path, monkeypatch):
    # `kg build --out output`, `kg export -o out/graph.graphml`: the name was looked up under the folder twice
    monkeypatch.chdir(tmp_path)
    write_atomic(Path("out") / "graph.graphml", b"<graphml/>")
    write_atomic(Path("kg.json"), b"{}")
    assert (tmp_path / "out" / "graph.graphml").read_bytes() == b"<graphml/>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.json", "out"]


@pytest.mark.model
def test_a_file_name_that_is_not_utf8_is_read_and_stored_with_u_fffd(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9\x1b.txt")).write_text("Canada sanctioned Russia on Monday.")  # Latin-1 name
    (document,) = read_inputs([str(folder)])
    assert document.source == f"{folder}/caf\ufffd\x1b.txt"
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "g")])
    assert result.exit_code == 0, result.stderr


def test_a_base_that_is_no_iri_is_refused_before_anything_is_written(tmp_path):
    result = runner.invoke(app, ["build", "-", "--out", str(tmp_path / "g"), "--base", "not an iri"],
                           input="Canada sanctioned Russia.\n")
    assert result.exit_code == 2 and "--base 'not an iri' is not an absolute IRI" in result.stderr
    assert not (tmp_path / "g").exists()
