"""The login throttle: counts per name and per address in SQLite, the backoff, and what survives and what races."""

from __future__ import annotations

import stat
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest

from gjj_dash.store import accounts as auth
from gjj_dash.store import logins
from tests.support.clock import Clock

USERS = {"张薇": auth.hash_password("password-1")}
HOME, OFFICE = "10.1.2.3", "10.1.2.4"


@pytest.fixture
def throttle(tmp_path: Path, clock: Clock) -> logins.Throttle:
    return logins.Throttle(logins.logins_path(tmp_path), clock)


@pytest.mark.parametrize(("failures", "delay"), [(0, 0), (1, 0), (2, 0), (3, 1), (4, 2), (5, 4), (8, 32), (30, 300)])
def test_the_delay_grows_after_failures_of_a_name(failures: int, delay: float) -> None:
    """Two free mistakes, then 1, 2, 4 … seconds, capped at five minutes."""
    assert logins.delay_after(failures) == delay


@pytest.mark.parametrize(("failures", "delay"), [(5, 0), (6, 1), (7, 2), (9, 8), (40, 300)])
def test_an_address_has_more_free_failures(failures: int, delay: float) -> None:
    """An address (several staff behind one office address) waits only from its sixth failure on."""
    assert logins.delay_after(failures, logins.ADDRESS_FREE_FAILURES) == delay


def test_login_waits_after_repeated_failures_even_with_the_right_password(throttle, clock) -> None:
    """Three wrong passwords: the next attempt is refused unchecked until the delay has passed; success resets."""
    for n in range(3):
        assert auth.login(USERS, "张薇", "wrong", throttle, HOME) == auth.Login(False, wait=0.0 if n < 2 else 1.0)
    assert auth.login(USERS, "张薇", "password-1", throttle, HOME) == auth.Login(False, 1.0, throttled=True)
    clock.now += 1.0
    assert auth.login(USERS, "张薇", "password-1", throttle, HOME).ok
    assert throttle.wait("张薇", HOME) == 0 and auth.login(USERS, "张薇", "wrong", throttle, HOME).wait == 0


def test_an_unknown_name_fails_like_a_wrong_password_and_is_throttled_too(throttle) -> None:
    """No account of that name: refused, and its failures count like any other name's."""
    for _ in range(3):
        assert not auth.login({}, "nobody", "password-1", throttle, HOME).ok
    assert auth.login({}, "nobody", "password-1", throttle, HOME).throttled


def test_a_name_is_throttled_from_every_address(throttle) -> None:
    """Guessing one name from three addresses locks that name for a fourth address as well."""
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        assert not auth.login(USERS, "张薇", "wrong", throttle, address).ok
    assert auth.login(USERS, "张薇", "password-1", throttle, "10.0.0.4") == auth.Login(False, 1.0, throttled=True)


def test_an_address_is_throttled_whatever_name_it_tries(throttle) -> None:
    """Six names guessed once each from one address: a seventh name from it waits; another address does not."""
    for n in range(6):
        assert not auth.login(USERS, f"guess{n}", "wrong", throttle, OFFICE).throttled
    assert auth.login(USERS, "张薇", "password-1", throttle, OFFICE) == auth.Login(False, 1.0, throttled=True)
    assert auth.login(USERS, "张薇", "password-1", throttle, HOME).ok


def test_a_success_clears_the_name_but_not_the_address_failures_on_other_names(throttle, clock) -> None:
    """Five failed guesses from an address, then its own correct login: the address keeps its five, so one more
    guess on another name makes it wait, while the name that logged in starts afresh."""
    for n in range(5):
        auth.login(USERS, f"guess{n}", "wrong", throttle, OFFICE)
    assert auth.login(USERS, "张薇", "password-1", throttle, OFFICE).ok
    assert auth.login(USERS, "guess9", "wrong", throttle, OFFICE) == auth.Login(False, 1.0)
    clock.now += 1.0
    assert throttle.wait("张薇", HOME) == 0


def test_the_counts_survive_a_new_throttle_and_another_process(tmp_path: Path, clock) -> None:
    """Failures counted by another Python process are seen by a new Throttle on the same file."""
    path = logins.logins_path(tmp_path)
    code = (
        "import sys; from gjj_dash.store import logins; "
        "t = logins.Throttle(logins.Path(sys.argv[1]), lambda: float(sys.argv[2])); "
        "[t.attempt('张薇', '10.9.9.9') for _ in range(3)]"
    )
    subprocess.run([sys.executable, "-c", code, str(path), str(clock.now)], check=True)
    assert logins.Throttle(path, clock).wait("张薇", HOME) == 1.0
    assert auth.login(USERS, "张薇", "password-1", logins.Throttle(path, clock), HOME).throttled
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_attempts_sent_at_the_same_moment_are_each_counted(throttle) -> None:
    """Twelve sessions trying one name at once: only the three free attempts reach the password check, the
    others are refused unchecked, and the name's count says three."""
    barrier, results = threading.Barrier(12), []

    def attempt() -> None:
        barrier.wait()
        results.append(auth.login(USERS, "张薇", "wrong", throttle, f"10.0.0.{threading.get_ident() % 200}"))

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(not r.throttled for r in results) == 3 and sum(r.throttled for r in results) == 9
    assert throttle.wait("张薇", "10.255.0.1") == 1.0


def test_a_count_without_failures_for_a_day_is_forgotten(throttle, clock) -> None:
    """Ten failures, a day and a second later: the name may try again and starts from the free mistakes."""
    for _ in range(10):
        clock.now += 400
        auth.login(USERS, "张薇", "wrong", throttle, HOME)
    clock.now += logins.FORGET_AFTER + 1
    assert auth.login(USERS, "张薇", "wrong", throttle, HOME) == auth.Login(False, 0.0)


def test_a_clock_set_back_never_makes_the_wait_longer_than_five_minutes(throttle, clock) -> None:
    """Failures, then the wall clock set back an hour: the wait is capped at the longest delay."""
    for _ in range(3):
        auth.login(USERS, "张薇", "wrong", throttle, HOME)
    clock.now -= 3600
    assert throttle.wait("张薇", HOME) == logins.MAX_DELAY


def test_an_unusable_throttle_file_refuses_the_login_in_chinese(tmp_path: Path) -> None:
    """The throttle's path is a folder: ThrottleError naming it; the password is never checked."""
    (tmp_path / logins.LOGINS_FILE).mkdir()
    with pytest.raises(logins.ThrottleError, match="登录限制记录 .*logins.sqlite3 无法读写"):
        auth.login(USERS, "张薇", "password-1", logins.Throttle(logins.logins_path(tmp_path)), HOME)


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (auth.Login(False, 0.0), "账户名或密码错误。"),
        (auth.Login(False, 4.0), "账户名或密码错误。连续失败次数较多：请于 14:32:04 之后再试（4 秒后）。"),
        (auth.Login(False, 299.2, throttled=True),
         "尝试次数过多：请于 14:37:00 之后再试（300 秒后；本次未检查密码）。"),
    ],
)
def test_a_refusal_says_when_to_try_again(result: auth.Login, message: str) -> None:
    """The clock time of the next attempt and the seconds, rounded up."""
    assert auth.refusal(result, "zh", now=datetime(2026, 12, 7, 14, 32, 0)) == message
