import { describe, expect, it } from 'vitest';
import { waitDueAt } from './action-wait';

const at = (iso: string) => new Date(iso);

describe('waitDueAt', () => {
  it('adds durations to the clock time', () => {
    expect(waitDueAt({ minutes: 90 }, at('2026-05-10T14:00:00Z'), 'UTC').toISOString()).toBe(
      '2026-05-10T15:30:00.000Z',
    );
    expect(waitDueAt({ hours: 1 }, at('2026-05-10T14:00:00Z'), 'UTC').toISOString()).toBe(
      '2026-05-10T15:00:00.000Z',
    );
    expect(waitDueAt({ days: 2 }, at('2026-05-10T14:00:00Z'), 'UTC').toISOString()).toBe(
      '2026-05-12T14:00:00.000Z',
    );
  });

  it('waits until the next wall-clock time in the store time zone', () => {
    // 08:00 in Chicago (CDT, UTC-5) is 13:00Z; at 12:00Z it is still today.
    expect(
      waitDueAt({ until: { time: '08:00' } }, at('2026-05-10T12:00:00Z'), 'America/Chicago').toISOString(),
    ).toBe('2026-05-10T13:00:00.000Z');
    // Past 08:00 local: tomorrow.
    expect(
      waitDueAt({ until: { time: '08:00' } }, at('2026-05-10T13:00:00Z'), 'America/Chicago').toISOString(),
    ).toBe('2026-05-11T13:00:00.000Z');
  });

  it('waits until a weekday and time, across a DST change', () => {
    // Friday 2026-03-06 in New York (EST); next Monday 09:00 is after the switch to EDT (UTC-4).
    expect(
      waitDueAt(
        { until: { weekday: 'monday', time: '09:00' } },
        at('2026-03-06T15:00:00Z'),
        'America/New_York',
      ).toISOString(),
    ).toBe('2026-03-09T13:00:00.000Z');
    // Same weekday, time already past: a week later.
    expect(
      waitDueAt(
        { until: { weekday: 'friday', time: '09:00' } },
        at('2026-03-06T15:00:00Z'),
        'America/New_York',
      ).toISOString(),
    ).toBe('2026-03-13T13:00:00.000Z');
  });

  it('falls back to UTC for an unknown time zone', () => {
    expect(
      waitDueAt({ until: { time: '09:00' } }, at('2026-05-10T08:00:00Z'), 'Mars/Olympus').toISOString(),
    ).toBe('2026-05-10T09:00:00.000Z');
  });
});
