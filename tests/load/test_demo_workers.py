"""The demo under gunicorn with several workers (demo/gunicorn_conf.py): every
worker answers handler requests before any page was loaded, for the block
scenarios and the sample courses alike, and loading scenarios logs no warning
about `url_name` (a runtime attribute of OLX, not a field)."""
import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.support.live_server import DemoServer


def _usage_ids(server):
    """The usage ids the demo has, read in a separate process like the server's."""
    import subprocess
    import sys
    code = ("import django; django.setup(); import demo.urls; "
            "from tests.support.workbench import scenario_usage_ids; import json; "
            "print(json.dumps(scenario_usage_ids('leergang_trust_scan')))")
    out = subprocess.run([sys.executable, "-c", code], env=server.env, cwd=server.root,
                         capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_every_worker_answers_handlers_before_any_page_and_logs_no_url_name_warning():
    server = DemoServer(workers=4)
    try:
        server.start(warm_up=False)
        usage_ids = _usage_ids(server)
        assert any(u.startswith("sample-course") or "sample" in u for u in usage_ids) or len(usage_ids) > 4

        def ask(usage_id):
            # One participant per request: a participant's own overlapping first
            # requests are a different matter (the workbench store's duplicate rows).
            response = requests.get(f"{server.url}/handler/{usage_id}/results/?student=w_{uuid.uuid4().hex[:10]}",
                                    timeout=60)
            return usage_id, response.status_code

        # Many requests at once reach every worker.
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(ask, usage_ids * 4))
        assert [a for a in answers if a[1] != 200] == []
        log = open(server.log.name).read()
        assert "does not contain field url_name" not in log
    finally:
        server.stop()
