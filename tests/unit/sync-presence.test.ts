import { describe, expect, it } from 'vitest';
import { PresenceBoard } from '@/utils/sync/presence';
import { PRESENCE_IDLE_MS } from '@/utils/sync/wire';

const event = (memberId: string, memberName: string, postKey: string, replying: boolean) => ({
  type: 'presence' as const,
  memberId,
  memberName,
  postKey,
  replying,
  at: '2026-11-24T10:00:00.000Z',
});

describe('who is replying', () => {
  it('shows colleagues replying on a post until they stop, never this browser’s own member', () => {
    let now = 0;
    const board = new PresenceBoard(() => 'me', () => now);
    expect(board.update(event('me', 'Me', 'x:1', true))).toBeNull();
    expect(board.update(event('ken', 'Ken', 'x:1', true))).toEqual({ postKey: 'x:1', names: ['Ken'] });
    expect(board.update(event('aiko', 'Aiko', 'x:1', true))).toEqual({ postKey: 'x:1', names: ['Ken', 'Aiko'] });
    now = 1000;
    expect(board.update(event('ken', 'Ken', 'x:1', true))).toBeNull(); // a refresh changes nothing shown
    expect(board.snapshot()).toEqual([{ postKey: 'x:1', names: ['Ken', 'Aiko'] }]);
    expect(board.update(event('ken', 'Ken', 'x:1', false))).toEqual({ postKey: 'x:1', names: ['Aiko'] });
    expect(board.update(event('aiko', 'Aiko', 'x:1', false))).toEqual({ postKey: 'x:1', names: [] });
    expect(board.snapshot()).toEqual([]);
  });

  it('forgets a reply left open after two idle minutes', () => {
    let now = 0;
    const board = new PresenceBoard(() => null, () => now);
    board.update(event('ken', 'Ken', 'x:1', true));
    now = 60_000;
    board.update(event('aiko', 'Aiko', 'x:2', true));
    now = PRESENCE_IDLE_MS;
    expect(board.expire()).toEqual([{ postKey: 'x:1', names: [] }]);
    expect(board.snapshot()).toEqual([{ postKey: 'x:2', names: ['Aiko'] }]);
    expect(board.clear()).toEqual([{ postKey: 'x:2', names: [] }]);
    expect(board.snapshot()).toEqual([]);
  });
});
