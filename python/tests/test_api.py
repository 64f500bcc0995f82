"""The Python API: lexicons and their errors, options, None and TypeError, threads,
Unicode string indices, Arrow inputs, DataFrames, summaries, pickling."""

import json
import pickle

import pyarrow as pa
import pytest

import framelex
from conftest import ROOT, run_cli

# A small frame, with non-ASCII terms, a wildcard and an exclusion.
FRAME = """
id = "energy"
name = "Energy"
color = "green"
exclude = ["solar system"]

[presence]
min_score = 1.0

[[group]]
name = "core"
weight = 1.5
terms = ["énergie", "solar*", "wind power", "電力"]
"""

TEXT = "Ça marche : l'énergie « solar » 🌞 — wind power and 電力, not the solar system."


@pytest.fixture(scope="module")
def energy():
    return framelex.Lexicons.from_toml(FRAME)


def test_default_set_has_the_cli_frames(cli):
    lex = framelex.Lexicons.default()
    assert lex.frames == ["security", "arms_race_criticism", "commercial_motive"]
    assert "adversar*" in lex.terms("security")
    # The terms are the lexicon's as written, in order, and exclusions are not among them.
    import tomllib

    with open(ROOT / "lexicons" / "security.toml", "rb") as f:
        frame = tomllib.load(f)
    assert lex.terms("security") == [t for g in frame["group"] for t in g["terms"]]
    assert not set(frame["exclude"]) & set(lex.terms("security"))
    out = run_cli(cli, "lexicons", "list")
    assert out.returncode == 0
    assert f"{len(lex.terms('security'))} terms" in out.stdout.decode()
    with pytest.raises(ValueError, match=r'no frame "securty"; the frames are: security, arms_race_criticism'):
        lex.terms("securty")


def test_load_from_folder_file_and_list(tmp_path):
    folder = ROOT / "lexicons"
    whole = framelex.Lexicons.load(folder)
    assert whole.frames == framelex.Lexicons.default().frames
    assert whole.score(TEXT * 3) == framelex.Lexicons.default().score(TEXT * 3)
    (tmp_path / "energy.toml").write_text(FRAME, encoding="utf-8")
    (tmp_path / "water.toml").write_text(FRAME.replace("energy", "water"), encoding="utf-8")
    one = framelex.Lexicons.load(str(tmp_path / "energy.toml"))
    assert one.frames == ["energy"]
    two = framelex.Lexicons.load([tmp_path / "water.toml", tmp_path / "energy.toml"])
    assert two.frames == ["water", "energy"]
    with pytest.raises(TypeError, match="a path"):
        framelex.Lexicons.load(42)
    with pytest.raises(ValueError, match="no path given"):
        framelex.Lexicons.load([])


def test_load_an_embedded_set_by_name():
    pack = framelex.Lexicons.load("policy-frames")
    assert len(pack.frames) == 14
    assert pack.frames[0] == "Economic" and "Crime_and_punishment" in pack.frames
    assert pack.frames == framelex.Lexicons.load(ROOT / "lexicons" / "policy-frames").frames
    r = pack.score("Police arrested the suspect; prosecutors will charge him with fraud.")
    assert r["frames"]["Crime_and_punishment"]["present"] is True
    assert r["frames"]["Economic"]["hits"] == 0
    assert framelex.Lexicons.load("default").frames == framelex.Lexicons.default().frames
    with pytest.raises(framelex.LexiconError, match="embedded sets, by name: default, policy-frames"):
        framelex.Lexicons.load("policy-frame")


def test_lexicon_errors_carry_the_cli_message(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(FRAME.replace('weight = 1.5', 'weight = "heavy"'), encoding="utf-8")
    with pytest.raises(framelex.LexiconError) as err:
        framelex.Lexicons.load(bad)
    message = str(err.value)
    text = bad.read_text(encoding="utf-8")
    line = text[: text.index('"heavy"')].count("\n") + 1
    assert message.startswith(f"{bad}:{line}:10: ")
    assert err.value.diagnostics == message.splitlines()
    assert isinstance(err.value, ValueError)
    # The CLI says the same.
    out = run_cli(cli, "score", "--lexicons", str(bad), "-", input=b"x")
    assert out.returncode != 0
    assert message in out.stderr.decode()
    # Several problems, several lines; strings are named <toml N>.
    with pytest.raises(framelex.LexiconError) as err:
        framelex.Lexicons.from_toml([FRAME, FRAME.replace('"energy"', '"energy"\nbogus = 1')])
    assert any(d.startswith("<toml 2>:") for d in err.value.diagnostics)
    with pytest.raises(framelex.LexiconError, match="missing: no such lexicon file or folder"):
        framelex.Lexicons.load(tmp_path / "missing")
    with pytest.raises(TypeError):
        framelex.Lexicons.from_toml(3)
    with pytest.raises(ValueError, match="no TOML"):
        framelex.Lexicons.from_toml([])


def test_from_toml_dict_with_set_file(energy):
    set_toml = 'name = "mine"\nframes = ["energy"]\n[negation]\nnegators = ["hardly"]\nwindow = 2\nweight = 0.0\n'
    lex = framelex.Lexicons.from_toml({"set.toml": set_toml, "energy.toml": FRAME})
    assert lex.frames == ["energy"]
    # The negators of set.toml replace the default ones: "not" no longer negates.
    r = lex.score("It is not solar power.")["frames"]["energy"]
    assert (r["hits"], r["negated"]) == (1, 0)
    r = energy.score("It is not solar power.")["frames"]["energy"]
    assert (r["hits"], r["negated"]) == (0, 1)
    assert lex.score("It is hardly solar power.")["frames"]["energy"]["negated"] == 1


def test_score_record_equals_cli_record(cli, energy, tmp_path):
    (tmp_path / "energy.toml").write_text(FRAME, encoding="utf-8")
    for args, kwargs in [
        ([], {}),
        (["--voice", "author"], {"voice": "author"}),
        (["--count-units", "sentence"], {"count_units": "sentence"}),
    ]:
        out = run_cli(cli, "score", "--format", "jsonl", "--lexicons", str(tmp_path / "energy.toml"), *args, "-",
                      input=TEXT.encode())
        assert out.returncode == 0, out.stderr.decode()
        want = json.loads(out.stdout)
        del want["id"]
        assert energy.score(TEXT, **kwargs) == want, args
    r = energy.score(TEXT)
    assert r["frames"]["energy"]["terms"] == {"énergie": 1, "solar*": 1, "wind power": 1, "電力": 1}
    assert r["dominant"] == "energy"


def test_units_have_python_string_indices(cli, energy, tmp_path):
    text = "Première phrase sur l'énergie 🌞.\n\nDeuxième : wind power, 電力."
    units = energy.score(text, unit="paragraph")
    assert [u["unit"] for u in units] == [0, 1]
    assert text[units[0]["start"]:units[0]["end"]] == "Première phrase sur l'énergie 🌞."
    assert text[units[1]["start"]:units[1]["end"]] == "Deuxième : wind power, 電力."
    # The CLI's records are the same but for byte offsets.
    (tmp_path / "energy.toml").write_text(FRAME, encoding="utf-8")
    out = run_cli(cli, "score", "--format", "jsonl", "--unit", "paragraph", "--lexicons",
                  str(tmp_path / "energy.toml"), "-", input=text.encode())
    assert out.returncode == 0, out.stderr.decode()
    cli_units = [json.loads(l) for l in out.stdout.splitlines()]
    assert len(cli_units) == len(units) == 2
    raw = text.encode()
    for mine, theirs in zip(units, cli_units):
        assert raw[theirs["start"]:theirs["end"]].decode() == text[mine["start"]:mine["end"]]
        for k in ("frames", "dominant", "words", "unit"):
            assert mine[k] == theirs[k]
    sentences = energy.score(text, unit="sentence")
    assert len(sentences) == 2


def test_bad_options(energy):
    with pytest.raises(ValueError, match=r'unit="page": expected "document", "paragraph" or "sentence"'):
        energy.score(TEXT, unit="page")
    with pytest.raises(ValueError, match="voice="):
        energy.score(TEXT, voice="narrator")
    with pytest.raises(ValueError, match="count_units goes with unit= document"):
        energy.score(TEXT, unit="sentence", count_units="paragraph")
    with pytest.raises(ValueError, match='count_units="document": expected "paragraph", "sentence" or None'):
        energy.score(TEXT, count_units="document")
    with pytest.raises(ValueError, match="threads=5000: at most 1024"):
        energy.score_many([TEXT], threads=5000)
    with pytest.raises(TypeError):
        energy.score(None)
    # A lone surrogate is not text (it cannot be UTF-8): an error, not a wrong score.
    with pytest.raises(UnicodeEncodeError):
        energy.score("solar \ud800")
    with pytest.raises(UnicodeEncodeError):
        energy.score_many(["solar", "\ud800"])
    with pytest.raises(ValueError, match="threads=0"):
        energy.score_many([TEXT], threads=0)


def test_score_many_none_typeerror_threads(energy):
    texts = [TEXT, None, "", "solar"] * 50
    one = energy.score_many(texts, threads=1)
    two = energy.score_many(iter(texts), threads=2)
    assert one == two == [None if t is None else energy.score(t) for t in texts]
    assert one[1] is None and one[2]["words"] == 0
    with pytest.raises(TypeError, match=r"texts\[2\] is bytes, not str"):
        energy.score_many(["a", None, b"b"])
    with pytest.raises(TypeError, match="iterable of str, not int"):
        energy.score_many(5)
    assert energy.score_many([]) == []
    units = energy.score_many([TEXT, None], unit="sentence")
    assert isinstance(units[0], list) and units[1] is None


def test_score_arrow_inputs_and_columns(energy):
    texts = [TEXT, None, "solar panels", "nothing"]
    base = energy.score_arrow(pa.array(texts))
    assert isinstance(base, pa.RecordBatch)
    assert base.schema.names == ["words", "dominant", "energy_hits", "energy_negated", "energy_score",
                                 "energy_density", "energy_present"]
    assert base.column("energy_hits").to_pylist() == [4, None, 1, 0]
    assert base.column("energy_score").to_pylist() == [6.0, None, 1.5, 0.0]
    assert base.column("dominant").to_pylist() == ["energy", None, "energy", None]
    assert base.column("energy_present").type == pa.bool_()
    for other in [
        pa.array(texts, type=pa.large_string()),
        pa.array(texts, type=pa.string_view()),
        pa.chunked_array([texts[:1], texts[1:]]),
        pa.record_batch({"text": texts}).column("text"),
        pa.table({"text": texts}).column("text"),
    ]:
        assert energy.score_arrow(other).equals(base), other.type
    import polars as pl

    assert energy.score_arrow(pl.Series(texts)).equals(base)
    with pytest.raises(TypeError, match="array of strings"):
        energy.score_arrow(pa.array([1, 2]))
    # Bytes that are not UTF-8, handed over as Arrow strings, are refused, not scored.
    for bad in (b"solar \xc3", b"solar \xff power"):
        offsets = pa.py_buffer(pa.array([0, len(bad)], type=pa.int32()).buffers()[1])
        broken = pa.Array.from_buffers(pa.string(), 1, [None, offsets, pa.py_buffer(bad)])
        with pytest.raises(ValueError, match="not valid Arrow strings"):
            energy.score_arrow(broken)
    empty = energy.score_arrow(pa.array([], type=pa.string()))
    assert empty.num_rows == 0 and empty.schema == base.schema
    with_terms = energy.score_arrow(pa.array(texts), terms=True)
    assert dict(with_terms.column("energy_terms").to_pylist()[2]) == {"solar*": 1}
    assert with_terms.column("energy_terms").to_pylist()[1] is None


def test_score_arrow_units(energy):
    texts = ["Solar first.\n\nThen wind power, 電力 and énergie.", None, "", "solar"]
    batch = energy.score_arrow(pa.array(texts), unit="paragraph", voice="all")
    assert batch.schema.names[:4] == ["row", "unit", "start", "end"]
    rows = batch.to_pylist()
    want = []
    for i, t in enumerate(texts):
        if t is None:
            want.append((i, None, None, None, None))
            continue
        for u in energy.score(t, unit="paragraph", voice="all"):
            want.append((i, u["unit"], u["start"], u["end"], u["frames"]["energy"]["hits"]))
    assert [(r["row"], r["unit"], r["start"], r["end"], r["energy_hits"]) for r in rows] == want
    assert want[1][4] == 3 and texts[0][want[1][2]:want[1][3]] == "Then wind power, 電力 and énergie."
    with pytest.raises(ValueError, match='unit="word"'):
        energy.score_arrow(pa.array(texts), unit="word")


def test_default_set_arrow_has_scope_columns():
    text = "AI chips and national security threats from adversaries. The bakery opened."
    lex = framelex.Lexicons.default()
    batch = lex.score_arrow(pa.array([text]))
    assert "security_out_of_scope" in batch.schema.names and "scope_ai" in batch.schema.names
    record = lex.score(text)
    assert record["scopes"]["ai"]["hits"] >= 1
    assert batch.column("scope_ai").to_pylist() == [record["scopes"]["ai"]["hits"]]
    assert batch.column("security_out_of_scope").to_pylist() == [record["frames"]["security"]["out_of_scope"]]


def test_explain_uses_python_indices(energy):
    hits = energy.explain(TEXT)
    assert [(h.text, h.term, h.kind) for h in hits] == [
        ("énergie", "énergie", "counted"),
        ("solar", "solar*", "counted"),
        ("wind power", "wind power", "counted"),
        ("電力", "電力", "counted"),
        ("solar system", "solar system", "excluded"),
    ]
    for h in hits:
        assert TEXT[h.start:h.end] == h.text
        assert h.frame == "energy"
    assert hits[1].voice == "quoted" and hits[0].voice == "author"
    assert hits[0].weight == 1.5
    assert "Hit(start=" in repr(hits[0])
    # Voice filtering changes what counts, not what is listed.
    assert len(energy.explain(TEXT, voice="author")) == len(hits)
    assert energy.score(TEXT, voice="author")["frames"]["energy"]["hits"] == 3


def test_pickle_round_trip(energy):
    back = pickle.loads(pickle.dumps(energy))
    assert back.frames == energy.frames and back.score(TEXT) == energy.score(TEXT)
    # A process that unpickles the same set again (a worker, task after task) compiles it once.
    assert pickle.loads(pickle.dumps(energy)) is back
    default = pickle.loads(pickle.dumps(framelex.Lexicons.default()))
    assert default.frames == framelex.Lexicons.default().frames
    assert "energy (4 terms)" in repr(energy)


def test_score_frame_pandas_polars_arrow(energy):
    import pandas as pd
    import polars as pl

    data = {"id": [1, 2, 3], "body": [TEXT, None, "solar"]}
    pdf = framelex.score_frame(pd.DataFrame(data, index=[10, 20, 30]), text="body", lexicons=energy)
    assert list(pdf.index) == [10, 20, 30]
    assert pdf.loc[10, "energy_hits"] == 4 and pd.isna(pdf.loc[20, "energy_hits"])
    assert list(pdf.columns[:2]) == ["id", "body"]
    # Nullable dtypes: a null row leaves counts integers and presence boolean.
    assert str(pdf["energy_hits"].dtype) == "UInt32" and str(pdf["energy_present"].dtype) == "boolean"
    assert pdf["dominant"].tolist()[0] == "energy" and pd.isna(pdf["dominant"].tolist()[1])
    plf = framelex.score_frame(pl.DataFrame(data), text="body", lexicons=energy)
    assert plf["energy_hits"].to_list() == [4, None, 1]
    tbl = framelex.score_frame(pa.table(data), text="body", lexicons=energy)
    assert tbl.column("energy_score").to_pylist() == [6.0, None, 1.5]
    with pytest.raises(KeyError, match="no column 'text'.*did you mean|the columns are: id, body"):
        framelex.score_frame(pd.DataFrame(data), lexicons=energy)
    with pytest.raises(KeyError, match="did you mean 'body'"):
        framelex.score_frame(pd.DataFrame(data), text="bodi", lexicons=energy)
    with pytest.raises(ValueError, match="already has columns.*words"):
        framelex.score_frame(pd.DataFrame({"text": ["a"], "words": [1]}), lexicons=energy)
    with pytest.raises(TypeError, match="must hold str"):
        framelex.score_frame(pd.DataFrame({"text": [1, 2]}), lexicons=energy)
    with pytest.raises(TypeError, match="pandas or polars DataFrame"):
        framelex.score_frame([TEXT])
    with pytest.raises(TypeError, match="lexicons= takes a framelex.Lexicons"):
        framelex.score_frame(pd.DataFrame(data), text="body", lexicons="lexicons/")


def test_summarize_records_and_errors(energy):
    texts = [TEXT, "solar", "nothing", TEXT]
    meta = [("left", "2024-03-01"), ("right", "7 May 2023"), ("left", None), ("left", "garbage")]
    records = [{**r, "bias": b, "date": d} for r, (b, d) in zip(energy.score_many(texts), meta)]
    records.append({"id": "x", "error": "missing text", "bias": "right", "date": "2024-01-01"})
    s = framelex.summarize(records, group_by=["bias"], date_field="date", lexicons=energy)
    assert s["framelex_summary"] == 2 and s["frames"] == ["energy"]
    keys = [g["key"] for g in s["groups"]]
    assert keys == [["left", "(missing)"], ["left", "(unparseable)"], ["left", "2024"], ["right", "2023"], ["right", "2024"]]
    by_key = {tuple(g["key"]): g for g in s["groups"]}
    assert by_key[("right", "2024")]["failed"] == 1
    assert by_key[("left", "2024")]["frames"][0]["terms"] == {"solar*": 1, "wind power": 1, "énergie": 1, "電力": 1}
    assert s["rows"][2]["frames"][0]["presence"] == 1.0
    monthly = framelex.summarize(records, group_by="bias", date_field="date", period="month", lexicons=energy)
    assert ["left", "2024-03"] in [g["key"] for g in monthly["groups"]]
    with pytest.raises(ValueError, match="period= needs date_field="):
        framelex.summarize(records, period="month", lexicons=energy)
    with pytest.raises(ValueError, match='period="day"'):
        framelex.summarize(records, date_field="date", period="day", lexicons=energy)
    with pytest.raises(ValueError, match=r'records\[0\]: the record has no frame "security"'):
        framelex.summarize(records)
    with pytest.raises(TypeError, match=r"records\[1\] is NoneType"):
        framelex.summarize([records[0], None], lexicons=energy)
    with pytest.raises(TypeError, match="iterable of score records"):
        framelex.summarize("records.jsonl", lexicons=energy)
    with pytest.raises(ValueError, match="energy_terms column: score it with terms=True"):
        framelex.summarize(energy.score_arrow(pa.array(texts)), lexicons=energy)
    # From DataFrames scored with terms=True: the same summary as from the records.
    import pandas as pd
    import polars as pl

    frame = pd.DataFrame({"text": texts + [None], "bias": [b for b, _ in meta] + ["right"],
                          "date": [d for _, d in meta] + ["2024-01-01"]})
    for df in (frame, pl.from_pandas(frame), pa.Table.from_pandas(frame)):
        scored = framelex.score_frame(df, lexicons=energy, terms=True)
        assert framelex.summarize(scored, group_by=["bias"], date_field="date", lexicons=energy) == s, type(df)
    # Score frames as pandas makes them by default (counts as floats where a row is null),
    # a misspelled field, NaN and numpy dates in the records.
    plain = energy.score_arrow(pa.array(texts + [None]), terms=True).to_pandas()
    plain["bias"] = frame["bias"]
    plain["date"] = frame["date"]
    assert str(plain["energy_hits"].dtype) == "float64"
    assert framelex.summarize(plain, group_by=["bias"], date_field="date", lexicons=energy) == s
    with pytest.raises(KeyError, match="no column 'biass'.*did you mean 'bias'"):
        framelex.summarize(plain, group_by=["biass"], lexicons=energy)
    import numpy as np

    odd = [{**r, "note": float("nan"), "date": np.datetime64(r["date"]) if r.get("date") not in (None, "garbage", "7 May 2023") else r.get("date")}
           for r in records]
    assert framelex.summarize(odd, group_by=["bias"], date_field="date", lexicons=energy) == s
    # A dotted field as `score --keep meta.source` writes it, flat, or nested.
    flat = [{**r, "meta.source": "X"} for r in records[:2]]
    nested = [{**r, "meta": {"source": "X"}} for r in records[:2]]
    for rs in (flat, nested):
        assert [g["key"] for g in framelex.summarize(rs, group_by=["meta.source"], lexicons=energy)["groups"]] == [["X"]]
    other = framelex.summarize(records, group_by=["date"], lexicons=energy)
    with pytest.raises(ValueError, match="--group-by"):
        framelex.merge_summaries([s, other])
    with pytest.raises(ValueError, match="no summary"):
        framelex.merge_summaries([])
    with pytest.raises(ValueError, match="not a framelex summary"):
        framelex.merge_summaries(["{}"])


def test_summary_of_cli_jsonl_equals_cli_summary(cli, energy, tmp_path):
    """`framelex score --keep … --format jsonl` lines summarise to `framelex summarize`."""
    (tmp_path / "energy.toml").write_text(FRAME, encoding="utf-8")
    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(json.dumps({"text": t, "bias": b}) for t, b in
                              [(TEXT, "left"), ("solar", "right"), ("x", "left")]) + "\n{\"bias\": \"right\"}\n",
                    encoding="utf-8")
    lexi = ["--lexicons", str(tmp_path / "energy.toml")]
    scored = run_cli(cli, "score", "--format", "jsonl", "--keep", "bias", *lexi, str(docs))
    assert scored.returncode == 2  # the record without text fails
    summary = run_cli(cli, "summarize", "--group-by", "bias", "--format", "json", *lexi, str(docs))
    lines = [json.loads(l) for l in scored.stdout.splitlines()]
    assert framelex.summarize(lines, group_by=["bias"], lexicons=energy) == json.loads(summary.stdout)


def test_gil_is_released_while_scoring():
    """Another Python thread keeps running while score_many and score_arrow score: the
    GIL is released. The main thread counts in a loop while a worker scores, and must
    count at a good part of its own rate alone; a scorer that held the GIL would let it
    run only between switch intervals, a few percent of the time."""
    import threading
    import time

    def rate_alone(seconds=0.2):
        ticks, end = 0, time.perf_counter() + seconds
        while time.perf_counter() < end:
            ticks += 1
        return ticks / seconds

    lex = framelex.Lexicons.default()
    texts = ["Officials warned that adversaries could use AI chips for military purposes. " * 300] * 1500
    array = pa.array(texts)
    for name, run in (("score_many", lambda: lex.score_many(texts, threads=1)),
                      ("score_arrow", lambda: lex.score_arrow(array, threads=1))):
        alone = rate_alone()
        done = threading.Event()
        worker = threading.Thread(target=lambda: (run(), done.set()))
        ticks = 0
        start = time.perf_counter()
        worker.start()
        while not done.is_set():
            ticks += 1
            time.perf_counter()
        elapsed = time.perf_counter() - start
        worker.join()
        assert elapsed > 0.2, f"{name} took {elapsed:.3f} s: too short to tell"
        assert ticks / elapsed > 0.25 * alone, f"{name}: {ticks / elapsed:.0f} ticks/s beside it, {alone:.0f} alone"
