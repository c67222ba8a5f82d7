"""Document rows of loaded dataset rows: queued by the loads, derived in SQL before the events refresh.

A batch load queues its doc ids (``pending_documents``); a direct load queues its rows as one
row-id range (``pending_rows``). :func:`derive_documents` then writes one document row per
queued doc id from all stored mentions of that doc id, so the result does not depend on how
rows were split across files, batches or calls.
"""
from __future__ import annotations

from typing import Any

from .merge import scalar


def insert_documents(con: Any, batch: str) -> None:
    """Store the document rows of the registered table ``batch`` (in the caller's transaction): one
    per doc id ('ok' before 'failed', then the most mentions, then the origin); a stored 'failed'
    row is replaced, a stored 'ok' one kept (a retry may succeed; a success is never undone).

    Set-based, without a key: the failed rows the batch retries are deleted, then the batch's rows
    whose doc id is not stored are inserted by an anti join. ``documents`` has no key (see
    ``ddl``); in a store made with one, the key only checks what the anti join already ensures."""
    con.execute(f"DELETE FROM documents WHERE status = 'failed' AND doc_id IN (SELECT doc_id FROM {batch})")
    con.execute(f"""INSERT INTO documents SELECT * FROM (SELECT DISTINCT ON (doc_id) * FROM {batch}
                    ORDER BY doc_id, status DESC, n_mentions DESC, origin) ANTI JOIN documents USING (doc_id)""")


def queue_rows(con: Any, first: int, end: int, dataset: str | None) -> None:
    """Queue the doc ids of the mention rows with row ids from ``first`` to ``end`` (exclusive) for
    :func:`derive_documents`, in the caller's transaction: the rows a direct load appended (a
    committed append keeps the row ids after the stored rows, and mentions are never deleted).
    One row, where queueing each distinct doc id grouped every new row's doc id inside the load's
    transaction, beside its uncommitted rows (0.05 CPU-s at 1M GDELT rows, 0.7-0.8 at 4M)."""
    con.execute("INSERT INTO pending_rows VALUES (?, ?, ?)", [first, end, dataset])


def derive_documents(con: Any) -> None:
    """Document rows for the doc ids of loaded dataset rows (queued in ``pending_documents`` and
    ``pending_rows``), each from all stored mentions of that doc id, in one transaction; coded
    documents are kept.

    Stored rows are updated and new ones inserted as two statements rather than one upsert
    (``ON CONFLICT DO UPDATE`` regrouped every row by doc id: 1.8 against 1.4 CPU-s for the
    227,000 documents of 1M GDELT rows, and its rows went through the write-ahead log). Each keeps
    per document the row id of its first mention, whose outlet, URL and origin are then read by
    row id. When the queue is one row range (a direct load), the rows are grouped by doc id once,
    over the range (:func:`_range_rows`); else the queued doc ids are grouped first and every
    stored mention of them joined and grouped (:func:`_queued_rows`).
    """
    if not scalar(con, "SELECT (SELECT count(*) FROM pending_documents) + (SELECT count(*) FROM pending_rows)"):
        return
    con.begin()
    try:
        ranges = con.execute("SELECT first_rid, end_rid, max(dataset) FROM pending_rows GROUP BY ALL").fetchall()
        if len(ranges) == 1 and not scalar(con, "SELECT count(*) FROM pending_documents"):
            lo, hi, dataset = int(ranges[0][0]), int(ranges[0][1]), ranges[0][2]
            alone = lo == 0 and hi >= scalar(con, "SELECT count(*) FROM mentions")
            rows, params = (lambda stored: _range_rows(lo, hi, stored, alone=alone)), [dataset]
        else:
            pending = _pending_doc_ids(ranges)
            rows, params = (lambda stored: _queued_rows(pending, stored)), []
        if scalar(con, "SELECT count(*) FROM documents WHERE dataset <> 'flashpoint'"):  # else none to update
            con.execute(f"""UPDATE documents d SET dataset = x.dataset, origin = x.origin, published = x.published,
                                source_name = x.source_name, url = x.url, n_mentions = x.n
                            FROM ({rows("SEMI JOIN (SELECT doc_id FROM documents WHERE dataset <> 'flashpoint')")}) x
                            WHERE d.doc_id = x.doc_id AND d.dataset <> 'flashpoint'""", params)
        con.execute(f"""INSERT INTO documents
                        SELECT doc_id, dataset, origin, published, source_name, url, 'ok', NULL, NULL, n, NULL
                        FROM ({rows("ANTI JOIN documents")})""", params)
        con.execute("DELETE FROM pending_documents")
        con.execute("DELETE FROM pending_rows")
        con.commit()
    except Exception:
        con.rollback()
        raise


def _pending_doc_ids(ranges: list[tuple[Any, ...]]) -> str:
    """The queued (doc_id, dataset) pairs as a relation: those of ``pending_documents`` and the doc
    ids of the row ranges ``ranges`` (first, end, dataset; read by row id: a range prunes the other
    row groups)."""
    parts = ["SELECT doc_id, dataset FROM pending_documents"] + [
        f"""SELECT doc_id, {_literal(dataset)} AS dataset FROM mentions
            WHERE rowid >= {int(lo)} AND rowid < {int(hi)}""" for lo, hi, dataset in ranges]
    return " UNION ALL ".join(parts)


def _literal(value: str | None) -> str:
    return "NULL::VARCHAR" if value is None else "'" + value.replace("'", "''") + "'"


_FIELDS = "min(published) AS published, count(*) AS n, arg_min(rowid, mention_id) AS rid"


def _range_rows(lo: int, hi: int, stored: str, *, alone: bool) -> str:
    """The document rows (as :func:`_queued_rows`) of the doc ids of the mention rows with row ids
    from ``lo`` to ``hi``, the dataset given as the statement's one parameter.

    The range's rows are grouped by doc id once (the queued path groups the doc ids, joins every
    stored mention with them and groups again: at 4M GDELT rows three passes over 908,000 doc ids
    of about 100 characters). With ``alone`` the range holds every stored mention (a first load);
    else the mentions outside it that share a doc id with it are grouped too, and the two parts
    combined: the earliest day, the counts summed, the first mention the smaller of the two."""
    inside = f"FROM mentions WHERE rowid >= {lo} AND rowid < {hi} AND doc_id IS NOT NULL GROUP BY doc_id"
    if alone:
        grouped = f"SELECT doc_id, {_FIELDS} {inside}"
    else:  # mid: each part's first mention id, to choose between them
        grouped = f"""WITH r AS MATERIALIZED (SELECT doc_id, {_FIELDS}, min(mention_id) AS mid {inside}),
            o AS (SELECT doc_id, {_FIELDS}, min(mention_id) AS mid FROM mentions WHERE (rowid < {lo} OR rowid >= {hi})
                  AND doc_id IN (SELECT doc_id FROM r) GROUP BY doc_id)
            SELECT r.doc_id, least(r.published, o.published) AS published, r.n + coalesce(o.n, 0) AS n,
                   CASE WHEN o.mid < r.mid THEN o.rid ELSE r.rid END AS rid
            FROM r LEFT JOIN o USING (doc_id)"""
    return f"""SELECT a.doc_id, coalesce(CAST(? AS VARCHAR), m.origin) AS dataset, m.origin, a.published,
                      m.source_name, m.url, a.n::INTEGER AS n
        FROM (SELECT * FROM ({grouped}) {stored} USING (doc_id)) a JOIN mentions m ON m.rowid = a.rid"""


def _queued_rows(pending: str, stored: str) -> str:
    """The document rows of the doc ids of ``pending`` (a relation of doc_id, dataset) kept by
    ``stored`` (a join with ``documents``):
    doc_id, dataset, origin, published, source_name, url and n (mentions); the fields of the
    first mention (smallest id) of each."""
    return f"""SELECT m.doc_id, coalesce(a.dataset, m.origin) AS dataset, m.origin, a.published, m.source_name, m.url, a.n
        FROM (SELECT m.doc_id, p.dataset, min(published) AS published, count(*)::INTEGER AS n,
                     arg_min(m.rowid, mention_id) AS rid
              FROM mentions m JOIN (SELECT * FROM (SELECT doc_id, max(dataset) AS dataset FROM ({pending})
                                                   GROUP BY doc_id) {stored} USING (doc_id)) p USING (doc_id)
              GROUP BY m.doc_id, p.dataset) a JOIN mentions m ON m.rowid = a.rid"""
