import type { RedisServer } from './redis-server';
import type { SimulationResult } from './simulated-provider';

/**
 * Faults timed by the run's progress (answers seen), so that they land mid-run whatever the machine's speed:
 * Redis frozen with SIGSTOP for `stallMs`, then, `killAfter` answers later, killed with SIGKILL and started
 * again after `downMs`. Bounded: `finish()` ends whatever is still under way, so Redis is always left running.
 */
export function scheduleFaults(redis: RedisServer, plan: { stallAfter: number; stallMs: number; killAfter: number; downMs: number }) {
  let answers = 0;
  let step: 'before' | 'stalled' | 'between' | 'down' | 'over' = 'before';
  let resumedAt = 0;
  let restarted: Promise<unknown> = Promise.resolve();
  const timers: Array<ReturnType<typeof setTimeout>> = [];

  const resume = () => {
    if (step !== 'stalled') return;
    redis.resume();
    resumedAt = answers;
    step = 'between';
  };
  const restart = () => {
    if (step !== 'down') return;
    step = 'over';
    restarted = redis.start();
  };
  return {
    onAnswer(): void {
      answers += 1;
      if (step === 'before' && answers >= plan.stallAfter) {
        step = 'stalled';
        redis.pause();
        timers.push(setTimeout(resume, plan.stallMs));
      } else if (step === 'between' && answers >= resumedAt + plan.killAfter) {
        step = 'down';
        restarted = redis.stop().then(() => timers.push(setTimeout(restart, plan.downMs)));
      }
    },
    /** Which faults happened, for the assertion that the run did meet them. */
    get reached(): string {
      return step;
    },
    async finish(): Promise<void> {
      timers.forEach(clearTimeout);
      resume();
      await restarted;
      restart();
      await restarted;
    },
  };
}

export interface FaultRow {
  setup: string;
  events: number;
  lost: number;
  handledTwice: number;
  gaveUp: number;
  answers409: number;
  answers503: number;
}

/** Counts, from each event's side effects and the provider's answers, what a fault run cost. */
export function faultRow(setup: string, ids: string[], effects: Map<string, number>, result: SimulationResult): FaultRow {
  const times = ids.map((id) => effects.get(id) ?? 0);
  return {
    setup,
    events: ids.length,
    lost: times.filter((count) => count === 0).length,
    handledTwice: times.filter((count) => count > 1).length,
    gaveUp: result.gaveUp,
    answers409: result.statuses['409'] ?? 0,
    answers503: result.statuses['503'] ?? 0,
  };
}

/** The rows as a fixed-width table. */
export function faultTable(rows: FaultRow[]): string {
  const head = ['setup', 'events', 'lost', 'handled twice', 'given up', '409s', '503s'];
  const cells = rows.map((row) => [row.setup, row.events, row.lost, row.handledTwice, row.gaveUp, row.answers409, row.answers503].map(String));
  const widths = head.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const line = (values: string[]) => values.map((value, column) => (column === 0 ? value.padEnd(widths[0]!) : value.padStart(widths[column]!))).join(' | ');
  return [line(head), widths.map((width) => '-'.repeat(width)).join('-|-'), ...cells.map(line)].join('\n');
}
