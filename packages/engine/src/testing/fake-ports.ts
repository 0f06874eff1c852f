import type { ActionContext, ActionOutcome, ActionPorts, Clock, EnginePorts } from '../ports';

/** A clock that stands still until told to move. */
export interface FakeClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

/** A controllable clock starting at `start`. */
export function fakeClock(start: Date | string = '2026-01-01T00:00:00Z'): FakeClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** One recorded port call. */
export interface RecordedCall {
  port: keyof ActionPorts;
  nodeId: string;
  idempotencyKey: string;
  request: unknown;
}

/** Ports that record every action call; outcomes default to done and can be overridden per port. */
export interface RecordingPorts extends EnginePorts {
  clock: FakeClock;
  calls: RecordedCall[];
}

/** Options of {@link fakePorts}. */
export interface FakePortsOptions {
  now?: Date | string;
  /** Per-port behaviour; return an outcome or throw to simulate an infrastructure failure. */
  outcomes?: Partial<Record<keyof ActionPorts, (ctx: ActionContext, request: unknown) => ActionOutcome>>;
  /** What a done action reports as output (default: the request). */
  output?: (port: keyof ActionPorts, request: unknown) => unknown;
}

const portNames = [
  'assignGroup',
  'addTags',
  'removeTags',
  'setAttribute',
  'sendEmail',
  'createCoupon',
  'httpRequest',
  'notifyTeam',
] as const satisfies readonly (keyof ActionPorts)[];

/** Fake ports for tests: a fake clock and action ports that record calls and act on nothing. */
export function fakePorts(options: FakePortsOptions = {}): RecordingPorts {
  const calls: RecordedCall[] = [];
  const actions = Object.fromEntries(
    portNames.map((port) => [
      port,
      async (ctx: ActionContext, request: unknown): Promise<ActionOutcome> => {
        calls.push({ port, nodeId: ctx.nodeId, idempotencyKey: ctx.idempotencyKey, request });
        const custom = options.outcomes?.[port];
        if (custom) return custom(ctx, request);
        return { status: 'done', output: options.output ? options.output(port, request) : request };
      },
    ]),
  ) as unknown as ActionPorts;
  return { clock: fakeClock(options.now), actions, calls };
}
