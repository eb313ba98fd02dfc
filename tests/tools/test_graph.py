"""nlmg graph: DOT with chapter clusters, labelled edges, endings and unreachable scenes marked; Mermaid; Graphviz or a clear hint."""

from __future__ import annotations

import re
import shutil
import textwrap

from game.cli import main
from game.engine import load_story, load_story_from_texts
from game.engine.storymap import build_map
from game.tools import graph
from tests.conftest import TINY

QUIRKY = {
    "story.yaml": textwrap.dedent("""\
        id: q
        title: 'A "quoted" story'
        start: a
        chapters: [One, Two]
        endings:
          done: {title: Done}
        """),
    "scenes.yaml": textwrap.dedent("""\
        - id: a
          chapter: One
          title: Start "here"
          text: A.
          actions:
            - {verbs: [jump], say: Up., goto: b}
          choices:
            - {id: go, text: 'Go <on> & "on"', goto: b}
            - {id: dream, text: Dream., do: [{if: "x > 0", then: [{goto: b}]}]}
        - id: b
          chapter: Two
          title: B
          text: B.
          ending: done
        - id: lost
          chapter: Two
          title: Lost
          text: Nobody comes.
          ending: done
        """),
}


def test_dot_has_clusters_labelled_edges_endings_and_red_unreachable_scenes():
    st = load_story(TINY)
    dot = graph.to_dot(st, build_map(st), graph.unreachable(st))
    assert dot.startswith('digraph "tiny" {') and dot.rstrip().endswith("}")
    assert dot.count("subgraph cluster_") == 2 and 'label="The Yard"' in dot and 'label="The House"' in dot
    assert '"yard.gate" -> "lane.end" [label="Walk away down the lane."' in dot
    assert "[if has('key')]" in dot
    assert re.search(r'"house\.hall" \[label="The hall\\nhouse\.hall\\nEnding: Home", peripheries=2', dot)
    assert "#c0392b" not in dot  # everything in the tiny story is reachable


def test_quoting_kinds_of_edges_and_unreachable_in_red():
    st = load_story_from_texts(QUIRKY)
    dot = graph.to_dot(st, build_map(st), graph.unreachable(st))
    assert 'label="A \\"quoted\\" story"' in dot
    assert 'Go <on> & \\"on\\"' in dot
    assert '"a" -> "b" [label="jump", style=dashed]' in dot
    assert re.search(r'"a" -> "b" \[label="Dream\.\\n\[if x > 0\]", style=dotted\]', dot)
    assert re.search(r'"lost" \[label="Lost\\nlost\\nEnding: Done\\n\(unreachable\)".*#c0392b', dot)


def test_chapter_map_shows_where_it_leads():
    st = load_story(TINY)
    m = build_map(st).for_chapter("The House")
    dot = graph.to_dot(st, m, set())
    assert '"house.hall" [label=' in dot and '"yard.gate" [label=' not in dot
    assert '"yard.middle" [shape=plaintext' in dot and "from yard.middle" in dot


def test_mermaid_is_escaped_and_grouped():
    st = load_story_from_texts(QUIRKY)
    mm = graph.to_mermaid(st, build_map(st), graph.unreachable(st))
    assert mm.startswith("flowchart TD")
    assert 'subgraph ch0["One"]' in mm and 'subgraph ch1["Two"]' in mm
    assert "#quot;" in mm and '"on"' not in mm and "&lt;on&gt;" in mm
    assert "s_a -.->|" in mm and "class s_lost dead" in mm


def test_cli_dot_to_stdout_and_bad_chapter(capsys):
    assert main(["graph", str(TINY)]) == 0
    assert capsys.readouterr().out.startswith('digraph "tiny"')
    assert main(["graph", str(TINY), "--chapter", "Nowhere"]) == 2
    assert "there is no chapter 'Nowhere'" in capsys.readouterr().err


def test_svg_through_graphviz_or_a_clear_hint_with_the_dot_kept(tmp_path, capsys, monkeypatch):
    out = tmp_path / "map.svg"
    code = main(["graph", str(TINY), "--format", "svg", "-o", str(out)])
    if shutil.which("dot"):
        assert code == 0 and out.read_text().lstrip().startswith(("<?xml", "<svg")) and "yard.gate" in out.read_text()
    monkeypatch.setattr(graph.shutil, "which", lambda name: None)
    capsys.readouterr()
    out2 = tmp_path / "again.png"
    assert main(["graph", str(TINY), "--format", "png", "-o", str(out2)]) == 1
    err = capsys.readouterr().err
    assert "apt-get install graphviz" in err and "brew install graphviz" in err
    assert (tmp_path / "again.dot").read_text().startswith('digraph "tiny"')
    assert not out2.exists()
