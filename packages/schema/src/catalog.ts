import { z } from 'zod';
import { fieldCatalog, operatorsByType } from './fields';
import { nodeDefinition, nodeTypes } from './node-catalog';
import { operatorDetails } from './operator-details';

/** One node type as `GET /api/catalog` describes it; `configSchema` is JSON Schema. */
export interface CatalogNodeType {
  type: string;
  kind: string;
  label: string;
  description: string;
  category: string;
  icon: string;
  configSchema: unknown;
  defaultConfig: unknown;
  /** Handles of the default config (a switch's depend on its cases). */
  defaultHandles: string[];
  eventFields: readonly string[];
}

/** The `GET /api/catalog` body: everything the palette and the forms are built from. */
export interface CatalogPayload {
  nodeTypes: CatalogNodeType[];
  fields: typeof fieldCatalog;
  /** Operators valid per field type. */
  operators: typeof operatorsByType;
  /** Label and value shape per operator. */
  operatorDetails: typeof operatorDetails;
}

let cached: CatalogPayload | undefined;

/** Builds (once) the JSON-serialisable catalog: node types with JSON Schema configs, fields, operators. */
export function catalogPayload(): CatalogPayload {
  cached ??= {
    nodeTypes: nodeTypes.map((type) => {
      const d = nodeDefinition(type);
      return {
        type: d.type,
        kind: d.kind,
        label: d.label,
        description: d.description,
        category: d.category,
        icon: d.icon,
        configSchema: z.toJSONSchema(d.configSchema, { io: 'input', unrepresentable: 'any' }),
        defaultConfig: d.defaultConfig,
        // Handle functions read only what defaults carry (a switch's cases), so defaults need not be valid.
        defaultHandles: d.handles(d.defaultConfig as never),
        eventFields: d.eventFields,
      };
    }),
    fields: fieldCatalog,
    operators: operatorsByType,
    operatorDetails,
  };
  return cached;
}
