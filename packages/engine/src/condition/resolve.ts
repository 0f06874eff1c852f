import { ATTRIBUTE_PREFIX } from '@segflow/schema';
import { attributeAccess, customerFields, eventFields, type FieldAccess } from './field-access';

/** The reader (and SQL) of a scalar field id; throws on an unknown id (validation lets none through). */
export function fieldAccess(field: string): FieldAccess {
  const access = customerFields[field] ?? eventFields[field];
  if (access) return access;
  if (field.startsWith(ATTRIBUTE_PREFIX)) return attributeAccess(field.slice(ATTRIBUTE_PREFIX.length));
  throw new Error(`Unknown field "${field}"`);
}
