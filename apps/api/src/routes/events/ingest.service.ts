import { StoreEventSchema } from '@segflow/schema';
import { AppError } from '../../errors';
import type { EventRepository, ValidEvent } from './events.repository';

/** Most events one request may carry. */
export const MAX_BATCH = 1000;

/** A rejected event: its index in the batch, its id when readable, and field-level issues. */
export interface RejectedEvent {
  index: number;
  id?: string;
  issues: { path: string; message: string }[];
}

/** The 202 answer of `POST /events`. */
export interface IngestResult {
  accepted: string[];
  duplicates: string[];
  rejected: RejectedEvent[];
}

function pathOf(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    prefix,
  );
}

function validate(raw: unknown, index: number, prefix: string): ValidEvent | RejectedEvent {
  const parsed = StoreEventSchema.safeParse(raw);
  if (parsed.success) return parsed.data as ValidEvent;
  const id = (raw as { id?: unknown } | null)?.id;
  return {
    index,
    ...(typeof id === 'string' ? { id } : {}),
    issues: parsed.error.issues.map((issue) => ({
      path: pathOf(prefix, issue.path),
      message: issue.message,
    })),
  };
}

/** Splits a body (one event or `{events}`) into valid events and rejections. */
export function parseEventBody(body: Record<string, unknown>): {
  valid: ValidEvent[];
  rejected: RejectedEvent[];
  isBatch: boolean;
} {
  const isBatch = 'events' in body;
  const raw = isBatch ? body.events : body;
  if (isBatch && !Array.isArray(raw)) throw new AppError('validation_failed', 'events: expected an array');
  const list = isBatch ? (raw as unknown[]) : [raw];
  if (list.length === 0) throw new AppError('validation_failed', 'events: the batch is empty');
  if (list.length > MAX_BATCH) {
    throw new AppError(
      'validation_failed',
      `events: at most ${MAX_BATCH} events per request (got ${list.length})`,
    );
  }
  const valid: ValidEvent[] = [];
  const rejected: RejectedEvent[] = [];
  list.forEach((item, index) => {
    const result = validate(item, index, isBatch ? `events[${index}]` : 'body');
    if ('issues' in result) rejected.push(result);
    else valid.push(result);
  });
  return { valid, rejected, isBatch };
}

/**
 * Validates and stores events at a causal depth (0 for outside events). A bad event never blocks
 * the good ones of its batch; a request whose every event is invalid answers 400 naming index and field.
 */
export async function ingestEvents(
  repo: EventRepository,
  storeId: string,
  body: Record<string, unknown>,
  depth = 0,
): Promise<IngestResult> {
  const { valid, rejected, isBatch } = parseEventBody(body);
  if (valid.length === 0) {
    const first = rejected[0]?.issues[0];
    throw new AppError('validation_failed', first ? `${first.path}: ${first.message}` : 'No valid event', {
      rejected,
    });
  }
  const seen = new Set<string>();
  const unique = valid.filter((event) => !seen.has(event.id) && seen.add(event.id));
  const inserted = await repo.insert(storeId, unique, depth);
  const accepted: string[] = [];
  const duplicates: string[] = [];
  for (const event of valid) {
    if (inserted.has(event.id)) {
      accepted.push(event.id);
      inserted.delete(event.id);
    } else duplicates.push(event.id);
  }
  return { accepted, duplicates, rejected: isBatch ? rejected : [] };
}
