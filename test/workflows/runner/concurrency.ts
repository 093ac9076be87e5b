// Concurrency groups as GitHub applies them: one running job per group. A new arrival either waits in
// order (`queue: max`) or, by default, replaces the one pending job, which is cancelled.

export type QueueMode = 'single' | 'max';

interface Group {
  running: boolean;
  waiting: Array<{ resolve: (outcome: 'run' | 'cancelled') => void }>;
}

export interface ConcurrencyRecord {
  group: string;
  job: string;
  outcome: 'run' | 'cancelled';
  waited: boolean;
}

export class ConcurrencyGroups {
  private readonly groups = new Map<string, Group>();
  readonly records: ConcurrencyRecord[] = [];

  /** Waits for the group; 'cancelled' when GitHub would cancel this pending job. Call release() after a run. */
  async acquire(group: string, job: string, mode: QueueMode): Promise<'run' | 'cancelled'> {
    let state = this.groups.get(group);
    if (!state) {
      state = { running: false, waiting: [] };
      this.groups.set(group, state);
    }
    if (!state.running) {
      state.running = true;
      this.records.push({ group, job, outcome: 'run', waited: false });
      return 'run';
    }
    if (mode === 'single') {
      // Only one job may be pending: the one already waiting is cancelled in favour of the newcomer.
      for (const pending of state.waiting.splice(0)) pending.resolve('cancelled');
    }
    const outcome = await new Promise<'run' | 'cancelled'>((resolve) => state.waiting.push({ resolve }));
    this.records.push({ group, job, outcome, waited: true });
    return outcome;
  }

  release(group: string): void {
    const state = this.groups.get(group);
    if (!state) return;
    const next = state.waiting.shift();
    if (next) next.resolve('run');
    else state.running = false;
  }
}
