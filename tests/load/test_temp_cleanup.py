"""Test runs leave nothing in the temp dir: the private MariaDB's folder (about
117 MB) and each demo server's database and log are removed when they stop."""
import os

import pytest

from tests.support.live_server import DemoServer
from tests.support.mariadb import private_mariadb, require_mariadb


@pytest.mark.database_server
def test_the_private_mariadb_folder_is_removed():
    require_mariadb()
    with private_mariadb() as databases:
        folder = databases["_data_dir"]
        assert os.path.isdir(os.path.join(folder, "data"))
    assert not os.path.exists(folder)


def test_a_demo_servers_folder_is_removed():
    server = DemoServer().start()
    folder = server.var_dir
    assert os.path.exists(os.path.join(folder, "live.db"))
    server.stop()
    assert not os.path.exists(folder)
