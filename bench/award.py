"""Benchmark of the award job: `python bench/award.py N [--workers W] [--chunk C] [--mode full]`.

Builds a synthetic approved list of N awardees (a tenth collectives) with its session file,
runs the `award` flow on a temporary Prefect API (started before timing: "flow start
excluded"), and prints a table: end-to-end time, where it went (reading, decision, certificate
DOCX, PDF, packaging, orchestration) and the peak memory of the process tree.
Reproducible: the data is generated from a fixed seed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Tao", "Lường", "Vàng", "Giàng"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Đức", "Ngọc", "Quang", "Thu", "Hữu", "Mạnh"]
GIVEN = [
    "An",
    "Ánh",
    "Bình",
    "Chiến",
    "Dung",
    "Đạt",
    "Hà",
    "Hải",
    "Hương",
    "Khánh",
    "Lan",
    "Mai",
    "Nam",
    "Thiện",
    "Trang",
    "Tuấn",
    "Xuân",
    "Yến",
]
UNITS = [
    "Trường THPT Phong Thổ",
    "Bệnh viện Đa khoa tỉnh Lai Châu",
    "Công ty Điện lực Lai Châu",
    "Sở Giáo dục và Đào tạo tỉnh Lai Châu",
    "Công ty TNHH MTV Cao su Lai Châu",
    "Ban Chính sách pháp luật & Quan hệ lao động",
]
POSITIONS = ["Giáo viên", "Bác sĩ", "Công nhân", "Chuyên viên", "Kỹ sư", "Chủ tịch Công đoàn cơ sở"]

SESSION = """issuer: ldld-lai-chau
date: 2026-01-05
subject: Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong phong trào thi đua năm 2025
legal_bases:
  - Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022
  - Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng
proposer: Ban Chính sách pháp luật và Quan hệ lao động
proposal: Tờ trình số 05/TTr-CSPL ngày 02 tháng 01 năm 2026
achievement: đã có thành tích xuất sắc trong phong trào thi đua năm 2025
award_form: giay_khen
recipients: [Như Điều 3]
archive: VT, TĐKT
"""


def synthetic_list(n: int, folder: Path, seed: int = 2026) -> Path:
    rng = random.Random(seed)
    n_coll = max(1, n // 10)
    collectives = [{"name": f"Công đoàn cơ sở {rng.choice(UNITS)} số {i + 1}"} for i in range(n_coll)]
    individuals = []
    for i in range(n - n_coll):
        sex = rng.choice(["Nam", "Nữ"])
        individuals.append(
            {
                "name": f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {i + 1}",
                "sex": sex,
                "position": rng.choice(POSITIONS),
                "unit": rng.choice(UNITS),
            }
        )
    path = folder / "danh-sach.json"
    path.write_text(
        json.dumps({"collectives": collectives, "individuals": individuals}, ensure_ascii=False), encoding="utf-8"
    )
    (folder / "danh-sach.session.yaml").write_text(SESSION, encoding="utf-8")
    return path


class TreeSampler:
    """Peak resident memory of a process and its descendants (the process-pool workers), read
    from /proc in a process of its own (`python bench/award.py --sample-tree PID`).

    Besides the sum of RSS (`peak_total`, what earlier tables report), the peak of the job's
    processes alone (`peak_job`: the Prefect API server left out, it serves every run) and the
    peak sum of PSS (`peak_pss`: pages shared between processes, such as the text of libpython,
    Pango and HarfBuzz, counted once across the tree instead of once per process).

    Until 2026-12-02 this ran as a thread of the benchmark, which is the flow process: twenty
    reads of /proc a second under its interpreter lock cost the run it measured ~2 s."""

    def __init__(self, root: int) -> None:
        self.root, self.me = root, os.getpid()
        self.peak_total = self.peak_job = self.peak_pss = self.peak_job_pss = 0
        self.peak_by_process: dict[str, int] = {}
        self.cpu_by_process: dict[str, float] = {}
        #: each job process's PSS at the instant the job's sum peaked (what to cut to lower it)
        self.pss_at_peak: dict[str, int] = {}
        self.started = time.monotonic()
        self.peak_at = 0.0

    def sample(self) -> None:
        """One reading of the tree (pool workers are started from threads, so
        /proc/<pid>/task/<pid>/children does not list them: walk the parent ids instead)."""
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                parents[int(stat.parent.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
        pids, frontier = [self.root], [self.root]
        while frontier:
            frontier = [pid for pid, ppid in parents.items() if ppid in frontier and pid != self.me]
            pids += frontier
        total = job = pss = job_pss = 0
        by_process: dict[str, int] = {}
        for pid in pids:
            try:
                rss = next(
                    int(line.split()[1]) * 1024
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                    if line.startswith("VmRSS:")
                )
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:120]
            except (OSError, StopIteration):
                continue
            total += rss
            name = (
                "this process"
                if pid == self.root
                else ("fork server" if parents.get(pid) == self.root else f"worker {pid}")
                if "forkserver" in cmd  # the workers forked from it keep its command line
                else "resource tracker"
                if "resource_tracker" in cmd
                else ("prefect API server" if "uvicorn" in cmd or "prefect server" in cmd else f"worker {pid}")
            )
            if name != "prefect API server":
                job += rss
            try:
                proc_pss = next(
                    int(line.split()[1]) * 1024
                    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
                    if line.startswith("Pss:")
                )
            except (OSError, StopIteration):
                proc_pss = rss
            pss += proc_pss
            if name != "prefect API server":
                job_pss += proc_pss
                by_process[name] = proc_pss
            self.peak_by_process[name] = max(self.peak_by_process.get(name, 0), rss)
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                self.cpu_by_process[name] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, IndexError, ValueError):
                pass
        self.peak_total = max(self.peak_total, total)
        self.peak_job = max(self.peak_job, job)
        self.peak_pss = max(self.peak_pss, pss)
        if job_pss > self.peak_job_pss:
            self.peak_job_pss, self.pss_at_peak = job_pss, by_process
            self.peak_at = time.monotonic() - self.started


def sample_tree(root: int, period: float = 0.05) -> None:
    """The sampler process: one reading at once (the CPU counters at the start), then readings
    every `period` s until a line arrives on stdin; the peaks go to stdout as JSON."""
    import select

    sampler = TreeSampler(root)
    sampler.sample()
    cpu_at_start = dict(sampler.cpu_by_process)
    print(json.dumps({"ready": True}), flush=True)
    while not select.select([sys.stdin], [], [], period)[0]:
        sampler.sample()
    sampler.sample()
    report = {k: v for k, v in vars(sampler).items() if k.startswith(("peak", "cpu", "pss_at"))}
    print(json.dumps({**report, "cpu_at_start": cpu_at_start}), flush=True)


class PeakMemory:
    """`with PeakMemory() as mem:` — the tree sampler in its own process, its peaks on exit."""

    def __enter__(self):
        import subprocess

        self._proc = subprocess.Popen(
            [sys.executable, __file__, "--sample-tree", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdout is not None
        json.loads(self._proc.stdout.readline())  # its first reading is taken: the run may start
        return self

    def __exit__(self, *exc):
        out, _ = self._proc.communicate("stop\n", timeout=60)
        for key, value in json.loads(out.splitlines()[-1]).items():
            setattr(self, key, value)


def answer_first_request() -> None:
    """Ask the new API server for its version once before timing. Its first request takes
    1.5–2 s (the server finishes setting itself up), which a clerk's server, up and answering
    since morning, does not charge her run; `--cold-server` keeps it in the timing."""
    from prefect import get_client

    with get_client(sync_client=True) as client:
        client.api_version()


def print_timeline(t0: float) -> None:
    """The flow run's and its task runs' start and end, seconds after the call, read back from
    the API: where the orchestration's time sits between the workers' tasks."""
    from prefect import get_client

    with get_client(sync_client=True) as client:
        runs = [*client.read_flow_runs(), *client.read_task_runs()]
    rows = []
    for run in runs:
        if run.start_time is None:
            continue
        end = run.end_time.timestamp() - t0 if run.end_time else float("nan")
        rows.append((run.start_time.timestamp() - t0, end, run.name))
    for start, end, name in sorted(rows):
        print(f"{start:7.2f} {end:7.2f} {end - start:6.2f}  {name}")


def main() -> None:
    if sys.argv[1:2] == ["--sample-tree"]:
        sample_tree(int(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--chunk", type=int, default=None)
    parser.add_argument("--mode", choices=["full", "preprinted"], default="full")
    parser.add_argument("--profile", metavar="FILE", help="cProfile of the flow process (workers not included)")
    parser.add_argument(
        "--timeline", action="store_true", help="also print the run's task runs: start and end, s after the call"
    )
    parser.add_argument(
        "--cold-server", action="store_true", help="time the API server's first answer too (it is new for each run)"
    )
    args = parser.parse_args()
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

    from prefect.testing.utilities import prefect_test_harness

    import flows.award as award
    from flows.process_pool import start_early
    from vanban import text_metrics

    # As a clerk's command does at its top, while it runs one thread (before Prefect's harness
    # and the memory sampler start theirs): the render fork server is forked from this process.
    # With multiprocessing's own server (a threaded caller, the code before 2026-12-02 afternoon)
    # this hides that server's imports from the timing: it has finished them before the run.
    start_early()
    with tempfile.TemporaryDirectory() as tmp, prefect_test_harness(server_startup_timeout=60):
        folder = Path(tmp)
        os.environ["VANBAN_DATA_DIR"] = str(folder / "data")  # a register of its own, numbers from 01
        os.environ.pop("VANBAN_DATABASE_URL", None)
        list_path = synthetic_list(args.n, folder)
        if not args.cold_server:
            answer_first_request()
        params = dict(list_path=list_path, output_dir=folder / "out", mode=args.mode)
        if args.chunk:
            params["chunk_size"] = args.chunk
        workers = args.workers or award.default_workers()
        with PeakMemory() as mem:
            profiler = None
            if args.profile:
                import cProfile

                profiler = cProfile.Profile(time.process_time)  # CPU: the machine may be shared
                profiler.enable()
            t0, t0_wall = time.perf_counter(), time.time()
            outcome = award.run_award(workers=workers, **params)
            wall = time.perf_counter() - t0
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(args.profile)
        if args.timeline:
            print_timeline(t0_wall)
        t = outcome.timings
        files = sum(1 for _ in Path(outcome.folder).rglob("*") if _.is_file())
        size = sum(p.stat().st_size for p in Path(outcome.folder).rglob("*") if p.is_file())
        compute = t["decision"] + t["certificates_fit"] + t["certificates_docx"] + t["certificates_pdf"]
        rows = [
            ("awardees", f"{args.n}"),
            ("workers (processes)", f"{workers}"),
            ("font", text_metrics.font_files().family if text_metrics.font_files() else "none"),
            ("end-to-end, flow start excluded (s)", f"{wall:.2f}"),
            ("  flow body (s)", f"{t['flow_body']:.2f}"),
            ("  read + price list (s)", f"{t['read_and_price']:.2f}"),
            ("  rendering wall time (s)", f"{t['render_wall']:.2f}"),
            ("    decision + annex DOCX+PDF, worker (s)", f"{t['decision']:.2f}"),
            ("    certificate text fitting, workers (s)", f"{t['certificates_fit']:.2f}"),
            ("    certificate DOCX, workers (s)", f"{t['certificates_docx']:.2f}"),
            ("    certificate PDF (layout, write, split), workers (s)", f"{t['certificates_pdf']:.2f}"),
            ("  packaging: print PDF, manifest, ZIP, rename (s)", f"{t['package']:.2f}"),
            (
                "  orchestration = wall - read - compute/workers - package (s)",
                f"{wall - t['read_and_price'] - compute / workers - t['package']:.2f}",
            ),
            ("files written / total size (MB)", f"{files} / {size / 1e6:.1f}"),
            (
                "RSS of the flow process after read / render / package (MB)",
                f"{t['rss_mb_after_read']:.0f} / {t['rss_mb_after_render']:.0f} / {t['rss_mb_after_package']:.0f}",
            ),
            ("peak RSS, process tree (MB)", f"{mem.peak_total / 1e6:.0f}"),
            ("peak RSS, job processes: flow and workers, API server left out (MB)", f"{mem.peak_job / 1e6:.0f}"),
            ("peak PSS, process tree: shared pages counted once (MB)", f"{mem.peak_pss / 1e6:.0f}"),
            ("peak PSS, job processes: flow, fork server, workers (MB)", f"{mem.peak_job_pss / 1e6:.0f}"),
            (
                "  at that peak (s into the sampling), PSS by process (MB)",
                f"{mem.peak_at:.1f}: "
                + ", ".join(f"{name} {v / 1e6:.0f}" for name, v in sorted(mem.pss_at_peak.items()) if v > 5e6),
            ),
            ("peak RSS, this process (MB)", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}"),
            *(
                (f"  peak RSS, {name} (MB)", f"{rss / 1e6:.0f}")
                for name, rss in sorted(mem.peak_by_process.items())
                if rss > 50e6
            ),
            *(
                (f"  CPU time during the run, {name} (s)", f"{cpu - mem.cpu_at_start.get(name, 0.0):.1f}")
                for name, cpu in sorted(mem.cpu_by_process.items())
                if cpu - mem.cpu_at_start.get(name, 0.0) > 0.5
            ),
        ]
        width = max(len(r[0]) for r in rows)
        print(f"{'measure'.ljust(width)} | value")
        print(f"{'-' * width}-|------")
        for name, value in rows:
            print(f"{name.ljust(width)} | {value}")


if __name__ == "__main__":
    main()
