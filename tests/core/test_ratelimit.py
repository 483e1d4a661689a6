from rapfang.core.ratelimit import Limit, ratelimit_hit


def test_requests_within_the_limit_pass_and_the_next_is_refused():
    limit = Limit(3, 60)
    decisions = [ratelimit_hit(key="t", limit=limit, now=1000.0) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert decisions[2].remaining == 0 and decisions[3].retry_after == 21


def test_a_new_window_starts_afresh_and_keys_are_separate():
    limit = Limit(1, 60)
    assert ratelimit_hit(key="a", limit=limit, now=59.0).allowed
    assert not ratelimit_hit(key="a", limit=limit, now=59.5).allowed
    assert ratelimit_hit(key="a", limit=limit, now=60.0).allowed
    assert ratelimit_hit(key="b", limit=limit, now=59.5).allowed


def test_limits_are_written_as_requests_over_seconds():
    assert Limit.parse("30/60") == Limit(30, 60)
    assert Limit.parse("5") == Limit(5, 60)
