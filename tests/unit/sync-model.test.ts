/**
 * The seeded model of team sync (tests/support/sync-model.ts) against the real team
 * server: three browsers, random changes, syncs and faults, checked after every round.
 *
 *   SYNC_MODEL_SEED=<seed>    replay a run (a failure prints its seed and round)
 *   SYNC_MODEL_ROUNDS=<n>     rounds to run (200 by default)
 */
import { expect, it } from 'vitest';
import { describeStats, runSyncModel, seedFromEnv } from '../support/sync-model';

const seed = seedFromEnv(process.env.SYNC_MODEL_SEED);
const rounds = Number(process.env.SYNC_MODEL_ROUNDS ?? 200);

it(`converges with nothing lost or doubled over ${rounds} seeded rounds (seed ${seed})`, async () => {
  const stats = await runSyncModel({ seed, rounds, stopOnFailure: true });
  console.log(describeStats(stats));
  expect(stats.rounds).toBe(rounds);
  expect({ lost: stats.lost, duplicated: stats.duplicated, diverged: stats.diverged, other: stats.other }).toEqual({ lost: 0, duplicated: 0, diverged: 0, other: 0 });
  // The faults did happen.
  if (rounds >= 100) {
    expect(stats.faults.lostPushAnswer + stats.faults.doublePush + stats.faults.offline + stats.faults.stopBetweenPullPages).toBeGreaterThan(0);
    expect(stats.duplicateAnswers).toBeGreaterThan(0);
    expect(stats.refusedLocally.forbidden).toBeGreaterThan(0);
  }
}, 180_000);
