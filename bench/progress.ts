/** One line per step on stderr, with the time since the bench started; stdout stays for the table. */
export type Progress = (message: string) => void;

export function stderrProgress(started = performance.now()): Progress {
  return (message) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
    process.stderr.write(`[${seconds}s] ${message}\n`);
  };
}

/** Reports `done/total` about every quarter of the way, for loops long enough to need it. */
export function counter(progress: Progress, label: string, total: number): (done: number) => void {
  const step = Math.max(1, Math.ceil(total / 4));
  return (done) => {
    if (done % step === 0 && done < total) progress(`${label}: ${done}/${total}`);
  };
}
