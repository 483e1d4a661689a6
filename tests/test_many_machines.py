"""The site on many machines, on this one (tests/cluster.py): Debian's nginx with the shipped configuration in
front of two app instances (separate data folders, as two machines), two job workers, PostgreSQL, Redis and an S3
store, checked through nginx as an agency's visitors and staff would meet it.

Runs in CI (`.ci/run` installs nginx); elsewhere it is skipped, with the reason, when nginx, Redis, moto_server or
PostgreSQL is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from cluster import DEPLOY, METRICS_TOKEN, STAFF, Cluster, missing

REASON = missing()
pytestmark = [
    pytest.mark.skipif(bool(REASON) and not os.environ.get("CI"), reason=REASON or ""),
    pytest.mark.own_database,
]
CAPACITY = 25
RUSH = 80
SURGE = 60
PASSWORD = "cluster-" + uuid.uuid4().hex


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    cluster = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        cluster.start()
        facts = cluster.site_setup(capacity=CAPACITY, password=PASSWORD)
        yield cluster, facts
    finally:
        cluster.stop()


def person(n: int, prefix: str) -> dict[str, object]:
    return {"name": f"ผู้ลงทะเบียน {n}", "organisation": "หน่วยงานทดสอบ", "stakeholder_type": "citizen",
            "email": f"{prefix}{n}@example.org", "phone": f"08{n:08d}", "consent": True}  # fmt: skip


def test_both_instances_started_at_once_on_the_empty_database(site):
    cluster, _facts = site
    rows = cluster.sql("SELECT count(*), count(DISTINCT (app, name)) FROM django_migrations")
    assert rows[0][0] == rows[0][1] > 20  # every migration applied once, by one of them
    for port in cluster.ports:
        assert requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).text == "ok"
    ready = requests.get(cluster.url + "/readyz", timeout=5).json()
    assert ready["ready"] and set(ready["checks"]) == {"database", "cache", "storage", "worker"}


def test_a_staff_login_through_one_instance_works_on_the_other(site):
    cluster, facts = site
    staff = requests.Session()
    page = staff.get(cluster.url + "/accounts/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    data = {"username": STAFF, "password": PASSWORD, "csrfmiddlewaretoken": token}
    login = staff.post(cluster.url + "/accounts/login/", data=data, timeout=10, allow_redirects=False)
    assert login.status_code == 302, login.text[:500]
    other = 1 - cluster.served_by(login)
    home = cluster.on(other, lambda: staff.get(cluster.url + "/staff/", timeout=10, allow_redirects=False))
    assert home.status_code == 200 and f"/staff/consultations/{facts['slug']}/" in home.text  # not the login page


def test_an_emailed_registration_link_works_through_either_instance(site):
    cluster, facts = site
    answer = requests.post(f"{cluster.url}/api/v1/events/{facts['event']}/registrations", json=person(1, "link"),
                           headers={"X-API-Key": facts["key"]}, timeout=10)  # fmt: skip
    assert answer.status_code == 201, answer.text
    body = cluster.inbox.wait_for("link1@example.org")  # sent by one of the job workers
    link = re.search(re.escape(cluster.url) + r"/(?:en/)?registrations/[^/\s]+/", body).group(0)  # type: ignore[union-attr]
    for instance in (0, 1):
        page = cluster.on(instance, lambda: requests.get(link, timeout=10))
        assert page.status_code == 200 and answer.json()["reference"] in page.text


def test_a_registration_rush_split_across_both_confirms_exactly_the_capacity(site):
    cluster, facts = site
    url, key = f"{cluster.url}/api/v1/events/{facts['event']}/registrations", {"X-API-Key": facts["key"]}
    with ThreadPoolExecutor(16) as pool:
        answers = list(
            pool.map(
                lambda n: requests.post(url, json=person(n, "rush"), headers=key, timeout=60), range(100, 100 + RUSH)
            )
        )
    assert all(answer.status_code == 201 for answer in answers), {a.status_code for a in answers}
    assert {cluster.served_by(answer) for answer in answers} == {0, 1}
    statuses = [answer.json()["status"] for answer in answers]
    confirmed_before = 1  # the registration of the e-mailed link's test, when it ran first
    taken = cluster.sql("SELECT count(*) FROM hearings_registration WHERE event_id = %s AND status = 'confirmed'",
                        (facts["event"],))[0][0]  # fmt: skip
    assert taken == CAPACITY and statuses.count("confirmed") in (CAPACITY, CAPACITY - confirmed_before)
    positions = sorted(a.json()["waitlist_position"] for a in answers if a.json()["status"] == "waitlisted")
    assert positions == list(range(positions[0], positions[0] + len(positions)))  # no gap, no repeat


def test_a_comment_surge_split_across_both_loses_nothing(site):
    cluster, facts = site
    url = f"{cluster.url}/api/v1/consultations/{facts['slug']}/comments"

    def send(n: int) -> requests.Response:
        text = f"ความคิดเห็นที่ {n} ต่อร่างแผนพัฒนารัฐบาลดิจิทัล ขอให้ระบบบริการภาครัฐใช้งานง่ายบนโทรศัพท์มือถือ"
        comment = {"text": text, "anonymous": True, "stakeholder_type": "citizen", "consent": True}
        return requests.post(url, json=comment, timeout=60)

    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(send, range(SURGE)))
    assert all(answer.status_code == 201 for answer in answers), [a.text[:200] for a in answers if a.status_code != 201]
    assert {cluster.served_by(answer) for answer in answers} == {0, 1}
    receipts = {answer.json()["receipt"] for answer in answers}
    stored = cluster.sql("SELECT receipt FROM comments_comment WHERE receipt = ANY(%s)", (list(receipts),))
    assert len(receipts) == SURGE and {row[0] for row in stored} == receipts


def test_a_file_uploaded_through_one_downloads_through_the_other_and_the_edit_reaches_both_within_a_second(site):
    cluster, facts = site
    page_url = f"{cluster.url}/consultations/{facts['slug']}/"
    for instance in (0, 1):  # each instance has the anonymous page cached
        cluster.on(instance, lambda: requests.get(page_url, timeout=10))
    staff, title = _staff_session(cluster), f"เอกสารประกอบ {uuid.uuid4().hex[:6]}"
    form_url = f"{cluster.url}/staff/consultations/{facts['slug']}/files/new/"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', staff.get(form_url, timeout=10).text).group(1)  # type: ignore[union-attr]
    content = b"%PDF-1.4\n" + "ไฟล์ที่อัปโหลดผ่านเครื่องหนึ่ง\n".encode() * 500
    upload = staff.post(form_url, timeout=30, allow_redirects=False, files={"file": ("เอกสาร.pdf", content)},
                        data={"csrfmiddlewaretoken": token, "title_th": title, "title_en": "", "kind": "other",
                              "order": "", "is_public": "on"})  # fmt: skip
    edited_at = time.monotonic()
    assert upload.status_code == 302, upload.text[:1000]
    for instance in (0, 1):
        page = cluster.on(instance, lambda: requests.get(page_url, timeout=10))
        assert title in page.text, f"instance {instance} still shows the page from before the edit"
    assert time.monotonic() - edited_at < 1.0
    pk, name = cluster.sql("SELECT id, file FROM documents_attachment WHERE title_th = %s", (title,))[0]
    stored = cluster.moto.client().list_objects_v2(Bucket="rapfang-files", Prefix=name)["Contents"]
    assert [item["Size"] for item in stored] == [len(content)]
    assert not any(path.is_file() for i in (0, 1) for path in (cluster.folder / f"machine-{i}" / "media").rglob("*"))
    download = re.search(rf'href="(/consultations/{facts["slug"]}/files/{pk}/[^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    got = cluster.on(1 - cluster.served_by(upload), lambda: requests.get(cluster.url + download, timeout=10))
    assert got.status_code == 200 and got.content == content


def _staff_session(cluster: Cluster) -> requests.Session:
    staff = requests.Session()
    page = staff.get(cluster.url + "/accounts/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    staff.post(cluster.url + "/accounts/login/", timeout=10,
               data={"username": STAFF, "password": PASSWORD, "csrfmiddlewaretoken": token})  # fmt: skip
    return staff


def test_metrics_of_the_site_through_nginx_for_the_token(site):
    cluster, _facts = site
    assert requests.get(cluster.url + "/metrics", timeout=10).status_code == 401
    text = requests.get(cluster.url + "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=10).text
    assert re.search(r'rapfang_http_requests_total\{method="POST",status="201",view="[^"]*registration_create"\}', text)
    assert "rapfang_jobs_queued " in text and "rapfang_mail_outbox_messages " in text


def test_readyz_goes_unready_while_redis_is_away_and_ready_when_it_returns(site):
    cluster, _facts = site
    cluster.redis.stop()
    try:
        deadline = time.monotonic() + 20
        while (answer := requests.get(cluster.url + "/readyz", timeout=10)).status_code != 503:
            assert time.monotonic() < deadline, "still ready without Redis"
            time.sleep(0.2)
        assert not answer.json()["checks"]["cache"]["ok"] and answer.json()["checks"]["database"]["ok"]
        assert requests.get(cluster.url + "/healthz", timeout=10).text == "ok"
    finally:
        cluster.redis.start()
    ready = cluster.wait_ready(cluster.url, seconds=30)
    assert ready["checks"]["cache"]["ok"]


def test_the_shipped_site_configuration_with_https_passes_nginx_own_check(tmp_path):
    """The whole of deploy/nginx/rapfang.conf (both servers, TLS), as an agency installs it, read by `nginx -t`."""
    nginx, openssl = shutil.which("nginx") or "/usr/sbin/nginx", shutil.which("openssl")
    if not Path(nginx).exists() or openssl is None:
        pytest.skip("nginx or openssl is not installed")
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",  # noqa: S603
                    "/CN=hearing.example.go.th", "-keyout", tmp_path / "key.pem", "-out", tmp_path / "cert.pem"],
                   check=True, capture_output=True)  # fmt: skip
    live = "/etc/letsencrypt/live/hearing.example.go.th/"
    site = (DEPLOY / "rapfang.conf").read_text()
    site = site.replace(live + "fullchain.pem", str(tmp_path / "cert.pem")).replace(
        live + "privkey.pem", str(tmp_path / "key.pem")
    )
    site = site.replace("/etc/nginx/snippets/rapfang-proxy.conf", str(DEPLOY / "rapfang-proxy.conf"))
    (tmp_path / "nginx.conf").write_text(f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n"
                                         f"include /etc/nginx/mime.types;\n{site}\n}}\n")  # fmt: skip
    checked = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),  # noqa: S603
                              "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)  # fmt: skip
    assert checked.returncode == 0 and "syntax is ok" in checked.stderr, checked.stderr
