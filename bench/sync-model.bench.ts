/*
 * Team sync under faults, at length: the seeded model of tests/support/sync-model.ts (the
 * same driver and checks as tests/unit/sync-model.test.ts) run for many rounds against a
 * real team server over PGlite. Three browsers (two agents, a supervisor) make random
 * changes, sync at random and suffer lost push answers, doubled pushes, time offline,
 * engines stopped between pull pages, server restarts and clocks a day off; after every
 * round the team heals and is checked against the model. Prints the rounds, operations,
 * faults by kind, the lost and duplicated changes (both should be 0) and the time taken.
 *
 *   npx tsx bench/sync-model.bench.ts
 *
 * Environment: BENCH_SYNC_ROUNDS (default 10000), SYNC_MODEL_SEED (replay a run; random
 * otherwise, and printed). Exits 1 when a change was lost or duplicated or browsers diverged.
 */
import { describeStats, FAULT_KINDS, runSyncModel, seedFromEnv } from '../tests/support/sync-model';

const rounds = Number(process.env.BENCH_SYNC_ROUNDS ?? 10_000);
const seed = seedFromEnv(process.env.SYNC_MODEL_SEED);

async function main() {
  console.log(`Sync model: ${rounds} rounds, seed ${seed} (replay with SYNC_MODEL_SEED=${seed})`);
  const started = performance.now();
  const every = Math.max(1, Math.round(rounds / 10));
  const stats = await runSyncModel({
    seed,
    rounds,
    stopOnFailure: false,
    // Every record everywhere every 500 rounds; the records a round changed after every round.
    fullCheckEvery: 500,
    // Small rounds (a few steps, then healing and checking), so ten thousand of them take minutes.
    stepsPerRound: [1, 4],
    onProgress: (round, s) => {
      if (round % every !== 0 || round === rounds) return;
      const seconds = (performance.now() - started) / 1000;
      console.log(`  … round ${round}: ${seconds.toFixed(0)} s, lost ${s.lost}, duplicated ${s.duplicated}, diverged ${s.diverged}`);
    },
  });
  const operations = Object.values(stats.operations).reduce((a, b) => a + b, 0);
  const faults = Object.values(stats.faults).reduce((a, b) => a + b, 0);
  console.log(describeStats(stats));
  console.log(`  rounds run: ${stats.rounds}`);
  console.log(`  operations: ${operations}`);
  console.log(`  faults injected: ${faults} (${FAULT_KINDS.map((k) => `${k} ${stats.faults[k]}`).join(', ')})`);
  console.log(`  lost changes: ${stats.lost}`);
  console.log(`  duplicated changes: ${stats.duplicated}`);
  console.log(`  time: ${(stats.ms / 1000).toFixed(1)} s (${(stats.ms / Math.max(1, stats.rounds)).toFixed(1)} ms a round)`);
  if (stats.lost + stats.duplicated + stats.diverged + stats.other > 0) {
    console.error(`✖ the team lost, doubled or disagreed on changes (first in round ${stats.failedRound}; replay with SYNC_MODEL_SEED=${seed} SYNC_MODEL_ROUNDS=${stats.failedRound})`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
