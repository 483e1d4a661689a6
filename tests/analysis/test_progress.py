import io

from rapfang.analysis.text.progress import ProgressBar


def test_bar_shows_share_and_counts():
    bar = ProgressBar(200, "dedup", stream=io.StringIO(), width=10)
    bar.advance(80)
    assert bar.render().startswith("dedup [####------]  40% 80/200")


def test_log_output_writes_a_line_per_tenth_and_finishes():
    stream = io.StringIO()
    with ProgressBar(1000, "segment", stream=stream) as bar:
        for _ in range(100):
            bar.advance(10)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11
    assert lines[-1].split()[2:4] == ["100%", "1000/1000"]


def test_terminal_output_rewrites_one_line():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    with ProgressBar(3, "x", stream=stream) as bar:
        bar.advance(3)
    assert stream.getvalue().count("\n") == 1
    assert stream.getvalue().startswith("\rx [")
