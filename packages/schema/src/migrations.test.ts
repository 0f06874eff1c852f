import { describe, expect, it } from 'vitest';
import { migrateGraph, parseStoredGraph } from './migrations';
import { CURRENT_SCHEMA_VERSION } from './workflow';

describe('migrateGraph', () => {
  it('treats a graph without schemaVersion as version 0 and moves node data into config', () => {
    const legacy = {
      nodes: [{ id: 'a', type: 'action.assign_group', position: { x: 1, y: 2 }, data: { group: 'VIP' } }],
      edges: [],
    };
    expect(migrateGraph(legacy)).toEqual({
      ok: true,
      fromVersion: 0,
      graph: {
        schemaVersion: 1,
        nodes: [{ id: 'a', type: 'action.assign_group', position: { x: 1, y: 2 }, config: { group: 'VIP' } }],
        edges: [],
      },
    });
  });

  it('leaves current graphs untouched', () => {
    const current = { schemaVersion: CURRENT_SCHEMA_VERSION, nodes: [], edges: [] };
    expect(migrateGraph(current)).toEqual({ ok: true, fromVersion: CURRENT_SCHEMA_VERSION, graph: current });
  });

  it('refuses versions from the future and non-objects, without throwing', () => {
    expect(migrateGraph({ schemaVersion: 2 })).toMatchObject({
      ok: false,
      issues: [{ code: 'schema_version_unsupported' }],
    });
    expect(migrateGraph({ schemaVersion: '1' })).toMatchObject({
      ok: false,
      issues: [{ code: 'schema_version_unsupported' }],
    });
    expect(migrateGraph([])).toMatchObject({ ok: false, issues: [{ code: 'invalid_graph' }] });
  });
});

describe('parseStoredGraph', () => {
  it('migrates then parses, reporting shape problems with their path', () => {
    const result = parseStoredGraph({
      schemaVersion: 1,
      nodes: [{ id: 'a', type: 't', position: { x: 'left', y: 0 }, config: {} }],
      edges: [],
    });
    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'invalid_graph', path: ['nodes', 0, 'position', 'x'] }],
    });
  });
});
