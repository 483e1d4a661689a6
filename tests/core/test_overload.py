"""Overload made explicit: past the requests a process serves at once, 503 with Retry-After at once, in the caller's
language and form; health checks, metrics and static files are never refused; a refused form keeps its text."""

from __future__ import annotations

import html
import json
import re
import threading
import time

import pytest
import time_machine
from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families

from clock import bkk
from gate import BOUND, release
from rapfang.cli import _parser, _web_command
from rapfang.comments.forms import form_stamp
from rapfang.comments.models import Comment
from rapfang.core.overload import gate, retry_seconds
from rapfang.core.refusals import busy_pauses

TOKEN = "scrape-" + "s" * 30
SLUG = "dg2-2560-2564"
FORM = f"/consultations/{SLUG}/comment/"
DURING = bkk(2016, 11, 20, 10, 0, 0)


def shed_count(client, kind: str) -> float:
    page = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).content.decode()
    return sum(
        sample.value
        for family in text_string_to_metric_families(page)
        for sample in family.samples
        if sample.name == "rapfang_http_shed_total" and sample.labels.get("kind") == kind
    )


def test_past_the_bound_the_api_answers_503_overloaded_at_once_in_the_callers_language(client, db, full):
    english = client.get("/api/v1/consultations", headers={"Accept-Language": "en"})
    assert english.status_code == 503
    assert english.json()["code"] == "overloaded"
    assert "more requests than it can answer" in english.json()["message"]
    assert 5 <= int(english["Retry-After"]) <= 10
    assert "no-store" in english["Cache-Control"]
    thai = client.post(f"/api/v1/consultations/{SLUG}/comments", "{}", content_type="application/json")
    assert thai.status_code == 503 and thai["Retry-After"]
    assert json.loads(thai.content)["message"] != english.json()["message"]  # Thai, the default


def test_past_the_bound_a_page_is_the_sites_own_page_in_its_language(client, db, full):
    english = client.get("/en/")
    assert english.status_code == 503 and english["Retry-After"]
    assert "Please wait a moment" in english.content.decode()
    assert 'lang="en"' in english.content.decode()
    thai = client.get("/")
    assert thai.status_code == 503 and 'lang="th"' in thai.content.decode()


def test_health_checks_metrics_and_static_files_are_never_refused(client, db, full, settings):
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code in (200, 503)
    assert client.get("/readyz")["Content-Type"].startswith("application/json")
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert client.get("/static/rapfang/forms.js").status_code != 503


def test_refused_requests_are_counted_in_metrics(client, db, full, settings):
    settings.METRICS_TOKEN = TOKEN
    before = shed_count(client, "api"), shed_count(client, "page")
    client.get("/api/v1/consultations")
    client.get("/api/v1/consultations")
    client.get("/")
    assert (shed_count(client, "api"), shed_count(client, "page")) == (before[0] + 2, before[1] + 1)


def test_below_the_bound_nothing_is_refused_and_places_are_given_back(client, db, settings):
    settings.MAX_IN_FLIGHT, settings.QUEUE_WAIT_SECONDS = 1, 0
    for _request in range(3):
        assert client.get("/api/v1/consultations").status_code == 200
    assert gate.in_flight == 0


def test_from_many_threads_at_once_the_gate_never_lets_in_more_than_its_bound():
    release()
    inside, most, counting = [0], [0], threading.Lock()

    def requests() -> None:
        for _request in range(150):
            if gate.enter(4, 0.05):
                with counting:
                    inside[0] += 1
                    most[0] = max(most[0], inside[0])
                time.sleep(0.0002)
                with counting:
                    inside[0] -= 1
                gate.leave()

    threads = [threading.Thread(target=requests) for _thread in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 4 and gate.in_flight == 0
    release()


def test_a_bound_lowered_while_its_places_are_taken_is_kept_as_they_are_given_back():
    release()
    assert all(gate.enter(3, 0) for _place in range(3))
    assert not gate.enter(2, 0) and gate.in_flight == 3  # the setting lowered to 2: nobody more for now
    gate.leave()
    assert not gate.enter(2, 0) and gate.in_flight == 2  # the place given back is not free: 2 are inside
    gate.leave()
    assert gate.enter(2, 0) and gate.in_flight == 2
    assert gate.enter(5, 0) and gate.enter(5, 0) and gate.enter(5, 0) and not gate.enter(5, 0)  # raised to 5
    release()


def test_a_request_waits_for_a_place_within_the_wait_budget(client, db, settings):
    settings.MAX_IN_FLIGHT, settings.QUEUE_WAIT_SECONDS = 1, 30
    assert gate.enter(1, 0)
    threading.Thread(target=lambda: (time.sleep(0.2), gate.leave())).start()
    assert client.get("/api/v1/consultations").status_code == 200


def test_while_the_process_refuses_more_than_it_lets_in_the_pause_grows_with_the_crowd(client, db, full, settings):
    settings.OVERLOAD_RETRY_MAX = 60
    pauses = [int(client.get("/api/v1/consultations")["Retry-After"]) for _request in range(30)]
    # the pause's base: what letting in as many as were refused would take at the pace of the last seconds (the two
    # places `full` took), at least OVERLOAD_RETRY_AFTER (5 s), at most OVERLOAD_RETRY_MAX; spread up to twice it
    assert 5 <= pauses[0] <= 10  # refused 1: 2.5 s of letting in, so the least pause
    assert 10 <= pauses[3] <= 20  # refused 4: 10 s
    assert 35 <= pauses[13] <= 70  # refused 14: 35 s
    assert all(60 <= pause <= 120 for pause in pauses[24:])  # refused 24 and more: the most, 60 s
    # a person is told the longer pause in minutes, in the page's language
    thai, english = client.get("/"), client.get("/en/")
    assert (thai.status_code, english.status_code) == (503, 503) and int(english["Retry-After"]) >= 60
    assert "ท่านสามารถลองใหม่ได้ในอีกประมาณ" in thai.content.decode()
    assert "You can try again in about" in english.content.decode()
    assert "a few seconds" not in english.content.decode()
    release()  # the crowd has left: nothing refused in the last seconds
    assert client.get("/api/v1/consultations").status_code == 200
    assert gate.enter(BOUND, 0) and gate.enter(BOUND, 0)
    english = client.get("/en/")
    assert english.status_code == 503 and 5 <= int(english["Retry-After"]) <= 10
    assert "You can try again in a few seconds." in english.content.decode()
    assert 5 <= retry_seconds() <= 10


def stamped(seconds_ago: float) -> dict[str, str]:
    """The header our nginx writes, for a request it read `seconds_ago`."""
    return {"X-Request-Start": f"t={time.time() - seconds_ago:.3f}"}


def test_behind_the_proxy_the_wait_budget_counts_from_when_the_proxy_read_the_request(client, db, settings):
    settings.PROXY_ARRIVAL = True
    settings.MAX_IN_FLIGHT, settings.QUEUE_WAIT_SECONDS = 1, 30
    assert gate.enter(1, 0)
    threading.Thread(target=lambda: (time.sleep(0.2), gate.leave())).start()
    assert client.get("/api/v1/consultations", headers=stamped(28)).status_code == 200  # 2 s of its budget left
    assert gate.enter(1, 0)
    holder = threading.Thread(target=lambda: (time.sleep(3), gate.leave()))
    holder.start()
    refused = client.get("/api/v1/consultations", headers=stamped(31))  # it waited for a thread longer than that
    in_flight = gate.in_flight
    holder.join()
    assert refused.status_code == 503 and refused.json()["code"] == "overloaded" and refused["Retry-After"]
    assert in_flight == 1  # refused without waiting for the place given back 3 s later


def fields_of(page: str) -> dict[str, str]:
    pairs = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page)
    return {name: html.unescape(value) for name, value in pairs}


def test_a_refused_comment_form_comes_back_with_its_text_and_sends_again_once(client, demo, full, settings):
    settings.COMMENT_MIN_SECONDS = 2
    text = "ควรเพิ่มช่องทางรับฟังความคิดเห็นสำหรับผู้พิการ\nและผู้สูงอายุ <ทุกจังหวัด>"
    data = {"text": text, "anonymous": "on", "stakeholder_type": "citizen", "consent": "on", "website": "",
            "shown": form_stamp(DURING.timestamp() - 10), "idempotency_key": "k-1"}  # fmt: skip
    with time_machine.travel(DURING, tick=False):
        refused = client.post(FORM, data)
        page = refused.content.decode()
        assert refused.status_code == 503 and refused["Retry-After"]
        assert "ควรเพิ่มช่องทางรับฟังความคิดเห็นสำหรับผู้พิการ" in page and "&lt;ทุกจังหวัด&gt;" in page
        assert f'action="{FORM}"' in page and 'enctype="multipart/form-data"' in page
        sent_again = fields_of(page)
        assert sent_again.pop("arrival_token") == refused["Arrival-Token"]
        assert sent_again == data
        assert not Comment.objects.exists()
        release()
        again = client.post(FORM, fields_of(page))
        assert again.status_code == 302
        assert client.post(FORM, fields_of(page)).status_code == 302  # sent twice: one comment
    assert Comment.objects.get().text == text.strip()


def test_a_refused_login_never_writes_the_password_into_the_page(client, db, full):
    refused = client.post(reverse("login"), {"username": "somchai", "password": "secret-pass-1234"})
    assert refused.status_code == 503
    assert "secret-pass-1234" not in refused.content.decode() and "data-resend" not in refused.content.decode()


def test_htmx_leaves_a_503_unswapped_so_the_form_keeps_its_text(client, demo):
    with time_machine.travel(DURING, tick=False):
        page = client.get(f"{FORM}?paragraph=p-x").content.decode()
    config = json.loads(html.unescape(re.search(r"name=\"htmx-config\" content='([^']+)'", page).group(1)))
    rule = next(r for r in config["responseHandling"] if re.fullmatch(r["code"].replace(".", r"\d"), "503"))
    assert rule["swap"] is False and rule["error"] is True  # forms.js then shows the form's own message
    assert "data-send-busy" in page
    said = dict(re.findall(r'data-busy-pause="(\d+)"(?: hidden)?>([^<]+)<', page))
    assert said == {"29": "ท่านสามารถลองใหม่ได้ในอีกไม่กี่วินาที", "60": "ท่านสามารถลองใหม่ได้ในอีกประมาณ 1 นาที",
                    "120": "ท่านสามารถลองใหม่ได้ในอีกประมาณ 2 นาที"}  # fmt: skip


def test_the_pauses_a_form_can_tell_reach_the_longest_the_gate_asks_for(settings):
    settings.OVERLOAD_RETRY_AFTER, settings.OVERLOAD_RETRY_MAX = 5, 60
    assert busy_pauses() == [(0, 29), (1, 60), (2, 120)]  # 5-10 s "a few seconds"; up to 2 x 60 s under a crowd
    settings.OVERLOAD_RETRY_MAX = 150
    assert busy_pauses()[-1] == (5, 300)
    settings.OVERLOAD_RETRY_MAX = 10
    assert busy_pauses() == [(0, 29)]  # a pause of at most 20 s: never in minutes
    settings.OVERLOAD_RETRY_AFTER = 40  # a base above the maximum: the maximum wins (retry_seconds)
    assert busy_pauses() == [(0, 29)]
    assert all(retry_seconds() <= 20 for _ in range(50))


def test_the_server_has_threads_beyond_the_bound_to_refuse_at_once(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    command = _web_command(_parser().parse_args(["serve", "--threads", "8"]))
    assert command[command.index("--blocking-threads") + 1] == "16"


def test_the_header_timeout_is_ten_seconds_unless_given_and_a_bad_one_is_refused_by_name(
    settings, tmp_path, monkeypatch, capsys
):
    settings.DATA_DIR = tmp_path
    needed = "a whole number of seconds from 1 to 300 is needed (--header-timeout or RAPFANG_HEADER_TIMEOUT)"
    monkeypatch.delenv("RAPFANG_HEADER_TIMEOUT", raising=False)
    command = _web_command(_parser().parse_args(["serve"]))
    assert command[command.index("--http1-header-read-timeout") + 1] == "10000"
    command = _web_command(_parser().parse_args(["serve", "--header-timeout", "3"]))
    assert command[command.index("--http1-header-read-timeout") + 1] == "3000"
    for bad in ("0", "301", "2.5", "ten", "-5"):
        with pytest.raises(SystemExit):
            _parser().parse_args(["serve", "--header-timeout", bad])
        assert f"argument --header-timeout: '{bad}': {needed}" in capsys.readouterr().err
    monkeypatch.setenv("RAPFANG_HEADER_TIMEOUT", "5")
    command = _web_command(_parser().parse_args(["serve"]))
    assert command[command.index("--http1-header-read-timeout") + 1] == "5000"
    monkeypatch.setenv("RAPFANG_HEADER_TIMEOUT", "soon")  # the variable's value, refused as the option's would be
    with pytest.raises(SystemExit):
        _parser().parse_args(["serve"])
    assert f"'soon': {needed}" in capsys.readouterr().err
