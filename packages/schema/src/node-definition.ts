import { z } from 'zod';
import type { Condition } from './condition';
import type { IssueCode } from './issues';

/** The three kinds of node on the canvas. */
export type NodeKind = 'trigger' | 'condition' | 'action';

/** The handle id of nodes with a single output. An edge without `sourceHandle` leaves from it. */
export const NEXT_HANDLE = 'next';

/**
 * What the catalog knows about one node type: its form (config schema + defaults), its outputs
 * (handles, which may depend on the config: one per switch case) and, for triggers, the event
 * fields it makes available to conditions.
 */
export interface NodeDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  kind: NodeKind;
  label: string;
  description: string;
  /** Palette section. */
  category: string;
  /** Icon name (lucide). */
  icon: string;
  configSchema: S;
  defaultConfig: z.input<S>;
  /** Output handle ids for a valid config, in display order. */
  handles(config: z.output<S>): string[];
  /** Event field ids this trigger carries; empty for other kinds. */
  eventFields: readonly string[];
  /** The condition trees inside a valid config, with their paths, for field/operator checks. */
  conditions?(config: z.output<S>): { path: (string | number)[]; condition: Condition }[];
  /** Checks beyond the schema (e.g. distinct switch cases); codes are issue codes. */
  refine?(config: z.output<S>): { code: IssueCode; message: string; path: (string | number)[] }[];
}

/** Identity helper that keeps the literal type and the config schema's type. */
export function defineNode<T extends string, S extends z.ZodType>(definition: NodeDefinition<T, S>) {
  return definition;
}

/** Re-entry policy of a trigger: every time, once per customer, or once per N days. */
export const ReentrySchema = z.union([
  z.literal('always'),
  z.literal('once'),
  z.strictObject({ days: z.number().int().min(1).max(3650) }),
]);
/** Re-entry policy of a trigger. */
export type Reentry = z.infer<typeof ReentrySchema>;

/** Config keys every trigger shares. */
export const triggerBaseConfig = { reentry: ReentrySchema.default('always') };

/** A single `next` output. */
export const singleOutput = () => [NEXT_HANDLE];
