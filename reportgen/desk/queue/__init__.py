"""The work queue: review jobs claimed by a conditional UPDATE, leased and renewed, given up after a bounded number
of claims, and a department's place in the queue with its estimate (jobs); a worker process that reviews them (worker);
how many workers the machine runs (jobs.worker_count). Built on the record (reportgen.desk.record)."""
