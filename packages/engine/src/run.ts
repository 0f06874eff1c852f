import { NEXT_HANDLE } from '@segflow/schema';
import type { Plan, PlanNode } from './compile';
import type { CustomerFacts } from './facts';
import type { ExecContext, HandlerResult } from './handlers/handler';
import type { EnginePorts } from './ports';
import type { ResumeInput, ResumeState, RunInput, RunResult, StepRecord } from './run-types';

/**
 * Runs a plan for one event and customer: starts at the first trigger of `input.triggerType` whose
 * filter passes (several triggers may share a type, e.g. two segments), walks
 * depth first along the handles each node returns, and records one step per executed node. Each node
 * runs at most once per run. Deterministic given the ports (the clock included). A wait suspends the
 * whole run (`status: 'waiting'`); a failing port fails it.
 */
export async function run(plan: Plan, input: RunInput, ports: EnginePorts): Promise<RunResult> {
  const steps: StepRecord[] = [];
  for (const trigger of plan.triggers) {
    if (trigger.type !== input.triggerType) continue;
    const node = plan.nodes.get(trigger.nodeId)!;
    const startedAt = ports.clock.now();
    const result = await execute(node, input, ports, startedAt);
    steps.push(toStep(node, result, startedAt, ports.clock.now()));
    if (result.status === 'failed') return { status: 'failed', steps };
    if (result.status !== 'ok') continue; // a filtered trigger is a recorded skip; try the next one
    const visited = new Set([node.id]);
    return walk(plan, input, ports, [...(node.next.get(result.handle) ?? [])], visited, steps);
  }
  return { status: 'completed', steps };
}

/**
 * Continues a waiting run on the same plan (the version it started on): the wait step completes,
 * then the pending nodes run with the customer's facts as they are now.
 */
export async function resume(
  plan: Plan,
  { state, customer }: ResumeInput,
  ports: EnginePorts,
): Promise<RunResult> {
  const input = inputOf(state, customer);
  const waitNode = plan.nodes.get(state.waitNodeId);
  const at = ports.clock.now();
  const steps: StepRecord[] = [];
  if (waitNode) {
    steps.push({
      nodeId: waitNode.id,
      type: waitNode.type,
      status: 'ok',
      handle: NEXT_HANDLE,
      startedAt: at,
      finishedAt: at,
    });
  }
  return walk(plan, input, ports, [...state.pending], new Set(state.visited), steps);
}

function inputOf(state: ResumeState, customer: CustomerFacts): RunInput {
  const { storeId, runId, triggerType, event, timeZone } = state;
  return { storeId, runId, triggerType, event, timeZone, customer };
}

async function walk(
  plan: Plan,
  input: RunInput,
  ports: EnginePorts,
  pending: string[],
  visited: Set<string>,
  steps: StepRecord[],
): Promise<RunResult> {
  while (pending.length > 0) {
    const nodeId = pending.shift()!;
    const node = plan.nodes.get(nodeId);
    if (!node || visited.has(nodeId)) continue;
    visited.add(nodeId);
    const startedAt = ports.clock.now();
    const result = await execute(node, input, ports, startedAt);
    const step = toStep(node, result, startedAt, ports.clock.now());
    steps.push(step);
    if (result.status === 'failed') return { status: 'failed', steps };
    const handle = result.status === 'waiting' ? NEXT_HANDLE : result.handle;
    const successors = handle === null ? [] : (node.next.get(handle) ?? []);
    if (result.status === 'waiting') {
      const resumeState: ResumeState = {
        version: 1,
        storeId: input.storeId,
        runId: input.runId,
        triggerType: input.triggerType,
        event: input.event,
        timeZone: input.timeZone ?? 'UTC',
        customerId: input.customer.id,
        waitNodeId: node.id,
        pending: [...successors, ...pending],
        visited: [...visited],
      };
      return { status: 'waiting', steps, wait: { nodeId: node.id, dueAt: result.dueAt, resumeState } };
    }
    pending.unshift(...successors);
  }
  return { status: 'completed', steps };
}

async function execute(
  node: PlanNode,
  input: RunInput,
  ports: EnginePorts,
  now: Date,
): Promise<HandlerResult> {
  const exec: ExecContext = {
    nodeId: node.id,
    input,
    customer: input.customer,
    evalContext: { now, event: input.event },
    ports,
    timeZone: input.timeZone ?? 'UTC',
  };
  try {
    return await node.execute(exec);
  } catch (error) {
    // Handlers return failures as values; a throw here is a bug, still recorded on the step.
    return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}

function toStep(node: PlanNode, result: HandlerResult, startedAt: Date, finishedAt: Date): StepRecord {
  const step: StepRecord = { nodeId: node.id, type: node.type, status: result.status, startedAt, finishedAt };
  if ('handle' in result && result.handle !== null) step.handle = result.handle;
  if ('output' in result && result.output !== undefined) step.output = result.output;
  if (result.status === 'failed') step.error = result.error;
  if (result.status === 'skipped') step.skipReason = result.skipReason;
  return step;
}
