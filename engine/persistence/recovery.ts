/**
 * What opening a data directory decides from its two journals and snapshots, before anything is replayed: whether
 * they are whole (damage is refused, never believed), and which entries hold after a crash (a crash between the two
 * journals' writes can leave one ahead of the other: its later entries were never acknowledged and are cut).
 */
import { damaged } from './damage.ts';
import type { JournalEntry, JournalScan } from './journal.ts';
import type { SnapshotManifest } from './snapshot-store.ts';

export type Side = 'store' | 'headquarters';
const SIDES = [['store', 'headquarters'], ['headquarters', 'store']] as const;

/** A side's lowdb file and the snapshot its manifest names (null: none yet). */
export interface SideFile { path: string; snapshot: Pick<SnapshotManifest, 'seq' | 'journals'> | null }

/**
 * Refuses journals that are not whole: missing, starting after what their snapshot holds, ending before their
 * snapshot (a snapshot is written only once both journals are on disk up to it), before the seq the manifests
 * recorded on disk, or before the seq the other journal's last entry says was on disk. A crash loses only what was
 * never on disk, so none of these is a crash. Throws DamagedData naming the file.
 */
export function checkJournals(scans: Record<Side, JournalScan>, files: Record<Side, SideFile>): void {
  for (const [side, other] of SIDES) {
    const scan = scans[side];
    const snapshot = files[side].snapshot;
    const seq = snapshot?.seq ?? 0;
    if (!scan.exists) throw damaged(scan.path, `it is missing, and ${files[side].path} holds a chain`);
    if (scan.last > 0 && scan.first > seq + 1) {
      const from = snapshot === null ? 'there is no snapshot' : `the snapshot ${files[side].path} names holds seqs up to ${seq}`;
      throw damaged(`${scan.path} line 1`, `it starts at seq ${scan.first}, but ${from}: seqs ${seq + 1}..${scan.first - 1} are missing`);
    }
    if (scan.last < seq) {
      throw damaged(scan.path, `it ends at seq ${scan.last}, behind the snapshot ${files[side].path} names (seq ${seq}), which is never written ahead of its journal: the journal was cut or replaced`);
    }
    for (const manifest of [files.store, files.headquarters]) {
      const mark = manifest.snapshot?.journals[side] ?? 0;
      if (scan.last < mark) throw damaged(scan.path, `it ends at seq ${scan.last}, but ${manifest.path} recorded seq ${mark} on disk when its snapshot was taken: the journal was cut or replaced`);
    }
    const said = scans[other].lastEntry;
    if (said?.otherOnDisk !== undefined && scan.last < said.otherOnDisk) {
      const line = said.seq - scans[other].first + 1;
      throw damaged(scan.path, `it ends at seq ${scan.last}, but ${scans[other].path} line ${line} says seq ${said.otherOnDisk} was on disk: the journal was cut or replaced`);
    }
  }
}

/**
 * The entries of each journal that hold: those that follow (`after`) only entries the other journal holds, from the
 * snapshots on (what a snapshot holds followed only entries on disk). A crash between the two journals' writes can
 * leave one ahead of the other; its entries past what the other holds are cut off, and so, in turn, are the other's
 * entries that followed those. Entries at or before a side's snapshot may be left out of `journals`.
 */
export function consistentCut(journals: Record<Side, readonly JournalEntry[]>, snapshots: Record<Side, number>): Record<Side, number> {
  const keep: Record<Side, number> = {
    store: Math.max(snapshots.store, journals.store.at(-1)?.seq ?? 0),
    headquarters: Math.max(snapshots.headquarters, journals.headquarters.at(-1)?.seq ?? 0),
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const [side, other] of SIDES) {
      const broken = journals[side].find((e) => e.seq > snapshots[side] && e.seq <= keep[side] && (e.after ?? 0) > keep[other]);
      if (broken !== undefined) {
        keep[side] = broken.seq - 1;
        changed = true;
      }
    }
  }
  return keep;
}
