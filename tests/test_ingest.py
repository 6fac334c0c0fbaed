"""Ingest: scraped-article cleaning, JSONL, stdin and bad input."""

import pytest

from kg.ingest import InputError, Problem, clean_article, read_inputs

SCRAPED = """ date 2024-02-03 Envoys meet in Vienna – World Desk


VIENNA, February 3. / Wire /. The Iranian envoy met the IAEA chief on Saturday.

Talks resumed

“We are ready,” he said after the
meeting ended.

The sides will meet again in March, according to officials in
the capital.

Source link


Comments are closed."""


def test_clean_article_strips_scraper_noise():
    body, title, date = clean_article(SCRAPED)
    assert date == "2024-02-03"
    assert title == "Envoys meet in Vienna – World Desk"
    assert body.split("\n\n") == [
        "The Iranian envoy met the IAEA chief on Saturday.",
        "“We are ready,” he said after the meeting ended.",
        "The sides will meet again in March, according to officials in the capital.",
    ]


def test_sentence_split_across_paragraphs_is_rejoined():
    body, _, _ = clean_article("Russia and Belarus held drills near\n\nthe border on Monday.\n\nNothing else.")
    assert body == "Russia and Belarus held drills near the border on Monday.\n\nNothing else."


def test_same_content_same_id(tmp_path):
    (tmp_path / "a.txt").write_text("NATO met in Brussels.\n")
    (tmp_path / "b.md").write_text("NATO met in Brussels.")
    first, second = read_inputs([str(tmp_path)])
    assert first.id == second.id and first.id.startswith("d")


def test_jsonl_keeps_ids_and_reports_bad_lines_with_numbers(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text('{"id": "a1", "text": "Japan aids Ukraine.", "date": "2023-01-05T10:00:00Z"}\n'
                    '{"id": "a2", "text": \n'
                    '\n'
                    '["not", "an", "object"]\n'
                    '{"id": "a3", "text": "Chile meets Peru.", "title": "T", "url": "https://example.org/x"}\n')
    items = list(read_inputs([str(path)]))
    docs = [i for i in items if not isinstance(i, Problem)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [d.id for d in docs] == ["a1", "a3"]
    assert docs[0].date == "2023-01-05" and docs[1].url == "https://example.org/x"
    assert [p.source for p in problems] == [f"{path}:2", f"{path}:4"]
    assert "malformed JSON" in problems[0].message


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"   \n", "empty"), (b"\x00\x01binary\x00", "binary"), (b"caf\xe9 au lait", "UTF-8"),
])
def test_unreadable_files_become_problems(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    (problem,) = read_inputs([str(path)])
    assert isinstance(problem, Problem) and message in problem.message


def test_stdin_text_and_jsonl():
    (doc,) = read_inputs(["-"], stdin=b"Canada sanctions Iran.")
    assert doc.source == "stdin" and doc.text == "Canada sanctions Iran."
    docs = list(read_inputs(["-"], stdin=b'{"id": "x", "text": "Peru meets Chile."}\n'))
    assert [d.id for d in docs] == ["x"]


def test_missing_path_is_an_input_error():
    with pytest.raises(InputError, match="no such file or folder: nowhere"):
        read_inputs(["nowhere"])


def _read(tmp_path, name: str, data: bytes, **options):
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_inputs([str(path)], **options))


def test_one_bad_jsonl_line_costs_only_itself(tmp_path):
    good = b'{"id": "a", "text": "Russia opposes NATO expansion."}'
    nested = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    items = _read(tmp_path, "mixed.jsonl", b"\n".join([good, b"\x00\x01\xff binary", nested, b"\xff\xfe{}", good]))
    problems = [str(i) for i in items if isinstance(i, Problem)]
    assert [i.id for i in items if not isinstance(i, Problem)] == ["a", "a"]
    assert problems[0].endswith(":2: binary data (NUL bytes), skipped")
    assert problems[1].endswith(":3: JSON nested too deeply, line skipped")
    assert problems[2].endswith(":4: not valid UTF-8 (byte 0), skipped")


def test_text_over_the_limit_is_skipped_before_cleaning(tmp_path):
    [problem] = _read(tmp_path, "long.txt", b"word " * 300, max_chars=1000)
    assert isinstance(problem, Problem) and "too long (1,500 characters; the limit is 1,000)" in str(problem)


def test_non_english_text_is_skipped_and_mixed_script_is_kept(tmp_path):
    russian = "Министр иностранных дел России заявил, что расширение альянса угрожает безопасности страны. " * 4
    [problem] = _read(tmp_path, "ru.txt", russian.encode())
    assert isinstance(problem, Problem) and "not English text (0% English function words" in str(problem)
    mixed = ("The Russian foreign minister said on Monday that the expansion of the alliance is a threat "
             "to the security of the country, using the words «угроза безопасности» in his speech. ") * 2
    [document] = _read(tmp_path, "mixed.txt", mixed.encode())
    assert not isinstance(document, Problem) and "угроза" in document.text
