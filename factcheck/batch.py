"""Checking many sources: in this process, in N worker processes, or on a Dask cluster.

Every mode gives the same documents in the same order: each worker builds its own Checker
(store URL and rule packs) once and returns plain JSON-ready dicts, so results do not depend
on where they were computed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from factcheck.cache import NO_CACHE, Cache
from factcheck.errors import FactcheckError


@dataclass
class SourceResult:
    source: str
    document: dict | None = None      # the document as in the JSON report
    text: str | None = None           # the article text the offsets refer to
    error: str | None = None          # a one-line reason the source was skipped


_WORKER: dict = {}


def _init_worker(db: str | None, rule_dirs: Sequence[str], extract_only: bool,
                 cache: Cache = NO_CACHE, allow_private_urls: bool | tuple[str, ...] = False,
                 time_budget: float | None = None, after_load: Callable[[], None] | None = None) -> None:
    from factcheck.checker import Checker
    from factcheck.store.database import Store

    checker = Checker(Store(db), tuple(rule_dirs), cache=cache)
    if after_load is not None:
        checker.load()
        after_load()
    _WORKER["checker"] = checker
    _WORKER["extract_only"] = extract_only
    _WORKER["allow_private_urls"] = allow_private_urls
    _WORKER["time_budget"] = time_budget


def _check_one(job: tuple[str, date | None]) -> SourceResult:
    from factcheck.sources.published import publication_date
    from factcheck.report.build import document_json
    from factcheck.sources.reading import read_source

    source, published = job
    checker = _WORKER["checker"]
    try:
        text, metadata_date = read_source(source, allow_private_urls=_WORKER["allow_private_urls"])
        when, where = publication_date(text, published, metadata_date)
        budget = _WORKER["time_budget"]
        if _WORKER["extract_only"]:
            result = checker.extract(text, when, source=source, published_from=where, time_budget=budget)
        else:
            result = checker.check(text, when, source=source, published_from=where, time_budget=budget)
    except FactcheckError as exc:
        return SourceResult(source, error=str(exc))
    return SourceResult(source, document_json(result), text)


def _dask_task(jobs: list[tuple[str, date | None]], db: str | None, rule_dirs: tuple[str, ...],
               extract_only: bool, cache: Cache = NO_CACHE,
               allow_private_urls: bool | tuple[str, ...] = False,
               time_budget: float | None = None) -> list[SourceResult]:
    key = (db, rule_dirs, extract_only, cache, allow_private_urls, time_budget)
    if _WORKER.get("key") != key:
        _init_worker(db, rule_dirs, extract_only, cache, allow_private_urls, time_budget)
        _WORKER["key"] = key
    return [_check_one(job) for job in jobs]


def _chunk_size(sources: int, workers: int) -> int:
    """Sources per task: several tasks per worker (for balance), at most 16 sources each (a
    task per source costs the scheduler more than many articles take to check)."""
    return max(1, min(16, sources // (max(1, workers) * 4)))


def _chunks(work: list, workers: int) -> list[list]:
    size = _chunk_size(len(work), workers)
    return [work[at:at + size] for at in range(0, len(work), size)]


def check_sources(sources: Sequence[str], *, db: str | None, rule_dirs: Sequence[str] = (),
                  published: date | None = None, jobs: int = 1, scheduler: str | None = None,
                  extract_only: bool = False, cache: Cache = NO_CACHE,
                  progress: Callable[[int], None] | None = None,
                  allow_private_urls: bool | Sequence[str] = False,
                  time_budget: float | None = None,
                  after_load: Callable[[], None] | None = None) -> Iterator[SourceResult]:
    """Results in the order of ``sources``, as they become available; ``cache`` is handed to
    every worker's :class:`~factcheck.checker.Checker`. URLs may reach private addresses only
    with ``allow_private_urls`` (True, or the networks allowed; see
    :func:`factcheck.sources.fetch.fetch_article`). ``time_budget`` (seconds per source, None
    for none) cuts a source short: its document says so in ``incomplete``.

    ``after_load`` (a module-level function, so that worker processes can receive it) is called
    in every process that checks sources, here or in a worker, once its checker is loaded (see
    :meth:`~factcheck.checker.Checker.load`); the command line freezes the loaded objects there.
    Dask workers, which may run other work, never get it."""
    work = [(source, published) for source in sources]
    rule_dirs = tuple(str(d) for d in rule_dirs)
    allow = allow_private_urls if isinstance(allow_private_urls, bool) else tuple(allow_private_urls)
    if scheduler:
        yield from _on_dask(work, scheduler, db, rule_dirs, extract_only, cache, progress, allow,
                            time_budget)
        return
    if jobs <= 1 or len(work) <= 1:
        _init_worker(db, rule_dirs, extract_only, cache, allow, time_budget, after_load)
        for job in work:
            result = _check_one(job)
            if progress:
                progress(1)
            yield result
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(db, rule_dirs, extract_only, cache, allow, time_budget, after_load)) as pool:
        for result in pool.map(_check_one, work, chunksize=_chunk_size(len(work), jobs)):
            if progress:
                progress(1)
            yield result


def _on_dask(work, scheduler: str, db, rule_dirs, extract_only, cache, progress,
             allow_private_urls=False, time_budget=None) -> Iterator[SourceResult]:
    try:
        from distributed import Client
    except ImportError:
        raise FactcheckError("--scheduler needs Dask: pip install 'factcheck[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except OSError as exc:
        raise FactcheckError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        workers = len(client.scheduler_info().get("workers", {})) or 1
        futures = client.map(_dask_task, _chunks(work, workers), db=db, rule_dirs=rule_dirs,
                             extract_only=extract_only, cache=cache,
                             allow_private_urls=allow_private_urls, time_budget=time_budget,
                             pure=False)
        for future in futures:
            for result in future.result():
                if progress:
                    progress(1)
                yield result
    finally:
        client.close()
