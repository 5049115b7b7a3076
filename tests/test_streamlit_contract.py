"""What lishi_metrics.ui._compat assumes of Streamlit's internals, asserted against the installed Streamlit, one
test per assumption: after an upgrade the broken assumption fails here, by name, before any page does."""

from __future__ import annotations

import inspect
import re
import socket
from pathlib import Path

import pyarrow as pa
import streamlit
from streamlit.testing.v1 import AppTest

from lishi_metrics.ui import _compat

REPO = Path(__file__).resolve().parent.parent


def test_the_installed_streamlit_is_the_version_compat_was_checked_against():
    """The pin in pyproject.toml and in the hashed lock (requirements.txt) is the version _compat was checked
    against, and the one installed."""
    declared = re.search(r'"streamlit==([^"]+)"', (REPO / "pyproject.toml").read_text(encoding="utf-8"))
    locked = re.search(r"^streamlit==(\S+)", (REPO / "requirements.txt").read_text(encoding="utf-8"), re.M)
    assert declared and locked
    assert declared.group(1) == locked.group(1) == _compat.STREAMLIT_CHECKED == streamlit.__version__


# --- the run context --------------------------------------------------------------------------------------

def _context_app():
    import streamlit as st

    from lishi_metrics.ui import _compat

    st.session_state["in_run"] = _compat.run_context() is not None
    st.session_state["main_script"] = _compat.main_script_path()


def test_the_run_context_exists_inside_a_run_only_and_knows_the_main_script():
    """ui.cache asks whether it runs inside a script run; navigation() needs the main script's path."""
    at = AppTest.from_function(_context_app)
    at.run()
    assert not at.exception
    assert at.session_state["in_run"] is True
    assert Path(at.session_state["main_script"]).is_absolute()
    assert _compat.run_context() is None and _compat.main_script_path() is None  # outside a run


# --- the legacy router ------------------------------------------------------------------------------------

def test_the_legacy_router_runs_instead_of_the_main_script_while_the_class_flag_is_true():
    from streamlit.runtime import pages_manager
    from streamlit.runtime.scriptrunner import script_runner

    assert "uses_pages_directory" in vars(pages_manager.PagesManager)
    assert callable(script_runner._mpa_v1)
    run_source = inspect.getsource(script_runner.ScriptRunner._run_script)
    assert re.search(r"if PagesManager\.uses_pages_directory:\s*_mpa_v1\(", run_source)
    # The first PagesManager sets the flag from whether pages/ sits beside the main script.
    assert "PagesManager.uses_pages_directory is None" in inspect.getsource(pages_manager.PagesManager.__init__)


def test_st_navigation_turns_the_legacy_router_off_for_the_whole_process():
    from streamlit.commands import navigation

    assert "PagesManager.uses_pages_directory = False" in inspect.getsource(navigation)


def _default_page_app():
    import streamlit as st

    def home():
        st.write("home")

    default = st.Page(home, title="Home", default=True)
    named = st.Page(home, title="Named", url_path="named")
    st.session_state["paths"] = (default.url_path, named.url_path)


def test_a_default_pages_url_path_is_empty_so_it_is_served_only_at_the_root():
    at = AppTest.from_function(_default_page_app)
    at.run()
    assert not at.exception and at.session_state["paths"] == ("", "named")


# --- st.Page copies ---------------------------------------------------------------------------------------

PAGE_FIELDS = {"_default", "_external_url", "_visibility", "_help", "_page", "_title", "_icon", "_url_path",
               "_can_be_called"}


def _page_copy_app():
    import streamlit as st

    from lishi_metrics.ui import _compat

    def body():
        st.write("page")

    template = st.Page(body, title="Page", url_path="page")
    run_copy = _compat.page_copy(template)
    chosen = st.navigation([run_copy], position="hidden")
    st.session_state["fields"] = sorted(vars(template))
    st.session_state["flags"] = (chosen is run_copy, run_copy._can_be_called, template._can_be_called)
    chosen.run()
    st.session_state["after_run"] = run_copy._can_be_called


def test_a_shallow_page_copy_carries_the_only_run_state_st_navigation_sets():
    at = AppTest.from_function(_page_copy_app)
    at.run()
    assert not at.exception, at.exception
    assert set(at.session_state["fields"]) == PAGE_FIELDS  # a new field is new state: check it is not run state
    assert at.session_state["flags"] == (True, True, False)  # navigation marked the copy, not the template
    assert at.session_state["after_run"] is False


# --- chart datasets as Arrow bytes --------------------------------------------------------------------------

def test_vega_lite_sends_bytes_in_spec_datasets_unchanged_as_the_arrow_stream():
    from streamlit.elements.vega_charts import _marshall_chart_data
    from streamlit.proto.VegaLiteChart_pb2 import VegaLiteChart

    payload = _compat.arrow_bytes([{"year": 2025, "value": 255.0}])
    spec = {"mark": "bar", "data": {"name": "d"}, "datasets": {"d": payload}}
    proto = VegaLiteChart()
    _marshall_chart_data(proto, dict(spec))
    assert [(d.name, d.data.data) for d in proto.datasets] == [("d", payload)]
    assert spec["datasets"] == {"d": payload}  # the caller's dict (a shared page model's) is left as it was


def _shared_spec_app():
    import streamlit as st

    from lishi_metrics.ui import _compat

    spec = {"mark": "bar", "data": {"name": "d"}, "encoding": {"x": {"field": "year", "type": "ordinal"}},
            "datasets": {"d": _compat.arrow_bytes([{"year": 2025}])}}
    st.vega_lite_chart(spec=spec)
    st.session_state["kept"] = sorted(spec) == ["data", "datasets", "encoding", "mark"]


def test_st_vega_lite_chart_leaves_the_spec_it_is_given_unchanged():
    at = AppTest.from_function(_shared_spec_app)
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["kept"] is True


def test_chart_rows_go_to_arrow_directly_with_the_same_values_as_streamlits_own_path():
    """_compat.arrow_bytes: Altair's inline rows become the same table as dataframe_util's (pandas) path, and
    rows Arrow cannot type (text and numbers in one column) still take dataframe_util's path."""
    from streamlit import dataframe_util

    rows = [{"year": 2025, "value": 255.0, "label": "2025年目标 255 亿元"}, {"year": 2026, "value": None, "label": "x"}]
    direct = pa.ipc.open_stream(_compat.arrow_bytes(rows)).read_all()
    assert direct.to_pylist() == rows
    via_pandas = pa.ipc.open_stream(dataframe_util.convert_anything_to_arrow_bytes(rows)).read_all()
    assert via_pandas.select(["year", "value", "label"]).to_pylist() == rows
    mixed = [{"v": 1}, {"v": "a"}]
    assert pa.ipc.open_stream(_compat.arrow_bytes(mixed)).read_all().column("v").to_pylist() == ["1", "a"]


# --- the launcher's pins ------------------------------------------------------------------------------------

def test_net_util_answers_from_its_module_globals_without_probing_once_pinned(monkeypatch):
    from streamlit import net_util

    monkeypatch.setattr(net_util, "_internal_ip", None)
    monkeypatch.setattr(net_util, "_external_ip", None)

    def no_network(*args, **kwargs):
        raise AssertionError("net_util probed the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(net_util, "_make_blocking_http_get", no_network)
    _compat.pin_network_probes()
    assert net_util.get_internal_ip() == "127.0.0.1" and net_util.get_external_ip() == "127.0.0.1"


def test_the_leading_emoji_regex_is_read_at_each_call_and_the_quick_one_matches_exactly_the_same(monkeypatch):
    """_compat.quick_emoji_check: string_util reads emojis.EMOJI_EXTRACTION_REGEX at each call; the look-ahead
    regex finds the same leading emoji and rest as Streamlit's own for every emoji Streamlit knows (alone,
    before text, before _), and none in Chinese or ASCII text; applied twice it changes nothing more."""
    from streamlit import emojis, string_util

    original = emojis.EMOJI_EXTRACTION_REGEX
    assert original.pattern.startswith("^(")
    monkeypatch.setattr(emojis, "EMOJI_EXTRACTION_REGEX", original)
    assert _compat.quick_emoji_check()
    quick = emojis.EMOJI_EXTRACTION_REGEX
    assert quick is not original and quick.pattern.startswith("^(?=[")
    assert not _compat.quick_emoji_check() and emojis.EMOJI_EXTRACTION_REGEX is quick
    samples = [s for e in emojis.ALL_EMOJIS for s in (e, f"{e} 稳健增长", f"{e}_x", f"{e}{e}")]
    samples += ["稳健增长", "中文", "2025年", "Steady growth", "", " 🚨", "x🚨", "🚨🚨 两个"]
    for text in samples:
        want, got = original.search(text), quick.search(text)
        assert (want and want.groups()) == (got and got.groups()), text
    assert string_util.extract_leading_emoji("🚨 警报") == ("🚨", "警报")
    assert string_util.extract_leading_emoji("稳健增长") == ("", "稳健增长")
    monkeypatch.setattr(emojis, "EMOJI_EXTRACTION_REGEX", re.compile(r"^(稳)(.*)"))
    assert string_util.extract_leading_emoji("稳健") == ("稳", "健")  # read from the module, not bound at import


def test_streamlits_cli_main_is_the_streamlit_command_with_run(monkeypatch):
    from streamlit.web import cli

    assert "run" in cli.main.commands
    seen = {}
    monkeypatch.setattr(cli.main.commands["run"], "callback", lambda **kwargs: seen.update(kwargs))
    monkeypatch.setattr("sys.argv", [])
    assert _compat.run_streamlit("app.py", ["--server.port", "1"]) == 0
    assert seen.get("target") == "app.py"


def test_a_deferred_download_that_fails_shows_the_words_given_for_it_instead_of_streamlits_english():
    """_compat.say_download_failures: the handler runs the callable in a thread that sees the context set around
    it, and the answer's error_msg is what the browser shows; without our words Streamlit's own stay."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler

    assert _compat.say_download_failures() and _compat.say_download_failures()  # once, idempotent

    class Manager:
        def __init__(self, words):
            self.words = words

        def execute_deferred(self, file_id):
            if self.words:
                _compat.say_download_failure(self.words)
            raise RuntimeError("boom")

    def answer(words):
        request = BackendOperationRequest(request_id="r1")
        request.deferred_file.file_id = "f1"
        # In a thread of its own: a worker whose session Chromium (sync Playwright) runs has an event loop
        # running in this thread, where asyncio.run refuses to start.
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, DeferredFileHandler(lambda: Manager(words)).handle(request, "session")).result()

    assert answer("文件未能生成：程序内部错误。").error_msg == "文件未能生成：程序内部错误。"
    assert answer("").error_msg == "Failed to generate file for download"


def test_the_component_scan_is_imported_at_each_call_and_runs_once_per_process(monkeypatch):
    """_compat.scan_components_once: discover_and_register_components imports scan_component_manifests inside
    the method, so the module attribute is what it calls; once applied, later scans read no package metadata
    and return the same manifests, each caller its own list."""
    import importlib.metadata
    import inspect

    from streamlit.components.v2 import component_manager, manifest_scanner

    source = inspect.getsource(component_manager.BidiComponentManager.discover_and_register_components)
    assert "from streamlit.components.v2.manifest_scanner import" in source and "scan_component_manifests()" in source
    assert _compat.scan_components_once() and _compat.scan_components_once()  # idempotent (conftest applied it)
    assert manifest_scanner.scan_component_manifests._lishi_once
    first = manifest_scanner.scan_component_manifests()
    calls = []
    monkeypatch.setattr(importlib.metadata, "distributions", lambda *a, **k: calls.append(1) or iter(()))
    again = manifest_scanner.scan_component_manifests()
    assert again == first and again is not first and calls == []
    seen = []
    monkeypatch.setattr(component_manager.BidiComponentManager, "register_from_manifest",
                        lambda self, manifest, root: seen.append(manifest))
    component_manager.BidiComponentManager().discover_and_register_components(start_file_watching=False)
    assert calls == [] and len(seen) == len(first)


def test_every_apptest_run_shares_one_script_cache_that_compiles_a_file_version_once(tmp_path, monkeypatch):
    """_compat.share_test_script_cache: AppTest._run and LocalScriptRunner each call the module-level name
    ScriptCache() at every run, and the runner only calls get_bytecode (and clear) on it; once applied, a page run
    twice is compiled once, and a rewritten file is compiled anew."""
    from streamlit.runtime.scriptrunner import magic, script_cache, script_runner
    from streamlit.testing.v1 import app_test, local_script_runner

    assert "ScriptCache()" in inspect.getsource(app_test.AppTest._run)
    assert "script_cache=ScriptCache()" in inspect.getsource(local_script_runner.LocalScriptRunner.__init__)
    used = set(re.findall(r"_script_cache\.(\w+)\(", inspect.getsource(script_runner)))
    assert used == {"get_bytecode"} and {"get_bytecode", "clear"} <= set(vars(script_cache.ScriptCache))
    assert _compat.share_test_script_cache() and _compat.share_test_script_cache()  # idempotent (conftest applied it)
    assert local_script_runner.ScriptCache() is app_test.ScriptCache() is local_script_runner.ScriptCache()
    compiled = []
    real = magic.add_magic
    monkeypatch.setattr(magic, "add_magic", lambda body, path: compiled.append(path) or real(body, path))
    page = tmp_path / "page.py"
    page.write_text("import streamlit as st\nst.write('one')\n", encoding="utf-8")
    for _ in range(2):
        at = AppTest.from_file(str(page))
        at.run()
        assert [m.value for m in at.markdown] == ["one"]
    page.write_text("import streamlit as st\nst.write('two, rewritten')\n", encoding="utf-8")
    at.run()
    assert [m.value for m in at.markdown] == ["two, rewritten"]
    assert compiled == [str(page)] * 2  # once per version of the file, whichever run or AppTest asks
