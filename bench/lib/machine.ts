/** One line about the machine a figure was taken on: other work running beside a benchmark shows in its figures. */
import { cpus, loadavg } from 'node:os';

export function machineLine(): string {
  const [one, five] = loadavg();
  return `machine: ${cpus().length} CPUs, load average ${one!.toFixed(1)} (1 min), ${five!.toFixed(1)} (5 min) at the start`;
}
