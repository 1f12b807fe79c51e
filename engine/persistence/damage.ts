/**
 * Damage found when a data directory opens: a file changed, cut short, missing or out of step with the others.
 * Nothing is believed or repaired: opening is refused with one line that names the file, where in it, what is wrong
 * and what to do.
 */
export class DamagedData extends Error {
  override name = 'DamagedData';
}

const REMEDY = 'restore the data directory from a backup (all its files together), or move it aside to start a new chain';

/** `where` is the file, with its line when there is one. */
export function damaged(where: string, problem: string, remedy = REMEDY): DamagedData {
  return new DamagedData(`${where}: ${problem}: ${remedy}`);
}
