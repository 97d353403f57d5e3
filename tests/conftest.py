"""Shared pytest options for the test suite.

`--slow` (default off) makes the mutation tests (tests/test_mutations.py) run thousands of
generated cases instead of the few hundred CI runs; the `slow` fixture tells a test which
run it is in. `LKJ_MUTATION_CASES=N` and `LKJ_MUTATION_SEED_BASE=S` override the number of
cases and the first seed (see tests/mutations/damage.py).

Every test runs with `LKJ_ARSIP` pointing at an archive in a fresh temporary folder, so no
test (nor a command it runs in a subprocess) ever reads or writes the real user data
folder's archive.
"""

from __future__ import annotations

import os
import tempfile

import pytest


def pytest_addoption(parser):
    try:
        parser.addoption("--slow", action="store_true", default=False,
                         help="run the long test variants (thousands of mutation cases)")
    except ValueError:  # another plugin or conftest already defines it
        pass


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "big: a large input (e.g. 200,000 rows); still runs in CI, within ~60 s")
    config.addinivalue_line("markers", "slow_only: runs only with --slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--slow", default=False):
        return
    skip = pytest.mark.skip(reason="only with --slow")
    for item in items:
        if "slow_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def slow(pytestconfig) -> bool:
    """True when pytest runs with --slow."""
    return bool(pytestconfig.getoption("--slow", default=False))


@pytest.fixture(scope="session", autouse=True)
def _no_archive_in_the_user_folder():
    """Fixtures of wider scope run before any test's own setting: from the start of the
    session `LKJ_ARSIP` points away from the user's data folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LKJ_ARSIP", os.path.join(tempfile.mkdtemp(prefix="lkj-arsip-"), "arsip.sqlite"))
        yield


@pytest.fixture(scope="module", autouse=True)
def _archive_per_module(tmp_path_factory, _no_archive_in_the_user_folder):
    """Each test module's module-scoped fixtures get an archive of their own, so what one
    module processes is never another module's earlier report."""
    folder = tmp_path_factory.mktemp("arsip-modul")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LKJ_ARSIP", str(folder / "arsip.sqlite"))
        yield


@pytest.fixture(autouse=True)
def _archive_in_a_temporary_folder(tmp_path_factory, monkeypatch, _archive_per_module):
    """`LKJ_ARSIP` -> `<a fresh temporary folder>/arsip.sqlite` for every test."""
    folder = tmp_path_factory.mktemp("arsip")
    monkeypatch.setenv("LKJ_ARSIP", str(folder / "arsip.sqlite"))
