/**
 * Signals a child's whole process group (children are spawned detached, so the group id
 * is the child's pid): grandchildren get the signal too and none is orphaned.
 * Returns false when nothing was left to signal.
 */
export function killProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // Fall back to the process alone (e.g. EPERM on an odd platform).
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}
