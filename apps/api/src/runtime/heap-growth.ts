import v8 from 'node:v8';

/**
 * How much V8 lets the old generation grow past what survived the last full GC before it runs
 * the next one, in percent, for the standalone worker (imported first by `worker.ts`).
 *
 * Left to itself V8 picks a factor between 1.1 and 4 from how fast the old generation fills
 * compared with how fast it marks (up to 4 when the process may use ≥ 2 GB, the default on any
 * machine with ≥ 8 GB). The worker keeps ~30 MB live, but each claimed batch holds its rows,
 * facts and pg queries across round trips, so ~4-5 MB/s still reach the old generation at ~600
 * events/s: V8 chose 2.3-4 there, and always 4 after start-up (module loading fills it fast), so
 * the heap grew to ~100-115 MB, mostly garbage, between full GCs: the peak RSS of
 * `pnpm bench pipeline` (`--trace-gc-verbose` prints the factors). At 2 a full GC comes every
 * ~6-10 s at 50-65 MB and costs ~10-15 ms of pause with this live set; peak RSS ~190-200 instead
 * of ~230-250 MB, executions/s and worker CPU per execution unchanged within the noise of a shared
 * machine (apps/api/README.md). 50 % (factor 1.5) gave ~180 MB but a full GC every ~2.5 s.
 * V8 reads the flag whenever it recomputes its limits, so setting it at run time takes effect from
 * the next GC; this module runs before the others are evaluated, so the start-up GCs use it.
 */
const HEAP_GROWING_PERCENT = 100;

v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
