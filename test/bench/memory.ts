/**
 * Peak memory from Linux's /proc, for the benchmark. `VmHWM` is a process's peak resident set
 * size; writing 5 to /proc/<pid>/clear_refs resets it, so a peak can be taken around one piece of work.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const MIB = 2 ** 20;

function statusKib(pid: number | 'self', field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Resets this process's peak RSS; false when the kernel does not allow it. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** This process's peak RSS in MiB since start or the last reset, or null off Linux. */
export function peakRssMiB(pid: number | 'self' = 'self'): number | null {
  const kib = statusKib(pid, 'VmHWM');
  return kib === null ? null : kib / 1024;
}

/** Process ids of every descendant of `root` whose command line contains `marker`. */
export function descendants(root: number, marker: string): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may contain spaces and parentheses: the parent id follows the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  return [...parent.keys()].filter((pid) => {
    if (!isDescendant(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
    } catch {
      return false;
    }
  });
}

/** Chromium renderer processes started by this process (Playwright launches Chromium as a child). */
export const rendererPids = (): number[] => descendants(process.pid, '--type=renderer');

export const toMiB = (bytes: number): number => bytes / MIB;
