import type { ComponentType } from 'react';
import type { Catalog } from '../../catalog/catalog-model';

/** Props every node form gets from the inspector. */
export interface NodeFormProps {
  nodeId: string;
  nodeType: string;
  config: Record<string, unknown>;
  onChange: (config: Record<string, unknown>) => void;
  catalog: Catalog;
}

/** One node type's web layer: its icon, default config, card summary and inspector form. */
export interface NodeDefinition {
  icon: string;
  defaultConfig: () => Record<string, unknown>;
  /** One line for the node card, in the marketer's words ("Lifetime spend > $5,000"). */
  summarize: (config: Record<string, unknown>, catalog: Catalog | undefined) => string;
  Form: ComponentType<NodeFormProps>;
}
