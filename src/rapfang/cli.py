"""The `rapfang` command: serve, worker, migrate, demo, invite, role, apikey, analyze, report, manage.

It parses arguments and calls services or Django's management commands; nothing more.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from rapfang.core.actors import SYSTEM

DEMO_PHASES = ("registration", "comments", "closed")
ROLES = ("organiser", "moderator")  # rapfang.accounts.models.Role, without importing Django here
HEADER_TIMEOUT = 10  # seconds a client may take to send its request's headers, unless told otherwise
HEADER_TIMEOUT_LIMITS = (1, 300)
REPORT_FORMATS = ("pdf", "docx", "xlsx", "html")  # rapfang.reports.render.FORMATS, without importing Django here
MIGRATE_HELP = (
    "migrate first (under the site's lock); without it a production process waits for `rapfang migrate`, "
    "a development machine migrates"
)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapfang.settings")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    if args and args[0] == "manage":
        return _manage(args[1:])
    if args and args[0] == "analyze" and "--consultation" not in args:
        from rapfang.analysis.text.command import main as analyze_main

        return analyze_main(args[1:])
    parsed = _parser().parse_args(args)
    return int(parsed.handler(parsed) or 0)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rapfang", description="Public hearings on draft plans and laws.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="run the web server and the background-job worker")
    serve.add_argument("--host", default=os.environ.get("RAPFANG_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("RAPFANG_PORT", "8000")))
    serve.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="web server processes")
    serve.add_argument(
        "--threads", type=int, default=int(os.environ.get("RAPFANG_THREADS", "32")),
        help="threads per web server process, and as many again to refuse at once what is past the requests it "
        "serves at once (RAPFANG_MAX_IN_FLIGHT); each slow upload holds one",
    )  # fmt: skip
    serve.add_argument(
        "--header-timeout", type=_header_seconds, default=os.environ.get("RAPFANG_HEADER_TIMEOUT", str(HEADER_TIMEOUT)),
        help=f"seconds a client may take to send its request's headers before it is dropped (RAPFANG_HEADER_TIMEOUT; "
        f"{HEADER_TIMEOUT} by default)",
    )  # fmt: skip
    serve.add_argument("--no-worker", action="store_true", help="do not start the background-job worker")
    serve.add_argument("--migrate", action="store_true", help=MIGRATE_HELP)
    serve.set_defaults(handler=_serve)
    worker = commands.add_parser("worker", help="run the background-job worker (and queue the daily jobs)")
    worker.add_argument("--no-daily", action="store_true", help="do not queue the daily jobs from this worker")
    worker.add_argument("--migrate", action="store_true", help=MIGRATE_HELP)
    worker.set_defaults(handler=_worker)
    migrate = commands.add_parser("migrate", help="bring the database's schema up to date, once for the whole site")
    migrate.set_defaults(handler=_migrate_command)
    demo = commands.add_parser("demo", help="load the demo consultation (idempotent)")
    demo.add_argument("--phase", choices=DEMO_PHASES, help="shift the timeline so that this phase is open now")
    demo.set_defaults(handler=_demo)
    apikey = commands.add_parser("apikey", help="issue, list and revoke API keys")
    apikey_commands = apikey.add_subparsers(dest="apikey_command", required=True, metavar="ACTION")
    create = apikey_commands.add_parser("create", help="issue a key; the key is printed on the last line")
    create.add_argument("--name", required=True)
    create.add_argument("--per-minute", type=int, default=None, help="this key's own limit of requests a minute")
    create.set_defaults(handler=_apikey_create)
    apikey_commands.add_parser("list", help="the keys and their state").set_defaults(handler=_apikey_list)
    revoke = apikey_commands.add_parser("revoke", help="revoke the key that begins with PREFIX")
    revoke.add_argument("prefix")
    revoke.set_defaults(handler=_apikey_revoke)
    invite = commands.add_parser("invite", help="invite a person by e-mail to an agency's team")
    invite.add_argument("email")
    invite.add_argument("--agency", required=True, metavar="SLUG", help="the agency's short name")
    invite.add_argument("--role", required=True, choices=ROLES)
    invite.add_argument("--language", choices=("th", "en"), default="th", help="the language of the e-mail")
    invite.set_defaults(handler=_invite)
    role = commands.add_parser("role", help="give or take a role in an agency: `rapfang role grant USERNAME ...`")
    role.add_argument("action", choices=("grant", "revoke"))
    role.add_argument("username")
    role.add_argument("--agency", required=True, metavar="SLUG", help="the agency's short name")
    role.add_argument("--role", choices=ROLES, help="the role (revoke: every role in the agency when not given)")
    role.set_defaults(handler=_role)
    commands.add_parser("manage", help="Django's management commands, e.g. `rapfang manage createsuperuser`")
    analyze = commands.add_parser(
        "analyze",
        help="analyse comments: `rapfang analyze INPUT.jsonl --domains D.json --output O.jsonl`, "
        "or a consultation's stored comments: `rapfang analyze --consultation SLUG`",
    )
    analyze.add_argument("--consultation", required=True, metavar="SLUG", help="the consultation's short name")
    analyze.add_argument("--quiet", action="store_true", help="no progress bars, only the summary")
    analyze.set_defaults(handler=_analyze_consultation)
    report = commands.add_parser("report", help="write the hearing summary report of a consultation's current state")
    report.add_argument("slug", metavar="SLUG", help="the consultation's short name")
    report.add_argument("--format", required=True, choices=REPORT_FORMATS, help="the file's format")
    report.add_argument("--out", required=True, metavar="FILE", help="where to write it (replaced when complete)")
    report.add_argument("--language", choices=("th", "en"), default="th")
    report.add_argument(
        "--thai-digits", action=argparse.BooleanOptionalAction, default=None,
        help="numbers and dates in Thai digits (default: the consultation's own setting)",
    )  # fmt: skip
    report.set_defaults(handler=_report)
    return parser


def _setup() -> None:
    import django

    django.setup()


def _migrate() -> None:
    """Before an administrator's command: bring the schema up to date under the site's lock (quick when current)."""
    from rapfang.core.deployment import migrate_once

    migrate_once()


def _schema(*, migrate: bool) -> None:
    """Before serving: migrate under the site's lock when told to (or on a development machine), else wait for
    the schema that `rapfang migrate` brings."""
    from django.conf import settings

    from rapfang.core.deployment import migrate_once, schema_wait

    if migrate or settings.DEVELOPMENT:
        migrate_once()
    else:
        schema_wait()


def _start_check() -> bool:
    from rapfang.core.deployment import StartRefused, start_check

    try:
        start_check()
    except StartRefused as refusal:
        print(str(refusal), file=sys.stderr, flush=True)
        return False
    return True


def _migrate_command(_parsed: argparse.Namespace) -> int:
    _setup()
    _wait_for_database()
    from rapfang.core.deployment import migrate_once

    applied = migrate_once()
    print(f"{applied} migrations applied." if applied else "The database's schema is up to date.", flush=True)
    return 0


def _manage(args: list[str]) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["rapfang manage", *args])
    return 0


def _demo(parsed: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from rapfang.demo.loader import demo_load

    result = demo_load(phase=parsed.phase, comments=True)
    print(result.describe())
    return 0


def _apikey_create(parsed: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from rapfang.accounts.services import apikey_create

    key, raw_key = apikey_create(actor=SYSTEM, name=parsed.name, requests_per_minute=parsed.per_minute)
    print(f"API key '{key.name}' issued. Send it as the X-API-Key header; it is shown only now:")
    print(raw_key)
    return 0


def _apikey_list(_parsed: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from rapfang.accounts.models import ApiKey

    for key in ApiKey.objects.all():
        state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
        print(f"{key.prefix}…  {key.name}  {key.requests_per_minute or 'default'}/min  {state}")
    return 0


def _apikey_revoke(parsed: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from rapfang.accounts.models import ApiKey
    from rapfang.accounts.services import apikey_revoke

    keys = list(ApiKey.objects.filter(prefix__startswith=parsed.prefix, revoked_at__isnull=True))
    if len(keys) != 1:
        print(f"{len(keys)} active keys begin with {parsed.prefix!r}; give a longer prefix.", file=sys.stderr)
        return 2
    apikey_revoke(actor=SYSTEM, key=keys[0])
    print(f"Revoked {keys[0]}.")
    return 0


def _invite(parsed: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from rapfang.accounts.invitations import invitation_create
    from rapfang.accounts.models import Agency
    from rapfang.core.errors import DomainError

    agency = Agency.objects.filter(slug=parsed.agency).first()
    if agency is None:
        print(f"No agency {parsed.agency!r}.", file=sys.stderr)
        return 2
    try:
        invitation = invitation_create(actor=SYSTEM, agency=agency, email=parsed.email, role=parsed.role,
                                       language=parsed.language)  # fmt: skip
    except DomainError as error:
        print("; ".join(message for _field, message in error.field_messages()), file=sys.stderr)
        return 2
    print(f"Invited {invitation.email} as {parsed.role} of {agency.slug}; the job worker sends the e-mail.")
    return 0


def _role(parsed: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from rapfang.accounts.models import Agency, User
    from rapfang.accounts.services import membership_grant, membership_revoke
    from rapfang.core.errors import DomainError

    agency = Agency.objects.filter(slug=parsed.agency).first()
    user = User.objects.filter(username=parsed.username).first()
    if agency is None or user is None or (parsed.action == "grant" and not parsed.role):
        print("Give an existing --agency, an existing USERNAME and, to grant, a --role.", file=sys.stderr)
        return 2
    try:
        if parsed.action == "grant":
            membership_grant(actor=SYSTEM, user=user, agency=agency, role=parsed.role)
        else:
            membership_revoke(actor=SYSTEM, agency=agency, user=user, role=parsed.role)
    except DomainError as error:
        print(str(error.message), file=sys.stderr)
        return 2
    done = "Granted" if parsed.action == "grant" else "Revoked"
    print(f"{done}: {user.username} · {parsed.role or 'every role'} · {agency.slug}")
    return 0


def _analyze_consultation(parsed: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from rapfang.analysis.command import analyze_consultation

    return analyze_consultation(parsed.consultation, quiet=parsed.quiet)


def _report(parsed: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from rapfang.reports.command import report_command

    return report_command(
        parsed.slug, fmt=parsed.format, out=parsed.out, language=parsed.language, thai_digits=parsed.thai_digits
    )


def _wait_for_database() -> None:
    """At start, wait for the database with growing pauses instead of giving up: it may be starting too."""
    from django.db import OperationalError, connection

    from rapfang.core.supervise import Backoff

    backoff = Backoff(first=0.5, most=10.0)
    while True:
        try:
            connection.ensure_connection()
            return
        except OperationalError as error:
            pause = backoff.next()
            print(f"The database does not answer ({error}); trying again in {pause:.1f} s", file=sys.stderr, flush=True)
            time.sleep(pause)


def _worker(parsed: argparse.Namespace) -> int:
    _setup()
    if not _start_check():
        return 2
    _wait_for_database()
    _schema(migrate=parsed.migrate)
    from rapfang.core.polling import poller_start
    from rapfang.core.worker import heartbeat_start, worker_name, worker_run

    heartbeat_start(worker_name())
    poller_start()
    if not parsed.no_daily:
        from rapfang.core.schedule import scheduler_start

        scheduler_start()
    worker_run()
    return 0


def _serve(parsed: argparse.Namespace) -> int:
    _site_address_default(parsed)
    _setup()
    if not _start_check():
        return 2
    _wait_for_database()
    _schema(migrate=parsed.migrate)
    from rapfang.core.staticcollect import static_collect
    from rapfang.core.supervise import Child, supervise

    static_collect()
    _metrics_folder()
    children = [Child("the web server", _web_command(parsed))]
    if not parsed.no_worker:
        children.append(Child("the job worker", [sys.executable, "-m", "rapfang.cli", "worker"]))
    print(f"rapfang is serving on http://{parsed.host}:{parsed.port}/ (Ctrl-C stops it)", flush=True)
    code = supervise(children)
    print("rapfang stopped.", flush=True)
    return code


def _header_seconds(text: str) -> int:
    """`--header-timeout` or RAPFANG_HEADER_TIMEOUT as whole seconds within HEADER_TIMEOUT_LIMITS; argparse names the
    option and this says what it needs."""
    low, high = HEADER_TIMEOUT_LIMITS
    if not (text.strip().isdigit() and low <= int(text) <= high):
        raise argparse.ArgumentTypeError(
            f"{text!r}: a whole number of seconds from {low} to {high} is needed (--header-timeout or "
            "RAPFANG_HEADER_TIMEOUT)"
        )
    return int(text)


def _metrics_folder() -> None:
    """The folder in which the web server's processes count requests together (prometheus-client's multiprocess
    mode, core.metrics), emptied at each start."""
    import shutil

    from django.conf import settings

    folder = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or settings.DATA_DIR / "metrics")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)


def _site_address_default(parsed: argparse.Namespace) -> None:
    """Without RAPFANG_SITE_URL (a site behind a proxy sets it), the links that e-mails and the API give out name the
    address this server answers on, for it and the processes it starts: `--port 8100` gives http://127.0.0.1:8100."""
    if os.environ.get("RAPFANG_SITE_URL"):
        return
    host = "127.0.0.1" if parsed.host in ("", "0.0.0.0", "::") else parsed.host  # noqa: S104 (read, not bound)
    os.environ["RAPFANG_SITE_URL"] = f"http://{f'[{host}]' if ':' in host else host}:{parsed.port}"


def _web_command(parsed: argparse.Namespace) -> list[str]:
    """granian (WSGI): it reads request headers itself, without a Python thread, and drops a client that has not
    sent them within `--header-timeout` seconds; each request body and response still holds one of `--threads`
    threads (decision 12). Each process has as many threads again, so that the requests beyond the few it serves at once
    (`RAPFANG_MAX_IN_FLIGHT`) reach the gate and are refused at once with 503 (core.overload, decisions 19 and 25)
    instead of waiting unseen in the server's queue."""
    return [
        sys.executable, "-m", "granian", "--interface", "wsgi", "rapfang.wsgi:application",
        "--host", parsed.host, "--port", str(parsed.port), "--workers", str(parsed.workers),
        "--blocking-threads", str(2 * parsed.threads), "--http1-header-read-timeout",
        str(1000 * parsed.header_timeout),
        "--respawn-failed-workers", "--workers-kill-timeout", "10", "--log-level", "warning",
        *_access_log(),
    ]  # fmt: skip


def _access_log() -> list[str]:
    """RAPFANG_ACCESS_LOG: `-` for standard output, `off`, or a file; as JSON lines with RAPFANG_LOG_FORMAT=json."""
    from django.conf import settings

    target = os.environ.get("RAPFANG_ACCESS_LOG", "-")
    if target in ("", "off", "/dev/null"):
        return ["--no-access-log"]
    if target == "-" and settings.LOG_FORMAT != "json":
        return ["--access-log"]
    json_lines = {"()": "rapfang.core.logjson.JsonFormatter"}
    formatter = json_lines if settings.LOG_FORMAT == "json" else {"format": "%(message)s"}
    access = {"class": "logging.StreamHandler", "formatter": "line", "stream": "ext://sys.stdout"}
    if target != "-":
        access = {"class": "logging.FileHandler", "formatter": "line", "filename": target}
    config = {
        "version": 1, "disable_existing_loggers": False, "formatters": {"line": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}, "access": access},
        "loggers": {"_granian": {"handlers": ["console"], "level": "WARNING", "propagate": False},
                    "granian.access": {"handlers": ["access"], "level": "INFO", "propagate": False}},
    }  # fmt: skip
    path = settings.DATA_DIR / "access-log.json"  # granian's logging configuration, written at each start
    path.write_text(json.dumps(config))
    return ["--access-log", "--log-config", str(path)]


if __name__ == "__main__":
    sys.exit(main())
