import { describe, expect, it } from 'vitest';
import { catalogPayload } from './catalog';
import { nodeTypes } from './node-catalog';

describe('catalogPayload', () => {
  it('describes every node type with a JSON Schema config and survives JSON round trips', () => {
    const payload = catalogPayload();
    expect(payload.nodeTypes.map((n) => n.type)).toEqual([...nodeTypes]);
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
    const ifNode = payload.nodeTypes.find((n) => n.type === 'condition.if');
    expect(ifNode?.defaultHandles).toEqual(['true', 'false']);
    expect(JSON.stringify(ifNode?.configSchema)).toContain('"condition"');
  });

  it('lists fields with their operators', () => {
    const payload = catalogPayload();
    expect(payload.fields.find((f) => f.id === 'customer.lifetimeSpend')).toMatchObject({
      type: 'number',
      valueKind: 'money',
      group: 'behavioural',
    });
    expect(payload.operators.set).toContain('contains_any');
    expect(payload.operatorDetails.between).toEqual({ label: 'is between', value: 'pair' });
  });

  it('names the recursive condition schema so forms can follow the reference', () => {
    const ifNode = catalogPayload().nodeTypes.find((n) => n.type === 'condition.if');
    expect(ifNode?.configSchema).toMatchObject({ properties: { condition: { $ref: '#/$defs/Condition' } } });
  });
});
